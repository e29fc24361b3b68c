// Wire types of the core's API (camelCase JSON), shared by the Tauri commands and `/api/v1`.

export type SourceKind = "sqlite" | "postgres" | "mysql" | "openapi" | "google-discovery" | "graphql";

export interface CatalogField {
  name: string;
  label: string;
  type: "text" | "path" | "password" | "url" | "textarea" | "select";
  required: boolean;
  help?: string;
  /** `select` fields: the choices; the first one is the default. */
  options?: string[];
  /** A value to prefill (the port "5432"). */
  default?: string;
}

export interface CatalogEntry {
  kind: string;
  displayName: string;
  category: string;
  blurb: string;
  authMode: "oauth2" | "api_key" | "basic" | "sql" | "none";
  sourceKind: SourceKind | null;
  actionCount: number;
  hasPack: boolean;
  connected: boolean;
  connectable: boolean;
  fields: CatalogField[];
  /** `oauth2`: the provider's endpoints and scopes (the person brings the client id/secret). */
  oauth?: CatalogOAuth;
  /** `api_key`: where the key goes on each request. */
  apiKey?: { in: "header" | "query"; name: string; field: string; prefix?: string };
  /** The API's base URL; `{field}` placeholders are filled from the connect form. */
  baseUrl?: string;
  /** The call that proves a connection works, and where the account's name is in its answer. */
  verify?: { method: string; path: string; accountLabel?: string };
  /** Where the schema is discovered from once connected. */
  schema?: { sourceKind: SourceKind; url: string };
}

export interface CatalogOAuth {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl?: string;
  scopes: string[];
  scopeSeparator: string;
  extraAuthorizeParams?: Record<string, string>;
}

export interface Summary {
  objectCount: number;
  fieldCount: number;
  edgeCount: number;
  operationCount: number;
}

/**
 * `connected` (never discovered), `discovered`, or `needs_reconnect`: the provider no longer
 * accepts the stored sign-in (see `statusDetail`); connecting it again fixes it.
 */
export type IntegrationStatus = "connected" | "discovered" | "needs_reconnect" | "error";

export interface Integration {
  kind: string;
  displayName: string;
  sourceKind: SourceKind;
  status: IntegrationStatus;
  /** Why, for `needs_reconnect`. */
  statusDetail?: string;
  /** Who the connection is (`my-store`, `ann@example.com`), when the provider says. */
  accountLabel?: string;
  /** The catalog entry it was connected from, when the core says (Reconnect opens that entry). */
  catalog?: string;
  location: string;
  demo: boolean;
  createdAt: string;
  discoveredAt: string | null;
  summary: Summary | null;
  fingerprint: string | null;
}

export interface ConnectRequest {
  sourceKind: SourceKind;
  displayName?: string;
  /**
   * The catalog entry to connect when it describes its own API (`google_calendar`, `shopify`):
   * the provider's name may differ from the entry's kind.
   */
  catalog?: string;
  credentials: Record<string, string>;
}

export interface ConnectResult {
  kind: string;
  /**
   * `connected`; `reconnected` when a provider was connected again (settings and secrets
   * replaced, scoping and snapshots kept); `pending` while an OAuth sign-in waits for the person
   * to approve in their browser (`oauthUrl`; then `complete_connect`).
   */
  status: "connected" | "reconnected" | "pending";
  sourceKind: SourceKind;
  /** `pending`: the page the person opens to approve. Not a secret, but never stored. */
  oauthUrl?: string;
  /** Who the connection is, from the verification call. */
  accountLabel?: string;
  /** Desktop only, with `oauthUrl`: whether the shell opened the system browser on it. */
  browserOpened?: boolean;
}

/** `cancel_connect`: whether a sign-in was waiting (and is now stopped). */
export interface CancelResult {
  kind: string;
  cancelled: boolean;
}

/** What disconnecting did at the provider. */
export type Revocation = "revoked" | "notSupported" | "failed" | "none";

/** `disconnect_integration`: nothing of the provider is left in the workspace. */
export interface DisconnectResult {
  kind: string;
  status: "disconnected";
  /**
   * `revoked` (the provider confirmed), `notSupported` (no revocation endpoint), `failed` (see
   * `revocationError`) or `none` (no tokens to revoke).
   */
  revocation: Revocation;
  revocationError?: string;
}

