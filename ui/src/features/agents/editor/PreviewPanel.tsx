import type { BindingPreview } from "../../../api/editorTypes";
import type { BinderyError } from "../../../platform";
import { Badge, ErrorPanel, Spinner } from "../../../components/ui";
import { ExecutionPlan } from "../ExecutionPlan";
import { provenanceLabel } from "../skillModel";
import { RowDiagnostics } from "./RowDiagnostics";

export interface PreviewPanelProps {
  preview: BindingPreview | undefined;
  error: BinderyError | null;
  /** A newer binding is being previewed (or waits for the debounce). */
  pending: boolean;
}

/** The skill the core would compile from the binding now: its request plan, parameters and outputs. */
export function PreviewPanel({ preview, error, pending }: PreviewPanelProps) {
  const errors = preview?.diagnostics.filter((d) => d.severity === "error").length ?? 0;
  const warnings = preview?.diagnostics.filter((d) => d.severity === "warning").length ?? 0;
  const skill = preview?.skill ?? null;
  return (
    <aside className="editor-preview card" aria-label="Compiled skill preview" data-testid="editor-preview" data-valid={preview?.valid} aria-busy={pending}>
      <div className="editor-preview-head">
        <h3 className="skill-block-title">Compiled skill</h3>
        {pending && <Spinner size={12} />}
        {preview &&
          (preview.valid ? (
            <Badge tone="success" data-testid="editor-preview-state">
              valid
            </Badge>
          ) : (
            <Badge tone="danger" data-testid="editor-preview-state">
              {errors} {errors === 1 ? "error" : "errors"}
            </Badge>
          ))}
        {warnings > 0 && <Badge tone="warning">{warnings} warnings</Badge>}
      </div>
      {error && error.code !== "validation_error" && <ErrorPanel compact error={error} title="Could not preview the binding" />}
      <RowDiagnostics row="general" />
      {!preview && !error && <p className="faint">Pick an operation and map a parameter: the compiled skill shows here as you edit.</p>}
      {skill ? (
        <div className="editor-preview-body" data-testid="editor-preview-skill">
          <div className="editor-preview-name">
            <strong>{skill.name}</strong>
            <Badge tone={skill.isWrite ? "warning" : "success"}>{skill.isWrite ? "write" : "read"}</Badge>
          </div>
          {skill.description && <p className="muted">{skill.description}</p>}
          <h4 className="editor-group-title">Parameters the agent gives</h4>
          <ul className="editor-preview-params">
            {Object.entries(skill.parametersSchema.properties ?? {}).map(([name, p]) => (
              <li key={name} data-testid="editor-preview-param" data-name={name}>
                <code>{name}</code> <span className="faint">{p.type}</span>
                {skill.requiredParams.includes(name) && <span className="editor-required"> *</span>}
              </li>
            ))}
            {Object.keys(skill.parametersSchema.properties ?? {}).length === 0 && (
              <li className="faint">None: {provenanceLabel.callContext} values come with the call.</li>
            )}
          </ul>
          <ExecutionPlan config={skill.executionConfig} />
        </div>
      ) : (
        preview && <p className="faint">Nothing compiles until the errors are fixed.</p>
      )}
    </aside>
  );
}
