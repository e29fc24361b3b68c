import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { IconMinus, IconPlus } from "../../../components/ui";
import { NODE_HEIGHT, layoutGraph, neighbourInDirection, nodeMeta, type EdgeGeometry, type Layout } from "./layout";
import { joinLabel, type GraphModel, type ViewEdge } from "./model";
import { usePanZoom } from "./usePanZoom";
import "./graph-canvas.css";

export interface Highlight {
  nodes: Set<string>;
  edges: Set<string>;
}

export interface GraphCanvasProps {
  model: GraphModel;
  /** A chosen path: its objects and edges stand out, the rest dims. */
  highlight?: Highlight | null;
  /** Objects within this many hops of the focus already show all their neighbours (no "+"). */
  depth: number;
  /** The object whose neighbourhood is loading. */
  expanding?: string | null;
  onFocusNode: (name: string) => void;
  onExpand: (name: string) => void;
  onOpen: (name: string) => void;
}

const ZOOM_STEP = 1.25;
/**
 * A click focuses only once no second click follows: a focus re-lays the graph out, and the
 * second click of a double-click must still land on the object it meant to open.
 */
export const CLICK_DELAY_MS = 200;

const sourceLabel: Record<string, string> = {
  foreignKey: "foreign key",
  ref: "reference",
  graphqlField: "GraphQL field",
  inferred: "inferred",
  implements: "implements",
  unionMember: "union member",
};

/** "n" / "1" at each end: a reference to one row is many-to-one, a list field one-to-many. */
export function cardinalityMarks(e: Pick<ViewEdge, "cardinality">): { from: string; to: string } {
  return e.cardinality === "one" ? { from: "n", to: "1" } : { from: "1", to: "n" };
}

export function edgeTitle(e: ViewEdge): string {
  const m = cardinalityMarks(e);
  const how = sourceLabel[e.source] ?? e.source;
  const name = e.name ? ` ${e.name}` : "";
  const join = e.joinable ? "" : ", not joinable";
  return `${joinLabel(e.from, e.fromFields)} → ${joinLabel(e.to, e.toFields)} (${how}${name}, ${m.from}:${m.to}${join})`;
}