/** `connection_health`: whether the stored credentials still work. */
export interface ConnectionHealth {
  kind: string;
  status: "ok" | "needs_reconnect" | "error";
  /** For people. */
  detail: string;
  /** The error code when not ok. */
  code?: string;
}

/** Why the vault cannot be used (`vault/keyring-unavailable`, `vault/key-file-permissions`, …). */
export interface VaultProblem {
  code: string;
  message: string;
}

/** `vault_status`: where the master key lives and whether it can be used. Never the key. */
export interface VaultInfo {
  /** `keyring`, `file:<path>` or `env:<VARIABLE>`. */
  keySource: string;
  /** `default` (nothing chosen: the keyring), `workspace` (saved here) or `environment` (BINDERY_VAULT_KEY_SOURCE). */
  chosenBy: "default" | "workspace" | "environment";
  ready: boolean;
  /** Fingerprint of the master key, when ready. */
  keyId?: string;
  /** For a keyring: which one (`Secret Service`, …). */
  keyringStore?: string;
  keyringReachable: boolean;
  /** Why the keyring is not reachable. */
  keyringDetail?: string;
  problem?: VaultProblem;
  /** Sealed credentials in the workspace. */
  credentialCount: number;
  /** A key file path to suggest (absolute), when the core offers one. */
  suggestedKeyFile?: string;
}

/** `set_vault_key_source`. */
export interface VaultChoice {
  /** `keyring`, `file:<absolute path>` or `env:<VARIABLE>`. */
  keySource: string;
}

export interface Diagnostic {
  code: string;
  severity: "info" | "warning" | "error";
  message: string;
  path?: string;
  help?: string;
}

export interface DiscoverResult extends Summary {
  discoveredAt: string;
  fingerprint: string;
  diagnostics: Diagnostic[];
}

export type FieldType =
  | { kind: "scalar"; scalar: string; format?: string }
  | { kind: "enum"; values: string[] }
  | { kind: "object"; object: string }
  | { kind: "list"; of: FieldType }
  | { kind: "unknown"; raw: string };

export type PiiClass =
  | "none"
  | "contact"
  | "address"
  | "government_id"
  | "financial"
  | "health"
  | "credential"
  | "dob";

export interface Field {
  name: string;
  type: FieldType;
  required: boolean;
  nullable: boolean;
  description?: string;
  default?: string;
  nativeType?: string;
  pii: PiiClass;
  sensitive: boolean;
  /** The deprecation reason; present = deprecated. */
  deprecated?: string;
  /** GraphQL: the field's own arguments, in source order. */
  arguments?: Argument[];
  /** GraphQL: the field is a Relay connection; `type` is then `list<Node>`. */
  connection?: FieldConnection;
  /** A field with a special part; such fields are never projected. */
  role?: FieldRole;
  origin: string;
}

/** How a Relay connection field reaches its nodes. */
export interface FieldConnection {
  /** The connection type (`IssueConnection`). */
  object: string;
  /** The selection path from the connection to one node: `edges.node` or `nodes`. */
  path: string;
}

/** `userErrors`: a mutation payload's report of why a write was refused. */
export type FieldRole = "userErrors";

/** The part a GraphQL type plays in Relay cursor pagination. */
export type RelayRole = "connection" | "edge" | "pageInfo";

export interface EnumValue {
  name: string;
  description?: string;
  /** The deprecation reason; present = deprecated. */
  deprecated?: string;
}

export interface Index {
  name: string;
  columns: string[];
  unique: boolean;
  partial?: boolean;
  origin: "index" | "unique" | "primaryKey";
  /** Access method, lower case: `btree`, `hash`, `gin`, `gist`, `fulltext`, ... */
  method: string;
}

export type ObjectKind =
  | "table"
  | "view"
  | "materialized_view"
  | "resource"
  | "type"
  | "input"
  | "interface"
  | "union"
  | "enum";

export type Capability = "read" | "list" | "create" | "update" | "delete";

export interface SchemaObject {
  name: string;
  kind: ObjectKind;
  description?: string;
  capabilities: Capability[];
  fields: Field[];
  primaryKey?: string[];
  indexes?: Index[];
  /** Enumerations: the values in source order. */
  enumValues?: EnumValue[];
  /** GraphQL: the interfaces this type implements. */
  implements?: string[];
  /** GraphQL unions and interfaces: the member or implementing types. */
  members?: string[];
  /** GraphQL: a Relay pagination wrapper type. */
  relay?: RelayRole;
  origin: string;
}

