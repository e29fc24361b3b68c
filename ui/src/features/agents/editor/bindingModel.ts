// The binding editor's model: what an operation can take (its targets), and pure edits of the
// binding JSON (`bindery_binding::Binding`). Every edit returns a new binding; nothing mutates.
import type { BindingDiagnostic } from "../../../api/agentTypes";
import type { Binding, FieldMapping, InputMapping, Projection, ValueSource } from "../../../api/editorTypes";
import type { Field, FieldType, Operation } from "../../../api/types";

/** Where a target's value goes in the binding. */
export type TargetSection = "inputs" | "inputObjectMap" | "sqlSearch" | "sqlKey";

/** One thing a parameter can be dropped on: an argument, an input-object field, the search column or the key. */
export interface Target {
  /** Row key (`t:phone`), also what diagnostics are placed on. */
  key: string;
  section: TargetSection;
  name: string;
  type: FieldType;
  required: boolean;
  description?: string;
}

export const sectionLabel: Record<TargetSection, string> = {
  inputs: "Arguments",
  inputObjectMap: "Input fields",
  sqlSearch: "Search column",
  sqlKey: "Row key",
};

const isSql = (op: Operation) => op.transport === "native_sql";
export const isWriteOp = (op: Operation) => op.class !== "read";

export function typeLabel(t: FieldType): string {
  switch (t.kind) {
    case "scalar":
      return t.format ? `${t.scalar} (${t.format})` : t.scalar;
    case "enum":
      return "enum";
    case "object":
      return t.object;
    case "list":
      return `list<${typeLabel(t.of)}>`;
    case "unknown":
      return t.raw;
  }
}

const target = (section: TargetSection, name: string, type: FieldType, required: boolean, description?: string): Target => ({
  key: `t:${name}`,
  section,
  name,
  type,
  required,
  description,
});

/**
 * What the operation takes. A SQL read filters on its leading column (`sqlSearch`); a SQL write's
 * columns are its input object, an update's key column aside; a write's body fields (REST) or its
 * input type's fields (GraphQL, `inputFields`) are the input object; everything else an argument.
 */
export function targetsOf(op: Operation, inputFields?: readonly Field[]): Target[] {
  const out: Target[] = [];
  op.arguments.forEach((a, i) => {
    if (isSql(op)) {
      if (op.class === "read") out.push(target(i === 0 ? "sqlSearch" : "inputs", a.name, a.type, a.required, a.description));
      else if (op.class === "update" && i === 0) out.push(target("sqlKey", a.name, a.type, true, a.description));
      else out.push(target("inputObjectMap", a.name, a.type, a.required && op.class === "create", a.description));
      return;
    }
    if (op.inputObject && a.type.kind === "object" && a.type.object === op.inputObject) {
      for (const f of inputFields ?? []) out.push(target("inputObjectMap", f.name, f.type, f.required, f.description));
      return;
    }
    const section = isWriteOp(op) && a.location === "body" ? "inputObjectMap" : "inputs";
    out.push(target(section, a.name, a.type, a.required, a.description));
  });
  return out;
}

/** A fresh binding of `op`, keeping the name and description already typed. */
export function bindingForOperation(op: Operation, prev: Binding): Binding {
  const write = isWriteOp(op);
  const b: Binding = { toolName: prev.toolName || op.title, operation: op.id };
  if (prev.description) b.description = prev.description;
  if (write) {
    b.isWrite = true;
    b.confirmation = prev.confirmation ?? { prompt: "Shall I go ahead with that?" };
  }
  if (isSql(op) && op.class === "create") b.sqlWrite = { mode: "insert" };
  if (isSql(op) && op.class === "update") b.sqlWrite = { mode: "update" };
  return b;
}

const clean = (s: ValueSource): ValueSource => {
  const out: ValueSource = {};
  if (s.param !== undefined && s.param !== "") out.param = s.param;
  if (s.const !== undefined) out.const = s.const;
  if (s.transform) out.transform = s.transform;
  if (s.default !== undefined) out.default = s.default;
  return out;
};

