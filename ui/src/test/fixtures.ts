import type { CatalogEntry, Integration, ObjectDetail, ObjectHit, ObjectPage, VaultInfo } from "../api/types";

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
      { name: "customers_pkey", columns: ["id"], unique: true, origin: "primaryKey", method: "btree" },
      { name: "idx_customers_phone", columns: ["phone"], unique: true, origin: "unique", method: "btree" },
      { name: "idx_customers_status_name", columns: ["status", "full_name"], unique: false, origin: "index", method: "btree" },
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

/** The catalog's PostgreSQL entry, as the core serves it. */
export const postgresEntry: CatalogEntry = {
  kind: "postgres",
  displayName: "PostgreSQL",
  category: "database",
  blurb: "Your own PostgreSQL database.",
  authMode: "none",
  sourceKind: "postgres",
  actionCount: 0,
  hasPack: false,
  connected: false,
  connectable: true,
  fields: [
    { name: "kind", label: "Name", type: "text", required: true },
    { name: "host", label: "Host", type: "text", required: true },
    { name: "port", label: "Port", type: "text", required: false, default: "5432", help: "TCP port (default 5432)." },
    { name: "database", label: "Database", type: "text", required: true },
    { name: "user", label: "User", type: "text", required: true },
    { name: "password", label: "Password", type: "password", required: false },
    { name: "sslmode", label: "TLS", type: "select", required: false, options: ["require", "verify-full", "verify-ca", "disable"] },
    { name: "schemas", label: "Schemas", type: "text", required: false },
  ],
};

/** The generic REST entry as the core's catalog has it: a document, and how the API authenticates. */
export const openapiEntry: CatalogEntry = {
  kind: "openapi",
  displayName: "REST API (OpenAPI / Swagger)",
  category: "api",
  blurb: "Any REST API with an OpenAPI description.",
  authMode: "none",
  sourceKind: "openapi",
  actionCount: 0,
  hasPack: false,
  connected: false,
  connectable: true,
  fields: [
    { name: "kind", label: "Name", type: "text", required: true },
    { name: "path", label: "Description file", type: "path", required: false },
    { name: "url", label: "Description URL", type: "url", required: false },
    { name: "text", label: "Pasted description", type: "textarea", required: false },
    { name: "authMode", label: "Authentication", type: "select", required: false, options: ["none", "api_key", "bearer", "basic", "oauth2"] },
    { name: "authHeader", label: "Key header", type: "text", required: false, default: "X-API-Key" },
    { name: "apiKey", label: "API key or token", type: "password", required: false },
    { name: "username", label: "User name", type: "text", required: false },
    { name: "password", label: "Password", type: "password", required: false },
    { name: "authorizeUrl", label: "Authorization URL", type: "url", required: false },
    { name: "tokenUrl", label: "Token URL", type: "url", required: false },
    { name: "revokeUrl", label: "Revocation URL", type: "url", required: false },
    { name: "scopes", label: "Scopes", type: "text", required: false },
    { name: "clientId", label: "OAuth client ID", type: "text", required: false },
    { name: "clientSecret", label: "OAuth client secret", type: "password", required: false },
  ],
};

/** A catalog entry the core cannot connect yet (Shopify: GraphQL schema, admin token). */
export const shopifyEntry: CatalogEntry = {
  kind: "shopify",
  displayName: "Shopify",
  category: "commerce",
  blurb: "A Shopify store's Admin API.",
  authMode: "api_key",
  sourceKind: "graphql",
  actionCount: 0,
  hasPack: false,
  connected: false,
  connectable: false,
  fields: [
    { name: "kind", label: "Name", type: "text", required: true },
    { name: "shop", label: "Shop domain", type: "text", required: true },
    { name: "accessToken", label: "Admin API access token", type: "password", required: true },
  ],
  schema: { sourceKind: "graphql", url: "https://{shop}/admin/api/2025-07/graphql.json" },
};

export const graphqlEntry: CatalogEntry = {
  ...openapiEntry,
  kind: "graphql",
  displayName: "GraphQL API",
  blurb: "Any GraphQL API.",
  sourceKind: "graphql",
};

/** A vault whose key is in a file and opens. */
export const readyVault: VaultInfo = {
  keySource: "file:/home/ann/.config/bindery/vault.key",
  chosenBy: "workspace",
  ready: true,
  keyId: "k1a2b3",
  keyringReachable: false,
  keyringDetail: "Secret Service: no D-Bus session",
  credentialCount: 0,
};

/** The default (keyring) on a machine without a keyring service: nothing secret can be stored. */
export const unusableVault: VaultInfo = {
  keySource: "keyring",
  chosenBy: "default",
  ready: false,
  keyringReachable: false,
  keyringDetail: "Secret Service: no D-Bus session",
  problem: { code: "vault/keyring-unavailable", message: "no keyring service answers (Secret Service: no D-Bus session)" },
  credentialCount: 0,
};

/** A curated OAuth entry: Google's endpoints are in the entry, the person brings the client. */
export const googleCalendarEntry: CatalogEntry = {
  kind: "google_calendar",
  displayName: "Google Calendar",
  category: "calendar",
  blurb: "Events and calendars of a Google account.",
  authMode: "oauth2",
  sourceKind: "google-discovery",
  actionCount: 0,
  hasPack: false,
  connected: false,
  connectable: true,
  fields: [
    { name: "kind", label: "Name", type: "text", required: true },
    { name: "clientId", label: "OAuth client ID", type: "text", required: true },
    { name: "clientSecret", label: "OAuth client secret", type: "password", required: true },
  ],
  oauth: {
    authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
    tokenUrl: "https://oauth2.googleapis.com/token",
    revokeUrl: "https://oauth2.googleapis.com/revoke",
    scopes: ["https://www.googleapis.com/auth/calendar"],
    scopeSeparator: " ",
  },
  schema: { sourceKind: "google-discovery", url: "https://calendar-json.googleapis.com/$discovery/rest?version=v3" },
};
