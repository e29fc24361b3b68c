import { useState, type FormEvent } from "react";
import type { ValueSource } from "../../../api/editorTypes";
import { Button } from "../../../components/ui";
import { provenanceLabel } from "../skillModel";
import type { Target } from "./bindingModel";
import { useEditor } from "./context";
import { transforms } from "./transforms";

type Mode = "param" | "const";

/** Text typed for a constant or a default: JSON when it reads as JSON (numbers, booleans), else the text. */
export function parseLiteral(text: string): unknown {
  const t = text.trim();
  if (t === "") return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return text;
  }
}

const literalText = (v: unknown): string => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

/**
 * Where one target's value comes from: a parameter (who supplies it shows beside it), with a
 * transform and a default, or a constant the operator pins. Applied as one undoable step.
 */
export function SourcePopover({ target, source, onApply, onClose }: {
  target: Target;
  source: ValueSource | undefined;
  onApply: (src: ValueSource | null) => void;
  onClose: () => void;
}) {
  const { params } = useEditor();
  const paramOnly = target.section === "sqlSearch" || target.section === "sqlKey";
  const [mode, setMode] = useState<Mode>(source?.const !== undefined && !paramOnly ? "const" : "param");
  const [param, setParam] = useState(source?.param ?? "");
  const [constText, setConstText] = useState(literalText(source?.const));
  const [transform, setTransform] = useState(source?.transform ?? "");
  const [defaultText, setDefaultText] = useState(literalText(source?.default));
  const picked = params.find((p) => p.name === param);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === "const") onApply({ const: parseLiteral(constText) ?? "" });
    else if (!param) onApply(null);
    else onApply({ param, transform: transform || undefined, default: paramOnly ? undefined : parseLiteral(defaultText) });
    onClose();
  };

  return (
    <form
      className="editor-popover"
      role="dialog"
      aria-label={`Source of ${target.name}`}
      data-testid="editor-source-popover"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      {!paramOnly && (
        <div className="editor-segmented" role="radiogroup" aria-label="Kind of source">
          {(["param", "const"] as const).map((m) => (
            <label key={m} className={mode === m ? "is-on" : undefined}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`editor-source-mode-${m}`} />
              {m === "param" ? "Parameter" : "Constant"}
            </label>
          ))}
        </div>
      )}
      {mode === "param" ? (
        <>
          <label className="editor-popover-field">
            <span>Parameter</span>
            <select value={param} onChange={(e) => setParam(e.target.value)} data-testid="editor-source-param" autoFocus>
              <option value="">(none)</option>
              {params.map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name} · {provenanceLabel[p.provenance]}
                </option>
              ))}
            </select>
          </label>
          {picked && (
            <p className="editor-popover-note" data-testid="editor-source-provenance">
              {provenanceLabel[picked.provenance]}: {picked.description}
            </p>
          )}
          <label className="editor-popover-field">
            <span>Transform</span>
            <select value={transform} onChange={(e) => setTransform(e.target.value)} data-testid="editor-source-transform">
              <option value="">(none)</option>
              {transforms.map((t) => (
                <option key={t.name} value={t.name} title={t.description}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          {!paramOnly && (
            <label className="editor-popover-field">
              <span>Default (when not given)</span>
              <input className="editor-text" value={defaultText} onChange={(e) => setDefaultText(e.target.value)} data-testid="editor-source-default" />
            </label>
          )}
        </>
      ) : (
        <label className="editor-popover-field">
          <span>Constant (JSON or text)</span>
          <input className="editor-text" value={constText} onChange={(e) => setConstText(e.target.value)} data-testid="editor-source-const" autoFocus />
        </label>
      )}
      <div className="editor-popover-actions">
        {source && (
          <Button size="sm" variant="ghost" className="danger-ghost" onClick={() => { onApply(null); onClose(); }} data-testid="editor-source-remove">
            Remove
          </Button>
        )}
        <Button size="sm" variant="ghost" onClick={onClose}>
          Cancel
        </Button>
        <Button size="sm" variant="primary" type="submit" data-testid="editor-source-apply">
          Apply
        </Button>
      </div>
    </form>
  );
}
