// Operations and objects of the demo (as `bindery serve` answers them), plus a REST order with a
// nested list, for the binding editor's tests.
import type { Field, FieldType, ObjectDetail, Operation, Relationship } from "../../../api/types";

const str: FieldType = { kind: "scalar", scalar: "string" };
const int: FieldType = { kind: "scalar", scalar: "integer" };

const field = (name: string, type: FieldType, extra: Partial<Field> = {}): Field => ({
  name,
  type,
  required: false,
  nullable: false,
  pii: "none",
  sensitive: false,
  origin: `test:${name}`,
  ...extra,
});

const column = (name: string, type: FieldType, required: boolean, leading = false) => ({
  name,
  type,
  required,
  location: "column" as const,
  ...(leading ? { indexed: true, leadingIndex: true } : {}),
});

export const lookupOp: Operation = {
  id: "sql:select:customers.by_phone",
  title: "Find a row of customers by phone",
  object: "customers",
  class: "read",
  idempotent: true,
  transport: "native_sql",
  arguments: [column("phone", str, true, true)],
  returns: { kind: "object", object: "customers" },
};

export const listJobsOp: Operation = {
  id: "sql:list:jobs.by_customer_id",
  title: "List rows of jobs by customer_id (at most 50)",
  object: "jobs",
  class: "read",
  idempotent: true,
  transport: "native_sql",
  arguments: [column("customer_id", int, true, true)],
  returns: { kind: "list", of: { kind: "object", object: "jobs" } },
  limit: 50,
};

export const insertJobOp: Operation = {
  id: "sql:insert:jobs",
  title: "Add a row to jobs",
  object: "jobs",
  class: "create",
  idempotent: false,
  transport: "native_sql",
  arguments: [column("customer_id", int, true), column("property_id", int, true), column("description", str, true), column("status", str, false)],
  inputObject: "jobs",
  returns: { kind: "object", object: "jobs" },
};

export const getOrderOp: Operation = {
  id: "GetOrder",
  title: "Get an order",
  object: "Order",
  class: "read",
  idempotent: true,
  transport: "native_rest",
  http: { method: "GET", path: "/orders/{id}" },
  arguments: [{ name: "id", type: str, required: true, location: "path" }],
  returns: { kind: "object", object: "Order" },
};

export const operations: Operation[] = [lookupOp, listJobsOp, insertJobOp, getOrderOp];

const detail = (name: string, fields: Field[], relationships: Relationship[] = []): ObjectDetail => ({
  object: { name, kind: "table", capabilities: ["read"], fields, origin: `test:${name}` },
  relationships,
  operations: [],
});

export const objects: Record<string, ObjectDetail> = {
  customers: detail("customers", [
    field("id", int),
    field("first_name", str),
    field("last_name", str),
    field("phone", str, { pii: "contact" }),
    field("email", str, { pii: "contact" }),
  ]),
  jobs: detail(
    "jobs",
    [field("id", int), field("customer_id", int), field("property_id", int), field("description", str), field("status", str)],
    [{ direction: "outgoing", fields: ["property_id"], otherObject: "properties", otherFields: ["id"], cardinality: "one", source: "foreignKey", joinable: true }],
  ),
  properties: detail("properties", [field("id", int), field("street", str)]),
  Order: detail("Order", [field("id", str), field("items", { kind: "list", of: { kind: "object", object: "LineItem" } })]),
  LineItem: detail("LineItem", [field("sku", str), field("quantity", int)]),
};
