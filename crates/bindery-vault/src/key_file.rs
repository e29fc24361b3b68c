//! The key file fallback: one line of base64 in a file only its owner can read.
//!
//! Creating is atomic and never overwrites: the key is written to a temporary file (mode 0600)
//! in the same directory, synced, then hard-linked to its name. The link fails if the name
//! exists, so two processes creating the key at once end up with one key, the first one; a
//! rename would let the second replace a key the first may already have sealed with. Where the
//! file system has no hard links, a rename is the fallback.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use rand::RngCore as _;
use zeroize::Zeroizing;

use crate::key::MasterKey;
use crate::VaultError;

/// A key file is one line of about 44 characters; anything much larger is not a key file.
const MAX_KEY_FILE_BYTES: u64 = 4096;

/// Reads the key file, creating it with a fresh key when it does not exist. Returns the key and
/// whether this call created it.
pub(crate) fn load_or_create(path: &Path) -> Result<(MasterKey, bool), VaultError> {
    if let Some(key) = read(path)? {
        return Ok((key, false));
    }
    let key = MasterKey::generate();
    if create(path, &key)? {
        tracing::info!(path = %path.display(), key_id = %key.key_id(), "created a new master key file");
        return Ok((key, true));
    }
    // Another process created it between our read and our link: use theirs.
    let existing = read(path)?.ok_or_else(|| VaultError::KeyFileIo {
        path: path.to_path_buf(),
        action: "read",
        source: std::io::Error::new(ErrorKind::NotFound, "it vanished while being created"),
    })?;
    Ok((existing, false))
}

/// The key in the file, `None` when there is no file. Refuses a file others can access.
fn read(path: &Path) -> Result<Option<MasterKey>, VaultError> {
    let io = |source| VaultError::KeyFileIo {
        path: path.to_path_buf(),
        action: "read",
        source,
    };
    let invalid = |reason| VaultError::KeyFileInvalid {
        path: path.to_path_buf(),
        reason,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(io(error)),
    };
    // Checked on the open handle, so the file checked is the file read.
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(invalid("it is not a regular file"));
    }
    check_owner_only(path, &metadata)?;
    let mut text = Zeroizing::new(String::with_capacity(MAX_KEY_FILE_BYTES as usize + 1));
    file.take(MAX_KEY_FILE_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|error| match error.kind() {
            ErrorKind::InvalidData => invalid("it is not text"),
            _ => io(error),
        })?;
    if text.len() as u64 > MAX_KEY_FILE_BYTES {
        return Err(invalid("it is far larger than a key"));
    }
    MasterKey::parse(&text).map(Some).map_err(invalid)
}

#[cfg(unix)]
fn check_owner_only(path: &Path, metadata: &std::fs::Metadata) -> Result<(), VaultError> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = metadata.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(VaultError::KeyFilePermissions {
            path: path.to_path_buf(),
            mode,
        });
    }
    Ok(())
}

/// Windows: the file inherits its directory's ACL (a profile directory is the owner's only).
#[cfg(not(unix))]
fn check_owner_only(_path: &Path, _metadata: &std::fs::Metadata) -> Result<(), VaultError> {
    Ok(())
}

/// Writes a new key file; `false` when the file appeared meanwhile (nothing was overwritten).
fn create(path: &Path, key: &MasterKey) -> Result<bool, VaultError> {
    let io = |source| VaultError::KeyFileIo {
        path: path.to_path_buf(),
        action: "create",
        source,
    };
    let file_name = path.file_name().ok_or_else(|| VaultError::KeyFileInvalid {
        path: path.to_path_buf(),
        reason: "the path does not name a file",
    })?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.exists() {
        create_private_dir(&dir).map_err(io)?;
    }
    let mut suffix = [0u8; 8];
    rand::rng().fill_bytes(&mut suffix);
    let temp = dir.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        hex::encode(suffix)
    ));
    let written = write_private(&temp, key).and_then(|()| publish(&temp, path));
    // The temporary name is gone after a rename; after a link (or a failure) it is removed.
    let _ = std::fs::remove_file(&temp);
    let created = written.map_err(io)?;
    if created {
        sync_dir(&dir).map_err(io)?;
    }
    Ok(created)
}

/// Links `temp` to `path` unless `path` exists; `Ok(false)` when it does.
fn publish(temp: &Path, path: &Path) -> std::io::Result<bool> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Ok(false),
        Err(error) => {
            // No hard links here (some network and FAT file systems): rename, still atomic,
            // only if the name is still free.
            tracing::debug!(%error, "hard link refused; publishing the key file by rename");
            if path.exists() {
                return Ok(false);
            }
            std::fs::rename(temp, path)?;
            Ok(true)
        }
    }
}

fn write_private(temp: &Path, key: &MasterKey) -> std::io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(temp)?;
    let mut line = Zeroizing::new(String::with_capacity(64));
    line.push_str(&key.encode());
    line.push('\n');
    file.write_all(line.as_bytes())?;
    file.sync_all()
}

fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Makes the new directory entry durable (a crash right after must not lose the key).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}
