/**
 * The graph on screen, as plain data: the focus's neighbourhood merged with every expanded
 * object's, plus the objects and hops of a chosen path. Pure functions only (tested on their own).
 */
import type { Graph, GraphEdge, GraphNode, ObjectPath, PathHop } from "../../../api/graphTypes";
import type { ObjectKind } from "../../../api/types";

export interface ViewNode {
  name: string;
  /** Null for an object only a path brought in (the core has not described it yet). */
  kind: ObjectKind | null;
  fieldCount: number | null;
  piiCount: number;
  /** Hops from the focus over the edges on screen; `Infinity` when not connected to it. */
  distance: number;
  placeholder: boolean;
}

export interface ViewEdge extends GraphEdge {
  key: string;
  /** Only known from a path's hop (not part of a neighbourhood the core sent). */
  fromPath: boolean;
}

export interface GraphModel {
  focus: string;
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Objects whose neighbourhood was fetched (the focus and every expanded object). */
  expanded: string[];
  /** Objects whose neighbourhood the core cut short, with how many it left out (null: unknown). */
  truncated: { name: string; omitted: number | null }[];
}

export const edgeKey = (e: Pick<GraphEdge, "from" | "to" | "fromFields" | "toFields">): string =>
  `${e.from}>${e.to}:${e.fromFields.join(",")}=${e.toFields.join(",")}`;

function toViewNode(n: GraphNode): ViewNode {
  return { name: n.name, kind: n.kind, fieldCount: n.fieldCount, piiCount: n.piiFields, distance: n.distance, placeholder: false };
}

/** Distances from `focus` over the edges, both ways (a relationship is walkable in either direction). */
export function distancesFrom(focus: string, names: readonly string[], edges: readonly Pick<GraphEdge, "from" | "to">[]): Map<string, number> {
  const adj = new Map<string, string[]>();
  for (const n of names) adj.set(n, []);
  for (const e of edges) {
    adj.get(e.from)?.push(e.to);
    adj.get(e.to)?.push(e.from);
  }
  const dist = new Map<string, number>(names.map((n) => [n, Infinity]));
  if (!dist.has(focus)) return dist;
  dist.set(focus, 0);
  const queue = [focus];
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i]!;
    const d = dist.get(cur)!;
    for (const next of adj.get(cur) ?? []) {
      if (dist.get(next) === Infinity) {
        dist.set(next, d + 1);
        queue.push(next);
      }
    }
  }
  return dist;
}

function withDistances(model: GraphModel): GraphModel {
  const dist = distancesFrom(
    model.focus,
    model.nodes.map((n) => n.name),
    model.edges,
  );
  return { ...model, nodes: model.nodes.map((n) => ({ ...n, distance: dist.get(n.name) ?? Infinity })) };
}

const sortNodes = (nodes: ViewNode[]) => [...nodes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** The model of one `get_graph` answer. */
export function fromGraph(g: Graph): GraphModel {
  const empty: GraphModel = { focus: g.focus, nodes: [], edges: [], expanded: [], truncated: [] };
  return mergeGraph(empty, g);
}

/**
 * Adds another neighbourhood (an expanded object's): new objects and edges join, known ones keep
 * their place, objects only a path had described get the core's details. The focus stays.
 */
export function mergeGraph(model: GraphModel, g: Graph): GraphModel {
  const nodes = new Map(model.nodes.map((n) => [n.name, n]));
  for (const n of g.nodes) {
    const known = nodes.get(n.name);
    if (!known || known.placeholder) nodes.set(n.name, toViewNode(n));
  }
  if (!nodes.has(g.focus)) {
    nodes.set(g.focus, { name: g.focus, kind: null, fieldCount: null, piiCount: 0, distance: Infinity, placeholder: true });
  }
  const edges = new Map(model.edges.map((e) => [e.key, e]));
  for (const e of g.edges) {
    const key = edgeKey(e);
    const known = edges.get(key);
    if (!known || known.fromPath) edges.set(key, { ...e, key, fromPath: false });
  }
  const expanded = model.expanded.includes(g.focus) ? model.expanded : [...model.expanded, g.focus];
  const truncated = model.truncated.filter((t) => t.name !== g.focus);
  if (g.truncated) truncated.push({ name: g.focus, omitted: typeof g.omitted === "number" ? g.omitted : null });
  return withDistances({
    focus: model.focus,
    nodes: sortNodes([...nodes.values()]),
    edges: [...edges.values()].filter((e) => nodes.has(e.from) && nodes.has(e.to)),
    expanded,
    truncated,
  });
}

/** The relationship a hop walks, oriented like the core's edges (from the referencing object). */
export function hopEdge(hop: PathHop): Pick<GraphEdge, "from" | "to" | "fromFields" | "toFields"> {
  return hop.direction === "forward"
    ? { from: hop.from, to: hop.to, fromFields: hop.fromFields, toFields: hop.toFields }
    : { from: hop.to, to: hop.from, fromFields: hop.toFields, toFields: hop.fromFields };
}

const sameFields = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((f, i) => f === b[i]);

/** The edge on screen a hop walks: the same object pair and join fields, else any edge between the pair. */
export function findHopEdge(edges: readonly ViewEdge[], hop: PathHop): ViewEdge | undefined {
  const want = hopEdge(hop);
  const between = edges.filter((e) => (e.from === hop.from && e.to === hop.to) || (e.from === hop.to && e.to === hop.from));
  return (
    between.find((e) => e.from === want.from && e.to === want.to && sameFields(e.fromFields, want.fromFields) && sameFields(e.toFields, want.toFields)) ??
    between.find((e) => e.from === want.from && e.to === want.to) ??
    between[0]
  );
}

/** Adds the objects and hops of a path that are not on screen yet (as placeholders). */
export function withPath(model: GraphModel, path: ObjectPath): GraphModel {
  const names = new Set(model.nodes.map((n) => n.name));
  const nodes = [...model.nodes];
  for (const name of path.objects) {
    if (names.has(name)) continue;
    names.add(name);
    nodes.push({ name, kind: null, fieldCount: null, piiCount: 0, distance: Infinity, placeholder: true });
  }
  const edges = [...model.edges];
  for (const hop of path.hops) {
    if (findHopEdge(edges, hop)) continue;
    const e = hopEdge(hop);
    edges.push({
      ...e,
      key: edgeKey(e),
      cardinality: "one",
      source: "foreignKey",
      joinable: hop.joinable,
      name: null,
      fromPath: true,
    });
  }
  return withDistances({ ...model, nodes: sortNodes(nodes), edges });
}

/** What a chosen path lights up: its objects and the edges its hops walk. */
export function pathHighlight(model: GraphModel, path: ObjectPath): { nodes: Set<string>; edges: Set<string> } {
  const edges = new Set<string>();
  for (const hop of path.hops) {
    const e = findHopEdge(model.edges, hop);
    if (e) edges.add(e.key);
  }
  return { nodes: new Set(path.objects), edges };
}

/** "customers.id" or "jobs.(a, b)" for the tooltip of an edge. */
export function joinLabel(object: string, fields: readonly string[]): string {
  if (fields.length === 0) return object;
  return fields.length === 1 ? `${object}.${fields[0]}` : `${object}.(${fields.join(", ")})`;
}
