import { useCallback, useMemo, useState } from "react";
import { ErrorCodes } from "../../../api/errors";
import { GRAPH_DEPTH, GRAPH_LIMIT, GRAPH_MAX_LIMIT, PATH_MAX, PATH_MAX_HOPS, useFetchNeighbourhood, useGraph, usePaths } from "../../../api/graphHooks";
import type { Graph } from "../../../api/graphTypes";
import { Button, EmptyState, ErrorPanel, IconArrowRight, IconX, Loading, Spinner } from "../../../components/ui";
import { formatCount } from "../../../lib/format";
import { toBinderyError, type BinderyError } from "../../../platform";
import { GraphCanvas } from "./GraphCanvas";
import { fromGraph, mergeGraph, pathHighlight, withPath } from "./model";
import { ObjectPicker } from "./ObjectPicker";
import { PathFinder, type PathRequest } from "./PathFinder";
import "./graph.css";

export interface RelationshipGraphProps {
  kind: string;
  /** The object in the centre (the browser's open object). */
  focus: string | null;
  /** Centre another object (the browser follows: its list selection and the URL). */
  onFocus: (name: string) => void;
  /** Leave the graph for the object's detail. */
  onOpen: (name: string) => void;
  onClose?: () => void;
}

/**
 * One object and its neighbours as a graph: click centres an object, "+" adds an object's
 * neighbours, and the core finds the paths between two objects, highlighted in place.
 */
