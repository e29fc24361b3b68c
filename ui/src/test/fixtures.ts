import type { CatalogEntry, Integration, ObjectDetail, ObjectHit, ObjectPage } from "../api/types";

export const demoIntegration: Integration = {
  kind: "demo_fieldservice",
  displayName: "Field service (demo)",
  sourceKind: "sqlite",
  status: "discovered",
  location: "/home/me/.bindery/demo/fieldservice.sqlite",
  demo: true,
  createdAt: "2025-11-20T10:00:00Z",
  discoveredAt: "2025-11-20T10:00:02Z",
  summary: { objectCount: 9, fieldCount: 74, edgeCount: 11, operationCount: 31 },
  fingerprint: "sha256:4f1c2a9b7e0d11aa",
};

export const catalog: CatalogEntry[] = [
  {
    kind: "sqlite",
    displayName: "SQLite database",
    category: "Database",
    blurb: "Any SQLite file on this machine.",
    authMode: "none",
    sourceKind: "sqlite",
    actionCount: 0,
    hasPack: false,
    connected: false,
    connectable: true,
    fields: [
      { name: "kind", label: "Name", type: "text", required: true, help: "A short name for URLs and skills" },
      { name: "path", label: "Database file", type: "path", required: true, help: "The .db, .sqlite or .sqlite3 file" },
    ],
  },
  {
    kind: "google_calendar",
    displayName: "Google Calendar",
    category: "Scheduling",
    blurb: "Calendars and events.",
    authMode: "oauth2",
    sourceKind: "google-discovery",
    actionCount: 3,
    hasPack: true,
    connected: false,
    connectable: false,
    fields: [],
  },
];

export function hit(name: string, extra: Partial<ObjectHit> = {}): ObjectHit {
  return {
    name,
    kind: "table",
    capabilities: ["read", "list", "create", "update"],
    fieldCount: 8,
    relationshipCount: 2,
    operationCount: 4,
    ...extra,
  };
}

export const demoObjects: ObjectHit[] = [
  hit("appointments"),
  hit("customers", { fieldCount: 9, relationshipCount: 3, operationCount: 6 }),
  hit("invoices"),
  hit("jobs"),
  hit("properties"),
  hit("technicians"),
  hit("open_jobs", { kind: "view", capabilities: ["read", "list"], operationCount: 1 }),
];

/** A list_objects handler over `objects`: substring search on names and `phone`-like field hits, cursor = offset. */
export function pagedObjects(objects: ObjectHit[], fieldsByObject: Record<string, string[]> = {}) {
  return (args: Record<string, unknown>): ObjectPage => {
    const q = String(args.q ?? "").toLowerCase();
    const limit = Number(args.limit ?? 100);
    const offset = args.cursor ? Number(args.cursor) : 0;
    const matches = objects
      .map((o) => {
        if (!q || o.name.includes(q)) return o;
        const fields = (fieldsByObject[o.name] ?? []).filter((f) => f.includes(q));
        return fields.length ? { ...o, matchedFields: fields } : null;
      })
      .filter((o): o is ObjectHit => o !== null);
    const items = matches.slice(offset, offset + limit);
    const next = offset + limit;
    return {
      items,
      hasMore: next < matches.length,
      ...(next < matches.length ? { nextCursor: String(next) } : {}),
      total: matches.length,
    };
  };
}

export const customersDetail: ObjectDetail = {
  object: {
    name: "customers",
    kind: "table",
    description: "People and companies that book jobs.",
    capabilities: ["read", "list", "create", "update"],
    primaryKey: ["id"],
    origin: "main.customers",
    fields: [
      { name: "id", type: { kind: "scalar", scalar: "integer" }, required: true, nullable: false, nativeType: "INTEGER", pii: "none", sensitive: false, origin: "main.customers.id" },
      { name: "full_name", type: { kind: "scalar", scalar: "string" }, required: true, nullable: false, nativeType: "TEXT", pii: "contact", sensitive: false, origin: "main.customers.full_name" },
      { name: "phone", type: { kind: "scalar", scalar: "string", format: "e164" }, required: false, nullable: true, nativeType: "TEXT", pii: "contact", sensitive: false, origin: "main.customers.phone", description: "Mobile number, E.164" },
      { name: "status", type: { kind: "enum", values: ["active", "inactive"] }, required: true, nullable: false, default: "'active'", nativeType: "TEXT", pii: "none", sensitive: false, origin: "main.customers.status" },
      { name: "card_token", type: { kind: "scalar", scalar: "string" }, required: false, nullable: true, nativeType: "TEXT", pii: "financial", sensitive: true, origin: "main.customers.card_token" },
      { name: "referred_by", type: { kind: "scalar", scalar: "integer" }, required: false, nullable: true, nativeType: "INTEGER", pii: "none", sensitive: false, origin: "main.customers.referred_by" },
      { name: "tags", type: { kind: "list", of: { kind: "scalar", scalar: "string" } }, required: false, nullable: true, pii: "none", sensitive: false, origin: "main.customers.tags" },
    ],
    indexes: [
      { name: "customers_pkey", columns: ["id"], unique: true, origin: "primaryKey" },
      { name: "idx_customers_phone", columns: ["phone"], unique: true, origin: "unique" },
      { name: "idx_customers_status_name", columns: ["status", "full_name"], unique: false, origin: "index" },
    ],
  },
  relationships: [
    { direction: "outgoing", fields: ["referred_by"], otherObject: "customers", otherFields: ["id"], cardinality: "one", source: "foreignKey", joinable: true },
    { direction: "incoming", fields: ["id"], otherObject: "properties", otherFields: ["customer_id"], cardinality: "many", source: "foreignKey", joinable: true },
    { direction: "incoming", fields: ["id"], otherObject: "jobs", otherFields: ["customer_id"], cardinality: "many", source: "inferred", joinable: false },
  ],
  operations: [
    {
      id: "sql:select:main.customers.by_phone",
      title: "Find customer by phone",
      object: "customers",
      class: "read",
      idempotent: true,
      transport: "native_sql",
      arguments: [{ name: "phone", type: { kind: "scalar", scalar: "string", format: "e164" }, required: true, location: "column", indexed: true, leadingIndex: true }],
      returns: { kind: "list", of: { kind: "object", object: "customers" } },
      limit: 10,
    },
    {
      id: "sql:insert:main.customers",
      title: "Create customer",
      object: "customers",
      class: "create",
      idempotent: false,
      transport: "native_sql",
      arguments: [
        { name: "full_name", type: { kind: "scalar", scalar: "string" }, required: true, location: "column" },
        { name: "phone", type: { kind: "scalar", scalar: "string", format: "e164" }, required: false, location: "column" },
      ],
      inputObject: "customers",
    },
  ],
};
