import type { CatalogEntry, CatalogField } from "../../api/types";

/**
 * How a generic API (OpenAPI, GraphQL) authenticates is a field of its own (`authMode`, a select);
 * the fields that carry the credentials depend on it. The catalog lists them all; the connect
 * dialog shows only those of the chosen mode and sends only what it shows.
 */
export const AUTH_MODE_FIELD = "authMode";

/** Each authentication field and the modes that use it. Fields not listed here always show. */
const MODES_OF_FIELD: Readonly<Record<string, readonly string[]>> = {
  authHeader: ["api_key"],
  apiKey: ["api_key", "bearer"],
  username: ["basic"],
  password: ["basic"],
  authorizeUrl: ["oauth2"],
  tokenUrl: ["oauth2"],
  revokeUrl: ["oauth2"],
  scopes: ["oauth2"],
  clientId: ["oauth2"],
  clientSecret: ["oauth2"],
};

/** What each mode cannot do without (the core refuses the connect otherwise, `validation_error`). */
const REQUIRED_BY_MODE: Readonly<Record<string, readonly string[]>> = {
  api_key: ["apiKey"],
  bearer: ["apiKey"],
  basic: ["username", "password"],
  oauth2: ["authorizeUrl", "tokenUrl", "clientId"],
};

/** The select's choices, for people. Unknown values show as they are. */
export const authModeLabel: Readonly<Record<string, string>> = {
  none: "None",
  api_key: "API key in a header",
  bearer: "Bearer token",
  basic: "User name and password (HTTP Basic)",
  oauth2: "OAuth 2 (approve in your browser)",
};

/** Whether the entry lets the person choose how the API authenticates. */
export function hasAuthModeField(fields: readonly CatalogField[]): boolean {
  return fields.some((f) => f.name === AUTH_MODE_FIELD);
}

/**
 * The auth mode of the form: the chosen one when the entry has the `authMode` select (`none` until
 * chosen), else the entry's own (`sql`, `api_key`, …).
 */
export function authModeOf(entry: Pick<CatalogEntry, "authMode" | "fields">, values: Record<string, string>): string {
  return hasAuthModeField(entry.fields) ? values[AUTH_MODE_FIELD] || "none" : entry.authMode;
}

/** Whether `field` is an authentication field of some modes only. */
export function isAuthField(field: CatalogField): boolean {
  return field.name === AUTH_MODE_FIELD || Object.prototype.hasOwnProperty.call(MODES_OF_FIELD, field.name);
}

/**
 * The fields to show for `values`: all of them, except, when the entry has an `authMode` select,
 * the authentication fields of the other modes.
 */
export function visibleFields(fields: readonly CatalogField[], values: Record<string, string>): CatalogField[] {
  if (!hasAuthModeField(fields)) return [...fields];
  const mode = values[AUTH_MODE_FIELD] || "none";
  return fields.filter((f) => {
    const modes = Object.prototype.hasOwnProperty.call(MODES_OF_FIELD, f.name) ? MODES_OF_FIELD[f.name] : undefined;
    return modes === undefined || modes.includes(mode);
  });
}

/** Whether the form must have a value for `field` (the catalog says so, or the chosen mode needs it). */
export function isRequired(field: CatalogField, fields: readonly CatalogField[], values: Record<string, string>): boolean {
  if (field.required) return true;
  if (!hasAuthModeField(fields)) return false;
  return (REQUIRED_BY_MODE[values[AUTH_MODE_FIELD] || "none"] ?? []).includes(field.name);
}

/** A secret: write-only and masked; sealed in the vault by the core, never shown again. */
export const isSecret = (field: CatalogField): boolean => field.type === "password";
