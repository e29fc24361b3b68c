import { useState } from "react";
import type { LastTry } from "../../api/agentHooks";
import type { TryDiagnostic, TryRun, TryStatus } from "../../api/agentTypes";
import { Badge, IconAlert, IconEye, type BadgeTone } from "../../components/ui";
import { formatCount, plural } from "../../lib/format";
import { ResolvedRequestView } from "./ResolvedRequestView";
import { prettyJson } from "./skillModel";

type ResultTab = "output" | "request" | "response" | "diagnostics";

const statusTone: Record<TryStatus, BadgeTone> = { ok: "success", dryRun: "info", failed: "danger" };
const statusLabel: Record<TryStatus, string> = { ok: "ok", dryRun: "dry run", failed: "failed" };
const severityTone: Record<TryDiagnostic["severity"], BadgeTone> = { error: "danger", warning: "warning", info: "info" };

/** The tab that answers "what happened" first: the output of a run, the request of a dry run. */
function firstTab(run: TryRun): ResultTab {
  if (run.status === "ok") return "output";
  if (run.status === "dryRun") return "request";
  return run.request ? "request" : "diagnostics";
}

/** `12.3 ms`, `240 ms`, `1.25 s`. */
export function formatLatency(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** A try run: status, latency, then the resolved request, the raw response, the output and the diagnostics. */
export function TryResult({ last, currentHash }: { last: LastTry; currentHash: string }) {
  const { run } = last;
  const [tab, setTab] = useState<ResultTab>(() => firstTab(run));
  const failures = run.diagnostics.filter((d) => d.severity === "error");
  const tabs: { tab: ResultTab; label: string }[] = [
    { tab: "output", label: "Output" },
    { tab: "request", label: "Resolved request" },
    { tab: "response", label: "Raw response" },
    { tab: "diagnostics", label: `Diagnostics (${run.diagnostics.length})` },
  ];

  return (
    <section className="card try-result" data-testid="try-result" data-status={run.status} aria-label="Last run">
      <div className="try-summary" data-testid="try-status" data-status={run.status}>
        <Badge tone={statusTone[run.status]} solid={run.status === "failed"}>
          {statusLabel[run.status]}
        </Badge>
        <span data-testid="try-executed" data-executed={run.executed}>
          {run.executed ? "executed" : "not executed"}
        </span>
        <span className="try-summary-item">
          <span className="faint">Latency</span> <strong data-testid="try-latency">{formatLatency(run.latencyMs)}</strong>
        </span>
        {run.response?.httpStatus != null && (
          <span className="try-summary-item">
            <span className="faint">HTTP</span> <strong data-testid="try-http-status">{run.response.httpStatus}</strong>
          </span>
        )}
        {run.response?.rowsAffected != null && (
          <span className="try-summary-item" data-testid="try-rows-affected" data-rows={run.response.rowsAffected}>
            <strong>{formatCount(run.response.rowsAffected)}</strong> <span className="faint">{run.response.rowsAffected === 1 ? "row" : "rows"} affected</span>
          </span>
        )}
        <span className="faint try-summary-when">{new Date(last.at).toLocaleTimeString()}</span>
      </div>

      {run.contentHash !== currentHash && (
        <p className="try-stale faint" data-testid="try-stale">
          This run was of an earlier content of the skill; run it again to try what it does now.
        </p>
      )}
      {run.status === "dryRun" && (
        <div className="try-notice" role="status" data-testid="try-not-executed">
          <IconEye size={15} />
          <span>
            <strong>Dry run: nothing was executed.</strong> This is exactly what would be sent. “Run the write…” sends it after you confirm.
          </span>
        </div>
      )}
      {run.status === "failed" && (
        <div className="try-failure" role="alert" data-testid="try-failure">
          <IconAlert size={16} className="try-failure-icon" />
          <div>
            <strong>The run failed.</strong>
            <DiagnosticList diagnostics={failures.length > 0 ? failures : run.diagnostics} />
          </div>
        </div>
      )}

      <div className="result-tabs" role="tablist" aria-label="Run details">
        {tabs.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            aria-selected={tab === t.tab}
            className="result-tab"
            onClick={() => setTab(t.tab)}
            data-testid={`try-tab-${t.tab}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="result-panel" data-testid={`try-panel-${tab}`}>
        {tab === "output" && <OutputTable run={run} />}
        {tab === "request" && <ResolvedRequestView request={run.request} />}
        {tab === "response" && <RawResponse run={run} />}
        {tab === "diagnostics" &&
          (run.diagnostics.length === 0 ? <p className="muted">No diagnostics.</p> : <DiagnosticList diagnostics={run.diagnostics} />)}
      </div>
    </section>
  );
}

function OutputTable({ run }: { run: TryRun }) {
  if (!run.output) {
    const why = run.status === "dryRun" ? "A dry run reads nothing back." : "Nothing was read back.";
    return <p className="muted">{why}</p>;
  }
  const entries = Object.entries(run.output);
  if (entries.length === 0) return <p className="muted">The answer had none of the projected fields.</p>;
  return (
    <table className="plan-table output-table" data-testid="try-output">
      <thead>
        <tr>
          <th scope="col">Output</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([leaf, value]) => (
          <tr key={leaf} data-testid="output-row" data-leaf={leaf}>
            <td>
              <code>{leaf}</code>
            </td>
            <td data-testid="output-value">
              {value === null ? <span className="faint">null</span> : typeof value === "string" ? value : <code>{prettyJson(value)}</code>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RawResponse({ run }: { run: TryRun }) {
  const response = run.response;
  if (!response) {
    return <p className="muted">{run.executed ? "No answer came back." : "Nothing was sent, so there is no answer."}</p>;
  }
  return (
    <div className="raw-response">
      <div className="plan-facts">
        {response.httpStatus !== null && <Badge tone={response.httpStatus < 400 ? "success" : "danger"}>HTTP {response.httpStatus}</Badge>}
        {(response.bytes > 0 || response.httpStatus !== null) && (
          <span className="muted" data-testid="response-bytes">
            {plural(response.bytes, "byte")}
          </span>
        )}
        {Array.isArray(response.body) && response.httpStatus === null && <span className="muted">{plural(response.body.length, "row")}</span>}
        {response.rowsAffected !== null && <span className="muted">{plural(response.rowsAffected, "row")} affected</span>}
      </div>
      {response.truncated && (
        <div className="try-truncated" role="note" data-testid="response-truncated">
          <IconAlert size={14} /> The answer was longer than the cap: it is truncated here.
        </div>
      )}
      <pre className="code" data-testid="raw-response">
        {prettyJson(response.body)}
      </pre>
    </div>
  );
}

function DiagnosticList({ diagnostics }: { diagnostics: TryDiagnostic[] }) {
  return (
    <ul className="diagnostics">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${d.at ?? ""}-${i}`} className="diagnostic" data-testid="try-diagnostic" data-code={d.code} data-severity={d.severity}>
          <Badge tone={severityTone[d.severity] ?? "neutral"}>{d.severity}</Badge>
          <code className="diagnostic-code">{d.code}</code>
          <span className="diagnostic-message">
            {d.message}
            {d.at && <code className="diagnostic-path"> {d.at}</code>}
          </span>
        </li>
      ))}
    </ul>
  );
}
