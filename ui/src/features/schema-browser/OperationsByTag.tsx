import { useMemo, useState } from "react";
import { useOperations } from "../../api/hooks";
import type { Operation } from "../../api/types";
import { EmptyState, ErrorPanel, IconTable, Loading } from "../../components/ui";
import { formatCount } from "../../lib/format";
import { DeprecatedBadge } from "./DeprecatedBadge";
import { graphqlOperationKind, OperationCallBadge } from "./OperationRow";
import { SubscriptionsSection } from "./SubscriptionsSection";

const UNTAGGED = "(untagged)";
/** Groups opened at first; the rest open on a click, so a 900-operation API stays light. */
const OPEN_AT_FIRST = 3;

/** Groups operations by their first tag, in the order the core returned them (sorted by id). */
export function groupByTag(operations: Operation[]): [string, Operation[]][] {
  const groups = new Map<string, Operation[]>();
  for (const op of operations) {
    const tag = op.tags?.[0] ?? UNTAGGED;
    const list = groups.get(tag);
    if (list) list.push(op);
    else groups.set(tag, [op]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a === UNTAGGED ? 1 : b === UNTAGGED ? -1 : a.localeCompare(b)));
}

/**
 * The provider's operations grouped by tag, with method badges: the overview shown before an
 * object is picked. Clicking an operation opens the object it reads or writes.
 */
export function OperationsByTag({ kind, onNavigate }: { kind: string; onNavigate: (object: string) => void }) {
  const operations = useOperations(kind);
  const groups = useMemo(() => groupByTag(operations.data ?? []), [operations.data]);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});

  if (operations.isPending) return <Loading label="Loading operations…" lines={8} />;
  if (operations.isError) {
    return (
      <div className="detail-pane-padded">
        <ErrorPanel error={operations.error} title="Could not load operations" onRetry={() => void operations.refetch()} />
      </div>
    );
  }
  if (groups.length === 0) {
    return (
      <>
        <EmptyState icon={<IconTable />} title="Pick an object">
          This provider has no operations. Choose an object on the left, or press <kbd>/</kbd> to search.
        </EmptyState>
        <div className="ops-overview">
          <SubscriptionsSection kind={kind} onNavigate={onNavigate} />
        </div>
      </>
    );
  }
  return (
    <div className="ops-overview" data-testid="operations-by-tag">
      <header className="ops-overview-head">
        <h2>Operations</h2>
        <span className="muted">
          {formatCount(operations.data.length)} in {formatCount(groups.length)} groups · pick an object on the left for its fields
        </span>
      </header>
      {groups.map(([tag, ops], index) => {
        const open = toggled[tag] ?? index < OPEN_AT_FIRST;
        return (
          <section key={tag} className="ops-group" data-testid="operation-group" data-tag={tag}>
            <button
              type="button"
              className="ops-group-head"
              aria-expanded={open}
              onClick={() => setToggled((t) => ({ ...t, [tag]: !open }))}
            >
              <span className="ops-group-caret">{open ? "▾" : "▸"}</span>
              <span className="ops-group-tag">{tag}</span>
              <span className="faint">{ops.length}</span>
            </button>
            {open && (
              <ul className="ops-group-list">
                {ops.map((op) => (
                  <li
                    key={op.id}
                    className="ops-line"
                    data-testid="operation-line"
                    data-id={op.id}
                    data-deprecated={op.deprecated !== undefined || undefined}
                  >
                    {op.http || graphqlOperationKind(op) ? (
                      <OperationCallBadge op={op} />
                    ) : (
                      <span className={`op-class-dot op-${op.class}`}>{op.class}</span>
                    )}
                    <code className={op.deprecated !== undefined ? "ops-line-path is-deprecated" : "ops-line-path"}>{op.http?.path ?? op.id}</code>
                    <span className="ops-line-title">
                      {op.deprecated !== undefined && (
                        <>
                          <DeprecatedBadge reason={op.deprecated} testId="operation-deprecated" />{" "}
                        </>
                      )}
                      {op.title}
                    </span>
                    {op.object && (
                      <button type="button" className="link mono ops-line-object" onClick={() => onNavigate(op.object as string)}>
                        {op.object}
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      <SubscriptionsSection kind={kind} onNavigate={onNavigate} />
    </div>
  );
}
