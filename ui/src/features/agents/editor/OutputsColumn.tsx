import { useState } from "react";
import { Button, IconTrash } from "../../../components/ui";
import { addLeaf, pathOf, removeLeaf, renameLeaf } from "./bindingModel";
import { useEditor } from "./context";
import { RowDiagnostics, rowSeverity } from "./RowDiagnostics";

/** The output leaves the agent sees: drop a response field here (or "Add as output" on it). */
export function OutputsColumn() {
  const { binding, change, dnd } = useEditor();
  const leaves = binding.projection ?? [];
  const dropping = dnd.drag?.item.kind === "field" && dnd.drag.moved;
  return (
    <section
      className={["editor-col editor-outputs", dropping && "is-droppable"].filter(Boolean).join(" ")}
      aria-labelledby="editor-outputs-title"
      data-testid="editor-outputs"
      onPointerUp={() => {
        const item = dnd.take("field");
        if (item) change(addLeaf(binding, pathOf(binding, item.steps)));
      }}
    >
      <h3 className="editor-col-title" id="editor-outputs-title">
        Outputs
      </h3>
      {leaves.length === 0 ? (
        <p className="editor-drop-hint faint">Drag a response field here, or press its + button.</p>
      ) : (
        <ul className="editor-list">
          {leaves.map((p, i) => (
            <LeafRow key={`${i}-${p.leaf}`} index={i} leaf={p.leaf} path={p.path} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LeafRow({ index, leaf, path }: { index: number; leaf: string; path: string[] }) {
  const { binding, change, diagnostics } = useEditor();
  const [name, setName] = useState(leaf);
  const severity = rowSeverity(diagnostics.get(`leaf:${index}`));
  const commit = () => {
    const t = name.trim();
    if (t && t !== leaf) change(renameLeaf(binding, index, t));
    else setName(leaf);
  };
  return (
    <li className={["editor-leaf", severity && `has-${severity}`].filter(Boolean).join(" ")} data-testid="editor-leaf" data-leaf={leaf} data-index={index}>
      <div className="editor-leaf-line" data-anchor={`leaf:${index}`}>
        <input
          className="editor-text editor-leaf-name"
          value={name}
          aria-label={`Output name of ${path.join(".")}`}
          onChange={(e) => setName(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              commit();
            }
          }}
          data-testid="editor-leaf-name"
        />
        <Button size="sm" variant="ghost" className="danger-ghost" aria-label={`Remove the output ${leaf}`} icon={<IconTrash size={12} />} onClick={() => change(removeLeaf(binding, index))} data-testid="editor-leaf-remove" />
      </div>
      <code className="editor-leaf-path" data-testid="editor-leaf-path">
        {path.join(".")}
      </code>
      <RowDiagnostics row={`leaf:${index}`} />
    </li>
  );
}
