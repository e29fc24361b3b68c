// Agents, skills and try runs as the core answers them (compiled skills taken from
// `bindery bind compile` on the demo database and from the compiler's own tests).
import type { Agent, CompiledSkill, SkillView, TryRun } from "../api/agentTypes";

export const frontDesk: Agent = {
  id: "agt_0011223344556677",
  name: "Front desk",
  description: "Answers calls for the field-service team.",
  parameters: [],
  createdAt: "2025-11-26T09:00:00Z",
  skillCount: 2,
  latestVersion: null,
};

const common = {
  requiresVerifiedIdentity: false,
  schemaFingerprint: "sha256:ef77c47098d601cfe1191434b98addcee99e83a366fbd4cdaaf576ee4dad455c",
};

export const lookupSkill: CompiledSkill = {
  ...common,
  name: "Look up the caller",
  description: "Finds the customer by the phone number the call comes from.",
  skillType: "native_sql",
  operation: "sql:select:customers.by_phone",
  parametersSchema: { type: "object", properties: {}, required: [] },
  requiredParams: [],
  executionConfig: {
    transport: "native_sql",
    dialect: "sqlite",
    statement: 'SELECT t0."first_name" AS "customer_first_name" FROM "main"."customers" AS t0 WHERE t0."phone" = ?1 LIMIT 1',
    parameters: [{ column: "phone", type: "string", value: { param: "caller_phone", from: "callContext" } }],
    readOnly: true,
    rowLimit: 1,
    index: "sqlite_autoindex_customers_1",
    outputs: [{ leaf: "customer_first_name", path: ["customer_first_name"], type: "string", many: false }],
  },
  dataEgressMap: [{ source: "caller_phone", destination: "column:phone", pii: "contact" }],
  allowedFields: ["sqlite:main.customers.first_name"],
  isWrite: false,
  requiresConfirmation: false,
  nonParallelizable: false,
  isEnabled: true,
  expectedLatencyMs: 50,
  contentHash: "sha256:84cbafd3d67e4dace0ed7ebbdf5eb5532a3a110587e3428303982e0b3bfe7f2b",
};

export const bookJobSkill: CompiledSkill = {
  ...common,
  name: "Book a job",
  description: "Create a job for the caller at their home.",
  skillType: "native_sql",
  operation: "sql:insert:jobs",
  parametersSchema: {
    type: "object",
    properties: {
      customer_id: { type: "string", description: "The provider's id of the customer, from an earlier lookup in the same call." },
      notes: { type: "string", description: "Free-text notes the caller wants passed on." },
    },
    required: ["customer_id", "notes"],
  },
  requiredParams: ["customer_id", "notes"],
  executionConfig: {
    transport: "native_sql",
    dialect: "sqlite",
    statement:
      'INSERT INTO "main"."jobs" ("customer_id", "property_id", "service_type_id", "description", "created_at") VALUES (?1, ?2, ?3, ?4, ?5) RETURNING "id" AS "job_id"',
    parameters: [
      { column: "customer_id", type: "integer", value: { param: "customer_id", from: "caller", transform: "to_integer" } },
      { column: "property_id", type: "integer", value: { const: 1 } },
      { column: "service_type_id", type: "integer", value: { const: 3 } },
      { column: "description", type: "string", value: { param: "notes", from: "caller" } },
      { column: "created_at", type: "string", value: { param: "call_started_at", from: "callContext" } },
    ],
    readOnly: false,
    rowLimit: 1,
    outputs: [{ leaf: "job_id", path: ["job_id"], type: "integer", many: false }],
  },
  dataEgressMap: [
    { source: "customer_id", destination: "column:customer_id" },
    { source: "const", destination: "column:property_id" },
    { source: "const", destination: "column:service_type_id" },
    { source: "notes", destination: "column:description" },
    { source: "call_started_at", destination: "column:created_at" },
  ],
  allowedFields: ["sqlite:main.jobs.id"],
  isWrite: true,
  requiresConfirmation: true,
  nonParallelizable: true,
  isEnabled: false,
  expectedLatencyMs: 150,
  confirmationPrompt: "Shall I book that job for {caller_name}?",
  contentHash: "sha256:d880eb6925bfab65eefb44ff7f9cc74d144e960113c1c63e386a9e5ffaaf9b6b",
};

export const findCustomersSkill: CompiledSkill = {
  ...common,
  name: "Find customers",
  description: "Customers with the caller's e-mail.",
  skillType: "native_rest",
  operation: "ListCustomers",
  parametersSchema: {
    type: "object",
    properties: {
      caller_email: { type: "string", description: "The caller's e-mail address, spelled out by the caller." },
      limit: { type: "integer", description: "How many to return.", default: 5 },
    },
    required: ["caller_email"],
  },
  requiredParams: ["caller_email"],
  executionConfig: {
    transport: "native_rest",
    method: "GET",
    path: "/v1/customers",
    arguments: [
      { name: "email", in: "query", value: { param: "caller_email", from: "caller", transform: "lowercase" } },
      { name: "limit", in: "query", value: { param: "limit", from: "caller", default: 5 } },
      { name: "X-Location", in: "header", value: { param: "location_id", from: "operator" } },
    ],
    outputs: [{ leaf: "customer_name", path: ["data[first]", "name"], type: "string", many: false }],
  },
  dataEgressMap: [
    { source: "caller_email", destination: "query:email", pii: "contact" },
    { source: "limit", destination: "query:limit" },
    { source: "location_id", destination: "header:X-Location" },
  ],
  allowedFields: ["openapi:Customer.name"],
  isWrite: false,
  requiresConfirmation: false,
  nonParallelizable: false,
  isEnabled: true,
  expectedLatencyMs: 300,
  contentHash: "sha256:7777777777777777777777777777777777777777777777777777777777777777",
};

