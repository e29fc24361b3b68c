import { useEditor, type InlineDiagnostic } from "./context";

/** The diagnostics of one row, with their help, right where they apply. */
export function RowDiagnostics({ row, list }: { row?: string; list?: readonly InlineDiagnostic[] }) {
  const { diagnostics } = useEditor();
  const items = list ?? (row ? diagnostics.get(row) : undefined) ?? [];
  if (items.length === 0) return null;
  return (
    <ul className="editor-diags">
      {items.map((d, i) => (
        <li key={`${d.code}-${i}`} className={`editor-diag editor-diag-${d.severity}`} data-testid="editor-diagnostic" data-code={d.code} data-row={row}>
          <span className="editor-diag-message">{d.message}</span>
          {d.help && <span className="editor-diag-help">{d.help}</span>}
          <code className="editor-diag-code">{d.code}</code>
        </li>
      ))}
    </ul>
  );
}

/** The worst severity of a row, for its outline. */
export function rowSeverity(list: readonly InlineDiagnostic[] | undefined): "error" | "warning" | null {
  if (!list?.length) return null;
  return list.some((d) => d.severity === "error") ? "error" : "warning";
}
