import { useState, type KeyboardEvent } from "react";
import { useObjectDetail } from "../../../api/hooks";
import type { Field, Operation, Relationship } from "../../../api/types";
import { Button, IconPlus, Spinner } from "../../../components/ui";
import { addLeaf, cardinalities, pathOf, setCardinality, typeLabel, type PathStep } from "./bindingModel";
import { useEditor } from "./context";

const MAX_DEPTH = 5;
const idOf = (steps: readonly PathStep[]) =>
  steps
    .map((s) => s.name)
    .filter(Boolean)
    .join(".");

/** The operation's response: fields to expand through nested objects, lists and (SQL) foreign keys. */
export function ResponseTree({ op }: { op: Operation }) {
  const ret = op.returns;
  return (
    <section className="editor-col editor-fields" aria-labelledby="editor-fields-title" data-testid="editor-fields">
      <h3 className="editor-col-title" id="editor-fields-title">
        Response
      </h3>
      {!ret ? (
        <p className="faint">The operation answers nothing to project.</p>
      ) : ret.kind === "object" ? (
        <ObjectFields object={ret.object} steps={[]} />
      ) : ret.kind === "list" ? (
        <>
          <div className="editor-node editor-node-root" data-anchor="node:">
            <span className="editor-node-name">rows</span>
            <span className="editor-target-type">{typeLabel(ret)}</span>
            <CardinalityPicker listId="" always />
          </div>
          {ret.of.kind === "object" && <ObjectFields object={ret.of.object} steps={[{ name: "", list: true }]} />}
        </>
      ) : (
        <p className="faint">A {typeLabel(ret)} answer.</p>
      )}
    </section>
  );
}

function ObjectFields({ object, steps }: { object: string; steps: PathStep[] }) {
  const { kind } = useEditor();
  const detail = useObjectDetail(kind, object);
  if (detail.isPending) return <Spinner size={12} />;
  if (detail.isError) return <p className="text-field-error">Could not load {object}: {detail.error.message}</p>;
  const joins = detail.data.relationships.filter((r) => r.direction === "outgoing" && r.joinable && r.cardinality === "one" && r.fields.length === 1);
  return (
    <ul className="editor-list editor-tree" role="group" aria-label={object}>
      {detail.data.object.fields
        .filter((f) => f.role !== "userErrors")
        .map((f) => (
          <FieldRow key={f.name} field={f} parent={steps} join={joins.find((r) => r.fields[0] === f.name)} />
        ))}
    </ul>
  );
}

function FieldRow({ field, parent, join }: { field: Field; parent: PathStep[]; join?: Relationship }) {
  const { binding, change, dnd } = useEditor();
  const [open, setOpen] = useState(false);
  const list = field.type.kind === "list";
  const inner = field.type.kind === "list" ? field.type.of : field.type;
  const steps = [...parent, { name: field.name, list }];
  const nodeId = idOf(steps);
  const nested = inner.kind === "object" ? inner.object : join?.otherObject;
  const canExpand = !!nested && steps.length < MAX_DEPTH;
  const isLeaf = inner.kind !== "object";
  const add = () => change(addLeaf(binding, pathOf(binding, steps)));
  const onKey = (e: KeyboardEvent) => {
    if (canExpand && e.key === "ArrowRight") setOpen(true);
    if (canExpand && e.key === "ArrowLeft") setOpen(false);
  };

  return (
    <li className="editor-node-item" data-testid="editor-field" data-node={nodeId}>
      <div className="editor-node" data-anchor={`node:${nodeId}`} onKeyDown={onKey}>
        {canExpand ? (
          <button
            type="button"
            className="editor-twisty"
            aria-expanded={open}
            aria-label={`${open ? "Collapse" : "Expand"} ${field.name}`}
            data-testid="editor-field-expand"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? "▾" : "▸"}
          </button>
        ) : (
          <span className="editor-twisty" aria-hidden="true" />
        )}
        <span
          className={["editor-node-name", isLeaf && "is-draggable"].filter(Boolean).join(" ")}
          onPointerDown={isLeaf ? (e) => dnd.start({ kind: "field", steps }, e) : undefined}
          title={field.description}
          data-testid="editor-field-handle"
        >
          {field.name}
        </span>
        <span className="editor-target-type">
          {typeLabel(field.type)}
          {join && ` → ${join.otherObject}`}
        </span>
        {field.pii !== "none" && <span className="editor-pii">{field.pii}</span>}
        {list && <CardinalityPicker listId={nodeId} />}
        {isLeaf && (
          <Button size="sm" variant="ghost" icon={<IconPlus size={12} />} onClick={add} aria-label={`Add ${nodeId} as output`} data-testid="editor-field-add">
            <span className="sr-only">Add as output</span>
          </Button>
        )}
      </div>
      {open && nested && <ObjectFields object={nested} steps={steps} />}
    </li>
  );
}

type CardKind = "first" | "all" | "index" | "filter";
const kindOf = (card: string): CardKind =>
  card === "[first]" ? "first" : card === "[*]" ? "all" : /^\[\d+\]$/.test(card) ? "index" : "filter";

/** How a list is crossed: its first item, every item, the n-th, or the one whose field has a value. Shown once a field under it is used. */
export function CardinalityPicker({ listId, always = false }: { listId: string; always?: boolean }) {
  const { binding, change } = useEditor();
  const current = cardinalities(binding).get(listId);
  const [text, setText] = useState<string | null>(null);
  if (!current && !always) return null;
  const card = current ?? "[first]";
  const k = kindOf(card);
  const set = (next: string) => {
    if (next !== card) change(setCardinality(binding, listId, next));
  };
  const inner = card.slice(1, -1);
  const commit = () => {
    if (text === null) return;
    const t = text.trim();
    setText(null);
    if (k === "index" && /^\d+$/.test(t)) set(`[${t}]`);
    if (k === "filter" && /^[^=\]]+=[^\]]*$/.test(t)) set(`[${t}]`);
  };
  return (
    <span className="editor-card" data-testid="editor-cardinality" data-list={listId} data-value={card}>
      <select
        aria-label={`Which items of ${listId || "the rows"}`}
        value={k}
        disabled={!current}
        data-testid="editor-cardinality-select"
        onChange={(e) => {
          const v = e.target.value as CardKind;
          set(v === "first" ? "[first]" : v === "all" ? "[*]" : v === "index" ? "[0]" : "[id=1]");
        }}
      >
        <option value="first">[first]</option>
        <option value="all">[*] every item</option>
        <option value="index">[n]</option>
        <option value="filter">[field=value]</option>
      </select>
      {(k === "index" || k === "filter") && (
        <input
          className="editor-text editor-card-input"
          aria-label={k === "index" ? "Item number" : "field=value"}
          value={text ?? inner}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
          data-testid="editor-cardinality-input"
        />
      )}
    </span>
  );
}