export function RelationshipGraph({ kind, focus, onFocus, onOpen, onClose }: RelationshipGraphProps) {
  const [depth, setDepth] = useState(GRAPH_DEPTH);
  const [limit, setLimit] = useState(GRAPH_LIMIT);
  const graph = useGraph(kind, focus, depth, limit);
  const fetchNeighbourhood = useFetchNeighbourhood(kind, limit);

  // Expanded neighbourhoods belong to one focus: a new focus starts from its own neighbourhood.
  const [expansions, setExpansions] = useState<{ focus: string; graphs: Graph[] }>({ focus: "", graphs: [] });
  const [expanding, setExpanding] = useState<string | null>(null);
  const [expandError, setExpandError] = useState<{ name: string; error: BinderyError } | null>(null);

  const [fromPick, setFromPick] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [request, setRequest] = useState<PathRequest | null>(null);
  const [chosen, setChosen] = useState(0);
  const paths = usePaths(kind, request?.from ?? null, request?.to ?? null, PATH_MAX_HOPS, PATH_MAX);
  const from = fromPick ?? focus ?? "";
  const chosenPath = request && paths.data && !paths.isPlaceholderData ? (paths.data.paths[chosen] ?? null) : null;

  const data = graph.data;
  const { model, highlight } = useMemo(() => {
    if (!data) return { model: null, highlight: null };
    let m = fromGraph(data);
    if (expansions.focus === data.focus) for (const g of expansions.graphs) m = mergeGraph(m, g);
    if (chosenPath) m = withPath(m, chosenPath);
    return { model: m, highlight: chosenPath ? pathHighlight(m, chosenPath) : null };
  }, [data, expansions, chosenPath]);

  const expand = useCallback(
    async (name: string) => {
      const current = data?.focus;
      if (!current) return;
      setExpanding(name);
      setExpandError(null);
      try {
        const g = await fetchNeighbourhood(name);
        setExpansions((prev) => (prev.focus === current ? { focus: current, graphs: [...prev.graphs, g] } : { focus: current, graphs: [g] }));
      } catch (e) {
        setExpandError({ name, error: toBinderyError(e) });
      } finally {
        setExpanding(null);
      }
    },
    [data?.focus, fetchNeighbourhood],
  );

  const find = (target: string | null = to) => {
    if (!from || !target) return;
    setChosen(0);
    setRequest({ from, to: target });
  };

  if (!focus) {
    return (
      <div className="graph-pane graph-pane-empty" data-testid="relationship-graph">
        <EmptyState title="Pick an object to centre the graph">
          <ObjectPicker kind={kind} label="Object" value={null} onChange={(n) => n && onFocus(n)} placeholder="Search an object…" testId="graph-focus-pick" />
        </EmptyState>
      </div>
    );
  }

  const truncatedNotice = model && model.truncated.length > 0;
  const omitted = model?.truncated.reduce<number | null>((s, t) => (s === null || t.omitted === null ? null : s + t.omitted), 0) ?? null;

  return (
    <div className="graph-pane" data-testid="relationship-graph" data-focus={focus}>
      <header className="graph-head">
        <h2 className="graph-title">
          Relationships of <span className="graph-title-name">{focus}</span>
        </h2>
        {model && (
          <span className="graph-counts muted" data-testid="graph-counts">
            {formatCount(model.nodes.length)} objects · {formatCount(model.edges.length)} relationships
          </span>
        )}
        {graph.isFetching && <Spinner size={12} />}
        <div className="graph-head-actions">
          <div className="graph-depth" role="radiogroup" aria-label="Depth">
            {[1, 2].map((d) => (
              <button
                key={d}
                type="button"
                role="radio"
                aria-checked={depth === d}
                className={depth === d ? "is-on" : undefined}
                onClick={() => setDepth(d)}
                data-testid={`graph-depth-${d}`}
              >
                {d} hop{d === 1 ? "" : "s"}
              </button>
            ))}
          </div>
          <Button size="sm" variant="ghost" icon={<IconArrowRight size={14} />} onClick={() => onOpen(focus)} data-testid="graph-open-detail">
            Details
          </Button>
          {onClose && (
            <Button size="sm" variant="ghost" icon={<IconX size={14} />} onClick={onClose} aria-label="Close the graph" data-testid="graph-close" />
          )}
        </div>
      </header>

      <PathFinder
        kind={kind}
        from={from}
        to={to}
        onFromChange={setFromPick}
        onToChange={(name) => {
          setTo(name);
          if (name) find(name);
        }}
        onFind={() => find()}
        onClear={() => {
          setRequest(null);
          setTo(null);
          setFromPick(null);
        }}
        request={request}
        paths={paths}
        maxHops={PATH_MAX_HOPS}
        chosen={chosen}
        onChoose={setChosen}
      />

      {truncatedNotice && (
        <div className="graph-notice" role="status" data-testid="graph-truncated">
          <span>
            {omitted !== null && omitted > 0 ? `+${formatCount(omitted)} more` : "More objects"} not shown around{" "}
            {model.truncated.map((t) => t.name).join(", ")} (limit {limit}). Expand to see
            {limit < GRAPH_MAX_LIMIT ? " them, or show more." : " them."}
          </span>
          {limit < GRAPH_MAX_LIMIT && (
            <Button size="sm" onClick={() => setLimit((l) => Math.min(GRAPH_MAX_LIMIT, l * 2))} data-testid="graph-show-more">
              Show more
            </Button>
          )}
        </div>
      )}
      {expandError && (
        <ErrorPanel compact error={expandError.error} title={`Could not expand ${expandError.name}`} onRetry={() => void expand(expandError.name)} />
      )}

      <div className="graph-body">
        {graph.isError ? (
          <GraphError focus={focus} error={graph.error} retrying={graph.isFetching} onRetry={() => void graph.refetch()} />
        ) : !model ? (
          <Loading label={`Loading the relationships of ${focus}…`} lines={6} />
        ) : (
          <GraphCanvas
            model={model}
            highlight={highlight}
            depth={depth}
            expanding={expanding}
            onFocusNode={(name) => {
              if (name !== focus) onFocus(name);
            }}
            onExpand={(name) => void expand(name)}
            onOpen={onOpen}
          />
        )}
      </div>
    </div>
  );
}

function GraphError({ focus, error, retrying, onRetry }: { focus: string; error: BinderyError; retrying: boolean; onRetry: () => void }) {
  if (error.code === ErrorCodes.objectNotFound) {
    return (
      <div className="graph-error">
        <ErrorPanel error={error} title={`${focus} is not in this schema`} hint="It was renamed, removed or blocked since the list was loaded. Pick another object." />
      </div>
    );
  }
  if (error.code === ErrorCodes.routeNotFound || error.code === ErrorCodes.methodNotAllowed) {
    return (
      <div className="graph-error">
        <ErrorPanel error={error} title="This Bindery has no relationship graph yet" hint="Update Bindery: the graph needs a newer core." />
      </div>
    );
  }
  return (
    <div className="graph-error">
      <ErrorPanel error={error} title={`Could not load the relationships of ${focus}`} onRetry={onRetry} retrying={retrying} />
    </div>
  );
}
