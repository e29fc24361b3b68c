// The command list doubles as the app manifest: Tauri then generates one permission per command,
// and capabilities/default.json grants exactly those (least privilege).
const COMMANDS: &[&str] = &[
    "catalog",
    "list_integrations",
    "connect_integration",
    "discover_integration",
    "get_schema",
    "list_objects",
    "get_object",
    "list_operations",
    "list_subscriptions",
    "get_scoping",
    "set_scoping",
    "sql_scripts",
    "test_sql_connection",
    "open_oauth_url",
    "complete_connect",
    "cancel_connect",
    "disconnect_integration",
    "connection_health",
    "vault_status",
    "set_vault_key_source",
    "list_agents",
    "create_agent",
    "get_agent",
    "bind_skill",
    "list_skills",
    "get_skill",
    "update_skill",
    "delete_skill",
    "approve_skill",
    "enable_skill",
    "try_skill",
    "publish_agent",
    "list_versions",
    "diff_versions",
    "get_drift",
    "get_graph",
    "find_paths",
    "preview_binding",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build: tauri.conf.json, icons and ../ui/dist must exist (run `cargo xtask build-ui`)");
}