export interface Schema {
  objects: SchemaObject[];
  [key: string]: unknown;
}

export interface ObjectHit {
  name: string;
  kind: ObjectKind;
  description?: string;
  capabilities: Capability[];
  fieldCount: number;
  relationshipCount: number;
  operationCount: number;
  matchedFields?: string[];
  relay?: RelayRole;
}

/** What `hide=` of the object list can leave out (GraphQL noise). */
export type ObjectHideFilter = "relay" | "input";

export interface ObjectPage {
  items: ObjectHit[];
  nextCursor?: string;
  hasMore: boolean;
  total: number;
}

export interface Relationship {
  direction: "outgoing" | "incoming";
  fields: string[];
  otherObject: string;
  otherFields: string[];
  cardinality: "one" | "many";
  source: "foreignKey" | "ref" | "graphqlField" | "inferred" | "implements" | "unionMember";
  joinable: boolean;
  name?: string;
}

export interface Argument {
  name: string;
  type: FieldType;
  required: boolean;
  location: "path" | "query" | "header" | "cookie" | "body" | "variable" | "column";
  indexed?: boolean;
  leadingIndex?: boolean;
  description?: string;
  /** Default value as the source writes it (GraphQL value syntax for GraphQL). */
  default?: string;
  /** The deprecation reason; present = deprecated. */
  deprecated?: string;
}

export type OperationClass = "read" | "create" | "update" | "delete";

export interface Operation {
  id: string;
  title: string;
  object?: string;
  class: OperationClass;
  idempotent: boolean;
  transport: "native_rest" | "native_graphql" | "native_sql" | "http_webhook";
  /** REST only: method and path template. */
  http?: { method: string; path: string };
  arguments: Argument[];
  inputObject?: string;
  returns?: FieldType;
  limit?: number;
  /** SQL: the index that makes the operation fast (`film_pkey`, `PRIMARY`, `rowid`). */
  index?: string;
  description?: string;
  tags?: string[];
  /** The deprecation reason; present = deprecated. */
  deprecated?: string;
}

export interface ObjectDetail {
  object: SchemaObject;
  relationships: Relationship[];
  operations: Operation[];
}

/** What a person blocked for a provider: gone from every browse answer. */
export interface Scoping {
  /** Object (table, view, type) names. */
  blockedTables: string[];
  /** `object.field`; object names may hold dots, so split at the last one. */
  blockedColumns: string[];
}

export interface ScopingResult extends Scoping {
  /** Objects still visible. */
  objectCount: number;
  /** Fields still visible. */
  fieldCount: number;
}

export interface SqlScriptsQuery {
  /** Required before the provider is connected. */
  database?: string;
  /** Comma-separated tables the write login may insert into and update. */
  tables?: string;
  password?: string;
  role?: string;
}

export interface SqlScript {
  engine: "postgres" | "mysql";
  /** The login the script creates. */
  role: string;
  /** Write script only. */
  tables?: string[];
  sql: string;
}

export interface SqlScripts {
  readOnly: SqlScript;
  write?: SqlScript;
  /** Generated for these scripts when none was passed; never stored by Bindery. */
  generatedPassword?: string;
}

/** The databases with login scripts and connection checks. */
export type SqlEngine = "postgres" | "mysql";

/** The body of `sql/test`: the same as connect's, credentials as strings (the port too). */
export interface SqlTestRequest {
  sourceKind: SqlEngine;
  credentials: Record<string, string>;
}

/** The checks of `sql/test`, in the order they run. */
export const SQL_CHECK_NAMES = [
  "settings",
  "hostResolves",
  "portReachable",
  "authentication",
  "tls",
  "serverVersion",
  "schemasVisible",
  "cannotWrite",
  "notSuperuser",
] as const;

export type SqlCheckName = (typeof SQL_CHECK_NAMES)[number];

/** `skipped`: not run because an earlier check it needs failed. */
export type SqlCheckStatus = "passed" | "failed" | "skipped";

export interface SqlCheck {
  /** One of `SQL_CHECK_NAMES`; a newer core may add others. */
  name: string;
  status: SqlCheckStatus;
  /** What was found, for people. Never holds the password. */
  detail: string;
  /** The error code of a failure, when there is one. */
  code?: string;
  elapsedMs: number;
}

export interface SqlTestResult {
  /** Every check passed. */
  ok: boolean;
  checks: SqlCheck[];
}
