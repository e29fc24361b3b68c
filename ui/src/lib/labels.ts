import type { BadgeTone } from "../components/ui";
import type { Capability, Integration, ObjectKind, OperationClass, PiiClass, RelayRole, SourceKind } from "../api/types";

export const objectKindLabel: Record<ObjectKind, string> = {
  table: "table",
  view: "view",
  materialized_view: "mat. view",
  resource: "resource",
  type: "type",
  input: "input",
  interface: "interface",
  union: "union",
  enum: "enum",
};

export const objectKindTone: Record<ObjectKind, BadgeTone> = {
  table: "accent",
  view: "teal",
  materialized_view: "teal",
  resource: "accent",
  type: "violet",
  input: "info",
  // Abstract GraphQL types are also drawn outlined (`.kind-badge-interface`, `.kind-badge-union`).
  interface: "violet",
  union: "teal",
  enum: "warning",
};

/** What each kind of object is, for the kind badge's tooltip. */
export const objectKindDescription: Record<ObjectKind, string> = {
  table: "Table",
  view: "View",
  materialized_view: "Materialized view",
  resource: "Resource (a schema of the API)",
  type: "Object type",
  input: "Input type: sent in arguments, never returned",
  interface: "Interface: an abstract type other types implement",
  union: "Union: one of several object types",
  enum: "Enumeration: a fixed set of values",
};

export const relayRoleLabel: Record<RelayRole, string> = {
  connection: "connection",
  edge: "edge",
  pageInfo: "pageInfo",
};

export const piiLabel: Record<PiiClass, string> = {
  none: "none",
  contact: "contact",
  address: "address",
  government_id: "government ID",
  financial: "financial",
  health: "health",
  credential: "credential",
  dob: "date of birth",
};

export const operationClassTone: Record<OperationClass, BadgeTone> = {
  read: "success",
  create: "info",
  update: "warning",
  delete: "danger",
};

export const capabilityOrder: Capability[] = ["read", "list", "create", "update", "delete"];

export const sourceKindLabel: Record<SourceKind, string> = {
  sqlite: "SQLite",
  postgres: "PostgreSQL",
  mysql: "MySQL",
  openapi: "OpenAPI",
  "google-discovery": "Google Discovery",
  graphql: "GraphQL",
};

export function sourceLabel(kind: string | null | undefined): string {
  if (!kind) return "—";
  return sourceKindLabel[kind as SourceKind] ?? kind;
}

export const statusTone: Record<Integration["status"], BadgeTone> = {
  connected: "info",
  discovered: "success",
  needs_reconnect: "warning",
  error: "danger",
};

/** The status badge's text. */
export const statusLabel: Record<Integration["status"], string> = {
  connected: "connected",
  discovered: "discovered",
  needs_reconnect: "needs reconnect",
  error: "error",
};
