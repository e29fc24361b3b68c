import type { MouseEvent, ReactNode } from "react";
import { useObjectDetail } from "../../api/hooks";
import type { Field, Index, ObjectDetail, Relationship } from "../../api/types";
import { Badge, ErrorPanel, IconArrowLeft, IconArrowRight, Loading } from "../../components/ui";
import { capabilityOrder, objectKindLabel, objectKindTone, piiLabel } from "../../lib/labels";
import { OperationRow, TypeLabel } from "./OperationRow";
import { OperationsByTag } from "./OperationsByTag";

export interface ObjectDetailPaneProps {
  kind: string;
  object: string | null;
  onNavigate: (object: string) => void;
}

export function ObjectDetailPane({ kind, object, onNavigate }: ObjectDetailPaneProps) {
  const detail = useObjectDetail(kind, object);

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
      <ObjectDetailView detail={detail.data} onNavigate={onNavigate} />
    </div>
  );
}

/** Renders one object exactly as the core described it. */
export function ObjectDetailView({ detail, onNavigate }: { detail: ObjectDetail; onNavigate: (object: string) => void }) {
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

  return (
    <article className="detail" data-testid="object-detail" data-name={object.name}>
      <header className="detail-header">
        <div className="detail-title-row">
          <h2 className="detail-title">{object.name}</h2>
          <Badge tone={objectKindTone[object.kind] ?? "neutral"}>{objectKindLabel[object.kind] ?? object.kind}</Badge>
        </div>
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
          <button type="button" onClick={jump("detail-fields")}>
            Fields <span>{object.fields.length}</span>
          </button>
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

      <Section id="detail-fields" title="Fields" count={object.fields.length}>
        {object.fields.length === 0 ? (
          <p className="section-empty">No fields.</p>
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
              </tr>
            </thead>
            <tbody>
              {object.fields.map((f) => (
                <FieldRow
                  key={f.name}
                  field={f}
                  pk={pk.has(f.name)}
                  fk={fkFields.has(f.name)}
                  reference={refFields.has(f.name)}
                  onNavigate={onNavigate}
                />
              ))}
            </tbody>
          </table>
        )}
      </Section>

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

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <section className="detail-section" id={id} aria-labelledby={`${id}-title`}>
      <h3 className="detail-section-title" id={`${id}-title`}>
        {title} <span className="detail-section-count">{count}</span>
      </h3>
      {children}
    </section>
  );
}


interface FieldRowProps {
  field: Field;
  pk: boolean;
  fk: boolean;
  reference: boolean;
  onNavigate: (o: string) => void;
}

function FieldRow({ field: f, pk, fk, reference, onNavigate }: FieldRowProps) {
  return (
    <tr
      data-testid="field-row"
      data-name={f.name}
      data-pk={pk || undefined}
      data-fk={fk || undefined}
      data-pii={f.pii}
      data-sensitive={f.sensitive || undefined}
    >
      <td className="field-name-cell">
        <div className="field-name">
          <code>{f.name}</code>
          {pk && (
            <Badge tone="warning" title="Primary key" data-testid="badge-pk">
              PK
            </Badge>
          )}
          {fk && (
            <Badge tone="info" title="Foreign key: part of an outgoing relationship" data-testid="badge-fk">
              FK
            </Badge>
          )}
          {reference && (
            <Badge tone="info" title="Refers to another object" data-testid="badge-ref">
              ref
            </Badge>
          )}
        </div>
        {f.description && <div className="field-description">{f.description}</div>}
        {!f.origin.startsWith("sqlite:") && (
          <div className="field-origin" title="Where the field is defined in the source" data-testid="field-origin">
            {f.origin}
          </div>
        )}
      </td>
      <td>
        <TypeLabel type={f.type} onNavigate={onNavigate} />
      </td>
      <td>{f.nativeType ? <code className="faint">{f.nativeType}</code> : <span className="faint">—</span>}</td>
      <td>
        {f.required ? (
          <Badge tone="accent" data-testid="badge-required">
            required
          </Badge>
        ) : f.nullable ? (
          <span className="muted">nullable</span>
        ) : (
          <span className="muted">optional</span>
        )}
      </td>
      <td>{f.default !== undefined ? <code className="field-default">{f.default}</code> : <span className="faint">—</span>}</td>
      <td>
        <div className="field-flags">
          {f.pii !== "none" && (
            <Badge tone="violet" title={`Personal data: ${piiLabel[f.pii] ?? f.pii}`} data-testid="badge-pii">
              PII · {piiLabel[f.pii] ?? f.pii}
            </Badge>
          )}
          {f.sensitive && (
            <Badge tone="danger" title="Sensitive: never exported without a decision" data-testid="badge-sensitive">
              sensitive
            </Badge>
          )}
        </div>
      </td>
    </tr>
  );
}

function IndexRow({ index: ix }: { index: Index }) {
  return (
    <tr data-testid="index-row" data-name={ix.name}>
      <td>
        <code>{ix.name}</code>
      </td>
      <td>
        <code>{ix.columns.join(", ")}</code>
      </td>
      <td>
        <div className="field-flags">
          {ix.origin === "primaryKey" && <Badge tone="warning">primary key</Badge>}
          {ix.unique && <Badge tone="accent">unique</Badge>}
          {ix.partial && <Badge>partial</Badge>}
          {!ix.unique && ix.origin !== "primaryKey" && <span className="muted">index</span>}
        </div>
      </td>
    </tr>
  );
}

const sourceLabel: Record<Relationship["source"], string> = {
  foreignKey: "foreign key",
  ref: "$ref",
  graphqlField: "GraphQL field",
  inferred: "inferred",
};

function RelationshipRow({ self, rel: r, onNavigate }: { self: string; rel: Relationship; onNavigate: (o: string) => void }) {
  const out = r.direction === "outgoing";
  return (
    <li className="rel-row" data-testid="relationship-row" data-direction={r.direction} data-other={r.otherObject}>
      <span className={`rel-dir rel-dir-${r.direction}`} title={out ? "Outgoing" : "Incoming"} aria-label={r.direction}>
        {out ? <IconArrowRight size={14} /> : <IconArrowLeft size={14} />}
      </span>
      <span className="rel-path">
        <code className="faint">{self}.</code>
        <code>{r.fields.join(", ")}</code>
        <span className="rel-arrow" aria-hidden="true">
          {out ? "→" : "←"}
        </span>
        <button type="button" className="link mono" onClick={() => onNavigate(r.otherObject)} data-testid="relationship-link">
          {r.otherObject}
        </button>
        <code className="faint">.{r.otherFields.join(", ")}</code>
        {r.name && <span className="faint rel-name">{r.name}</span>}
      </span>
      <span className="rel-badges">
        <Badge tone={r.cardinality === "many" ? "teal" : "neutral"}>{r.cardinality === "many" ? "many" : "one"}</Badge>
        <Badge>{sourceLabel[r.source] ?? r.source}</Badge>
        {r.joinable ? <Badge tone="success">joinable</Badge> : <Badge tone="neutral">not joinable</Badge>}
      </span>
    </li>
  );
}
