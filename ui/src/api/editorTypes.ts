// Wire types of the binding editor: the binding a person authors (`bindery_binding::Binding`,
// camelCase JSON) and the core's preview of it (validated and compiled, nothing saved).
import type { BindingDiagnostic, CompiledSkill, Provenance } from "./agentTypes";

/** Where a value comes from: a canonical parameter (maybe transformed, with a default) or a constant. */
export interface ValueSource {
  param?: string;
  const?: unknown;
  transform?: string;
  default?: unknown;
}

export interface InputMapping extends ValueSource {
  arg: string;
}

export interface FieldMapping extends ValueSource {
  field: string;
}

/** A provider field by its absolute path from the result (`items[first]`, `[*]`), onto an output leaf. */
export interface Projection {
  path: string[];
  leaf: string;
}

export interface SqlSearch {
  table?: string;
  column: string;
  param: string;
  transform?: string;
}

export interface SqlWrite {
  mode: "insert" | "update";
  keyColumn?: string;
  keyParam?: string;
  keyTransform?: string;
}

export interface Binding {
  toolName: string;
  description?: string;
  operation: string;
  inputs?: InputMapping[];
  inputObjectMap?: FieldMapping[];
  projection?: Projection[];
  sqlSearch?: SqlSearch;
  sqlWrite?: SqlWrite;
  isWrite?: boolean;
  /** `false` saves a draft. */
  enabled?: boolean;
  confirmation?: { prompt: string };
}

/** `preview_binding`: always answered (200); `skill` is null when the binding does not compile. */
export interface BindingPreview {
  valid: boolean;
  diagnostics: BindingDiagnostic[];
  skill: CompiledSkill | null;
}

/** One entry of a `validation_error` (400): the body was not a binding. */
export interface FieldError {
  field: string;
  message: string;
}

/** A canonical parameter (`crates/bindery-binding/params/canonical.json`) or an agent's own. */
export interface CanonicalParam {
  name: string;
  type: string;
  format?: string;
  provenance: Provenance;
  description: string;
  example?: unknown;
}