/** Where `target`'s value comes from in `b`, if it is bound. */
export function sourceOf(b: Binding, t: Target): ValueSource | undefined {
  switch (t.section) {
    case "inputs": {
      const m = b.inputs?.find((i) => i.arg === t.name);
      return m && clean(m);
    }
    case "inputObjectMap": {
      const m = b.inputObjectMap?.find((i) => i.field === t.name);
      return m && clean(m);
    }
    case "sqlSearch":
      return b.sqlSearch?.column === t.name ? clean({ param: b.sqlSearch.param, transform: b.sqlSearch.transform }) : undefined;
    case "sqlKey":
      return b.sqlWrite?.keyColumn === t.name && b.sqlWrite.keyParam !== undefined
        ? clean({ param: b.sqlWrite.keyParam, transform: b.sqlWrite.keyTransform })
        : undefined;
  }
}

const withoutEmpty = <K extends "inputs" | "inputObjectMap" | "projection">(b: Binding, key: K, list: NonNullable<Binding[K]>): Binding => {
  const next = { ...b };
  if (list.length === 0) delete next[key];
  else next[key] = list;
  return next;
};

function upsert<T extends { [k in N]: string }, N extends string>(list: readonly T[] | undefined, nameKey: N, name: string, item: T | null): T[] {
  const old = list ?? [];
  const i = old.findIndex((m) => m[nameKey] === name);
  if (item === null) return old.filter((_, j) => j !== i);
  if (i < 0) return [...old, item];
  return old.map((m, j) => (j === i ? item : m));
}

/** Sets (or with null removes) where `target`'s value comes from. */
export function setSource(b: Binding, t: Target, src: ValueSource | null): Binding {
  const s = src && clean(src);
  switch (t.section) {
    case "inputs": {
      const item: InputMapping | null = s ? { arg: t.name, ...s } : null;
      return withoutEmpty(b, "inputs", upsert(b.inputs, "arg", t.name, item));
    }
    case "inputObjectMap": {
      const item: FieldMapping | null = s ? { field: t.name, ...s } : null;
      return withoutEmpty(b, "inputObjectMap", upsert(b.inputObjectMap, "field", t.name, item));
    }
    case "sqlSearch": {
      const next = { ...b };
      if (!s?.param) delete next.sqlSearch;
      else next.sqlSearch = { column: t.name, param: s.param, ...(s.transform ? { transform: s.transform } : {}) };
      return next;
    }
    case "sqlKey": {
      const next: Binding = { ...b, sqlWrite: { mode: "update" } };
      if (s?.param) next.sqlWrite = { mode: "update", keyColumn: t.name, keyParam: s.param, ...(s.transform ? { keyTransform: s.transform } : {}) };
      return next;
    }
  }
}

/** A parameter dropped on a target: it becomes the target's source (its transform is kept). */
export function bindParam(b: Binding, t: Target, param: string): Binding {
  const old = sourceOf(b, t);
  return setSource(b, t, { param, transform: old?.param !== undefined ? old.transform : undefined });
}

// ---- projection paths ----

/** One step from the operation's result: a field (`name`), maybe a list crossed (`items[first]`, root `[*]`). */
export interface PathStep {
  name: string;
  list: boolean;
}

const SEGMENT = /^(.*?)(\[[^\]]*\])?$/;

/** `items[first]` → `{name: "items", card: "[first]"}`; `[*]` → `{name: "", card: "[*]"}`. */
export function parseSegment(segment: string): { name: string; card: string | null } {
  const m = SEGMENT.exec(segment);
  return { name: m?.[1] ?? segment, card: m?.[2] ?? null };
}

/** The tree id of a path: its field names without cardinalities (`property_id.street`). */
export function nodeIdOf(path: readonly string[]): string {
  return path
    .map((s) => parseSegment(s).name)
    .filter((n) => n !== "")
    .join(".");
}

/** The list ids (tree id of the list, `""` for a list result) and the cardinality each projection crosses them with. */
export function cardinalities(b: Binding): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of b.projection ?? []) {
    const names: string[] = [];
    for (const seg of p.path) {
      const { name, card } = parseSegment(seg);
      if (name) names.push(name);
      const id = names.join(".");
      if (card && !out.has(id)) out.set(id, card);
    }
  }
  return out;
}

