/**
 * The relationship graph and path-finding answers of the core (`get_graph`, `find_paths`),
 * as they come over the wire (camelCase).
 */
import type { ObjectKind, Relationship } from "./types";

/** How many rows of `to` one row of `from` reaches through the edge. */
export type EdgeCardinality = "one" | "many";

/** Where the link comes from (a declared foreign key, a `$ref`, a GraphQL field, …). */
export type EdgeSource = Relationship["source"];

export interface GraphNode {
  name: string;
  kind: ObjectKind;
  fieldCount: number;
  /** How many fields the PII classifier marks as personal data. */
  piiFields: number;
  /** Hops from the focus (0 for the focus itself). */
  distance: number;
}

export interface GraphEdge {
  /** The object holding the reference (the foreign key's table). */
  from: string;
  to: string;
  fromFields: string[];
  toFields: string[];
  cardinality: EdgeCardinality;
  source: EdgeSource;
  /** Whether a query can join along it (both sides have fields). */
  joinable: boolean;
  /** The constraint or field name, when the source has one. */
  name: string | null;
}

export interface Graph {
  focus: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** More objects lie within the depth than `limit` let in. */
  truncated: boolean;
  /** How many objects were left out, if a core says (the current one does not). */
  omitted?: number;
}

export interface GraphArgs {
  kind: string;
  focus: string;
  depth?: number;
  limit?: number;
}

/** One step of a path: walked along the edge (`forward`, from the referencing object) or against it. */
export interface PathHop {
  from: string;
  to: string;
  fromFields: string[];
  toFields: string[];
  direction: "forward" | "backward";
  joinable: boolean;
}

export interface ObjectPath {
  /** Every object of the path in order, `from` first. */
  objects: string[];
  hops: PathHop[];
}

export interface PathsResult {
  from: string;
  to: string;
  paths: ObjectPath[];
}

export interface PathsArgs {
  kind: string;
  from: string;
  to: string;
  maxHops?: number;
  max?: number;
}
