import type { ReactNode } from "react";
import type { BindingDiagnostic, SkillView } from "../../api/agentTypes";
import { Badge, CopyButton, type BadgeTone } from "../../components/ui";
import { piiLabel } from "../../lib/labels";
import type { PiiClass } from "../../api/types";
import { ExecutionPlan, OutputsTable } from "./ExecutionPlan";
import { provenanceLabel, provenanceTone } from "./skillModel";
import { tryParameters } from "./tryForm";

/** The compiled skill for review: parameters, the frozen request plan, egress, gates and hashes. */
export function SkillOverview({ view }: { view: SkillView }) {
  const skill = view.skill;
  const params = tryParameters(skill);

  return (
    <div className="skill-overview" data-testid="skill-overview">
      <p className="skill-description" data-testid="skill-description">
        {skill.description}
      </p>
      {skill.confirmationPrompt && (
        <p className="skill-confirmation">
          <span className="faint">Asks the caller first: </span>“{skill.confirmationPrompt}”
        </p>
      )}

      {view.broken && (
        <Block title="Broken by a schema change" tone="danger" testId="skill-broken">
          {(view.broken.changes ?? []).map((c) => (
            <div key={`${c.path}-${c.kind}`} className="broken-change">
              <Badge tone="danger">{c.impact}</Badge> <code>{c.path}</code> <span className="muted">{c.message}</span>
            </div>
          ))}
          <BindingDiagnostics diagnostics={view.broken.diagnostics ?? []} />
        </Block>
      )}
      {view.diagnostics.length > 0 && (
        <Block title="Warnings of its last validation">
          <BindingDiagnostics diagnostics={view.diagnostics} />
        </Block>
      )}

      <Block title="Parameters" testId="skill-parameters">
        {params.length === 0 ? (
          <p className="muted">It takes no values: every call sends the same request.</p>
        ) : (
          <table className="plan-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Comes from</th>
                <th scope="col">Type</th>
                <th scope="col">Default</th>
                <th scope="col">Goes to</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={p.name} data-testid="skill-parameter" data-name={p.name} data-from={p.from}>
                  <td>
                    <code>{p.name}</code>
                    {p.required && <span className="required-mark" title="Required"> *</span>}
                    {p.description && <div className="plan-note">{p.description}</div>}
                  </td>
                  <td>
                    <Badge tone={provenanceTone[p.from]}>{provenanceLabel[p.from]}</Badge>
                  </td>
                  <td>
                    <code>{p.kind}</code>
                    {p.format && <span className="faint"> · {p.format}</span>}
                    {p.transform && <div className="plan-note">then {p.transform}</div>}
                  </td>
                  <td>{p.default === undefined ? <span className="faint">—</span> : <code>{JSON.stringify(p.default)}</code>}</td>
                  <td className="plan-uses">
                    {p.uses.map((u) => (
                      <code key={u}>{u}</code>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Block>

      <Block title="Execution" testId="skill-execution">
        <ExecutionPlan config={skill.executionConfig} />
      </Block>

      <Block title="Output">
        <OutputsTable outputs={skill.executionConfig.outputs} />
      </Block>

      <Block title="Data egress" testId="skill-egress">
        {skill.dataEgressMap.length === 0 ? (
          <p className="muted">No value leaves for the provider.</p>
        ) : (
          <table className="plan-table">
            <thead>
              <tr>
                <th scope="col">Value</th>
                <th scope="col">Sent to</th>
                <th scope="col">PII</th>
              </tr>
            </thead>
            <tbody>
              {skill.dataEgressMap.map((e, i) => (
                <tr key={`${e.source}-${e.destination}-${i}`} data-testid="egress-row" data-pii={e.pii ?? "none"}>
                  <td>
                    <code>{e.source}</code>
                  </td>
                  <td>
                    <code>{e.destination}</code>
                  </td>
                  <td>
                    {e.pii ? (
                      <Badge tone="warning" title={e.overrideReason ? `Let through: ${e.overrideReason}` : undefined}>
                        {piiLabel[e.pii as PiiClass] ?? e.pii}
                      </Badge>
                    ) : (
                      <span className="faint">—</span>
                    )}
                    {e.overrideReason && <div className="plan-note">override: {e.overrideReason}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Block>

      <Block title="Gates">
        <dl className="skill-facts">
          <Fact label="Changes data">{skill.isWrite ? "yes" : "no"}</Fact>
          <Fact label="Confirms with the caller">{skill.requiresConfirmation ? "yes" : "no"}</Fact>
          <Fact label="Never in parallel">{skill.nonParallelizable ? "yes" : "no"}</Fact>
          <Fact label="Verified caller">{skill.requiresVerifiedIdentity ? "required" : "not required"}</Fact>
          <Fact label="Expected latency">{skill.expectedLatencyMs} ms</Fact>
          <Fact label="Fields read back">
            {skill.allowedFields.length === 0 ? "—" : skill.allowedFields.map((f) => <code key={f}>{f}</code>)}
          </Fact>
        </dl>
      </Block>

      <Block title="Hashes">
        <dl className="skill-facts">
          <Fact label="Content hash">
            <code data-testid="skill-content-hash">{view.contentHash}</code>
            <CopyButton text={view.contentHash} variant="ghost" />
          </Fact>
          <Fact label="Schema fingerprint">
            <code>{view.schemaFingerprint}</code>
          </Fact>
        </dl>
      </Block>
    </div>
  );
}

function Block({ title, children, tone, testId }: { title: string; children: ReactNode; tone?: BadgeTone; testId?: string }) {
  return (
    <section className={["card", "skill-block", tone && `skill-block-${tone}`].filter(Boolean).join(" ")} data-testid={testId}>
      <h3 className="skill-block-title">{title}</h3>
      {children}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="skill-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const severityTone: Record<BindingDiagnostic["severity"], BadgeTone> = { info: "info", warning: "warning", error: "danger" };

function BindingDiagnostics({ diagnostics }: { diagnostics: BindingDiagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <ul className="diagnostics">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${i}`} className="diagnostic" data-testid="binding-diagnostic" data-code={d.code}>
          <Badge tone={severityTone[d.severity] ?? "neutral"}>{d.severity}</Badge>
          <code className="diagnostic-code">{d.code}</code>
          <span className="diagnostic-message">
            {d.message}
            {d.bindingPath && <code className="diagnostic-path"> {d.bindingPath}</code>}
            {d.help && <span className="diagnostic-help"> {d.help}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
