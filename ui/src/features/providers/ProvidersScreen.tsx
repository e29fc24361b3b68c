import { useState } from "react";
import { useCatalog, useIntegrations } from "../../api/hooks";
import type { CatalogEntry } from "../../api/types";
import { Badge, EmptyState, ErrorPanel, IconPlug, Loading } from "../../components/ui";
import { AddProviderDialog } from "./AddProviderDialog";
import { CatalogCard } from "./CatalogCard";
import { ProviderCard } from "./ProviderCard";

export function ProvidersScreen() {
  const integrations = useIntegrations();
  const catalog = useCatalog();
  const [adding, setAdding] = useState<CatalogEntry | null>(null);

  return (
    <div className="page">
      <div className="page-inner">
        <div className="page-header">
          <div>
            <h1 className="page-title">Providers</h1>
            <p className="page-subtitle">Systems Bindery knows about, and what their schemas hold.</p>
          </div>
        </div>

        <section className="section" aria-labelledby="connected-title">
          <div className="section-header">
            <h2 className="section-title" id="connected-title">
              Connected
            </h2>
            {integrations.data && <Badge>{integrations.data.length}</Badge>}
          </div>
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
              {integrations.data.map((i) => (
                <ProviderCard key={i.kind} integration={i} />
              ))}
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
                <CatalogCard key={entry.kind} entry={entry} onAdd={() => setAdding(entry)} />
              ))}
            </div>
          )}
        </section>
      </div>
      {adding && <AddProviderDialog entry={adding} onClose={() => setAdding(null)} />}
    </div>
  );
}
