/** Every command the UI may send to the core. Tauri command names; the HTTP transport maps each one to a route. */
export type Command =
  | "catalog"
  | "list_integrations"
  | "connect_integration"
  | "discover_integration"
  | "get_schema"
  | "list_objects"
  | "get_object"
  | "list_operations"
  | "list_subscriptions"
  | "get_graph"
  | "find_paths"
  | "get_scoping"
  | "set_scoping"
  | "sql_scripts"
  | "test_sql_connection"
  | "complete_connect"
  | "cancel_connect"
  | "disconnect_integration"
  | "connection_health"
  | "vault_status"
  | "set_vault_key_source"
  | "list_agents"
  | "create_agent"
  | "get_agent"
  | "bind_skill"
  | "list_skills"
  | "get_skill"
  | "update_skill"
  | "delete_skill"
  | "approve_skill"
  | "enable_skill"
  | "publish_agent"
  | "list_versions"
  | "diff_versions"
  | "try_skill"
  | "preview_binding";

export type CommandArgs = Record<string, unknown>;

/** The API key session of browser mode. Tauri needs none (the window is the trust boundary). */
export interface AuthSession {
  hasToken(): boolean;
  /** Stores a key for this browser tab only (sessionStorage). It is never read back for display. */
  setToken(token: string): void;
  clear(): void;
  /** Why the last key was dropped (the server answered 401), or null. */
  rejection(): { code: string; message: string } | null;
  /** Called whenever the key is set or cleared (also when the server rejects it with 401). */
  subscribe(listener: () => void): () => void;
}

export interface Platform {
  readonly mode: "tauri" | "http";
  /** Runs one command in the core. Rejects with a BinderyError only. */
  call<T>(command: Command, args?: CommandArgs): Promise<T>;
  /** Present in browser mode only. */
  readonly auth: AuthSession | null;
  /**
   * Opens the OAuth sign-in page of `kind` (the `oauthUrl` connect answered) in the person's
   * browser; whether a browser was asked to open it. In the desktop app the shell opens it (it
   * already did once when connect answered); in a browser it is a new tab (`noopener`).
   */
  openSignIn(kind: string, url: string): Promise<boolean>;
}
