// The try panel's form: one input per parameter the skill uses, and the inputs it sends.
import type { CompiledSkill, ParameterSchema, Provenance } from "../../api/agentTypes";
import { isParamPlan, planUses } from "./skillModel";

export type InputKind = "string" | "integer" | "number" | "boolean";

/** A parameter of the skill as the try form shows it. */
export interface TryParameter {
  name: string;
  from: Provenance;
  kind: InputKind;
  format?: string;
  description?: string;
  required: boolean;
  /** Used when the value is left empty. */
  default?: unknown;
  /** A named transform the core applies first (the input is then free text). */
  transform?: string;
  /** Where its value goes (`column:phone`, `query:email`, `variable:input.email`). */
  uses: string[];
}

/** What the inputs hold while the person types: text for every field, a flag for a checkbox. */
export type TryValues = Record<string, string | boolean>;

function kindOfJsonType(type: string | undefined): InputKind {
  return type === "integer" || type === "number" || type === "boolean" ? type : "string";
}

/** A SQL column type label or a GraphQL type (`Int!`, `[ID!]`) as the input it takes. */
function kindOfHint(hint: string | undefined): InputKind {
  if (!hint) return "string";
  if (hint.includes("[")) return "string";
  switch (hint.replace(/!/g, "").trim()) {
    case "integer":
    case "Int":
      return "integer";
    case "number":
    case "Float":
      return "number";
    case "boolean":
    case "Boolean":
      return "boolean";
    default:
      return "string";
  }
}

/**
 * Every parameter the skill uses, in plan order: the ValuePlans `{param, from}` of its execution
 * config (REST arguments, GraphQL variables and their input fields, SQL parameters), described by
 * `parametersSchema` for the caller's, plus any caller parameter the schema lists that the plan
 * does not. A caller parameter is required when `requiredParams` says; another one when its plan
 * has no default.
 */
export function tryParameters(skill: CompiledSkill): TryParameter[] {
  const properties: Record<string, ParameterSchema> = skill.parametersSchema?.properties ?? {};
  const required = new Set(skill.requiredParams ?? skill.parametersSchema?.required ?? []);
  const byName = new Map<string, TryParameter>();

  for (const use of planUses(skill.executionConfig)) {
    if (!isParamPlan(use.plan)) continue;
    const { param, from, transform } = use.plan;
    const known = byName.get(param);
    if (known) {
      if (!known.uses.includes(use.destination)) known.uses.push(use.destination);
      if (known.default === undefined && use.plan.default !== undefined) known.default = use.plan.default;
      continue;
    }
    const schema = from === "caller" ? properties[param] : undefined;
    const kind = schema ? kindOfJsonType(schema.type) : transform ? "string" : kindOfHint(use.typeHint);
    const fallback = use.plan.default ?? schema?.default;
    byName.set(param, {
      name: param,
      from,
      kind,
      ...(schema?.format ? { format: schema.format } : {}),
      ...(schema?.description ? { description: schema.description } : {}),
      required: from === "caller" ? required.has(param) : use.plan.default === undefined,
      ...(fallback !== undefined ? { default: fallback } : {}),
      ...(transform ? { transform } : {}),
      uses: [use.destination],
    });
  }

  for (const [name, schema] of Object.entries(properties)) {
    if (byName.has(name)) continue;
    byName.set(name, {
      name,
      from: "caller",
      kind: kindOfJsonType(schema.type),
      ...(schema.format ? { format: schema.format } : {}),
      ...(schema.description ? { description: schema.description } : {}),
      required: required.has(name),
      ...(schema.default !== undefined ? { default: schema.default } : {}),
      uses: [],
    });
  }
  return [...byName.values()];
}

/** The form's starting values: the inputs of the last run when there is one, else empty (defaults show as placeholders). */
export function initialValues(params: readonly TryParameter[], lastInputs?: Record<string, unknown>): TryValues {
  const values: TryValues = {};
  for (const p of params) {
    const last = lastInputs?.[p.name];
    if (p.kind === "boolean") {
      values[p.name] = typeof last === "boolean" ? last : p.default === true;
    } else if (last === undefined || last === null) {
      values[p.name] = "";
    } else {
      values[p.name] = typeof last === "string" ? last : JSON.stringify(last);
    }
  }
  return values;
}

/**
 * The inputs to send: empty fields are left out (the plan's default applies, or the core says the
 * value is missing); numbers are sent as numbers when they parse, else as typed, for the core to
 * report.
 */
export function toInputs(params: readonly TryParameter[], values: TryValues): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const p of params) {
    const value = values[p.name];
    if (p.kind === "boolean") {
      inputs[p.name] = value === true;
      continue;
    }
    if (typeof value !== "string" || value === "") continue;
    const text = value.trim();
    if (p.kind === "integer" && /^-?\d+$/.test(text)) inputs[p.name] = Number.parseInt(text, 10);
    else if (p.kind === "number" && text !== "" && Number.isFinite(Number(text))) inputs[p.name] = Number(text);
    else inputs[p.name] = value;
  }
  return inputs;
}

/** Whether two input sets are the same (key order aside). */
export function sameInputs(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