/** The projection path of a field reached by `steps`, each list crossed with its current cardinality. */
export function pathOf(b: Binding, steps: readonly PathStep[]): string[] {
  const cards = cardinalities(b);
  const names: string[] = [];
  return steps.map((s) => {
    if (s.name) names.push(s.name);
    return s.list ? `${s.name}${cards.get(names.join(".")) ?? "[first]"}` : s.name;
  });
}

export function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/** The default output name of a path: its field names in snake_case (`property_id_street`), unique in `b`. */
export function defaultLeaf(b: Binding, path: readonly string[]): string {
  const base = snakeCase(nodeIdOf(path).replace(/\./g, "_")) || "value";
  const taken = new Set((b.projection ?? []).map((p) => p.leaf));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  return name;
}

export function addLeaf(b: Binding, path: string[], leaf?: string): Binding {
  const item: Projection = { path, leaf: leaf ?? defaultLeaf(b, path) };
  return { ...b, projection: [...(b.projection ?? []), item] };
}

export function renameLeaf(b: Binding, index: number, leaf: string): Binding {
  return { ...b, projection: (b.projection ?? []).map((p, i) => (i === index ? { ...p, leaf } : p)) };
}

export function removeLeaf(b: Binding, index: number): Binding {
  return withoutEmpty(b, "projection", (b.projection ?? []).filter((_, i) => i !== index));
}

/** Crosses the list `listId` with `card` (`[first]`, `[*]`, `[2]`, `[type=primary]`) in every projection through it. */
export function setCardinality(b: Binding, listId: string, card: string): Binding {
  const projection = (b.projection ?? []).map((p) => {
    const names: string[] = [];
    const path = p.path.map((seg) => {
      const { name, card: old } = parseSegment(seg);
      if (name) names.push(name);
      return old !== null && names.join(".") === listId ? `${name}${card}` : seg;
    });
    return { ...p, path };
  });
  return { ...b, projection };
}

// ---- diagnostics ----

const INDEXED = /^(inputs|inputObjectMap|projection)\[(\d+)\]/;
const SCHEMA_ARG = /argument (\S+)$/;

/**
 * The row a diagnostic concerns: `t:<name>` (a target), `leaf:<i>` (an output), a header field
 * (`toolName`, `description`, `operation`, `confirmation`), or `general`.
 */
export function rowOf(b: Binding, d: Pick<BindingDiagnostic, "bindingPath" | "schemaPath">): string {
  const path = d.bindingPath.replace(/^binding\./, "");
  const m = INDEXED.exec(path);
  if (m) {
    const i = Number(m[2]);
    if (m[1] === "projection") return `leaf:${i}`;
    const name = m[1] === "inputs" ? b.inputs?.[i]?.arg : b.inputObjectMap?.[i]?.field;
    if (name !== undefined) return `t:${name}`;
  }
  const arg = d.schemaPath ? SCHEMA_ARG.exec(d.schemaPath)?.[1] : undefined;
  if (/^(inputs|inputObjectMap|sqlSearch|sqlWrite)/.test(path) && arg) return `t:${arg}`;
  if (path.startsWith("sqlSearch") && b.sqlSearch) return `t:${b.sqlSearch.column}`;
  if (path.startsWith("sqlWrite") && b.sqlWrite?.keyColumn) return `t:${b.sqlWrite.keyColumn}`;
  for (const head of ["toolName", "description", "operation", "confirmation"]) if (path.startsWith(head)) return head;
  return "general";
}

/** Diagnostics by row. */
export function diagnosticsByRow<D extends Pick<BindingDiagnostic, "bindingPath" | "schemaPath">>(b: Binding, list: readonly D[]): Map<string, D[]> {
  const out = new Map<string, D[]>();
  for (const d of list) {
    const row = rowOf(b, d);
    out.set(row, [...(out.get(row) ?? []), d]);
  }
  return out;
}

/** The binding as sent: `enabled: false` for a draft. */
export function forSave(b: Binding, draft: boolean): Binding {
  const next = { ...b };
  if (draft) next.enabled = false;
  else delete next.enabled;
  return next;
}
