import type { Diagnostic } from "../../api/types";
import { Badge, type BadgeTone } from "../../components/ui";

const tone: Record<Diagnostic["severity"], BadgeTone> = { info: "info", warning: "warning", error: "danger" };

/** Diagnostics exactly as the core returned them: severity, code, message, where, and help. */
export function DiagnosticsList({ diagnostics, max }: { diagnostics: Diagnostic[]; max?: number }) {
  if (diagnostics.length === 0) return null;
  const shown = max === undefined ? diagnostics : diagnostics.slice(0, max);
  return (
    <ul className="diagnostics" data-testid="diagnostics">
      {shown.map((d, i) => (
        <li key={`${d.code}-${d.path ?? ""}-${i}`} className="diagnostic" data-testid="diagnostic" data-code={d.code} data-severity={d.severity}>
          <Badge tone={tone[d.severity] ?? "neutral"}>{d.severity}</Badge>
          <code className="diagnostic-code">{d.code}</code>
          <span className="diagnostic-message">
            {d.message}
            {d.path && <code className="diagnostic-path"> {d.path}</code>}
            {d.help && <span className="diagnostic-help"> {d.help}</span>}
          </span>
        </li>
      ))}
      {shown.length < diagnostics.length && (
        <li className="diagnostic faint">and {diagnostics.length - shown.length} more</li>
      )}
    </ul>
  );
}
