//! The OS keyring on Linux: refused plainly where no Secret Service runs or it has no login
//! keyring, and used for real in a private D-Bus session with an unlocked gnome-keyring where the
//! tools are installed.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use bindery_vault::{
    probe_keyring, KeyLocation, KeySource, KeyringProbe, Vault, KEYRING_SERVICE, KEYRING_STORE,
};

use crate::{assert_no_canary, canary_map, child, CANARY};

/// The tools the real Secret Service test needs, and their Debian packages.
const TOOLS: [(&str, &str); 3] = [
    ("dbus-run-session", "dbus"),
    ("gnome-keyring-daemon", "gnome-keyring"),
    ("secret-tool", "libsecret-tools"),
];

fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

#[test]
fn without_a_session_bus_the_keyring_is_refused_plainly() {
    let test = "keyring::without_a_session_bus_the_keyring_is_refused_plainly";
    if child::is_child(test) {
        let error = Vault::open(&KeySource::Keyring, "ws-no-bus")
            .expect_err("no Secret Service can answer without a session bus");
        assert_eq!(error.code(), "vault/keyring-unavailable", "{error}");
        let message = error.to_string();
        for needed in [
            "No keyring service is running or usable",
            KEYRING_STORE,
            "a key file",
            "an environment variable key",
        ] {
            assert!(
                message.contains(needed),
                "the message says {needed:?}: {message}"
            );
        }
        assert_no_canary(&error);
        let probe = probe_keyring();
        assert!(!probe.is_reachable(), "the probe agrees: {probe:?}");
        println!("keyring-unavailable message: {message}");
        return;
    }
    let missing = "unix:path=/nonexistent/bindery-vault-test/bus";
    child::passed(
        test,
        child::command(test)
            .env("DBUS_SESSION_BUS_ADDRESS", missing)
            .env("XDG_RUNTIME_DIR", "/nonexistent/bindery-vault-test")
            .env_remove("DISPLAY"),
    );
}

#[test]
fn a_real_secret_service_holds_the_master_key() {
    let test = "keyring::a_real_secret_service_holds_the_master_key";
    if child::is_child(test) {
        inside_the_unlocked_session();
        return;
    }
    // gnome-keyring started and unlocked with a known password: a login keyring exists.
    let unlock = r#"eval "$(printf ci | gnome-keyring-daemon --unlock --components=secrets)"; "#;
    run_in_private_session(test, unlock);
}

#[test]
fn a_secret_service_without_a_login_keyring_is_refused_plainly() {
    let test = "keyring::a_secret_service_without_a_login_keyring_is_refused_plainly";
    if child::is_child(test) {
        let probe = probe_keyring();
        assert!(
            matches!(
                &probe,
                KeyringProbe::Unavailable { reason, .. }
                    if reason.contains("no default (login) keyring")
            ),
            "the probe says unavailable, and why: {probe:?}"
        );
        let error =
            Vault::open(&KeySource::Keyring, "ws-no-login").expect_err("nowhere to store the key");
        assert_eq!(error.code(), "vault/keyring-unavailable", "{error}");
        let message = error.to_string();
        assert!(
            message.contains("locked or has no default (login) keyring")
                && message.contains("a key file or an environment variable key"),
            "the message explains and names the fallbacks: {message}"
        );
        println!("keyring-unavailable message: {message}");
        return;
    }
    // No daemon started: D-Bus activates gnome-keyring on the first call, and it has no login
    // keyring (what a headless machine with a session bus looks like).
    run_in_private_session(test, "");
}

/// Runs `test` of this binary in `dbus-run-session` after `setup` (shell), with a throwaway home
/// and keyring directory. Skips when the tools are missing, except in CI.
fn run_in_private_session(test: &str, setup: &str) {
    let missing: Vec<&str> = TOOLS
        .iter()
        .filter(|(tool, _)| find_program(tool).is_none())
        .map(|(_, package)| *package)
        .collect();
    if !missing.is_empty() {
        assert!(
            !bindery_testkit::in_ci(),
            "CI must run the real Secret Service tests: apt-get install {}",
            missing.join(" ")
        );
        println!(
            "skipped: no Secret Service tools (apt-get install -y --no-install-recommends {})",
            missing.join(" ")
        );
        return;
    }
    let home = tempfile::tempdir().expect("tempdir");
    let data = home.path().join("data");
    let runtime = home.path().join("runtime");
    for dir in [&data, &runtime] {
        std::fs::create_dir(dir).expect("mkdir");
        std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .expect("chmod");
    }
    let script = format!(r#"{setup}exec "$0" "$@""#);
    let exe = std::env::current_exe().expect("the test binary knows its own path");
    let mut command = Command::new("dbus-run-session");
    command
        .args(["--", "sh", "-c", &script])
        .arg(exe)
        .args(child::test_args(test))
        .env(child::CHILD_TEST, test)
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("DISPLAY");
    child::passed(test, &mut command);
}

/// Runs inside `dbus-run-session` with gnome-keyring unlocked.
fn inside_the_unlocked_session() {
    let probe = probe_keyring();
    assert!(
        probe.is_reachable(),
        "the Secret Service answers: {probe:?}"
    );
    let workspace = format!("ws-keyring-{}", std::process::id());

    let first =
        Vault::open(&KeySource::Keyring, &workspace).expect("create the key in the keyring");
    assert!(first.status().created, "the first open creates the key");
    assert_eq!(
        first.status().location,
        KeyLocation::Keyring {
            store: KEYRING_STORE,
            service: KEYRING_SERVICE,
            user: workspace.clone(),
        },
        "the status names the keyring item"
    );
    let second = Vault::open(&KeySource::Keyring, &workspace).expect("read the key back");
    assert!(
        !second.status().created,
        "the second open reads the stored key"
    );
    assert_eq!(second.key_id(), first.key_id(), "the keyring kept the key");
    second
        .unseal("shop", &first.seal("shop", &canary_map()))
        .expect("what one open sealed, the next opens");

    // The item is where the docs say, and holds the same text a key file would.
    let lookup = Command::new("secret-tool")
        .args(["lookup", "service", KEYRING_SERVICE, "username", &workspace])
        .output()
        .expect("run secret-tool lookup");
    assert!(
        lookup.status.success(),
        "secret-tool finds the item: {}",
        String::from_utf8_lossy(&lookup.stderr)
    );
    let key_text = String::from_utf8(lookup.stdout).expect("the key is stored as text");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("exported.key");
    write_private(&path, &key_text);
    let from_file = Vault::open(&KeySource::KeyFile(path), &workspace).expect("exported key");
    assert_eq!(
        from_file.key_id(),
        first.key_id(),
        "the keyring item is the master key, in the key file format"
    );

    // An item that is not a key is reported, without its contents.
    let squatter = format!("{workspace}-squatter");
    let mut store = Command::new("secret-tool")
        .args([
            "store",
            "--label=not a key",
            "service",
            KEYRING_SERVICE,
            "username",
            &squatter,
        ])
        .stdin(Stdio::piped())
        .spawn()
        .expect("run secret-tool store");
    store
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(CANARY.as_bytes())
        .expect("write the item's secret");
    assert!(
        store.wait().expect("secret-tool store").success(),
        "the squatter item is stored"
    );
    let error = Vault::open(&KeySource::Keyring, &squatter).expect_err("not a master key");
    assert_eq!(error.code(), "vault/keyring-key-invalid", "{error}");
    assert_no_canary(&error);
}

fn write_private(path: &Path, text: &str) {
    std::fs::write(path, text).expect("write key file");
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .expect("chmod");
}
