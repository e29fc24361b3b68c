import { Badge, Button, ErrorPanel, IconBan, IconX, Loading } from "../../components/ui";
import { splitColumn } from "./scoping";
import type { ScopingActions } from "./useScopingActions";

/**
 * "Blocked (N)": the tables and columns left out of this provider's schema, each with Unblock,
 * and Unblock all. Blocked items are gone from every list, so this is the only place they show.
 */
export function ScopingPanel({ actions, onClose, onNavigate }: { actions: ScopingActions; onClose: () => void; onNavigate: (object: string) => void }) {
  const { scoping, lists, ready } = actions;
  const count = lists.blockedTables.length + lists.blockedColumns.length;
  const tables = [...lists.blockedTables].sort();
  const columns = [...lists.blockedColumns].sort();

  return (
    <aside className="scoping-panel" data-testid="scoping-panel" data-count={count} aria-labelledby="scoping-panel-title">
      <div className="scoping-panel-head">
        <h2 className="scoping-panel-title" id="scoping-panel-title">
          Blocked <Badge>{count}</Badge>
        </h2>
        <Button
          size="sm"
          onClick={actions.unblockAll}
          disabled={!ready || count === 0}
          loading={actions.saving}
          data-testid="scoping-unblock-all"
        >
          Unblock all
        </Button>
        <button type="button" className="scoping-panel-close" aria-label="Close" onClick={onClose}>
          <IconX size={15} />
        </button>
      </div>
      <p className="scoping-panel-intro muted">
        Blocked tables and columns are left out of the schema: search, object details, operations and what agents may use.
      </p>
      {scoping.isPending ? (
        <Loading label="Loading what is blocked…" lines={3} />
      ) : scoping.isError ? (
        <ErrorPanel error={scoping.error} title="Could not load what is blocked" onRetry={() => void scoping.refetch()} compact />
      ) : count === 0 ? (
        <p className="scoping-empty" data-testid="scoping-empty">
          Nothing is blocked. Open an object to block it, or one of its columns.
        </p>
      ) : (
        <>
          {tables.length > 0 && (
            <section className="scoping-group" aria-label="Blocked tables">
              <h3 className="scoping-group-title">Tables {tables.length}</h3>
              <ul className="scoping-list">
                {tables.map((t) => (
                  <li key={t} className="scoping-item" data-testid="scoping-blocked-item" data-type="table" data-name={t}>
                    <IconBan size={13} className="scoping-item-icon" />
                    <code className="scoping-item-name">{t}</code>
                    <Button size="sm" variant="ghost" disabled={!ready} onClick={() => actions.unblockTable(t)} data-testid="scoping-unblock" aria-label={`Unblock ${t}`}>
                      Unblock
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {columns.length > 0 && (
            <section className="scoping-group" aria-label="Blocked columns">
              <h3 className="scoping-group-title">Columns {columns.length}</h3>
              <ul className="scoping-list">
                {columns.map((entry) => {
                  const [object, field] = splitColumn(entry);
                  const objectBlocked = lists.blockedTables.includes(object);
                  return (
                    <li key={entry} className="scoping-item" data-testid="scoping-blocked-item" data-type="column" data-name={entry}>
                      <IconBan size={13} className="scoping-item-icon" />
                      <span className="scoping-item-name">
                        {objectBlocked ? (
                          <code className="faint">{object}</code>
                        ) : (
                          <button type="button" className="link mono" onClick={() => onNavigate(object)} title={`Open ${object}`}>
                            {object}
                          </button>
                        )}
                        <code>.{field}</code>
                      </span>
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={!ready}
                        onClick={() => actions.unblockColumn(entry)}
                        data-testid="scoping-unblock"
                        aria-label={`Unblock ${entry}`}
                      >
                        Unblock
                      </Button>
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
        </>
      )}
    </aside>
  );
}

/** What the last change did, with Undo. */
export function ScopingNoticeBar({ actions }: { actions: ScopingActions }) {
  const { notice, saveError } = actions;
  if (saveError) {
    return (
      <div className="scoping-notice scoping-notice-error">
        <ErrorPanel error={saveError} title="Could not change what is blocked" compact />
      </div>
    );
  }
  if (!notice) return null;
  return (
    <div className="scoping-notice" role="status" data-testid="scoping-notice">
      <span className="scoping-notice-text">{notice.message}</span>
      <Button size="sm" variant="ghost" onClick={actions.undo} disabled={!actions.ready} data-testid="scoping-undo">
        Undo
      </Button>
      <button type="button" className="scoping-panel-close" aria-label="Dismiss" onClick={actions.dismissNotice}>
        <IconX size={14} />
      </button>
    </div>
  );
}
