import { useId, useMemo, useState, type FormEvent } from "react";
import { useLastTry, useTrySkill, type LastTry } from "../../api/agentHooks";
import type { SkillView } from "../../api/agentTypes";
import { Badge, Button, ErrorPanel, IconAlert, IconEye, IconPlay } from "../../components/ui";
import { ConfirmWriteDialog } from "./ConfirmWriteDialog";
import { jsonText, provenanceHelp, provenanceLabel, provenanceTone } from "./skillModel";
import { initialValues, sameInputs, toInputs, tryParameters, type TryParameter, type TryValues } from "./tryForm";
import { TryResult } from "./TryResult";

/**
 * Runs a skill live with sample inputs: one input per parameter it uses. A read runs at once; a
 * write never runs implicitly: "Dry run" shows exactly what would be sent, and "Run the write"
 * sends it only after an explicit confirmation of that request.
 */
export function TryPanel({ agentId, view }: { agentId: string; view: SkillView }) {
  const params = useMemo(() => tryParameters(view.skill), [view.skill]);
  const last = useLastTry(agentId, view.id);
  const [values, setValues] = useState<TryValues>(() => initialValues(params, last?.request.inputs));
  const [confirming, setConfirming] = useState<LastTry | null>(null);
  const run = useTrySkill(agentId, view.id);
  const inputs = toInputs(params, values);
  const isWrite = view.isWrite || view.skill.isWrite;
  const running = run.isPending ? (run.variables?.confirm ? "write" : "dry") : null;

  /** The dry run of exactly these inputs on this content, made now or reused. */
  const prepareWrite = async () => {
    const reusable =
      last &&
      !last.request.confirm &&
      last.run.status === "dryRun" &&
      last.run.contentHash === view.contentHash &&
      sameInputs(last.request.inputs, inputs);
    const dry = reusable ? last : await run.mutateAsync({ inputs, confirm: false }).catch(() => null);
    if (dry?.run.status === "dryRun") setConfirming(dry);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Enter never runs a write: at most its dry run.
    if (!run.isPending) run.mutate({ inputs, confirm: false });
  };

  return (
    <div className="try" data-testid="try-panel" data-write={isWrite}>
      <form className="card try-form" onSubmit={submit} aria-label="Sample inputs">
        <div className="try-form-head">
          <h3 className="skill-block-title">Sample inputs</h3>
          {isWrite ? (
            <span className="try-write-note">
              <IconAlert size={14} /> This skill changes data in <code>{view.providerKind}</code>. It runs only when you confirm.
            </span>
          ) : (
            <span className="faint">Reads only: runs in a read-only request.</span>
          )}
        </div>
        {params.length === 0 ? (
          <p className="muted">It takes no values.</p>
        ) : (
          <div className="try-fields">
            {params.map((p) => (
              <TryField key={p.name} param={p} value={values[p.name] ?? ""} onChange={(v) => setValues((old) => ({ ...old, [p.name]: v }))} />
            ))}
          </div>
        )}
        {view.broken && (
          <p className="try-broken" role="note">
            A schema change broke this skill: the core refuses to run it (<code>skill_broken</code>) until its binding is updated.
          </p>
        )}
        <div className="try-actions">
          {isWrite ? (
            <>
              <Button type="submit" icon={<IconEye size={14} />} loading={running === "dry"} disabled={run.isPending} data-testid="try-dry-run">
                Dry run
              </Button>
              <Button
                variant="danger"
                className="btn-danger-solid"
                icon={<IconPlay size={13} />}
                loading={running === "write"}
                disabled={run.isPending}
                onClick={() => void prepareWrite()}
                data-testid="try-run-write"
              >
                Run the write…
              </Button>
              <span className="faint try-actions-note">The dry run sends nothing; it shows the exact request.</span>
            </>
          ) : (
            <Button type="submit" variant="primary" icon={<IconPlay size={13} />} loading={run.isPending} data-testid="try-run">
              Run
            </Button>
          )}
        </div>
      </form>

      {run.isError && <ErrorPanel error={run.error} title="The core refused the run" />}

      {last ? (
        <TryResult key={last.at} last={last} currentHash={view.contentHash} />
      ) : (
        <div className="card try-empty faint" data-testid="try-no-run">
          {isWrite ? "Dry run to see exactly what would be sent." : "Run it to see the resolved request, the raw answer and the output."}
        </div>
      )}

      {confirming && (
        <ConfirmWriteDialog
          toolName={view.toolName}
          providerKind={view.providerKind}
          dryRun={confirming.run}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const request = { inputs: confirming.request.inputs, confirm: true };
            setConfirming(null);
            run.mutate(request);
          }}
        />
      )}
    </div>
  );
}

const formatExample: Record<string, string> = {
  e164: "+15035550123",
  email: "name@example.com",
  "date-time": "2025-01-31T09:00:00Z",
  date: "2025-01-31",
  "iana-timezone": "America/Los_Angeles",
};

function TryField({ param: p, value, onChange }: { param: TryParameter; value: string | boolean; onChange: (value: string | boolean) => void }) {
  const id = useId();
  const helpId = `${id}-help`;
  const placeholder =
    p.default !== undefined ? `default ${jsonText(p.default)}` : p.format && formatExample[p.format] ? formatExample[p.format] : undefined;
  return (
    <div className="try-field" data-testid="try-field" data-name={p.name} data-from={p.from} data-kind={p.kind}>
      <div className="try-field-label">
        <label htmlFor={id}>
          <code>{p.name}</code>
          {p.required && (
            <span className="required-mark" title="Required">
              {" "}
              *
            </span>
          )}
        </label>
        <Badge tone={provenanceTone[p.from]} data-testid="try-provenance">
          {provenanceLabel[p.from]}
        </Badge>
        <span className="faint try-field-type">
          {p.kind}
          {p.format && ` · ${p.format}`}
          {p.transform && ` → ${p.transform}`}
        </span>
      </div>
      {p.kind === "boolean" ? (
        <label className="checkbox try-checkbox">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={helpId} data-testid="try-input" data-name={p.name} />
          <span className="checkbox-label">{value === true ? "true" : "false"}</span>
        </label>
      ) : (
        <div className="input input-mono">
          <input
            id={id}
            type={p.kind === "string" ? "text" : "number"}
            step={p.kind === "integer" ? 1 : p.kind === "number" ? "any" : undefined}
            inputMode={p.kind === "integer" ? "numeric" : p.kind === "number" ? "decimal" : undefined}
            value={typeof value === "string" ? value : ""}
            onChange={(e) => onChange(e.target.value)}
            placeholder={placeholder}
            aria-describedby={helpId}
            aria-required={p.required || undefined}
            autoComplete="off"
            spellCheck={false}
            data-testid="try-input"
            data-name={p.name}
          />
        </div>
      )}
      <div id={helpId} className="try-field-help">
        {p.description ?? provenanceHelp[p.from]}
        {p.uses.length > 0 && <span className="faint"> Goes to {p.uses.join(", ")}.</span>}
      </div>
    </div>
  );
}
