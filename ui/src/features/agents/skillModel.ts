// Reading a compiled skill for people: labels, and every value its execution plan sends.
import type {
  ArgLocation,
  ConstValuePlan,
  ExecutionConfig,
  ParamValuePlan,
  Provenance,
  SkillView,
  Transport,
  ValuePlan,
} from "../../api/agentTypes";
import type { BadgeTone } from "../../components/ui";

export const transportLabel: Record<Transport, string> = {
  native_rest: "REST",
  native_graphql: "GraphQL",
  native_sql: "SQL",
};

export const transportTone: Record<Transport, BadgeTone> = {
  native_rest: "teal",
  native_graphql: "violet",
  native_sql: "accent",
};

/** The small label that says who supplies a parameter. */
export const provenanceLabel: Record<Provenance, string> = {
  caller: "from the caller",
  callContext: "call context",
  operator: "operator",
};

export const provenanceTone: Record<Provenance, BadgeTone> = {
  caller: "info",
  callContext: "teal",
  operator: "violet",
};

/** What each kind of parameter is, for its help text. */
export const provenanceHelp: Record<Provenance, string> = {
  caller: "The agent asks the caller for it.",
  callContext: "Comes with every call from the telephony layer; type a sample value.",
  operator: "Pinned by the operator when configuring the agent; type the value they would set.",
};

export const locationLabel: Record<ArgLocation, string> = {
  path: "path",
  query: "query",
  header: "header",
  cookie: "cookie",
  body: "body",
  variable: "variable",
  column: "column",
};

export function isParamPlan(plan: ValuePlan | undefined): plan is ParamValuePlan {
  return !!plan && typeof (plan as ParamValuePlan).param === "string";
}

export function isConstPlan(plan: ValuePlan | undefined): plan is ConstValuePlan {
  return !!plan && Object.prototype.hasOwnProperty.call(plan, "const");
}

/** A JSON value in one line: strings quoted, everything else as JSON. */
export function jsonText(value: unknown): string {
  if (value === undefined) return "—";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A JSON value for reading: strings as they are, everything else pretty JSON. */
export function prettyJson(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

/** One value the plan sends: how it is made, where it goes, and the type the target expects. */
export interface PlanUse {
  plan: ValuePlan;
  /** `query:email`, `variable:input.email`, `column:phone` (as the egress map says). */
  destination: string;
  /** SQL column type label or GraphQL type, when the plan says. */
  typeHint?: string;
}

/** Every value of the execution plan, in plan order. */
export function planUses(config: ExecutionConfig): PlanUse[] {
  switch (config.transport) {
    case "native_rest":
      return config.arguments.map((a) => ({ plan: a.value, destination: `${a.in}:${a.name}` }));
    case "native_graphql":
      return config.variables.flatMap((v) => {
        const own: PlanUse[] = v.value ? [{ plan: v.value, destination: `variable:${v.name}`, typeHint: v.type }] : [];
        const fields = (v.fields ?? []).map((f) => ({ plan: f.value, destination: `variable:${v.name}.${f.field}` }));
        return [...own, ...fields];
      });
    case "native_sql":
      return config.parameters.map((p) => ({ plan: p.value, destination: `column:${p.column}`, typeHint: p.type }));
  }
}

/** The transport of a stored skill (its compiled plan's, else its skill type). */
export function transportOf(view: Pick<SkillView, "skill">): Transport {
  return view.skill.executionConfig?.transport ?? view.skill.skillType;
}

export type SkillCondition = "broken" | "approved" | "valid" | "draft";

/** Broken wins over the stored state: a broken skill is disabled and blocks approve and enable. */
export function conditionOf(view: Pick<SkillView, "state" | "broken">): SkillCondition {
  return view.broken ? "broken" : view.state;
}

export const conditionTone: Record<SkillCondition, BadgeTone> = {
  broken: "danger",
  approved: "success",
  valid: "info",
  draft: "neutral",
};

export const conditionHelp: Record<SkillCondition, string> = {
  broken: "A change in the provider's schema broke it: update its binding and approve it again.",
  approved: "Someone approved exactly this content (its hash).",
  valid: "Validates against the provider's schema; not approved yet.",
  draft: "Saved as a draft (enabled: false in the binding).",
};

/** `sha256:1a2b3c4d…` → `1a2b3c4d5e6f`. */
export function shortHash(hash: string, length = 12): string {
  return hash.replace(/^sha256:/, "").slice(0, length);
}
