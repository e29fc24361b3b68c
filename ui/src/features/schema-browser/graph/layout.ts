/**
 * A deterministic radial layout: the focus in the centre, every other object on the ring of its
 * distance, kept near the object that leads to it; the same model always gives the same picture.
 */
import type { GraphModel, ViewEdge, ViewNode } from "./model";

export const NODE_HEIGHT = 44;
const RING_GAP = 210;
const NODE_GAP = 28;
const MIN_WIDTH = 96;
const MAX_WIDTH = 230;

export interface Point {
  x: number;
  y: number;
}

export interface NodeBox extends Point {
  name: string;
  w: number;
  h: number;
  ring: number;
  /** Radians, 0 for the focus. */
  angle: number;
}

export interface EdgeGeometry {
  key: string;
  /** SVG path data. */
  d: string;
  /** Where the label goes (the middle of the curve). */
  label: Point;
  /** Where the cardinality marks go, near each end. */
  fromMark: Point;
  toMark: Point;
}

export interface Layout {
  boxes: Map<string, NodeBox>;
  /** Objects in reading order: the focus, then ring by ring (used for Tab order). */
  order: string[];
  edges: EdgeGeometry[];
  bounds: { minX: number; minY: number; maxX: number; maxY: number };
}

/** The node's meta line: "table · 8 fields · 2 PII". */
export function nodeMeta(n: ViewNode): string {
  if (n.placeholder) return "on the path";
  const parts: string[] = [n.kind ?? "object"];
  if (n.fieldCount !== null) parts.push(`${n.fieldCount} field${n.fieldCount === 1 ? "" : "s"}`);
  if (n.piiCount > 0) parts.push(`${n.piiCount} PII`);
  return parts.join(" · ");
}

/** Width from the text lengths (no measuring, so it is the same in every browser and in tests). */
export function nodeWidth(n: ViewNode): number {
  const w = Math.max(n.name.length * 7.6, nodeMeta(n).length * 5.9) + 28;
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w)));
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const norm = (a: number) => {
  const t = a % (2 * Math.PI);
  return t < 0 ? t + 2 * Math.PI : t;
};

export function layoutGraph(model: GraphModel): Layout {
  const nodes = new Map(model.nodes.map((n) => [n.name, n]));
  const neighbours = new Map<string, string[]>();
  for (const n of model.nodes) neighbours.set(n.name, []);
  for (const e of model.edges) {
    if (e.from === e.to) continue;
    neighbours.get(e.from)?.push(e.to);
    neighbours.get(e.to)?.push(e.from);
  }

  const finite = model.nodes.filter((n) => Number.isFinite(n.distance)).map((n) => n.distance);
  const maxRing = finite.length ? Math.max(...finite) : 0;
  const ringOf = (n: ViewNode) => (Number.isFinite(n.distance) ? n.distance : maxRing + 1);

  const rings = new Map<number, ViewNode[]>();
  for (const n of model.nodes) {
    if (n.name === model.focus) continue;
    const r = Math.max(1, ringOf(n));
    rings.set(r, [...(rings.get(r) ?? []), n]);
  }

  const boxes = new Map<string, NodeBox>();
  const focus = nodes.get(model.focus);
  if (focus) boxes.set(focus.name, { name: focus.name, x: 0, y: 0, w: nodeWidth(focus), h: NODE_HEIGHT, ring: 0, angle: 0 });
  const order = focus ? [focus.name] : [];

  let radius = 0;
  for (const ring of [...rings.keys()].sort((a, b) => a - b)) {
    const members = rings.get(ring)!;
    // Where each object "wants" to be: the angle of the placed neighbour leading to it.
    const wanted = new Map<string, number>();
    for (const n of members) {
      const parents = (neighbours.get(n.name) ?? [])
        .map((p) => boxes.get(p))
        .filter((b): b is NodeBox => b !== undefined && b.ring < ring)
        .sort((a, b) => a.ring - b.ring || norm(a.angle) - norm(b.angle) || byName(a.name, b.name));
      wanted.set(n.name, parents[0] && parents[0].ring > 0 ? norm(parents[0].angle) : 0);
    }
    const sorted = [...members].sort((a, b) => wanted.get(a.name)! - wanted.get(b.name)! || byName(a.name, b.name));
    const widths = sorted.map((n) => nodeWidth(n));
    const circumference = widths.reduce((s, w) => s + w + NODE_GAP, 0);
    radius = Math.max(radius + RING_GAP, circumference / (2 * Math.PI));
    const angles = ring === 1 ? evenAngles(sorted.length) : nearWanted(sorted.map((n) => wanted.get(n.name)!), widths, radius);
    sorted.forEach((n, i) => {
      const angle = angles[i]!;
      boxes.set(n.name, {
        name: n.name,
        x: Math.round(Math.cos(angle) * radius),
        y: Math.round(Math.sin(angle) * radius),
        w: widths[i]!,
        h: NODE_HEIGHT,
        ring,
        angle,
      });
      order.push(n.name);
    });
  }

  const edges = edgeGeometry(model.edges, boxes);
  let minX = 0,
    minY = 0,
    maxX = 0,
    maxY = 0;
  for (const b of boxes.values()) {
    minX = Math.min(minX, b.x - b.w / 2);
    maxX = Math.max(maxX, b.x + b.w / 2);
    minY = Math.min(minY, b.y - b.h / 2 - (hasLoop(model.edges, b.name) ? 64 : 0));
    maxY = Math.max(maxY, b.y + b.h / 2);
  }
  return { boxes, order, edges, bounds: { minX, minY, maxX, maxY } };
}

/** Evenly round the ring, the first at the top. */
const evenAngles = (count: number) => Array.from({ length: count }, (_, i) => -Math.PI / 2 + (2 * Math.PI * i) / count);

