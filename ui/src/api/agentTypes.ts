// Wire types of agents, skills, versions and try runs (camelCase JSON), shared by the Tauri
// commands and `/api/v1`. Shapes follow `bindery_api::{Agent, SkillView, AgentVersion,
// VersionDiff}` and the compiled `bindery_binding::Skill`.

/** An agent's own parameter (beside the canonical ones). */
export interface AgentParameter {
  name: string;
  description: string;
  type?: string;
  format?: string;
  from?: Provenance;
  [key: string]: unknown;
}

export interface Agent {
  id: string;
  name: string;
  description: string;
  parameters: AgentParameter[];
  createdAt: string;
  skillCount: number;
  /** The newest published version's number, if it was ever published. */
  latestVersion: number | null;
}

export interface NewAgent {
  name: string;
  description?: string;
}

/** Who supplies a parameter's value. */
export type Provenance = "caller" | "callContext" | "operator";

export type Transport = "native_rest" | "native_graphql" | "native_sql";

/** How one value is produced at run time: a parameter, or an operator-pinned constant. */
export type ValuePlan = ParamValuePlan | ConstValuePlan;

export interface ParamValuePlan {
  param: string;
  from: Provenance;
  transform?: string;
  default?: unknown;
}

export interface ConstValuePlan {
  const: unknown;
}

export type ArgLocation = "path" | "query" | "header" | "cookie" | "body" | "variable" | "column";

export interface OutputPlan {
  leaf: string;
  path: string[];
  type: string;
  many: boolean;
}

export interface RestArgument {
  name: string;
  in: ArgLocation;
  value: ValuePlan;
}

export interface RestPlan {
  transport: "native_rest";
  method: string;
  path: string;
  /** How the body is encoded, when an argument goes in it. */
  bodyMediaType?: string;
  arguments: RestArgument[];
  outputs: OutputPlan[];
}

export interface GraphqlFieldPlan {
  field: string;
  value: ValuePlan;
}

export interface GraphqlVariable {
  name: string;
  type: string;
  value?: ValuePlan;
  fields?: GraphqlFieldPlan[];
}

export interface GraphqlPlan {
  transport: "native_graphql";
  document: string;
  operationName: string;
  rootField: string;
  variables: GraphqlVariable[];
  userErrorsPath?: string[];
  outputs: OutputPlan[];
}

export interface SqlParameter {
  column: string;
  type: string;
  value: ValuePlan;
}

export interface SqlPlan {
  transport: "native_sql";
  dialect: "postgres" | "mysql" | "sqlite";
  statement: string;
  parameters: SqlParameter[];
  readOnly: boolean;
  rowLimit: number;
  index?: string;
  outputs: OutputPlan[];
}

export type ExecutionConfig = RestPlan | GraphqlPlan | SqlPlan;

export interface Egress {
  source: string;
  destination: string;
  pii?: string;
  overrideReason?: string;
}

/** A JSON Schema property of `parametersSchema`. */
export interface ParameterSchema {
  type?: string;
  format?: string;
  description?: string;
  default?: unknown;
  enum?: unknown[];
}

/** The compiled, frozen skill. */
export interface CompiledSkill {
  name: string;
  description: string;
  skillType: Transport;
  operation: string;
  parametersSchema: {
    type?: "object";
    properties?: Record<string, ParameterSchema>;
    required?: string[];
  };
  requiredParams: string[];
  executionConfig: ExecutionConfig;
  dataEgressMap: Egress[];
  allowedFields: string[];
  isWrite: boolean;
  requiresConfirmation: boolean;
  nonParallelizable: boolean;
  requiresVerifiedIdentity: boolean;
  isEnabled: boolean;
  expectedLatencyMs: number;
  confirmationPrompt?: string;
  schemaFingerprint: string;
  contentHash: string;
}

/** A validation problem of a binding (`bindery_binding::BindingDiagnostic`). */
export interface BindingDiagnostic {
  code: string;
  severity: "info" | "warning" | "error";
  message: string;
  bindingPath: string;
  schemaPath?: string;
  help?: string;
}

