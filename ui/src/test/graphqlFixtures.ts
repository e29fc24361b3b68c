import type { Field, Integration, ObjectDetail, ObjectHit, Operation } from "../api/types";
import { hit, pagedObjects } from "./fixtures";

/** A GraphQL provider (a small shop API). */
export const shopIntegration: Integration = {
  kind: "shop_gql",
  displayName: "Shop (GraphQL)",
  sourceKind: "graphql",
  status: "discovered",
  location: "https://shop.example.com/graphql",
  demo: false,
  createdAt: "2025-11-26T08:00:00Z",
  discoveredAt: "2025-11-26T08:00:03Z",
  summary: { objectCount: 10, fieldCount: 40, edgeCount: 12, operationCount: 4 },
  fingerprint: "sha256:9a0b",
};

const gql = (name: string, extra: Partial<ObjectHit>) => hit(name, { capabilities: ["read"], ...extra });

export const shopObjects: ObjectHit[] = [
  gql("Customer", { kind: "type" }),
  gql("CustomerConnection", { kind: "type", relay: "connection" }),
  gql("CustomerEdge", { kind: "type", relay: "edge" }),
  gql("CustomerInput", { kind: "input" }),
  gql("CustomerStatus", { kind: "enum" }),
  gql("Node", { kind: "interface" }),
  gql("Order", { kind: "type" }),
  gql("PageInfo", { kind: "type", relay: "pageInfo" }),
  gql("SearchResult", { kind: "union" }),
];

/** A list_objects handler that applies `hide=` (relay, input) before paging, like the core. */
export function pagedShopObjects(objects: ObjectHit[] = shopObjects) {
  return (args: Record<string, unknown>) => {
    const hide = new Set(String(args.hide ?? "").split(",").filter(Boolean));
    const shown = objects.filter((o) => !(hide.has("relay") && o.relay) && !(hide.has("input") && o.kind === "input"));
    return pagedObjects(shown)(args);
  };
}

const field = (name: string, type: Field["type"], extra: Partial<Field> = {}): Field => ({
  name,
  type,
  required: false,
  nullable: true,
  pii: "none",
  sensitive: false,
  origin: `graphql:Customer.${name}`,
  ...extra,
});

const str = { kind: "scalar", scalar: "string" } as const;
const int = { kind: "scalar", scalar: "integer" } as const;

export const customerDetail: ObjectDetail = {
  object: {
    name: "Customer",
    kind: "type",
    description: "A person who buys.",
    capabilities: ["read"],
    implements: ["Node", "Timestamped"],
    origin: "graphql:Customer",
    fields: [
      field("id", { kind: "scalar", scalar: "string", format: "id" }, { required: true, nullable: false }),
      field("name", str),
      field("email", str, { deprecated: "Use emails." }),
      field("phone", str, { deprecated: "" }),
      field("legacyCode", str, { deprecated: "No longer supported" }),
      field("orders", { kind: "list", of: { kind: "object", object: "Order" } }, {
        connection: { object: "OrderConnection", path: "edges.node" },
        arguments: [
          { name: "first", type: int, required: false, location: "variable", default: "10" },
          { name: "after", type: str, required: false, location: "variable" },
          { name: "status", type: { kind: "object", object: "OrderStatus" }, required: true, location: "variable", deprecated: "Filter with query." },
        ],
      }),
    ],
  },
  relationships: [
    { direction: "outgoing", fields: [], otherObject: "Node", otherFields: [], cardinality: "one", source: "implements", joinable: false },
    { direction: "outgoing", fields: ["orders"], otherObject: "Order", otherFields: [], cardinality: "many", source: "graphqlField", joinable: false },
  ],
  operations: [
    {
      id: "Query.customers",
      title: "customers",
      object: "Customer",
      class: "read",
      idempotent: true,
      transport: "native_graphql",
      arguments: [{ name: "first", type: int, required: false, location: "variable", default: "20" }],
      returns: { kind: "list", of: { kind: "object", object: "Customer" } },
      tags: ["Query"],
    },
    {
      id: "Mutation.customerCreate",
      title: "customerCreate",
      object: "Customer",
      class: "create",
      idempotent: false,
      transport: "native_graphql",
      arguments: [{ name: "input", type: { kind: "object", object: "CustomerInput" }, required: true, location: "variable" }],
      inputObject: "CustomerInput",
      tags: ["Mutation"],
    },
    {
      id: "Mutation.customerRemove",
      title: "customerRemove",
      object: "Customer",
      class: "delete",
      idempotent: false,
      transport: "native_graphql",
      arguments: [],
      tags: ["Mutation"],
      deprecated: "Use customerDelete.",
    },
  ],
};

export const customerCreatePayloadDetail: ObjectDetail = {
  object: {
    name: "CustomerCreatePayload",
    kind: "type",
    capabilities: [],
    origin: "graphql:CustomerCreatePayload",
    fields: [
      field("customer", { kind: "object", object: "Customer" }),
      field("userErrors", { kind: "list", of: { kind: "object", object: "UserError" } }, { role: "userErrors", required: true, nullable: false }),
    ],
  },
  relationships: [],
  operations: [],
};

export const customerStatusDetail: ObjectDetail = {
  object: {
    name: "CustomerStatus",
    kind: "enum",
    capabilities: [],
    origin: "graphql:CustomerStatus",
    fields: [],
    enumValues: [
      { name: "ACTIVE", description: "Can buy." },
      { name: "DISABLED", deprecated: "Use ARCHIVED." },
      { name: "ARCHIVED" },
    ],
  },
  relationships: [],
  operations: [],
};

export const nodeDetail: ObjectDetail = {
  object: {
    name: "Node",
    kind: "interface",
    capabilities: [],
    origin: "graphql:Node",
    fields: [field("id", { kind: "scalar", scalar: "string", format: "id" }, { required: true, nullable: false })],
    members: ["Customer", "Order"],
  },
  relationships: [],
  operations: [],
};

export const searchResultDetail: ObjectDetail = {
  object: {
    name: "SearchResult",
    kind: "union",
    capabilities: [],
    origin: "graphql:SearchResult",
    fields: [],
    members: ["Customer", "Order"],
  },
  relationships: [
    { direction: "outgoing", fields: [], otherObject: "Customer", otherFields: [], cardinality: "one", source: "unionMember", joinable: false },
  ],
  operations: [],
};

export const customerConnectionDetail: ObjectDetail = {
  object: {
    name: "CustomerConnection",
    kind: "type",
    capabilities: [],
    relay: "connection",
    origin: "graphql:CustomerConnection",
    fields: [field("edges", { kind: "list", of: { kind: "object", object: "CustomerEdge" } })],
  },
  relationships: [],
  operations: [],
};

export const shopDetails: Record<string, ObjectDetail> = {
  Customer: customerDetail,
  CustomerCreatePayload: customerCreatePayloadDetail,
  CustomerStatus: customerStatusDetail,
  Node: nodeDetail,
  SearchResult: searchResultDetail,
  CustomerConnection: customerConnectionDetail,
};

export const shopOperations: Operation[] = customerDetail.operations;

export const shopSubscriptions: Operation[] = [
  {
    id: "Subscription.customerUpdated",
    title: "customerUpdated",
    object: "Customer",
    class: "read",
    idempotent: true,
    transport: "native_graphql",
    arguments: [],
    tags: ["Subscription"],
  },
  {
    id: "Subscription.orderPlaced",
    title: "orderPlaced",
    object: "Order",
    class: "read",
    idempotent: true,
    transport: "native_graphql",
    arguments: [],
    tags: ["Subscription"],
    deprecated: "Use orderCreated.",
  },
];
