import { useState } from "react";
import { useCatalog, useIntegrations } from "../../api/hooks";
import type { CatalogEntry, DisconnectResult, Integration } from "../../api/types";
import { Badge, EmptyState, ErrorPanel, IconAlert, IconCheck, IconPlug, IconX, Loading } from "../../components/ui";
import { AddProviderDialog } from "./AddProviderDialog";
import { CatalogCard } from "./CatalogCard";
import { DisconnectDialog, disconnectSummary } from "./DisconnectDialog";
import { ProviderCard } from "./ProviderCard";
import { VaultStatus } from "./VaultStatus";

/**
 * The catalog entry to connect a provider again with: the one it came from when the core says, else
 * the entry of the same name (`shopify`), else the generic entry of its source kind (`openapi` for a
 * REST API; never a curated entry like Google Calendar, which describes one API only).
 */
export function entryFor(catalog: readonly CatalogEntry[], i: Pick<Integration, "kind" | "sourceKind" | "catalog">): CatalogEntry | undefined {
  const connectable = catalog.filter((e) => e.connectable);
  const byKind = (kind: string | undefined) => (kind ? connectable.find((e) => e.kind === kind) : undefined);
  return (
    byKind(i.catalog) ??
    byKind(i.kind) ??
    byKind(i.sourceKind) ??
    connectable.find((e) => e.sourceKind === i.sourceKind && !e.schema)
  );
}

/** The generic entry that reads the same kind of schema as a not-yet-connectable one. */
function alternativeFor(catalog: readonly CatalogEntry[], entry: CatalogEntry): CatalogEntry | undefined {
  if (entry.connectable) return undefined;
  const source = entry.schema?.sourceKind ?? entry.sourceKind;
  return source ? catalog.find((e) => e.connectable && e.sourceKind === source && e.kind !== entry.kind) : undefined;
}

interface Adding {
  entry: CatalogEntry;
  reconnect?: Pick<Integration, "kind" | "displayName">;
}

export function ProvidersScreen() {
  const integrations = useIntegrations();
  const catalog = useCatalog();
  const [adding, setAdding] = useState<Adding | null>(null);
  const [disconnecting, setDisconnecting] = useState<Integration | null>(null);
  const [disconnected, setDisconnected] = useState<{ result: DisconnectResult; displayName: string } | null>(null);
  const reconnectEntry = (i: Integration) => (catalog.data ? entryFor(catalog.data, i) : undefined);

  return (
    <div className="page">
      <div className="page-inner">
        <div className="page-header">
          <div>
            <h1 className="page-title">Providers</h1>
            <p className="page-subtitle">Systems Bindery knows about, and what their schemas hold.</p>
          </div>
          <VaultStatus />
        </div>

        <section className="section" aria-labelledby="connected-title">
          <div className="section-header">
            <h2 className="section-title" id="connected-title">
              Connected
            </h2>
            {integrations.data && <Badge>{integrations.data.length}</Badge>}
          </div>
          {disconnected && <DisconnectNotice {...disconnected} onDismiss={() => setDisconnected(null)} />}
          {integrations.isPending ? (
            <Loading label="Loading providers…" lines={4} className="card" />
          ) : integrations.isError ? (
            <ErrorPanel
              error={integrations.error}
              title="Could not load providers"
              onRetry={() => void integrations.refetch()}
              retrying={integrations.isFetching}
            />
          ) : integrations.data.length === 0 ? (
            <div className="card">
              <EmptyState icon={<IconPlug />} title="No providers connected yet">
                Add a database or API from the catalog below. Bindery discovers its schema right away.
              </EmptyState>
            </div>
          ) : (
            <div className="provider-grid">
              {integrations.data.map((i) => {
                const entry = reconnectEntry(i);
                return (
                  <ProviderCard
                    key={i.kind}
                    integration={i}
                    onReconnect={entry ? () => setAdding({ entry, reconnect: { kind: i.kind, displayName: i.displayName } }) : undefined}
                    onDisconnect={() => {
                      setDisconnected(null);
                      setDisconnecting(i);
                    }}
                  />
                );
              })}
            </div>
          )}
        </section>

        <section className="section" aria-labelledby="catalog-title">
          <div className="section-header">
            <h2 className="section-title" id="catalog-title">
              Catalog
            </h2>
            {catalog.data && <Badge>{catalog.data.length}</Badge>}
          </div>
          {catalog.isPending ? (
            <Loading label="Loading catalog…" lines={4} className="card" />
          ) : catalog.isError ? (
            <ErrorPanel
              error={catalog.error}
              title="Could not load the catalog"
              onRetry={() => void catalog.refetch()}
              retrying={catalog.isFetching}
            />
          ) : catalog.data.length === 0 ? (
            <div className="card">
              <EmptyState title="The catalog is empty" />
            </div>
          ) : (
            <div className="catalog-grid">
              {catalog.data.map((entry) => (
                <CatalogCard key={entry.kind} entry={entry} alternative={alternativeFor(catalog.data, entry)} onAdd={() => setAdding({ entry })} />
              ))}
            </div>
          )}
        </section>
      </div>
      {adding && <AddProviderDialog entry={adding.entry} reconnect={adding.reconnect} onClose={() => setAdding(null)} />}
      {disconnecting && (
        <DisconnectDialog
          integration={disconnecting}
          onClose={() => setDisconnecting(null)}
          onDone={(result, displayName) => {
            setDisconnecting(null);
            setDisconnected({ result, displayName });
          }}
        />
      )}
    </div>
  );
}

/** What the last disconnect did. Test ids: `disconnect-result` (`data-kind`, `data-revocation`), `disconnect-result-dismiss`. */
function DisconnectNotice({ result, displayName, onDismiss }: { result: DisconnectResult; displayName: string; onDismiss: () => void }) {
  const { tone, text } = disconnectSummary(result, displayName);
  return (
    <div
      className={`disconnect-result disconnect-result-${tone}`}
      role="status"
      data-testid="disconnect-result"
      data-kind={result.kind}
      data-revocation={result.revocation}
    >
      {tone === "ok" ? <IconCheck size={16} /> : <IconAlert size={16} />}
      <span className="disconnect-result-text">{text}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss} data-testid="disconnect-result-dismiss">
        <IconX size={14} />
      </button>
    </div>
  );
}