export const createIssueSkill: CompiledSkill = {
  ...common,
  name: "Open an issue",
  description: "Opens an issue for the caller.",
  skillType: "native_graphql",
  operation: "Mutation.createIssue",
  parametersSchema: {
    type: "object",
    properties: {
      reason: { type: "string", description: "Why the caller calls." },
      party_size: { type: "integer", description: "How many people." },
    },
    required: ["reason"],
  },
  requiredParams: ["reason"],
  executionConfig: {
    transport: "native_graphql",
    document: "mutation OpenAnIssue($input: IssueInput!, $urgent: Boolean) { createIssue(input: $input, urgent: $urgent) { id } }",
    operationName: "OpenAnIssue",
    rootField: "createIssue",
    variables: [
      {
        name: "input",
        type: "IssueInput!",
        fields: [
          { field: "title", value: { param: "reason", from: "caller" } },
          { field: "people", value: { param: "party_size", from: "caller" } },
          { field: "callId", value: { param: "call_id", from: "callContext" } },
          { field: "team", value: { const: "support" } },
        ],
      },
      { name: "urgent", type: "Boolean", value: { param: "urgent_flag", from: "operator", default: false } },
    ],
    outputs: [{ leaf: "issue_id", path: ["id"], type: "string", many: false }],
  },
  dataEgressMap: [{ source: "reason", destination: "variable:input.title" }],
  allowedFields: ["graphql:Issue.id"],
  isWrite: true,
  requiresConfirmation: true,
  nonParallelizable: true,
  isEnabled: false,
  expectedLatencyMs: 400,
  contentHash: "sha256:9999999999999999999999999999999999999999999999999999999999999999",
};

export function skillView(skill: CompiledSkill, extra: Partial<SkillView> = {}): SkillView {
  const id = `skl_${skill.name.toLowerCase().replace(/[^a-z]+/g, "")}`;
  return {
    id,
    agentId: frontDesk.id,
    providerKind: "demo_fieldservice",
    toolName: skill.name,
    state: "valid",
    isEnabled: !skill.isWrite,
    isWrite: skill.isWrite,
    binding: { toolName: skill.name, operation: skill.operation },
    skill,
    contentHash: skill.contentHash,
    schemaFingerprint: skill.schemaFingerprint,
    diagnostics: [],
    approval: null,
    broken: null,
    createdAt: "2025-11-26T09:05:00Z",
    updatedAt: "2025-11-26T09:05:00Z",
    ...extra,
  };
}

export const lookupView = skillView(lookupSkill);
export const bookJobView = skillView(bookJobSkill);

export const lookupRun: TryRun = {
  skillId: lookupView.id,
  toolName: lookupView.toolName,
  contentHash: lookupSkill.contentHash,
  status: "ok",
  isWrite: false,
  executed: true,
  request: {
    transport: "native_sql",
    dialect: "sqlite",
    statement: lookupSkill.executionConfig.transport === "native_sql" ? lookupSkill.executionConfig.statement : "",
    parameters: [{ placeholder: "?1", column: "phone", type: "string", value: "+15035555144" }],
    readOnly: true,
    statementTimeoutMs: 5000,
    rowLimit: 1,
  },
  response: { httpStatus: null, body: [{ customer_first_name: "Diane" }], bytes: 33, truncated: false, rowsAffected: null },
  output: { customer_first_name: "Diane" },
  latencyMs: 3.4,
  diagnostics: [],
};

const bookJobRequest: TryRun["request"] = {
  transport: "native_sql",
  dialect: "sqlite",
  statement: bookJobSkill.executionConfig.transport === "native_sql" ? bookJobSkill.executionConfig.statement : "",
  parameters: [
    { placeholder: "?1", column: "customer_id", type: "integer", value: 1 },
    { placeholder: "?2", column: "property_id", type: "integer", value: 1 },
    { placeholder: "?3", column: "service_type_id", type: "integer", value: 3 },
    { placeholder: "?4", column: "description", type: "string", value: "Leaking tap" },
    { placeholder: "?5", column: "created_at", type: "string", value: "2025-11-26T10:00:00Z" },
  ],
  readOnly: false,
  statementTimeoutMs: 5000,
  rowLimit: 1,
};

export const bookJobDryRun: TryRun = {
  skillId: bookJobView.id,
  toolName: bookJobView.toolName,
  contentHash: bookJobSkill.contentHash,
  status: "dryRun",
  isWrite: true,
  executed: false,
  request: bookJobRequest,
  response: null,
  output: null,
  latencyMs: null,
  diagnostics: [
    { code: "runtime/confirmation-required", severity: "info", message: "A write runs only with confirm: true; nothing was executed.", at: null },
  ],
};

export const bookJobRun: TryRun = {
  ...bookJobDryRun,
  status: "ok",
  executed: true,
  response: { httpStatus: null, body: [{ job_id: 4001 }], bytes: 16, truncated: false, rowsAffected: 1 },
  output: { job_id: 4001 },
  latencyMs: 8.25,
  diagnostics: [],
};
