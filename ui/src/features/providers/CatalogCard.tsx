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

/** In this build the UI connects file-based SQLite sources; other kinds connect elsewhere for now. */
/**
 * Whether the add dialog can connect this entry: the core says it is connectable, and it is
 * connected with the fields the dialog renders (no browser OAuth approval, which has its own flow).
 */
export function canAddHere(entry: CatalogEntry): boolean {
  return entry.connectable && entry.authMode !== "oauth2";
}

export function CatalogCard({ entry, onAdd }: { entry: CatalogEntry; onAdd: () => void }) {
  const addable = canAddHere(entry);
  return (
    <Card className="catalog-card" data-testid="catalog-entry" data-kind={entry.kind}>
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
      <div className="catalog-foot">
        <span className="faint">{entry.actionCount > 0 ? plural(entry.actionCount, "action") : "Schema only"}</span>
        {addable ? (
          <Button size="sm" icon={<IconPlus size={14} />} onClick={onAdd} data-testid="catalog-add">
            Add
          </Button>
        ) : (
          <span className="faint catalog-unavailable" title="Connecting this kind from the studio is not available yet">
            {entry.connectable ? "Not in this build" : "Not connectable"}
          </span>
        )}
      </div>
    </Card>
  );
}
