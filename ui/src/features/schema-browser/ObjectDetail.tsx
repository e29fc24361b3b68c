import type { MouseEvent, ReactNode } from "react";
import { useObjectDetail } from "../../api/hooks";
import type { ObjectDetail, SourceKind } from "../../api/types";
import { Badge, Button, ErrorPanel, IconBan, Loading } from "../../components/ui";
import { capabilityOrder } from "../../lib/labels";
import { useBrowserFilters } from "./browserFilters";
import { FieldRow } from "./FieldRow";
import { EnumValuesList, ObjectLinkList } from "./GraphqlObjectParts";
import { IndexRow } from "./IndexRow";
import { KindBadge, RelayBadge } from "./KindBadge";
import { HideDeprecatedToggle } from "./NoiseFilters";
import { OperationRow } from "./OperationRow";
import { OperationsByTag } from "./OperationsByTag";
import { RelationshipRow } from "./RelationshipRow";

export interface ObjectDetailPaneProps {
  kind: string;
  object: string | null;
  onNavigate: (object: string) => void;
  /** The provider's source: GraphQL always offers "Hide deprecated fields". */
  sourceKind?: SourceKind | null;
  /** Block actions (the table in the header, a column per field row). Absent: none. */
  blocking?: BlockingProps;
}

/** What the object detail needs to offer "Block table" and "Block column". */
export interface BlockingProps {
  onBlockTable: (object: string) => void;
  onBlockColumn: (object: string, field: string) => void;
  /** While the blocked lists load or a change is saved. */
  disabled?: boolean;
}

export function ObjectDetailPane({ kind, object, onNavigate, sourceKind = null, blocking }: ObjectDetailPaneProps) {
  const detail = useObjectDetail(kind, object);
  const [filters, setFilters] = useBrowserFilters(kind);

  if (!object) {
    return (
      <div className="detail-pane">
        <OperationsByTag kind={kind} onNavigate={onNavigate} />
      </div>
    );
  }
  if (detail.isPending) {
    return (
      <div className="detail-pane">
        <Loading label={`Loading ${object}…`} lines={10} />
      </div>
    );
  }
  if (detail.isError) {
    return (
      <div className="detail-pane detail-pane-padded">
        <ErrorPanel
          error={detail.error}
          title={`Could not open ${object}`}
          onRetry={() => void detail.refetch()}
          retrying={detail.isFetching}
        />
      </div>
    );
  }
  return (
    <div className="detail-pane">
      <ObjectDetailView
        detail={detail.data}
        onNavigate={onNavigate}
        graphql={sourceKind === "graphql"}
        hideDeprecated={filters.hideDeprecated}
        onHideDeprecatedChange={(hideDeprecated) => setFilters({ hideDeprecated })}
        blocking={blocking}
      />
    </div>
  );
}

export interface ObjectDetailViewProps {
  detail: ObjectDetail;
  onNavigate: (object: string) => void;
  /** The schema is GraphQL: the deprecated-fields switch shows even when no field is deprecated. */
  graphql?: boolean;
  /** Leave deprecated fields out of the fields table. */
  hideDeprecated?: boolean;
  /** Without it there is no deprecated-fields switch. */
  onHideDeprecatedChange?: (hide: boolean) => void;
  blocking?: BlockingProps;
}

