import type { CatalogEntry } from "../../api/types";
import { Badge, Button, Card, IconPlus } from "../../components/ui";
import { plural } from "../../lib/format";
import { sourceLabel } from "../../lib/labels";

const authLabel: Record<CatalogEntry["authMode"], string> = {
  oauth2: "OAuth 2.0",
  api_key: "API key",
  basic: "Basic auth",
  sql: "Database login",
  none: "No auth",
};

/** Whether the Add dialog can connect this entry: the core says it is connectable in this build. */
export function canAddHere(entry: CatalogEntry): boolean {
  return entry.connectable;
}

/**
 * Why an entry cannot be connected yet, in plain words, and what to use meanwhile (`alternative`:
 * the generic entry that reads the same kind of schema, e.g. "GraphQL API" for Shopify).
 */
export function unavailableReason(entry: CatalogEntry, alternative?: CatalogEntry): string {
  const how =
    entry.authMode === "oauth2"
      ? "signing in to it with your own OAuth client, its verification call and its schema download"
      : entry.authMode === "api_key"
        ? "connecting it with its access token, its verification call and its schema download"
        : "connecting it";
  const meanwhile = alternative ? ` Meanwhile, add its API description with “${alternative.displayName}” and your own credentials.` : "";
  return `Not connectable in this build yet: ${how} are still being built.${meanwhile}`;
}

export function CatalogCard({ entry, onAdd, alternative }: { entry: CatalogEntry; onAdd: () => void; alternative?: CatalogEntry }) {
  const addable = canAddHere(entry);
  return (
    <Card className="catalog-card" data-testid="catalog-entry" data-kind={entry.kind} data-connectable={String(entry.connectable)}>
      <div className="catalog-card-head">
        <h3 className="catalog-name">{entry.displayName}</h3>
        {entry.connected && <Badge tone="success">connected</Badge>}
      </div>
      <div className="catalog-tags">
        <Badge>{entry.category}</Badge>
        <Badge tone="neutral">{authLabel[entry.authMode] ?? entry.authMode}</Badge>
        {entry.sourceKind && <Badge tone="accent">{sourceLabel(entry.sourceKind)}</Badge>}
        {entry.hasPack && <Badge tone="violet">pack</Badge>}
      </div>
      <p className="catalog-blurb">{entry.blurb}</p>
      {!addable && (
        <p className="catalog-unavailable" data-testid="catalog-unavailable">
          {unavailableReason(entry, alternative)}
        </p>
      )}
      <div className="catalog-foot">
        <span className="faint">{entry.actionCount > 0 ? plural(entry.actionCount, "action") : "Schema only"}</span>
        {addable ? (
          <Button size="sm" icon={<IconPlus size={14} />} onClick={onAdd} data-testid="catalog-add">
            Add
          </Button>
        ) : (
          <Badge tone="neutral" title="Not connectable in this build yet">
            coming soon
          </Badge>
        )}
      </div>
    </Card>
  );
}
