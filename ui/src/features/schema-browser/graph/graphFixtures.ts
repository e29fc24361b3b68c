/** The demo field-service schema's relationships, as `get_graph` / `find_paths` answer them. */
import type { Graph, GraphEdge, GraphNode, ObjectPath, PathsResult } from "../../../api/graphTypes";

export const node = (name: string, distance: number, extra: Partial<GraphNode> = {}): GraphNode => ({
  name,
  kind: "table",
  fieldCount: 6,
  piiFields: 0,
  distance,
  ...extra,
});

export const fk = (from: string, field: string, to: string, extra: Partial<GraphEdge> = {}): GraphEdge => ({
  from,
  to,
  fromFields: [field],
  toFields: ["id"],
  cardinality: "one",
  source: "foreignKey",
  joinable: true,
  name: null,
  ...extra,
});

export const customersGraph: Graph = {
  focus: "customers",
  nodes: [
    node("customers", 0, { fieldCount: 9, piiFields: 3 }),
    node("properties", 1, { piiFields: 2 }),
    node("jobs", 1, { fieldCount: 11 }),
    node("invoices", 1),
  ],
  edges: [fk("properties", "customer_id", "customers"), fk("jobs", "customer_id", "customers"), fk("invoices", "customer_id", "customers")],
  truncated: false,
};

export const jobsGraph: Graph = {
  focus: "jobs",
  nodes: [node("jobs", 0, { fieldCount: 11 }), node("customers", 1), node("properties", 1), node("service_types", 1), node("appointments", 1), node("invoices", 1)],
  edges: [
    fk("jobs", "customer_id", "customers"),
    fk("jobs", "property_id", "properties"),
    fk("jobs", "service_type_id", "service_types"),
    fk("appointments", "job_id", "jobs"),
    fk("invoices", "job_id", "jobs"),
  ],
  truncated: false,
};

export const viaProperties: ObjectPath = {
  objects: ["customers", "properties", "jobs", "appointments"],
  hops: [
    { from: "customers", to: "properties", fromFields: ["id"], toFields: ["customer_id"], direction: "backward", joinable: true },
    { from: "properties", to: "jobs", fromFields: ["id"], toFields: ["property_id"], direction: "backward", joinable: true },
    { from: "jobs", to: "appointments", fromFields: ["id"], toFields: ["job_id"], direction: "backward", joinable: true },
  ],
};

export const direct: ObjectPath = {
  objects: ["customers", "jobs", "appointments"],
  hops: [
    { from: "customers", to: "jobs", fromFields: ["id"], toFields: ["customer_id"], direction: "backward", joinable: true },
    { from: "jobs", to: "appointments", fromFields: ["id"], toFields: ["job_id"], direction: "backward", joinable: true },
  ],
};

export const customersToAppointments: PathsResult = { from: "customers", to: "appointments", paths: [direct, viaProperties] };

/** A neighbourhood the core cut short. */
export function bigGraph(count: number, limit: number, omitted?: number): Graph {
  const names = Array.from({ length: Math.min(count, limit) }, (_, i) => `t${String(i).padStart(3, "0")}`);
  return {
    focus: "hub",
    nodes: [node("hub", 0), ...names.map((n) => node(n, 1))],
    edges: names.map((n) => fk(n, "hub_id", "hub")),
    truncated: count > limit,
    ...(omitted !== undefined ? { omitted } : {}),
  };
}