/** Renders one object exactly as the core described it. */
export function ObjectDetailView({ detail, onNavigate, graphql = false, hideDeprecated = false, onHideDeprecatedChange, blocking }: ObjectDetailViewProps) {
  const { object, relationships, operations } = detail;
  const pk = new Set(object.primaryKey ?? []);
  // Declared foreign keys get an FK badge; `$ref`/inferred links are references, not keys.
  const fkFields = new Set(
    relationships.filter((r) => r.direction === "outgoing" && r.source === "foreignKey").flatMap((r) => r.fields),
  );
  const refFields = new Set(
    relationships.filter((r) => r.direction === "outgoing" && r.source !== "foreignKey").flatMap((r) => r.fields),
  );
  const indexes = object.indexes ?? [];
  // Only SQL sources have indexes; other kinds leave the section out rather than say "none".
  const showIndexes = indexes.length > 0 || /^(sqlite|postgres|mysql):/.test(object.origin);
  const caps = capabilityOrder.filter((c) => object.capabilities.includes(c));

  const deprecatedCount = object.fields.filter((f) => f.deprecated !== undefined).length;
  const fields = hideDeprecated ? object.fields.filter((f) => f.deprecated === undefined) : object.fields;
  const showDeprecatedSwitch = onHideDeprecatedChange !== undefined && (graphql || deprecatedCount > 0);
  const enumValues = object.enumValues ?? [];
  const members = object.members ?? [];
  const implementsList = object.implements ?? [];
  // Enumerations and unions have no fields by nature: no empty "Fields" section for them.
  const showFields = object.fields.length > 0 || (object.kind !== "enum" && object.kind !== "union");
  const membersTitle = object.kind === "interface" ? "Implemented by" : "Members";
  const tableLike = object.kind === "table" || object.kind === "view" || object.kind === "materialized_view";

  return (
    <article className="detail" data-testid="object-detail" data-name={object.name} data-kind={object.kind}>
      <header className="detail-header">
        <div className="detail-title-row">
          <h2 className="detail-title">{object.name}</h2>
          <KindBadge kind={object.kind} />
          {object.relay && <RelayBadge relay={object.relay} />}
          {blocking && (
            <Button
              size="sm"
              variant="ghost"
              className="detail-block"
              icon={<IconBan size={14} />}
              onClick={() => blocking.onBlockTable(object.name)}
              disabled={blocking.disabled}
              title={`Leave ${object.name} out of the schema: lists, search, operations and agents`}
              data-testid="scoping-block-table"
            >
              {tableLike ? "Block table" : "Block object"}
            </Button>
          )}
        </div>
        {implementsList.length > 0 && (
          <div className="detail-implements">
            <span className="muted">implements</span>
            <ObjectLinkList
              names={implementsList}
              testId="object-implements"
              linkTestId="implements-link"
              label="Implemented interfaces"
              onNavigate={onNavigate}
            />
          </div>
        )}
        {object.description && <p className="detail-description">{object.description}</p>}
        <div className="detail-meta">
          <span className="detail-caps" aria-label="Capabilities">
            {caps.length === 0 ? (
              <span className="faint">no capabilities</span>
            ) : (
              caps.map((c) => (
                <Badge key={c} tone="neutral" data-testid="capability">
                  {c}
                </Badge>
              ))
            )}
          </span>
          <code className="detail-origin" title="Origin in the source">
            {object.origin}
          </code>
        </div>
        <nav className="detail-jump" aria-label="Sections">
          {enumValues.length > 0 && (
            <button type="button" onClick={jump("detail-values")}>
              Values <span>{enumValues.length}</span>
            </button>
          )}
          {members.length > 0 && (
            <button type="button" onClick={jump("detail-members")}>
              {membersTitle} <span>{members.length}</span>
            </button>
          )}
          {showFields && (
            <button type="button" onClick={jump("detail-fields")}>
              Fields <span>{fields.length}</span>
            </button>
          )}
          {showIndexes && (
            <button type="button" onClick={jump("detail-indexes")}>
              Indexes <span>{indexes.length}</span>
            </button>
          )}
          <button type="button" onClick={jump("detail-relationships")}>
            Relationships <span>{relationships.length}</span>
          </button>
          <button type="button" onClick={jump("detail-operations")}>
            Operations <span>{operations.length}</span>
          </button>
        </nav>
      </header>

      {enumValues.length > 0 && (
        <Section id="detail-values" title="Values" count={enumValues.length}>
          <EnumValuesList values={enumValues} />
        </Section>
      )}

      {members.length > 0 && (
        <Section id="detail-members" title={membersTitle} count={members.length}>
          <ObjectLinkList names={members} testId="object-members" linkTestId="member-link" label={membersTitle} onNavigate={onNavigate} />
        </Section>
      )}

      {showFields && (
        <Section
          id="detail-fields"
          title="Fields"
          count={fields.length}
          actions={
            showDeprecatedSwitch && onHideDeprecatedChange ? (
              <HideDeprecatedToggle hide={hideDeprecated} deprecatedCount={deprecatedCount} onChange={onHideDeprecatedChange} />
            ) : undefined
          }
        >
          {fields.length === 0 ? (
            <p className="section-empty">{object.fields.length > 0 ? "Every field is deprecated and hidden." : "No fields."}</p>
          ) : (
            <table className="data-table fields-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Native</th>
                  <th>Null</th>
                  <th>Default</th>
                  <th>Data</th>
                  {blocking && (
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {fields.map((f) => (
                  <FieldRow
                    key={f.name}
                    field={f}
                    pk={pk.has(f.name)}
                    fk={fkFields.has(f.name)}
                    reference={refFields.has(f.name)}
                    onNavigate={onNavigate}
                    {...(blocking ? { onBlock: () => blocking.onBlockColumn(object.name, f.name), blockDisabled: blocking.disabled } : {})}
                  />
                ))}
              </tbody>
            </table>
          )}
        </Section>
      )}

      {showIndexes && (
        <Section id="detail-indexes" title="Indexes" count={indexes.length}>
          {indexes.length === 0 ? (
            <p className="section-empty">No indexes.</p>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Columns</th>
                  <th>Kind</th>
                </tr>
              </thead>
              <tbody>
                {indexes.map((ix) => (
                  <IndexRow key={ix.name} index={ix} />
                ))}
              </tbody>
            </table>
          )}
        </Section>
      )}

      <Section id="detail-relationships" title="Relationships" count={relationships.length}>
        {relationships.length === 0 ? (
          <p className="section-empty">No relationships.</p>
        ) : (
          <ul className="rel-list">
            {relationships.map((r, i) => (
              <RelationshipRow key={`${r.direction}-${r.otherObject}-${r.fields.join(",")}-${i}`} self={object.name} rel={r} onNavigate={onNavigate} />
            ))}
          </ul>
        )}
      </Section>

      <Section id="detail-operations" title="Operations" count={operations.length}>
        {operations.length === 0 ? (
          <p className="section-empty">No operations.</p>
        ) : (
          <ul className="op-list">
            {operations.map((op) => (
              <OperationRow key={op.id} op={op} onNavigate={onNavigate} />
            ))}
          </ul>
        )}
      </Section>
    </article>
  );
}

function jump(id: string) {
  return (e: MouseEvent) => {
    e.preventDefault();
    document.getElementById(id)?.scrollIntoView?.({ block: "start", behavior: "smooth" });
  };
}

function Section({ id, title, count, actions, children }: { id: string; title: string; count: number; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="detail-section" id={id} aria-labelledby={`${id}-title`}>
      <div className="detail-section-head">
        <h3 className="detail-section-title" id={`${id}-title`}>
          {title} <span className="detail-section-count">{count}</span>
        </h3>
        {actions}
      </div>
      {children}
    </section>
  );
}
