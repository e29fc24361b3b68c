import { useState, type PointerEvent } from "react";
import type { ValueSource } from "../../../api/editorTypes";
import type { Operation } from "../../../api/types";
import { Badge } from "../../../components/ui";
import { jsonText, provenanceLabel, provenanceTone } from "../skillModel";
import { bindParam, sectionLabel, setSource, sourceOf, typeLabel, type Target, type TargetSection } from "./bindingModel";
import { useEditor } from "./context";
import { RowDiagnostics, rowSeverity } from "./RowDiagnostics";
import { SourcePopover } from "./SourcePopover";

const order: TargetSection[] = ["sqlSearch", "sqlKey", "inputs", "inputObjectMap"];

/** The operation's arguments (and a write's input fields, a SQL lookup's search column): the drop targets. */
export function TargetsColumn({ op, targets }: { op: Operation; targets: readonly Target[] }) {
  return (
    <section className="editor-col editor-targets" aria-labelledby="editor-targets-title" data-testid="editor-targets">
      <h3 className="editor-col-title" id="editor-targets-title">
        {op.title}
      </h3>
      <code className="editor-op-id">{op.id}</code>
      {targets.length === 0 && <p className="faint">This operation takes no values.</p>}
      {order.map((section) => {
        const list = targets.filter((t) => t.section === section);
        if (list.length === 0) return null;
        return (
          <div key={section} className="editor-target-group" role="group" aria-label={sectionLabel[section]}>
            <h4 className="editor-group-title">{sectionLabel[section]}</h4>
            <ul className="editor-list">
              {list.map((t) => (
                <TargetRow key={t.key} target={t} />
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

function SourceSummary({ src }: { src: ValueSource }) {
  const { params } = useEditor();
  const p = src.param ? params.find((x) => x.name === src.param) : undefined;
  return (
    <span className="editor-source" data-testid="editor-target-source-summary">
      {src.param !== undefined ? (
        <>
          <code>{src.param}</code>
          {p && <Badge tone={provenanceTone[p.provenance]}>{provenanceLabel[p.provenance]}</Badge>}
        </>
      ) : (
        <Badge tone="violet" title="A constant the operator pinned">
          const {jsonText(src.const)}
        </Badge>
      )}
      {src.transform && <span className="editor-transform">→ {src.transform}</span>}
      {src.default !== undefined && <span className="faint">default {jsonText(src.default)}</span>}
    </span>
  );
}

function TargetRow({ target: t }: { target: Target }) {
  const { binding, change, armed, setArmed, dnd, diagnostics } = useEditor();
  const [open, setOpen] = useState(false);
  const src = sourceOf(binding, t);
  const unbound = t.required && !src;
  const severity = rowSeverity(diagnostics.get(t.key));
  const dropping = dnd.drag?.item.kind === "param" && dnd.drag.moved;

  const onDrop = (e: PointerEvent) => {
    const item = dnd.take("param");
    if (!item) return;
    e.preventDefault();
    change(bindParam(binding, t, item.name));
  };

  return (
    <li
      className={["editor-target", unbound && "is-required", src && "is-bound", severity && `has-${severity}`, dropping && "is-droppable"]
        .filter(Boolean)
        .join(" ")}
      data-testid="editor-target"
      data-name={t.name}
      data-section={t.section}
      data-bound={!!src}
      data-required-unbound={unbound || undefined}
      onPointerUp={onDrop}
    >
      <div className="editor-target-line">
        <button
          type="button"
          className="editor-target-main"
          data-anchor={`target:${t.key}`}
          data-testid="editor-target-drop"
          aria-label={armed ? `Map ${armed} onto ${t.name}` : `Source of ${t.name}`}
          title={t.description}
          onClick={() => {
            if (armed) {
              change(bindParam(binding, t, armed));
              setArmed(null);
            } else setOpen((o) => !o);
          }}
        >
          <span className="editor-target-name">
            {t.name}
            {t.required && (
              <span className="editor-required" title="Required" aria-label="required">
                *
              </span>
            )}
          </span>
          <span className="editor-target-type">{typeLabel(t.type)}</span>
        </button>
        {src ? <SourceSummary src={src} /> : <span className="faint editor-unbound">{unbound ? "needs a value" : "not mapped"}</span>}
        <button
          type="button"
          className="editor-icon-btn"
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-label={`Choose the source of ${t.name}`}
          data-testid="editor-target-source"
          onClick={() => setOpen((o) => !o)}
        >
          ⋯
        </button>
      </div>
      {open && <SourcePopover target={t} source={src} onApply={(s) => change(setSource(binding, t, s))} onClose={() => setOpen(false)} />}
      <RowDiagnostics row={t.key} />
    </li>
  );
}
