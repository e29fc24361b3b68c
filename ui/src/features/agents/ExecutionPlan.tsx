import type { ExecutionConfig, GraphqlPlan, OutputPlan, RestPlan, SqlPlan, ValuePlan } from "../../api/agentTypes";
import { Badge, CopyButton } from "../../components/ui";
import { isConstPlan, isParamPlan, jsonText, locationLabel, provenanceLabel, provenanceTone } from "./skillModel";

/** The frozen request plan of a compiled skill, by transport. */
export function ExecutionPlan({ config }: { config: ExecutionConfig }) {
  switch (config.transport) {
    case "native_sql":
      return <SqlPlanView plan={config} />;
    case "native_graphql":
      return <GraphqlPlanView plan={config} />;
    case "native_rest":
      return <RestPlanView plan={config} />;
  }
}

/** How one value is made: a parameter (who supplies it, its transform and default) or a constant. */
export function ValuePlanText({ plan }: { plan: ValuePlan | undefined }) {
  if (isParamPlan(plan)) {
    return (
      <span className="value-plan" data-testid="value-plan" data-param={plan.param}>
        <code>{plan.param}</code>
        <Badge tone={provenanceTone[plan.from]}>{provenanceLabel[plan.from]}</Badge>
        {plan.transform && <span className="faint">→ {plan.transform}</span>}
        {plan.default !== undefined && <span className="faint">default {jsonText(plan.default)}</span>}
      </span>
    );
  }
  if (isConstPlan(plan)) {
    return (
      <span className="value-plan" data-testid="value-plan" data-const>
        <span className="faint">const</span> <code>{jsonText(plan.const)}</code>
      </span>
    );
  }
  return <span className="faint">—</span>;
}

function CodeBlock({ text, label, testId }: { text: string; label: string; testId?: string }) {
  return (
    <div className="code-block">
      <div className="code-block-head">
        <span className="faint">{label}</span>
        <CopyButton text={text} variant="ghost" />
      </div>
      <pre className="code" data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}

function SqlPlanView({ plan }: { plan: SqlPlan }) {
  return (
    <div className="plan" data-transport="native_sql">
      <div className="plan-facts">
        <Badge tone="accent">{plan.dialect}</Badge>
        <Badge tone={plan.readOnly ? "success" : "warning"}>{plan.readOnly ? "read-only transaction" : "writes"}</Badge>
        <span className="muted">at most {plan.rowLimit} {plan.rowLimit === 1 ? "row" : "rows"}</span>
        {plan.index && (
          <span className="muted">
            index <code>{plan.index}</code>
          </span>
        )}
      </div>
      <CodeBlock text={plan.statement} label="Statement (bound parameters only)" testId="plan-statement" />
      {plan.parameters.length > 0 && (
        <table className="plan-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Column</th>
              <th scope="col">Type</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {plan.parameters.map((p, i) => (
              <tr key={`${p.column}-${i}`} data-testid="plan-parameter">
                <td className="faint">{i + 1}</td>
                <td>
                  <code>{p.column}</code>
                </td>
                <td>
                  <code>{p.type}</code>
                </td>
                <td>
                  <ValuePlanText plan={p.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function GraphqlPlanView({ plan }: { plan: GraphqlPlan }) {
  return (
    <div className="plan" data-transport="native_graphql">
      <div className="plan-facts">
        <span className="muted">
          operation <code>{plan.operationName}</code>
        </span>
        <span className="muted">
          result under <code>data.{plan.rootField}</code>
        </span>
        {plan.userErrorsPath && (
          <span className="muted">
            user errors at <code>{plan.userErrorsPath.join(".")}</code>
          </span>
        )}
      </div>
      <CodeBlock text={plan.document} label="Document" testId="plan-document" />
      {plan.variables.length > 0 && (
        <table className="plan-table">
          <thead>
            <tr>
              <th scope="col">Variable</th>
              <th scope="col">Type</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {plan.variables.map((v) => (
              <tr key={v.name} data-testid="plan-variable">
                <td>
                  <code>${v.name}</code>
                </td>
                <td>
                  <code>{v.type}</code>
                </td>
                <td>
                  {v.value && <ValuePlanText plan={v.value} />}
                  {(v.fields ?? []).map((f) => (
                    <div key={f.field} className="plan-field">
                      <code>{f.field}</code>: <ValuePlanText plan={f.value} />
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function RestPlanView({ plan }: { plan: RestPlan }) {
  return (
    <div className="plan" data-transport="native_rest">
      <div className="plan-route" data-testid="plan-route">
        <Badge tone={plan.method === "GET" ? "success" : "warning"} mono>
          {plan.method}
        </Badge>
        <code>{plan.path}</code>
        {plan.bodyMediaType && <span className="muted">body as {plan.bodyMediaType}</span>}
      </div>
      {plan.arguments.length > 0 && (
        <table className="plan-table">
          <thead>
            <tr>
              <th scope="col">Argument</th>
              <th scope="col">Placed in</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {plan.arguments.map((a) => (
              <tr key={`${a.in}-${a.name}`} data-testid="plan-argument" data-in={a.in}>
                <td>
                  <code>{a.name}</code>
                </td>
                <td>
                  <Badge>{locationLabel[a.in] ?? a.in}</Badge>
                </td>
                <td>
                  <ValuePlanText plan={a.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** What the agent reads back: each output name and where it comes from in the answer. */
export function OutputsTable({ outputs }: { outputs: OutputPlan[] }) {
  if (outputs.length === 0) return <p className="muted">Nothing is read back.</p>;
  return (
    <table className="plan-table">
      <thead>
        <tr>
          <th scope="col">Output</th>
          <th scope="col">Read from</th>
          <th scope="col">Type</th>
        </tr>
      </thead>
      <tbody>
        {outputs.map((o) => (
          <tr key={o.leaf} data-testid="plan-output" data-leaf={o.leaf}>
            <td>
              <code>{o.leaf}</code>
            </td>
            <td>
              <code>{o.path.join(".")}</code>
            </td>
            <td>
              <code>{o.type}</code>
              {o.many && <span className="faint"> · list</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
