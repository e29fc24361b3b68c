import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useAgent } from "../../../api/agentHooks";
import type { BindingDiagnostic, SkillView } from "../../../api/agentTypes";
import { parametersFor, usePreviewBinding, useSaveBinding } from "../../../api/editorHooks";
import type { Binding, FieldError } from "../../../api/editorTypes";
import { ErrorCodes } from "../../../api/errors";
import { useIntegrations, useObjectDetail, useOperations } from "../../../api/hooks";
import type { Operation } from "../../../api/types";
import { Button, ErrorPanel, IconX, SelectField, TextField } from "../../../components/ui";
import type { BinderyError } from "../../../platform";
import { bindingForOperation, diagnosticsByRow, forSave, nodeIdOf, sourceOf, targetsOf } from "./bindingModel";
import { EditorContext, type EditorState, type InlineDiagnostic } from "./context";
import { usePointerDrag } from "./dnd";
import { useHistory } from "./history";
import { MappingLines, type Mapping } from "./MappingLines";
import { OperationPicker } from "./OperationPicker";
import { OutputsColumn } from "./OutputsColumn";
import { ParamsColumn } from "./ParamsColumn";
import { PreviewPanel } from "./PreviewPanel";
import { ResponseTree } from "./ResponseTree";
import { RowDiagnostics } from "./RowDiagnostics";
import { TargetsColumn } from "./TargetsColumn";
import { useDebounced } from "./useDebounced";
import "./editor.css";
import "./editor-panels.css";

export interface BindingEditorProps {
  agentId: string;
  /** Editing this skill's binding (`update_skill`); a new skill (`bind_skill`) without it. */
  skill?: SkillView;
  onClose: () => void;
  onSaved: (view: SkillView) => void;
}

const PREVIEW_DEBOUNCE_MS = 250;
const empty: Binding = { toolName: "", operation: "" };

/** The `diagnostics` of a `binding_invalid` answer, or the `errors` of a `validation_error`, as inline diagnostics. */
export function errorDiagnostics(error: BinderyError | null): InlineDiagnostic[] {
  if (error?.code === ErrorCodes.duplicateToolName) {
    return [{ code: error.code, severity: "error", message: error.message, bindingPath: "toolName" }];
  }
  if (!error?.details) return [];
  if (error.code === ErrorCodes.bindingInvalid && Array.isArray(error.details.diagnostics)) {
    return error.details.diagnostics as BindingDiagnostic[];
  }
  if (error.code === ErrorCodes.validationError && Array.isArray(error.details.errors)) {
    return (error.details.errors as FieldError[]).map((e) => ({
      code: ErrorCodes.validationError,
      severity: "error" as const,
      message: e.message,
      bindingPath: e.field,
    }));
  }
  return [];
}

const isTyping = (el: EventTarget) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

/**
 * The binding editor: canonical parameters on the left, the operation's arguments in the middle,
 * its response fields and the output leaves on the right, lines for every mapping; inline
 * diagnostics and a live preview of the compiled skill; undo/redo; save as a draft or save.
 */
