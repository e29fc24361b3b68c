import type { UseQueryResult } from "@tanstack/react-query";
import { ErrorCodes } from "../../../api/errors";
import type { ObjectPath, PathHop, PathsResult } from "../../../api/graphTypes";
import { Button, ErrorPanel, IconArrowRight, IconX, Spinner } from "../../../components/ui";
import type { BinderyError } from "../../../platform";
import { ObjectPicker } from "./ObjectPicker";

export interface PathRequest {
  from: string;
  to: string;
}

export interface PathFinderProps {
  kind: string;
  /** The "from" object, until one is picked: the focus. */
  from: string;
  to: string | null;
  onFromChange: (name: string | null) => void;
  onToChange: (name: string | null) => void;
  onFind: () => void;
  onClear: () => void;
  /** The request the results answer (null: nothing asked yet). */
  request: PathRequest | null;
  paths: UseQueryResult<PathsResult, BinderyError>;
  maxHops: number;
  chosen: number;
  onChoose: (index: number) => void;
}

/** "customers → properties → jobs → appointments". */
export const pathText = (p: ObjectPath): string => p.objects.join(" → ");

const fieldList = (f: readonly string[]) => (f.length === 0 ? "?" : f.join(", "));

/** The join of one hop, read left to right: "id ← customer_id" when the next object holds the key. */
export function hopCaption(h: PathHop): string {
  return `${fieldList(h.fromFields)} ${h.direction === "forward" ? "→" : "←"} ${fieldList(h.toFields)}`;
}

export function hopTitle(h: PathHop): string {
  const ref =
    h.direction === "forward"
      ? `${h.from}.${fieldList(h.fromFields)} references ${h.to}.${fieldList(h.toFields)}`
      : `${h.to}.${fieldList(h.toFields)} references ${h.from}.${fieldList(h.fromFields)}`;
  return h.joinable ? ref : `${ref} (not joinable)`;
}

export function PathFinder(props: PathFinderProps) {
  const { kind, from, to, onFromChange, onToChange, onFind, onClear, request, paths, maxHops, chosen, onChoose } = props;
  return (
    <section className="graph-paths" aria-label="Find a path" data-testid="graph-pathfinder">
      <form
        className="graph-paths-form"
        onSubmit={(e) => {
          e.preventDefault();
          onFind();
        }}
      >
        <ObjectPicker kind={kind} label="From" value={from} onChange={onFromChange} placeholder="Object…" testId="graph-path-from" />
        <IconArrowRight size={14} className="graph-paths-arrow" aria-hidden="true" />
        <ObjectPicker
          kind={kind}
          label="To"
          value={to}
          onChange={(name) => {
            onToChange(name);
          }}
          placeholder="Search an object…"
          testId="graph-path-to"
        />
        <Button type="submit" size="sm" variant="primary" disabled={!to || !from} data-testid="graph-path-find">
          Find paths
        </Button>
        {request && (
          <Button size="sm" variant="ghost" icon={<IconX size={14} />} onClick={onClear} data-testid="graph-path-clear">
            Clear
          </Button>
        )}
      </form>
      {request && <PathResults request={request} paths={paths} maxHops={maxHops} chosen={chosen} onChoose={onChoose} />}
    </section>
  );
}

function PathResults({ request, paths, maxHops, chosen, onChoose }: Pick<PathFinderProps, "paths" | "maxHops" | "chosen" | "onChoose"> & { request: PathRequest }) {
  if (paths.isPending || (paths.isFetching && paths.isPlaceholderData)) {
    return (
      <p className="graph-paths-status muted" data-testid="graph-paths-loading">
        <Spinner size={12} /> Finding paths from {request.from} to {request.to}…
      </p>
    );
  }
  if (paths.isError) {
    const notFound = paths.error.code === ErrorCodes.objectNotFound;
    return (
      <ErrorPanel
        compact
        error={paths.error}
        title={notFound ? "One of the objects is not in this schema" : "Could not find paths"}
        hint={notFound ? `Pick ${request.from} and ${request.to} from the suggestions: names must match exactly.` : undefined}
        onRetry={notFound ? undefined : () => void paths.refetch()}
      />
    );
  }
  const list = paths.data.paths;
  if (list.length === 0) {
    return (
      <div className="graph-paths-empty" data-testid="graph-paths-empty">
        <strong>No path within {maxHops} hops</strong>
        <span className="muted">
          {request.from} and {request.to} are not connected through {maxHops} relationships or fewer.
        </span>
      </div>
    );
  }
  return (
    <div className="graph-paths-results">
      <div className="graph-paths-summary faint" data-testid="graph-paths-summary">
        {list.length} path{list.length === 1 ? "" : "s"} · shortest {list[0]!.hops.length} hop{list[0]!.hops.length === 1 ? "" : "s"}
      </div>
      <div className="graph-paths-list" role="radiogroup" aria-label="Paths">
        {list.map((p, i) => (
          <div
            key={`${p.objects.join(">")}-${i}`}
            role="radio"
            aria-checked={i === chosen}
            tabIndex={i === chosen ? 0 : -1}
            className={["graph-path", i === chosen && "is-chosen"].filter(Boolean).join(" ")}
            data-testid="graph-path"
            data-objects={p.objects.join(",")}
            onClick={() => onChoose(i)}
            onKeyDown={(e) => {
              const step = e.key === "ArrowDown" || e.key === "ArrowRight" ? 1 : e.key === "ArrowUp" || e.key === "ArrowLeft" ? -1 : 0;
              if (step === 0) return;
              e.preventDefault();
              const next = (i + step + list.length) % list.length;
              onChoose(next);
              const sibling = e.currentTarget.parentElement?.children[next];
              if (sibling instanceof HTMLElement) sibling.focus();
            }}
          >
            <ol className="graph-crumbs" aria-label={pathText(p)} data-testid="graph-breadcrumb">
              {p.objects.map((name, j) => {
                const hop = p.hops[j];
                return [
                  <li key={`o${j}`} className="graph-crumb-object" data-testid="graph-crumb-object">
                    {name}
                  </li>,
                  hop && j < p.objects.length - 1 ? (
                    <li
                      key={`h${j}`}
                      className={["graph-crumb-hop", !hop.joinable && "is-unjoinable"].filter(Boolean).join(" ")}
                      title={hopTitle(hop)}
                      data-testid="graph-crumb-hop"
                      data-direction={hop.direction}
                    >
                      <span className="graph-crumb-arrow" aria-hidden="true">
                        →
                      </span>
                      <span className="graph-crumb-join">{hopCaption(hop)}</span>
                    </li>
                  ) : null,
                ];
              })}
            </ol>
          </div>
        ))}
      </div>
    </div>
  );
}
