// Wire types of the core's API (camelCase JSON), shared by the Tauri commands and `/api/v1`.

export type SourceKind = "sqlite" | "postgres" | "mysql" | "openapi" | "google-discovery" | "graphql";

export interface CatalogField {
  name: string;
  label: string;
  type: "text" | "path" | "password" | "url" | "textarea";
  required: boolean;
  help?: string;
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
}

export interface Summary {
  objectCount: number;
  fieldCount: number;
  edgeCount: number;
  operationCount: number;
}

export interface Integration {
  kind: string;
  displayName: string;
  sourceKind: SourceKind;
  status: "connected" | "discovered" | "error";
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
  credentials: Record<string, string>;
}

export interface ConnectResult {
  kind: string;
  status: "connected";
  sourceKind: SourceKind;
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
  origin: string;
}

export interface Index {
  name: string;
  columns: string[];
  unique: boolean;
  partial?: boolean;
  origin: "index" | "unique" | "primaryKey";
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
}

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
  source: "foreignKey" | "ref" | "graphqlField" | "inferred";
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
  description?: string;
  tags?: string[];
}

export interface ObjectDetail {
  object: SchemaObject;
  relationships: Relationship[];
  operations: Operation[];
}