export function BindingEditor({ agentId, skill, onClose, onSaved }: BindingEditorProps) {
  const agent = useAgent(agentId);
  const integrations = useIntegrations();
  const discovered = useMemo(() => (integrations.data ?? []).filter((i) => i.discoveredAt !== null), [integrations.data]);
  const [pickedKind, setKind] = useState(skill?.providerKind ?? "");
  const kind = pickedKind || discovered[0]?.kind || "";

  const history = useHistory<Binding>(() => (skill ? (skill.binding as unknown as Binding) : empty));
  const binding = history.value;
  const [picking, setPicking] = useState(!skill);
  const [armed, setArmed] = useState<string | null>(null);
  const dnd = usePointerDrag();
  const canvas = useRef<HTMLDivElement>(null);

  const ops = useOperations(kind);
  const op: Operation | undefined = ops.data?.find((o) => o.id === binding.operation);
  const inputObject = op?.transport === "native_graphql" && op.inputObject ? op.inputObject : null;
  const inputDetail = useObjectDetail(kind, inputObject);
  const targets = useMemo(() => (op ? targetsOf(op, inputDetail.data?.object.fields) : []), [op, inputDetail.data]);
  const params = useMemo(() => parametersFor(agent.data?.parameters), [agent.data?.parameters]);

  const debounced = useDebounced(binding, PREVIEW_DEBOUNCE_MS);
  const preview = usePreviewBinding(agentId, kind, binding.operation ? debounced : null);
  const save = useSaveBinding(agentId, kind, skill?.id ?? null);
  const { reset: resetSave } = save;
  useEffect(() => resetSave(), [binding, resetSave]);

  const all: InlineDiagnostic[] = [
    ...(save.error ? errorDiagnostics(save.error) : (preview.data?.diagnostics ?? [])),
    ...errorDiagnostics(preview.error),
  ];
  const diagnostics = diagnosticsByRow(binding, all);

  const mappings: Mapping[] = [];
  const used = new Set<string>();
  for (const t of targets) {
    const src = sourceOf(binding, t);
    if (src?.param === undefined) continue;
    used.add(src.param);
    mappings.push({ key: `in:${t.key}`, kind: "input", from: `param:${src.param}`, to: `target:${t.key}` });
  }
  (binding.projection ?? []).forEach((p, i) => {
    mappings.push({ key: `out:${i}`, kind: "output", from: `node:${nodeIdOf(p.path)}`, to: `leaf:${i}` });
  });

  const cx: EditorState = { kind, binding, change: history.set, params, armed, setArmed, dnd, diagnostics };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && armed) setArmed(null);
    if (!(e.ctrlKey || e.metaKey) || isTyping(e.target)) return;
    const key = e.key.toLowerCase();
    if (key === "z" && !e.shiftKey) history.undo();
    else if ((key === "z" && e.shiftKey) || key === "y") history.redo();
    else return;
    e.preventDefault();
  };

  const pickOperation = (next: Operation) => {
    if (next.id !== binding.operation) history.set(bindingForOperation(next, binding));
    setPicking(false);
  };

  const header = (field: "toolName" | "description", value: string) =>
    history.set({ ...binding, [field]: value || (field === "toolName" ? "" : undefined) }, field);

  return (
    <EditorContext.Provider value={cx}>
      <div className="editor" data-testid="binding-editor" onKeyDown={onKeyDown} data-dragging={dnd.drag?.moved || undefined}>
        <header className="editor-header">
          <h2 className="page-title">{skill ? `Edit binding: ${skill.toolName}` : "New skill"}</h2>
          <div className="editor-header-actions">
            <Button size="sm" variant="ghost" onClick={history.undo} disabled={!history.canUndo} title="Undo (Ctrl+Z)" data-testid="editor-undo">
              Undo
            </Button>
            <Button size="sm" variant="ghost" onClick={history.redo} disabled={!history.canRedo} title="Redo (Ctrl+Shift+Z)" data-testid="editor-redo">
              Redo
            </Button>
            <Button size="sm" onClick={() => save.mutate(forSave(binding, true), { onSuccess: (view) => onSaved(view) })} loading={save.isPending && save.variables.enabled === false} disabled={!op || save.isPending} data-testid="editor-save-draft">
              Save as draft
            </Button>
            <Button size="sm" variant="primary" onClick={() => save.mutate(forSave(binding, false), { onSuccess: (view) => onSaved(view) })} loading={save.isPending && save.variables.enabled !== false} disabled={!op || save.isPending} data-testid="editor-save">
              Save
            </Button>
            <Button size="sm" variant="ghost" aria-label="Close the editor" icon={<IconX size={14} />} onClick={onClose} data-testid="editor-close" />
          </div>
        </header>

        <div className="editor-meta">
          <SelectField
            label="Provider"
            value={kind}
            disabled={!!skill}
            onChange={(e) => {
              setKind(e.target.value);
              history.reset(empty);
              setPicking(true);
            }}
            options={discovered.map((i) => ({ value: i.kind, label: `${i.displayName} (${i.kind})` }))}
            data-testid="editor-provider"
          />
          <div>
            <TextField label="Tool name" value={binding.toolName} onChange={(e) => header("toolName", e.target.value)} data-testid="editor-tool-name" />
            <RowDiagnostics row="toolName" />
          </div>
          <div>
            <TextField label="Description" value={binding.description ?? ""} onChange={(e) => header("description", e.target.value)} data-testid="editor-description" />
            <RowDiagnostics row="description" />
          </div>
          {binding.isWrite && (
            <div>
              <TextField
                label="Confirmation prompt"
                help="Read back to the caller before the write runs; {param} names a parameter."
                value={binding.confirmation?.prompt ?? ""}
                onChange={(e) => history.set({ ...binding, confirmation: { prompt: e.target.value } }, "confirmation")}
                data-testid="editor-confirmation"
              />
              <RowDiagnostics row="confirmation" />
            </div>
          )}
          <div className="editor-operation">
            <span className="text-field-label">Operation</span>
            {binding.operation ? <code data-testid="editor-operation">{binding.operation}</code> : <span className="faint">none yet</span>}
            <Button size="sm" variant="ghost" onClick={() => setPicking((p) => !p)} disabled={!kind} data-testid="editor-change-op">
              {picking ? "Hide operations" : "Change…"}
            </Button>
            <RowDiagnostics row="operation" />
          </div>
        </div>

        {save.isError && errorDiagnostics(save.error).length === 0 && <ErrorPanel compact error={save.error} title="Could not save the skill" />}
        {picking && kind && <OperationPicker kind={kind} selected={binding.operation} onPick={pickOperation} />}

        <div className="editor-body">
          {op ? (
            <div className="editor-canvas" ref={canvas} data-testid="editor-canvas">
              <ParamsColumn used={used} />
              <TargetsColumn op={op} targets={targets} />
              <ResponseTree op={op} />
              <OutputsColumn />
              <MappingLines container={canvas} mappings={mappings} />
            </div>
          ) : (
            <div className="editor-canvas editor-canvas-empty card faint">{binding.operation && ops.isPending ? "Loading the operation…" : "Pick an operation to bind."}</div>
          )}
          <PreviewPanel preview={preview.data} error={preview.error} pending={debounced !== binding || preview.isFetching} />
        </div>
        {dnd.drag?.moved && (
          <div className="editor-ghost" style={{ left: dnd.drag.x + 12, top: dnd.drag.y + 8 }} aria-hidden="true">
            {dnd.drag.item.kind === "param" ? dnd.drag.item.name : nodeIdOf(dnd.drag.item.steps.map((s) => s.name))}
          </div>
        )}
      </div>
    </EditorContext.Provider>
  );
}
