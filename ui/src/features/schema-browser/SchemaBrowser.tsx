import { useCallback, useEffect, useState } from "react";
import { navigate } from "../../app/router";
import { useIntegrations } from "../../api/hooks";
import { Badge, Button, EmptyState, ErrorPanel, IconBan, IconDatabase, Loading } from "../../components/ui";
import { formatCount } from "../../lib/format";
import { sourceLabel } from "../../lib/labels";
import { IconGraph } from "./graph/IconGraph";
import { RelationshipGraph } from "./graph/RelationshipGraph";
import { ObjectDetailPane } from "./ObjectDetail";
import { NotDiscovered } from "./NotDiscovered";
import { ObjectList } from "./ObjectList";
import { blockedCount } from "./scoping";
import { ScopingNoticeBar, ScopingPanel } from "./ScopingPanel";
import { useScopingActions } from "./useScopingActions";

/**
 * Browses one provider's schema through slices only: a searched, cursor-paged object list and one
 * object at a time. The whole schema never comes to the UI.
 */
export function SchemaBrowser({ kind, object }: { kind: string | null; object: string | null }) {
  const integrations = useIntegrations();
  const scoping = useScopingActions(kind ?? "", object);
  const [blockedOpen, setBlockedOpen] = useState(false);
  const [graphOpen, setGraphOpen] = useState(false);

  // No provider in the route: the first integration (the demo on a fresh install).
  const first = integrations.data?.[0]?.kind;
  useEffect(() => {
    if (!kind && first) navigate({ name: "browser", kind: first, object: null }, { replace: true });
  }, [kind, first]);

  const open = useCallback(
    (name: string) => {
      if (kind) navigate({ name: "browser", kind, object: name });
    },
    [kind],
  );

  if (!kind) {
    if (integrations.isError) {
      return (
        <div className="page">
          <ErrorPanel error={integrations.error} title="Could not load providers" onRetry={() => void integrations.refetch()} />
        </div>
      );
    }
    if (integrations.data && integrations.data.length === 0) {
      return (
        <div className="page">
          <EmptyState
            icon={<IconDatabase />}
            title="No providers to browse"
            action={
              <Button variant="primary" onClick={() => navigate({ name: "providers" })}>
                Add a provider
              </Button>
            }
          >
            Connect a database or API first; its schema shows up here.
          </EmptyState>
        </div>
      );
    }
    return <Loading label="Loading providers…" />;
  }

  const current = integrations.data?.find((i) => i.kind === kind);
  const notDiscovered = current !== undefined && current.discoveredAt === null && current.summary === null;

  return (
    <div className="browser">
      <div className="browser-bar">
        <label className="browser-provider">
          <span className="sr-only">Provider</span>
          <IconDatabase size={15} />
          <select
            value={kind}
            onChange={(e) => navigate({ name: "browser", kind: e.target.value, object: null })}
            data-testid="provider-select"
          >
            {!current && <option value={kind}>{kind}</option>}
            {integrations.data?.map((i) => (
              <option key={i.kind} value={i.kind}>
                {i.displayName}
              </option>
            ))}
          </select>
        </label>
        {current && (
          <div className="browser-summary">
            <Badge tone="accent">{sourceLabel(current.sourceKind)}</Badge>
            {current.summary && (
              <span className="muted">
                {formatCount(current.summary.objectCount)} objects · {formatCount(current.summary.fieldCount)} fields ·{" "}
                {formatCount(current.summary.edgeCount)} relationships · {formatCount(current.summary.operationCount)} operations
              </span>
            )}
          </div>
        )}
        <Button
          size="sm"
          variant={graphOpen ? "secondary" : "ghost"}
          className="browser-graph"
          icon={<IconGraph size={14} />}
          aria-pressed={graphOpen}
          onClick={() => setGraphOpen((o) => !o)}
          title="Relationships graph: the open object and its neighbours, and the paths between two objects"
          data-testid="graph-toggle"
        >
          Relationships graph
        </Button>
        <Button
          size="sm"
          variant={blockedOpen ? "secondary" : "ghost"}
          className="browser-blocked"
          icon={<IconBan size={14} />}
          aria-expanded={blockedOpen}
          onClick={() => setBlockedOpen((o) => !o)}
          data-testid="scoping-open"
          data-count={scoping.scoping.data ? blockedCount(scoping.lists) : undefined}
        >
          Blocked ({scoping.scoping.data ? blockedCount(scoping.lists) : scoping.scoping.isError ? "?" : "…"})
        </Button>
        <div className="browser-hints faint" aria-hidden="true">
          <kbd>/</kbd> search <kbd>↑</kbd>
          <kbd>↓</kbd> move <kbd>Enter</kbd> open
        </div>
      </div>
      <ScopingNoticeBar actions={scoping} />
      {notDiscovered ? (
        <div className="page">
          <NotDiscovered kind={kind} />
        </div>
      ) : (
        <div className="browser-panes">
          <ObjectList
            key={kind}
            kind={kind}
            selected={object}
            onOpen={open}
            sourceKind={current?.sourceKind ?? null}
            sourceKnown={!integrations.isPending}
          />
          {graphOpen ? (
            <RelationshipGraph
              kind={kind}
              focus={object}
              onFocus={open}
              onOpen={(name) => {
                setGraphOpen(false);
                open(name);
              }}
              onClose={() => setGraphOpen(false)}
            />
          ) : (
            <ObjectDetailPane
              kind={kind}
              object={object}
              onNavigate={open}
              sourceKind={current?.sourceKind ?? null}
              blocking={
                scoping.scoping.isError
                  ? undefined
                  : { onBlockTable: scoping.blockTable, onBlockColumn: scoping.blockColumn, disabled: !scoping.ready }
              }
            />
          )}
        </div>
      )}
      {blockedOpen && <ScopingPanel actions={scoping} onClose={() => setBlockedOpen(false)} onNavigate={open} />}
    </div>
  );
}