export interface SchemaChange {
  kind: string;
  impact: string;
  path: string;
  message: string;
  before?: string;
  after?: string;
}

/** Why a re-discovery broke a skill. */
export interface BrokenRecord {
  detectedAt?: string;
  fromFingerprint?: string;
  toFingerprint?: string;
  changes?: SchemaChange[];
  diagnostics?: BindingDiagnostic[];
}

export interface Approval {
  by: string;
  at: string;
  contentHash: string;
}

/** `draft` (saved with `enabled: false`), `valid`, or `approved` (of the current content hash). */
export type SkillState = "draft" | "valid" | "approved";

export interface SkillView {
  id: string;
  agentId: string;
  providerKind: string;
  toolName: string;
  state: SkillState;
  isEnabled: boolean;
  isWrite: boolean;
  binding: Record<string, unknown>;
  skill: CompiledSkill;
  contentHash: string;
  schemaFingerprint: string;
  /** The warnings of its last validation. */
  diagnostics: BindingDiagnostic[];
  approval: Approval | null;
  broken: BrokenRecord | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeletedSkill {
  id: string;
  toolName: string;
  deleted: boolean;
}

export interface FrozenSkill {
  skillId: string;
  toolName: string;
  providerKind: string;
  isEnabled: boolean;
  approval: Approval;
  skill: CompiledSkill;
}

export interface AgentVersion {
  id: string;
  agentId: string;
  version: number;
  note: string | null;
  publishedAt: string;
  publishedBy: string | null;
  skills: FrozenSkill[];
}

export interface PublishRequest {
  note?: string;
  by?: string;
}

export interface DiffEntry {
  field: string;
  before: unknown;
  after: unknown;
  kind: "added" | "removed" | "changed";
}

export interface VersionDiff {
  from: string;
  to: string;
  entries: DiffEntry[];
}

// ---- try runs ----

export interface TryRequest {
  /** Values by parameter name (caller, call context and operator parameters alike). */
  inputs: Record<string, unknown>;
  /** A write runs only with `true`; `false` answers what would be sent (`dryRun`). */
  confirm: boolean;
}

export interface RequestHeader {
  name: string;
  /** `<redacted>` for a secret: the core never returns a secret's value. */
  value: string;
  secret: boolean;
}

export interface ResolvedRestRequest {
  transport: "native_rest";
  method: string;
  url: string;
  headers: RequestHeader[];
  body: string | null;
  bodyMediaType: string | null;
}

export interface ResolvedGraphqlRequest {
  transport: "native_graphql";
  url: string;
  headers: RequestHeader[];
  operationName: string;
  document: string;
  variables: Record<string, unknown>;
}

export interface ResolvedSqlParameter {
  placeholder: string;
  column: string;
  type: string;
  value: unknown;
}

export interface ResolvedSqlRequest {
  transport: "native_sql";
  dialect: "postgres" | "mysql" | "sqlite";
  statement: string;
  parameters: ResolvedSqlParameter[];
  readOnly: boolean;
  statementTimeoutMs: number;
  rowLimit: number;
}

export type ResolvedRequest = ResolvedRestRequest | ResolvedGraphqlRequest | ResolvedSqlRequest;

export interface TryResponse {
  httpStatus: number | null;
  /** The provider's answer: REST/GraphQL JSON, or for SQL an array of row objects. */
  body: unknown;
  bytes: number;
  truncated: boolean;
  rowsAffected: number | null;
}

export interface TryDiagnostic {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  /** Where: `inputs.caller_phone`, `output.customer_id`, `response`; absent when nowhere in particular. */
  at?: string | null;
}

export type TryStatus = "ok" | "dryRun" | "failed";

export interface TryRun {
  skillId: string;
  toolName: string;
  contentHash: string;
  status: TryStatus;
  isWrite: boolean;
  executed: boolean;
  /** `null` when the inputs were not valid and nothing could be built. */
  request: ResolvedRequest | null;
  response: TryResponse | null;
  /** The projected leaves by output name. */
  output: Record<string, unknown> | null;
  latencyMs: number | null;
  diagnostics: TryDiagnostic[];
}
