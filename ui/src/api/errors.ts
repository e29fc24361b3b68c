/**
 * Stable error codes of the core (`bindery_api::ErrorCode`, snake_case on the wire). Screens branch
 * on these, never on message text. Client-side codes live in `platform/errors.ts`.
 */
export const ErrorCodes = {
  validationError: "validation_error",
  unauthorized: "unauthorized",
  insufficientScope: "insufficient_scope",
  providerNotFound: "provider_not_found",
  providerNotDiscovered: "provider_not_discovered",
  objectNotFound: "object_not_found",
  routeNotFound: "route_not_found",
  methodNotAllowed: "method_not_allowed",
  providerAlreadyExists: "provider_already_exists",
  unsupportedSourceKind: "unsupported_source_kind",
  sourceNotFound: "source_not_found",
  sourceInvalid: "source_invalid",
  sourceUnreadable: "source_unreadable",
  workspaceUnavailable: "workspace_unavailable",
  internalError: "internal_error",
} as const;