const fieldsText = (f: readonly string[]) => (f.length === 0 ? "—" : f.join(", "));
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, Math.max(1, max - 1))}…` : s);

export function GraphCanvas({ model, highlight = null, depth, expanding = null, onFocusNode, onExpand, onOpen }: GraphCanvasProps) {
  const layout: Layout = useMemo(() => layoutGraph(model), [model]);
  const fitKey = `${model.focus}|${layout.order.join(",")}`;
  const { viewport, transform, dragging, fit, zoomBy, handlers } = usePanZoom(layout.bounds, fitKey);
  const nodeRefs = useRef(new Map<string, SVGGElement>());
  const [hoverEdge, setHoverEdge] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const clickTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelClick = () => {
    if (clickTimer.current !== null) clearTimeout(clickTimer.current);
    clickTimer.current = null;
  };
  useEffect(() => cancelClick, []);
  const onNodeClick = (name: string) => (e: MouseEvent) => {
    cancelClick();
    if (e.detail > 1) return;
    clickTimer.current = setTimeout(() => {
      clickTimer.current = null;
      onFocusNode(name);
    }, CLICK_DELAY_MS);
  };
  const onNodeDoubleClick = (name: string) => () => {
    cancelClick();
    onOpen(name);
  };

  const nodes = useMemo(() => new Map(model.nodes.map((n) => [n.name, n])), [model.nodes]);
  const edgesByKey = useMemo(() => new Map(model.edges.map((e) => [e.key, e])), [model.edges]);
  const truncated = useMemo(() => new Map(model.truncated.map((t) => [t.name, t.omitted])), [model.truncated]);

  const onCanvasKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "+" || e.key === "=") zoomBy(ZOOM_STEP);
    else if (e.key === "-" || e.key === "_") zoomBy(1 / ZOOM_STEP);
    else if (e.key === "0") fit();
    else return;
    e.preventDefault();
  };

  const onNodeKey = (name: string) => (e: KeyboardEvent<SVGGElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === "Enter") onOpen(name);
    else if (e.key === " ") onFocusNode(name);
    else if (e.key === "e" || e.key === "E") onExpand(name);
    else if (e.key.startsWith("Arrow")) {
      const next = neighbourInDirection(layout, name, e.key);
      if (next) nodeRefs.current.get(next)?.focus();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const edgeLit = (e: ViewEdge) => hoverEdge === e.key || active === e.from || active === e.to || (highlight?.edges.has(e.key) ?? false);

  return (
    <div className="graph-canvas" ref={viewport} onKeyDown={onCanvasKey} data-testid="graph-canvas">
      <svg
        className={["graph-svg", dragging && "is-dragging"].filter(Boolean).join(" ")}
        role="group"
        aria-label={`Relationships of ${model.focus}. Arrow keys move between objects; Enter opens, Space focuses, E expands; + and − zoom.`}
        {...handlers}
      >
        <g transform={`translate(${transform.x} ${transform.y}) scale(${transform.k})`} data-testid="graph-transform" data-zoom={transform.k.toFixed(3)}>
          <g className="graph-edges">
            {layout.edges.map((g) => {
              const e = edgesByKey.get(g.key);
              return e ? (
                <GraphEdgeView
                  key={g.key}
                  edge={e}
                  geo={g}
                  lit={edgeLit(e)}
                  onPath={highlight?.edges.has(e.key) ?? false}
                  dimmed={highlight !== null && !highlight.edges.has(e.key)}
                  onHover={setHoverEdge}
                />
              ) : null;
            })}
          </g>
          <g className="graph-nodes">
            {layout.order.map((name) => {
              const n = nodes.get(name);
              const box = layout.boxes.get(name);
              if (!n || !box) return null;
              const isFocus = name === model.focus;
              const expandable = !model.expanded.includes(name) && !(n.distance < depth);
              const omitted = truncated.get(name);
              const cls = [
                "graph-node",
                isFocus && "is-focus",
                n.placeholder && "is-placeholder",
                highlight?.nodes.has(name) && "is-path",
                highlight && !highlight.nodes.has(name) && "is-dimmed",
                expanding === name && "is-loading",
              ];
              return (
                <g
                  key={name}
                  ref={(el) => {
                    if (el) nodeRefs.current.set(name, el);
                    else nodeRefs.current.delete(name);
                  }}
                  className={cls.filter(Boolean).join(" ")}
                  transform={`translate(${box.x - box.w / 2} ${box.y - box.h / 2})`}
                  tabIndex={0}
                  role="button"
                  aria-label={`${name}, ${nodeMeta(n)}${isFocus ? ", focus" : ""}`}
                  aria-current={isFocus ? "true" : undefined}
                  data-graph-node=""
                  data-testid="graph-node"
                  data-name={name}
                  data-distance={Number.isFinite(n.distance) ? n.distance : "none"}
                  data-x={box.x}
                  data-y={box.y}
                  onClick={onNodeClick(name)}
                  onDoubleClick={onNodeDoubleClick(name)}
                  onKeyDown={onNodeKey(name)}
                  onFocus={() => setActive(name)}
                  onBlur={() => setActive((a) => (a === name ? null : a))}
                  onMouseEnter={() => setActive(name)}
                  onMouseLeave={() => setActive((a) => (a === name ? null : a))}
                >
                  <title>{`${name} — ${nodeMeta(n)}. Click to focus, double-click to open.`}</title>
                  <rect className="graph-node-box" width={box.w} height={NODE_HEIGHT} rx={9} />
                  <text className="graph-node-name" x={12} y={19}>
                    {clip(name, Math.floor((box.w - 22) / 7.6))}
                  </text>
                  <text className="graph-node-meta" x={12} y={34}>
                    {clip(nodeMeta(n), Math.floor((box.w - 22) / 5.9))}
                  </text>
                  {omitted !== undefined && (
                    <g className="graph-node-more" data-testid="graph-node-more" transform={`translate(${box.w - 8} -8)`}>
                      <rect x={-30} y={-2} width={38} height={16} rx={8} />
                      <text x={-11} y={10} textAnchor="middle">
                        {omitted === null ? "+…" : `+${omitted}`}
                      </text>
                    </g>
                  )}
                  {expandable && (
                    <g
                      className="graph-node-expand"
                      data-testid="graph-node-expand"
                      transform={`translate(${box.w} ${NODE_HEIGHT / 2})`}
                      onClick={(ev) => {
                        ev.stopPropagation();
                        onExpand(name);
                      }}
                      onDoubleClick={(ev) => ev.stopPropagation()}
                    >
                      <title>{`Expand ${name}: add its neighbours`}</title>
                      <circle r={9} />
                      <path d="M-4,0 H4 M0,-4 V4" />
                    </g>
                  )}
                </g>
              );
            })}
          </g>
        </g>
      </svg>
      <div className="graph-zoom" role="toolbar" aria-label="Zoom">
        <button type="button" onClick={() => zoomBy(ZOOM_STEP)} aria-label="Zoom in" title="Zoom in (+)" data-testid="graph-zoom-in">
          <IconPlus size={14} />
        </button>
        <button type="button" onClick={() => zoomBy(1 / ZOOM_STEP)} aria-label="Zoom out" title="Zoom out (−)" data-testid="graph-zoom-out">
          <IconMinus size={14} />
        </button>
        <button type="button" onClick={fit} className="graph-zoom-fit" title="Fit the graph (0)" data-testid="graph-fit">
          Fit
        </button>
      </div>
      <div className="graph-legend faint" aria-hidden="true">
        <span>
          <i className="graph-legend-mark">n</i>—<i className="graph-legend-mark">1</i> many-to-one
        </span>
        <span>
          <kbd>Space</kbd> focus <kbd>E</kbd> expand <kbd>Enter</kbd> open
        </span>
      </div>
    </div>
  );
}

function GraphEdgeView({
  edge,
  geo,
  lit,
  onPath,
  dimmed,
  onHover,
}: {
  edge: ViewEdge;
  geo: EdgeGeometry;
  lit: boolean;
  onPath: boolean;
  dimmed: boolean;
  onHover: (key: string | null) => void;
}) {
  const marks = cardinalityMarks(edge);
  const cls = ["graph-edge", lit && "is-lit", onPath && "is-path", dimmed && "is-dimmed", !edge.joinable && "is-unjoinable", `src-${edge.source}`];
  return (
    <g
      className={cls.filter(Boolean).join(" ")}
      data-testid="graph-edge"
      data-from={edge.from}
      data-to={edge.to}
      data-path={onPath ? "true" : undefined}
      onMouseEnter={() => onHover(edge.key)}
      onMouseLeave={() => onHover(null)}
    >
      <title>{edgeTitle(edge)}</title>
      <path className="graph-edge-hit" d={geo.d} />
      <path className="graph-edge-line" d={geo.d} />
      <text className="graph-edge-card" x={geo.fromMark.x} y={geo.fromMark.y} dy="0.35em" textAnchor="middle">
        {marks.from}
      </text>
      <text className="graph-edge-card" x={geo.toMark.x} y={geo.toMark.y} dy="0.35em" textAnchor="middle">
        {marks.to}
      </text>
      {lit && (
        <text className="graph-edge-label" x={geo.label.x} y={geo.label.y} dy="-0.5em" textAnchor="middle" data-testid="graph-edge-label">
          {`${fieldsText(edge.fromFields)} → ${fieldsText(edge.toFields)}`}
        </text>
      )}
    </g>
  );
}
