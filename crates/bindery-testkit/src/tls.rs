//! Throwaway certificates for the TLS tests, made with the `openssl` command into a directory of
//! their own: a certificate authority, a server certificate it signs for the name `localhost`
//! only (no IP address, so `verify-full` to `127.0.0.1` must fail while `verify-ca` passes), and
//! a second, unrelated authority that must not be trusted for that server.

use std::fs::Permissions;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::{in_ci, TestkitError};

static SETS: AtomicU32 = AtomicU32::new(0);

/// One set of test certificates; the directory is removed on drop.
#[derive(Debug)]
pub struct TestCertificates {
    dir: PathBuf,
}

impl TestCertificates {
    /// Makes a fresh set. `Ok(None)` when `openssl` is missing and `CI` is not set (a "skipped"
    /// line goes to stderr); with `CI=true` that is an `Err`.
    pub fn generate() -> Result<Option<Self>, TestkitError> {
        let found = Command::new("openssl")
            .arg("version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            if in_ci() {
                return Err(TestkitError::Unavailable(
                    "openssl is not on PATH".to_owned(),
                ));
            }
            eprintln!("skipped: openssl is not on PATH (cargo xtask test installs it)");
            return Ok(None);
        }
        let n = SETS.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("bindery-tls-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .map_err(|e| TestkitError::io(format!("cannot create {}", dir.display()), e))?;
        let set = TestCertificates { dir };
        set.authority("ca", "Bindery Test CA")?;
        set.authority("other-ca", "Unrelated Test CA")?;
        set.openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ])?;
        std::fs::write(
            set.dir.join("server.ext"),
            "subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n",
        )
        .map_err(|e| TestkitError::io("cannot write server.ext", e))?;
        set.openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "server.crt",
        ])?;
        Ok(Some(set))
    }

    /// The directory holding every file.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The authority that signed the server certificate (PEM).
    pub fn ca_cert(&self) -> PathBuf {
        self.dir.join("ca.crt")
    }

    /// An authority unrelated to the server (PEM).
    pub fn other_ca_cert(&self) -> PathBuf {
        self.dir.join("other-ca.crt")
    }

    /// The server certificate, for `localhost` only (PEM).
    pub fn server_cert(&self) -> PathBuf {
        self.dir.join("server.crt")
    }

    /// The server's private key (PEM, unencrypted).
    pub fn server_key(&self) -> PathBuf {
        self.dir.join("server.key")
    }

    /// Copies the server certificate and key into a PostgreSQL server's directory (key mode
    /// 0600), makes `data/pg_hba.conf` take TCP logins over TLS only (plain ones are rejected, so
    /// a login that works proves TLS), and returns the `-c` options that turn TLS on.
    pub(crate) fn install_for_postgres(&self, dir: &Path) -> Result<String, TestkitError> {
        let io = |what: &str| {
            let what = what.to_owned();
            move |e| TestkitError::io(what, e)
        };
        std::fs::copy(self.server_cert(), dir.join("server.crt")).map_err(io("copy server.crt"))?;
        std::fs::copy(self.server_key(), dir.join("server.key")).map_err(io("copy server.key"))?;
        std::fs::set_permissions(dir.join("server.key"), Permissions::from_mode(0o600))
            .map_err(io("chmod server.key"))?;
        std::fs::write(
            dir.join("data").join("pg_hba.conf"),
            "local all all trust\n\
             hostssl all all 127.0.0.1/32 scram-sha-256\n\
             hostnossl all all 127.0.0.1/32 reject\n",
        )
        .map_err(io("write pg_hba.conf"))?;
        Ok(format!(
            " -c ssl=on -c ssl_cert_file={0}/server.crt -c ssl_key_file={0}/server.key",
            dir.display()
        ))
    }

    fn authority(&self, name: &str, subject: &str) -> Result<(), TestkitError> {
        let key = format!("{name}.key");
        let cert = format!("{name}.crt");
        let subj = format!("/CN={subject}");
        self.openssl(&[
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", &key, "-out",
            &cert, "-subj", &subj,
        ])
    }

    fn openssl(&self, args: &[&str]) -> Result<(), TestkitError> {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| TestkitError::io("cannot run openssl", e))?;
        if out.status.success() {
            return Ok(());
        }
        Err(TestkitError::io(
            format!("openssl {}", args.join(" ")),
            std::io::Error::other(String::from_utf8_lossy(&out.stderr).into_owned()),
        ))
    }
}

impl Drop for TestCertificates {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
