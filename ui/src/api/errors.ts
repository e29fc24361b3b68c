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
  oauthFlowInProgress: "oauth_flow_in_progress",
  unsupportedSourceKind: "unsupported_source_kind",
  sourceNotFound: "source_not_found",
  sourceInvalid: "source_invalid",
  sourceUnreadable: "source_unreadable",
  sourceRefused: "source_refused",
  sourceUnreachable: "source_unreachable",
  credentialsMissing: "credentials_missing",
  vaultUnavailable: "vault_unavailable",
  credentialsUnreadable: "credentials_unreadable",
  needsReconnect: "needs_reconnect",
  oauthNotApproved: "oauth_not_approved",
  workspaceUnavailable: "workspace_unavailable",
  internalError: "internal_error",
  agentNotFound: "agent_not_found",
  skillNotFound: "skill_not_found",
  versionNotFound: "version_not_found",
  duplicateToolName: "duplicate_tool_name",
  bindingInvalid: "binding_invalid",
  skillBroken: "skill_broken",
  skillNotValid: "skill_not_valid",
  approvalRequired: "approval_required",
  publishConflict: "publish_conflict",
} as const;

/**
 * What a person can do about an error, by code: shown under the core's own message. Codes
 * without an entry show the message alone.
 */
export const errorHints: Readonly<Record<string, string>> = {
  [ErrorCodes.credentialsMissing]:
    "Bindery has no stored secret for this provider any more (it was connected before secrets were sealed in the vault, or the secret was removed). Connect it again and type its password or key.",
  [ErrorCodes.vaultUnavailable]:
    "Bindery seals every password, key and token with a master key kept outside the workspace: in the OS keyring, or where you choose (a key file only you can read, or an environment variable). Choose where the key lives, then connect again. Nothing was stored.",
  [ErrorCodes.credentialsUnreadable]:
    "The stored secrets do not open with the current master key (the key was changed or lost). Disconnect the provider and connect it again.",
  [ErrorCodes.needsReconnect]:
    "The provider no longer accepts the stored sign-in (it was revoked or has expired). Reconnect it: sign in again in your browser.",
  [ErrorCodes.oauthNotApproved]:
    "The sign-in was not approved: it timed out, was denied or was cancelled. Nothing was stored. Retry and approve in the page Bindery opens in your browser.",
  [ErrorCodes.sourceRefused]:
    "The database refused the login: check the user and password, and that the login may read this database (the least-privilege login scripts grant what Bindery needs).",
  [ErrorCodes.approvalRequired]:
    "This skill changes data, so it is enabled only once someone approves its current content. Approve it first, then enable it.",
  [ErrorCodes.skillBroken]:
    "A change in the provider's schema broke this skill. Update its binding and approve it again; until then it cannot be approved, enabled, published or tried.",
  [ErrorCodes.skillNotValid]:
    "The binding no longer validates against the provider's newest schema or its data scoping. Update the binding first.",
  [ErrorCodes.publishConflict]: "Another publish of this agent took the same version number at the same moment. Publish again.",
  [ErrorCodes.sourceUnreachable]:
    "Bindery could not reach the server: check the host and port, that the server is running and accepts connections from this machine, and the TLS setting.",
};

export function errorHint(code: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(errorHints, code) ? errorHints[code] : undefined;
}
