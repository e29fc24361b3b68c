//! The key file fallback on the real file system.

use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::sync::{Arc, Barrier};

use bindery_vault::{KeyLocation, KeySource, Vault, VaultError};

use crate::{assert_no_canary, canary_map, CANARY};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("stat").permissions().mode() & 0o777
}

fn open_err(path: &Path) -> VaultError {
    let error = Vault::open(&KeySource::KeyFile(path.to_path_buf()), "ws-file")
        .expect_err("this key file must be refused");
    assert_no_canary(&error);
    error
}

fn write_with_mode(path: &Path, text: &str, mode: u32) {
    std::fs::write(path, text).expect("write key file");
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[test]
fn a_missing_key_file_is_created_private_then_reused() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("config").join("bindery");
    let path = dir.join("master.key");
    let source = KeySource::KeyFile(path.clone());

    let first = Vault::open(&source, "ws-file").expect("create the key file");
    assert!(first.status().created, "the first open creates the key");
    assert_eq!(
        first.status().location,
        KeyLocation::File { path: path.clone() },
        "the status names the file"
    );
    assert_eq!(mode(&path), 0o600, "the key file is the owner's only");
    assert_eq!(
        mode(&dir),
        0o700,
        "a directory it creates is the owner's only"
    );
    let text = std::fs::read_to_string(&path).expect("read key file");
    assert!(
        text.ends_with('\n') && text.trim_end().len() == 44 && !text.trim_end().contains('\n'),
        "one line of base64 (44 characters), got {} bytes",
        text.len()
    );
    let entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("list key dir")
        .map(|entry| entry.expect("dir entry").file_name())
        .collect();
    assert_eq!(entries, ["master.key"], "no temporary file is left behind");

    let second = Vault::open(&source, "ws-file").expect("reopen the key file");
    assert!(!second.status().created, "the second open reads the key");
    assert_eq!(second.key_id(), first.key_id(), "the same key, reused");
    let sealed = first.seal("shop", &canary_map());
    second
        .unseal("shop", &sealed)
        .expect("what one open sealed, the next opens");
    assert_eq!(mode(&path), 0o600, "reading leaves the mode alone");
}

#[test]
fn a_key_file_others_can_read_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("master.key");
    Vault::open(&KeySource::KeyFile(path.clone()), "ws-file").expect("create");
    for loose in [0o644, 0o640, 0o604, 0o620] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(loose)).expect("chmod");
        let error = open_err(&path);
        assert_eq!(
            error.code(),
            "vault/key-file-permissions",
            "mode {loose:o} is refused: {error}"
        );
        assert!(
            error.to_string().contains("chmod 600"),
            "the message says how to fix it: {error}"
        );
    }
}

#[test]
fn a_malformed_key_file_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("canary", format!("{CANARY}\n")),
        ("empty", String::new()),
        ("short", "AAAA\n".to_owned()),
        (
            "two-keys",
            format!("{}\n{}\n", "A".repeat(43) + "=", "A".repeat(43) + "="),
        ),
        ("huge", "A".repeat(10_000)),
    ];
    for (name, text) in cases {
        let path = dir.path().join(name);
        write_with_mode(&path, &text, 0o600);
        let error = open_err(&path);
        assert_eq!(
            error.code(),
            "vault/key-file-invalid",
            "the {name} key file is refused: {error}"
        );
    }
    let not_a_file = dir.path().join("a-directory");
    std::fs::create_dir(&not_a_file).expect("mkdir");
    std::fs::set_permissions(&not_a_file, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    assert_eq!(
        open_err(&not_a_file).code(),
        "vault/key-file-invalid",
        "a directory is not a key file"
    );
}

#[test]
fn a_hex_key_file_is_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("hex.key");
    write_with_mode(&path, &format!("{}\n", "5b".repeat(32)), 0o600);
    let vault = Vault::open(&KeySource::KeyFile(path.clone()), "ws-file").expect("hex key");
    assert!(
        !vault.status().created,
        "an existing key is read, not created"
    );
    let base64_path = dir.path().join("base64.key");
    // base64 of 32 bytes of 0x5b.
    write_with_mode(
        &base64_path,
        "W1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1tbW1s=\n",
        0o600,
    );
    let same = Vault::open(&KeySource::KeyFile(base64_path), "ws-file").expect("base64 key");
    assert_eq!(
        vault.key_id(),
        same.key_id(),
        "hex and base64 of the same bytes are the same key"
    );
}

#[test]
fn processes_racing_to_create_the_key_file_share_one_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("keys").join("master.key");
    let racers = 8;
    let barrier = Arc::new(Barrier::new(racers));
    let handles: Vec<_> = (0..racers)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            let source = KeySource::KeyFile(path.clone());
            std::thread::spawn(move || {
                barrier.wait();
                let vault = Vault::open(&source, "ws-race").expect("open while racing");
                (vault.key_id().to_owned(), vault.status().created)
            })
        })
        .collect();
    let results: Vec<(String, bool)> = handles
        .into_iter()
        .map(|handle| handle.join().expect("racer thread"))
        .collect();
    let on_disk = Vault::open(&KeySource::KeyFile(path), "ws-race").expect("reopen");
    assert!(
        results.iter().all(|(key_id, _)| key_id == on_disk.key_id()),
        "every racer uses the key on disk: {results:?}"
    );
    assert_eq!(
        results.iter().filter(|(_, created)| *created).count(),
        1,
        "exactly one racer created it: {results:?}"
    );
}
