import type { BadgeTone } from "../components/ui";
import type { Capability, Integration, ObjectKind, OperationClass, PiiClass, SourceKind } from "../api/types";

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
  interface: "violet",
  union: "violet",
  enum: "warning",
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
  error: "danger",
};
