import { createContext, useContext } from "react";
import type { BindingDiagnostic } from "../../../api/agentTypes";
import type { Binding, CanonicalParam } from "../../../api/editorTypes";
import type { usePointerDrag } from "./dnd";

/** A diagnostic shown inline: the core's (preview or save) or a body error of a 400. */
export type InlineDiagnostic = Pick<BindingDiagnostic, "code" | "severity" | "message" | "bindingPath" | "schemaPath" | "help">;

export interface EditorState {
  kind: string;
  binding: Binding;
  /** One undoable step. */
  change: (next: Binding) => void;
  params: readonly CanonicalParam[];
  /** The parameter picked with the keyboard (Enter/space), waiting for a target. */
  armed: string | null;
  setArmed: (name: string | null) => void;
  dnd: ReturnType<typeof usePointerDrag>;
  /** Diagnostics by row (`t:<name>`, `leaf:<i>`, `toolName`, ..., `general`). */
  diagnostics: ReadonlyMap<string, InlineDiagnostic[]>;
}

export const EditorContext = createContext<EditorState | null>(null);

export function useEditor(): EditorState {
  const cx = useContext(EditorContext);
  if (!cx) throw new Error("useEditor outside the binding editor");
  return cx;
}
