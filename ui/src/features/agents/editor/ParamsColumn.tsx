import { useMemo, useState } from "react";
import type { Provenance } from "../../../api/agentTypes";
import { IconSearch, Input } from "../../../components/ui";
import { provenanceHelp, provenanceLabel } from "../skillModel";
import { useEditor } from "./context";

const groups: { from: Provenance; title: string }[] = [
  { from: "caller", title: "From the caller" },
  { from: "callContext", title: "Call context" },
  { from: "operator", title: "Operator" },
];

/**
 * The canonical parameters (and the agent's own), by who supplies them. Drag one onto a target,
 * or pick it with Enter/space and then press Enter on a target.
 */
export function ParamsColumn({ used }: { used: ReadonlySet<string> }) {
  const { params, armed, setArmed, dnd } = useEditor();
  const [q, setQ] = useState("");
  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return needle ? params.filter((p) => p.name.includes(needle) || p.description.toLowerCase().includes(needle)) : params;
  }, [params, q]);

  return (
    <section className="editor-col editor-params" aria-labelledby="editor-params-title" data-testid="editor-params">
      <h3 className="editor-col-title" id="editor-params-title">
        Parameters
      </h3>
      <Input
        leading={<IconSearch size={13} />}
        placeholder="Search parameters"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-label="Search parameters"
        data-testid="editor-param-search"
      />
      {armed && (
        <p className="editor-armed-note" role="status">
          <code>{armed}</code> picked: press Enter on an argument to map it (Esc cancels).
        </p>
      )}
      {groups.map((g) => {
        const list = shown.filter((p) => p.provenance === g.from);
        if (list.length === 0) return null;
        return (
          <div key={g.from} className="editor-param-group" role="group" aria-label={g.title} data-from={g.from}>
            <h4 className={`editor-group-title editor-from-${g.from}`} title={provenanceHelp[g.from]}>
              {g.title}
            </h4>
            <ul className="editor-list">
              {list.map((p) => (
                <li key={p.name}>
                  <button
                    type="button"
                    className={["editor-param", armed === p.name && "is-armed", used.has(p.name) && "is-used"].filter(Boolean).join(" ")}
                    aria-pressed={armed === p.name}
                    title={`${p.description} (${provenanceLabel[p.provenance]})`}
                    data-testid="editor-param"
                    data-name={p.name}
                    data-anchor={`param:${p.name}`}
                    onPointerDown={(e) => dnd.start({ kind: "param", name: p.name }, e)}
                    onClick={() => setArmed(armed === p.name ? null : p.name)}
                  >
                    <span className="editor-param-name">{p.name}</span>
                    <span className="editor-param-type">
                      {p.type}
                      {p.format ? ` · ${p.format}` : ""}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {shown.length === 0 && <p className="faint">No parameter matches.</p>}
    </section>
  );
}
