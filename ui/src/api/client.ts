import type { Platform } from "../platform";
import type {
  Agent,
  AgentVersion,
  DeletedSkill,
  NewAgent,
  PublishRequest,
  SkillView,
  TryRequest,
  TryRun,
  VersionDiff,
} from "./agentTypes";
import type { Binding, BindingPreview } from "./editorTypes";
import type {
  CancelResult,
  CatalogEntry,
  ConnectionHealth,
  ConnectRequest,
  ConnectResult,
  DisconnectResult,
  DiscoverResult,
  Integration,
  ObjectDetail,
  ObjectPage,
  Operation,
  Schema,
  Scoping,
  ScopingResult,
  SqlScripts,
  SqlScriptsQuery,
  SqlTestRequest,
  SqlTestResult,
  VaultChoice,
  VaultInfo,
} from "./types";

export interface ListObjectsArgs {
  kind: string;
  q: string;
  cursor: string | null;
  limit: number;
  /**
   * Comma-separated `relay` and/or `input`: GraphQL wrapper and input types the core leaves out
   * before paging. Absent when nothing is hidden.
   */
  hide?: string;
}

/** One typed function per core command. Arguments are passed through unchanged to either transport. */
export function createApi(platform: Platform) {
  return {
    catalog: () => platform.call<CatalogEntry[]>("catalog"),
    listIntegrations: () => platform.call<Integration[]>("list_integrations"),
    connectIntegration: (args: { kind: string; request: ConnectRequest }) =>
      platform.call<ConnectResult>("connect_integration", { ...args }),
    discoverIntegration: (args: { kind: string }) =>
      platform.call<DiscoverResult>("discover_integration", { ...args }),
    /** The whole schema: large. Screens ask for slices (listObjects/getObject) instead. */
    getSchema: (args: { kind: string }) => platform.call<Schema>("get_schema", { ...args }),
    listObjects: (args: ListObjectsArgs) => platform.call<ObjectPage>("list_objects", { ...args }),
    getObject: (args: { kind: string; object: string }) =>
      platform.call<ObjectDetail>("get_object", { ...args }),
    listOperations: (args: { kind: string; object?: string }) =>
      platform.call<Operation[]>("list_operations", { ...args }),
    /** GraphQL subscriptions: listed, never bindable. `[]` for other sources. */
    listSubscriptions: (args: { kind: string }) => platform.call<Operation[]>("list_subscriptions", { ...args }),
    /** The blocked tables and columns of a provider. */
    getScoping: (args: { kind: string }) => platform.call<Scoping>("get_scoping", { ...args }),
    /** Replaces them: always the full lists (empty lists clear). */
    setScoping: (args: { kind: string; scoping: Scoping }) => platform.call<ScopingResult>("set_scoping", { ...args }),
    /**
     * The SQL that creates a least-privilege login. `kind` may be `postgres`/`mysql` before any
     * provider is connected (then `query.database` is required). Each call generates a new password.
     */
    sqlScripts: (args: { kind: string; query: SqlScriptsQuery }) => platform.call<SqlScripts>("sql_scripts", { ...args }),
    /**
     * Connection checks on credentials that are not stored (the Add form's values): always an answer
     * with every check, in order, each passed, failed or skipped. `kind` may be `postgres`/`mysql`.
     */
    testSqlConnection: (args: { kind: string; request: SqlTestRequest }) =>
      platform.call<SqlTestResult>("test_sql_connection", { ...args }),
    /**
     * After connect answered `pending`: waits (up to 5 minutes) for the person to approve in their
     * browser, then the provider is stored with its tokens sealed. Rejects `oauth_not_approved`
     * on a timeout, a denial or a cancel.
     */
    completeConnect: (args: { kind: string }) => platform.call<ConnectResult>("complete_connect", { ...args }),
    /** Stops a waiting sign-in; nothing is stored. */
    cancelConnect: (args: { kind: string }) => platform.call<CancelResult>("cancel_connect", { ...args }),
    /** Revokes tokens at the provider where it can, then deletes credentials, schema and provider. */
    disconnectIntegration: (args: { kind: string }) => platform.call<DisconnectResult>("disconnect_integration", { ...args }),
    connectionHealth: (args: { kind: string }) => platform.call<ConnectionHealth>("connection_health", { ...args }),
    vaultStatus: () => platform.call<VaultInfo>("vault_status"),
    setVaultKeySource: (args: { choice: VaultChoice }) => platform.call<VaultInfo>("set_vault_key_source", { ...args }),

    // ---- agents and skills (argument names are the Tauri commands' own) ----
    listAgents: () => platform.call<Agent[]>("list_agents"),
    createAgent: (args: { body: NewAgent }) => platform.call<Agent>("create_agent", { ...args }),
    getAgent: (args: { agent: string }) => platform.call<Agent>("get_agent", { ...args }),
    /** Validates a binding against the provider's newest schema, compiles and saves it (a write lands disabled). */
    bindSkill: (args: { agent: string; kind: string; binding: Record<string, unknown> }) =>
      platform.call<SkillView>("bind_skill", { ...args }),
    listSkills: (args: { agent: string }) => platform.call<SkillView[]>("list_skills", { ...args }),
    getSkill: (args: { agent: string; skill: string }) => platform.call<SkillView>("get_skill", { ...args }),
    updateSkill: (args: { agent: string; skill: string; binding: Record<string, unknown> }) =>
      platform.call<SkillView>("update_skill", { ...args }),
    deleteSkill: (args: { agent: string; skill: string }) => platform.call<DeletedSkill>("delete_skill", { ...args }),
    /** Records who approved the skill's current content hash (re-validated first). */
    approveSkill: (args: { agent: string; skill: string; body: { by: string } }) =>
      platform.call<SkillView>("approve_skill", { ...args }),
    /** A write is enabled only once approved: `approval_required` (409) otherwise. */
    enableSkill: (args: { agent: string; skill: string; body: { enabled: boolean } }) =>
      platform.call<SkillView>("enable_skill", { ...args }),
    publishAgent: (args: { agent: string; body: PublishRequest }) => platform.call<AgentVersion>("publish_agent", { ...args }),
    listVersions: (args: { agent: string }) => platform.call<AgentVersion[]>("list_versions", { ...args }),
    /** What changed from a version (id or number) to `draft` (the skills now) or another version. */
    diffVersions: (args: { agent: string; version: string; against?: string }) =>
      platform.call<VersionDiff>("diff_versions", { ...args }),
    /**
     * Runs a skill with sample inputs: the resolved request (secrets redacted), the raw answer, the
     * projected output, the latency and diagnostics. A write executes only with `confirm: true`.
     */
    trySkill: (args: { agent: string; skill: string; body: TryRequest }) => platform.call<TryRun>("try_skill", { ...args }),
    /** Validates and compiles a binding without saving anything: the diagnostics and the compiled skill. */
    previewBinding: (args: { agent: string; kind: string; binding: Binding }) =>
      platform.call<BindingPreview>("preview_binding", { ...args }),
  };
}

export type Api = ReturnType<typeof createApi>;