/**
 * Each object as close to its wanted angle (sorted ascending) as the room its neighbours take
 * allows: pushed apart by a forward sweep, then shifted back so the group stays centred on where
 * it wanted to be. Evenly spaced when the ring is too full for that.
 */
function nearWanted(wanted: readonly number[], widths: readonly number[], radius: number): number[] {
  const count = wanted.length;
  const sep = (i: number, j: number) => ((widths[i]! + widths[j]!) / 2 + NODE_GAP) / radius;
  const total = wanted.reduce((s, _, i) => s + sep(i, (i + 1) % count), 0);
  if (count === 0) return [];
  if (total >= 2 * Math.PI * 0.9) {
    const start = wanted[0]!;
    return Array.from({ length: count }, (_, i) => start + (2 * Math.PI * i) / count);
  }
  const angles = [...wanted];
  for (let i = 1; i < count; i++) angles[i] = Math.max(angles[i]!, angles[i - 1]! + sep(i - 1, i));
  const shift = angles.reduce((s, a, i) => s + (a - wanted[i]!), 0) / count;
  return angles.map((a) => a - shift);
}

const hasLoop = (edges: readonly ViewEdge[], name: string) => edges.some((e) => e.from === name && e.to === name);

/** Where the segment from the box's centre towards `p` leaves the box. */
function exitPoint(b: NodeBox, p: Point): Point {
  const dx = p.x - b.x;
  const dy = p.y - b.y;
  if (dx === 0 && dy === 0) return { x: b.x, y: b.y };
  const sx = dx === 0 ? Infinity : b.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: b.x + dx * s, y: b.y + dy * s };
}

const bezier = (p0: Point, c: Point, p2: Point, t: number): Point => ({
  x: (1 - t) * (1 - t) * p0.x + 2 * (1 - t) * t * c.x + t * t * p2.x,
  y: (1 - t) * (1 - t) * p0.y + 2 * (1 - t) * t * c.y + t * t * p2.y,
});

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Curved edges; several edges between the same pair fan out so each stays visible. */
export function edgeGeometry(edges: readonly ViewEdge[], boxes: Map<string, NodeBox>): EdgeGeometry[] {
  const seen = new Map<string, number>();
  const out: EdgeGeometry[] = [];
  for (const e of edges) {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!a || !b) continue;
    const pair = [e.from, e.to].sort(byName).join("|");
    const index = seen.get(pair) ?? 0;
    seen.set(pair, index + 1);

    if (a === b) {
      const top = a.y - a.h / 2;
      const spread = a.w / 4 + index * 10;
      const lift = 56 + index * 14;
      out.push({
        key: e.key,
        d: `M${r1(a.x + spread)},${r1(top)} C${r1(a.x + spread + 26)},${r1(top - lift)} ${r1(a.x - spread - 26)},${r1(top - lift)} ${r1(a.x - spread)},${r1(top)}`,
        label: { x: a.x, y: top - lift * 0.78 },
        fromMark: { x: a.x + spread + 10, y: top - 10 },
        toMark: { x: a.x - spread - 10, y: top - 10 },
      });
      continue;
    }
    const p0 = exitPoint(a, b);
    const p2 = exitPoint(b, a);
    const dx = p2.x - p0.x;
    const dy = p2.y - p0.y;
    const len = Math.hypot(dx, dy) || 1;
    // A gentle bend; the 2nd, 3rd… edge of a pair bends the other way, then further out.
    const orient = e.from === pair.split("|")[0] ? 1 : -1;
    const fan = index === 0 ? 0.1 : (index % 2 === 1 ? -1 : 1) * (0.1 + 0.16 * Math.ceil(index / 2));
    const bend = fan * len * orient;
    const c = { x: (p0.x + p2.x) / 2 - (dy / len) * bend, y: (p0.y + p2.y) / 2 + (dx / len) * bend };
    const mid = bezier(p0, c, p2, 0.5);
    out.push({
      key: e.key,
      d: `M${r1(p0.x)},${r1(p0.y)} Q${r1(c.x)},${r1(c.y)} ${r1(p2.x)},${r1(p2.y)}`,
      label: { x: r1(mid.x), y: r1(mid.y) },
      fromMark: bezier(p0, c, p2, 0.14),
      toMark: bezier(p0, c, p2, 0.86),
    });
  }
  return out;
}

const compass: Record<string, Point> = {
  ArrowRight: { x: 1, y: 0 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowDown: { x: 0, y: 1 },
  ArrowUp: { x: 0, y: -1 },
};

/**
 * The object an arrow key moves to: the nearest one within 60° of the arrow's direction, else
 * the next (→/↓) or previous (←/↑) in reading order.
 */
export function neighbourInDirection(layout: Layout, from: string, key: string): string | null {
  const dir = compass[key];
  const start = layout.boxes.get(from);
  if (!dir || !start) return null;
  let best: { name: string; score: number } | null = null;
  for (const b of layout.boxes.values()) {
    if (b.name === from) continue;
    const dx = b.x - start.x;
    const dy = b.y - start.y;
    const dist = Math.hypot(dx, dy);
    if (dist === 0) continue;
    const cos = (dx * dir.x + dy * dir.y) / dist;
    if (cos < 0.5) continue;
    const score = dist * (2 - cos);
    if (!best || score < best.score || (score === best.score && byName(b.name, best.name) < 0)) best = { name: b.name, score };
  }
  if (best) return best.name;
  const i = layout.order.indexOf(from);
  const step = key === "ArrowRight" || key === "ArrowDown" ? 1 : -1;
  return layout.order[(i + step + layout.order.length) % layout.order.length] ?? null;
}
