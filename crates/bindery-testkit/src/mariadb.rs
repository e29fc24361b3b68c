//! A real MariaDB server in a throwaway directory, on loopback, with a root password.
//!
//! `mariadb-install-db` runs once per machine and version into
//! `<repo>/target/testkit/mariadb-template-<version>` (built beside it and renamed into place, so
//! concurrent test binaries never see half a template); each server copies it and starts
//! `mariadbd` on a free port with its own socket, pid file and error log. The server runs under a
//! small `sh` watchdog whose stdin is a pipe from the test process: when the test process ends,
//! however it ends, the pipe closes and the watchdog stops `mariadbd` and removes the directory.
//! So a server kept in a `static` (see [`MariadbServer::shared`]) never outlives its test binary.
//!
//! The client work (loading a dump, counting rows of `information_schema`, creating users) goes
//! through the `mariadb` command-line client with an option file, so the password never appears
//! in a command line.

use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{killpg, Signal};
use nix::unistd::Pid;

use crate::{in_ci, repo_root, TestCertificates, TestkitError};

/// How long a server may take to accept the root login.
const START_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a server has to stop after its watchdog's stdin closes.
const STOP_TIMEOUT: Duration = Duration::from_secs(20);
/// Servers started by this process (names the run directories).
static SERVERS: AtomicUsize = AtomicUsize::new(0);
/// Databases made by [`MariadbServer::fresh_database`].
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// Stops `mariadbd` ($2...) when stdin reaches its end, then removes the run directory ($1).
const WATCHDOG: &str = r#"dir=$1; shift
exec 3<&0
"$@" </dev/null &
pid=$!
( cat <&3 >/dev/null; kill -TERM "$pid" 2>/dev/null ) &
watcher=$!
exec 3<&-
wait "$pid"; status=$?
kill "$watcher" 2>/dev/null
rm -rf -- "$dir"
exit "$status"
"#;

/// The MariaDB programs used.
#[derive(Debug, Clone)]
struct Programs {
    server: PathBuf,
    install_db: PathBuf,
    client: PathBuf,
    version: String,
}

/// A running MariaDB server; stopped and its directory removed on drop.
pub struct MariadbServer {
    dir: PathBuf,
    port: u16,
    password: String,
    version: String,
    programs: Programs,
    watchdog: Child,
    stdin: Option<ChildStdin>,
    started_in: Duration,
}

impl std::fmt::Debug for MariadbServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MariadbServer")
            .field("port", &self.port)
            .field("version", &self.version)
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

impl MariadbServer {
    /// Starts a server. `Ok(None)` when the MariaDB programs are missing and `CI` is not set (a
    /// "skipped" line is printed to stderr); with `CI=true` that is an `Err`.
    pub fn start() -> Result<Option<Self>, TestkitError> {
        Self::launch(None)
    }

    /// Like [`start`](Self::start), with TLS on from the set's server certificate and key.
    pub fn start_with_tls(certs: &TestCertificates) -> Result<Option<Self>, TestkitError> {
        Self::launch(Some(certs))
    }

    fn launch(certs: Option<&TestCertificates>) -> Result<Option<Self>, TestkitError> {
        let Some(programs) = programs()? else {
            return Ok(None);
        };
        let template = template(&programs)?;
        let mut last = None;
        for _ in 0..3 {
            match Self::start_from(&programs, &template, certs) {
                Ok(server) => return Ok(Some(server)),
                // Another process may take the port between choosing and binding it: retry.
                Err(e) if e.to_string().contains("Address already in use") => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| TestkitError::Unavailable("mariadbd did not start".into())))
    }

    /// The one server of this test binary, started on first use. `Ok(None)` as in
    /// [`MariadbServer::start`].
    pub fn shared() -> Result<Option<&'static Self>, TestkitError> {
        static SHARED: OnceLock<Result<Option<MariadbServer>, String>> = OnceLock::new();
        match SHARED.get_or_init(|| Self::start().map_err(|e| e.to_string())) {
            Ok(server) => Ok(server.as_ref()),
            Err(why) => Err(TestkitError::Unavailable(format!(
                "the shared MariaDB server did not start: {why}"
            ))),
        }
    }

    fn start_from(
        programs: &Programs,
        template: &Path,
        certs: Option<&TestCertificates>,
    ) -> Result<Self, TestkitError> {
        let started = Instant::now();
        let root = testkit_dir();
        sweep_stale_runs(&root);
        let n = SERVERS.fetch_add(1, Ordering::Relaxed);
        let dir = root.join(format!("mariadb-run-{}-{n}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io(format!("remove {}", dir.display()), e))?;
        }
        copy_dir(template, &dir.join("data"))?;
        let port = free_port()?;
        let password = format!("bindery-{:016x}{:08x}", random(), port);
        let mut socket = dir.join("mysqld.sock");
        if socket.as_os_str().len() > 100 {
            socket = std::env::temp_dir()
                .join(format!("bindery-mariadb-{}-{n}.sock", std::process::id()));
        }
        let init = format!(
            "ALTER USER 'root'@'localhost' IDENTIFIED BY '{password}';\n\
             CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY '{password}';\n\
             GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n\
             DROP USER IF EXISTS 'root'@'::1';\n"
        );
        write(&dir.join("init.sql"), &init)?;
        write(
            &dir.join("client.cnf"),
            &format!(
                "[client]\nuser=root\npassword={password}\nhost=127.0.0.1\nport={port}\n\
                 protocol=TCP\ndefault-character-set=utf8mb4\n"
            ),
        )?;

        let mut args: Vec<String> = vec![
            "--no-defaults".into(),
            format!("--datadir={}", dir.join("data").display()),
            format!("--socket={}", socket.display()),
            format!("--pid-file={}", dir.join("mysqld.pid").display()),
            format!("--log-error={}", dir.join("error.log").display()),
            format!("--init-file={}", dir.join("init.sql").display()),
            format!("--port={port}"),
            "--bind-address=127.0.0.1".into(),
            "--skip-name-resolve".into(),
            "--character-set-server=utf8mb4".into(),
            "--collation-server=utf8mb4_general_ci".into(),
            "--innodb-log-file-size=16M".into(),
            "--innodb-buffer-pool-size=64M".into(),
            "--innodb-flush-log-at-trx-commit=0".into(),
            "--innodb-doublewrite=0".into(),
            "--max-connections=200".into(),
        ];
        if let Some(certs) = certs {
            args.push(format!("--ssl-cert={}", certs.server_cert().display()));
            args.push(format!("--ssl-key={}", certs.server_key().display()));
        }
        if running_as_root() {
            args.push("--user=root".into());
        }
        let mut watchdog = Command::new("sh")
            .arg("-c")
            .arg(WATCHDOG)
            .arg("sh")
            .arg(&dir)
            .arg(&programs.server)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| io("cannot run sh to start mariadbd", e))?;
        let stdin = watchdog.stdin.take();
        let mut server = Self {
            dir,
            port,
            password,
            version: programs.version.clone(),
            programs: programs.clone(),
            watchdog,
            stdin,
            started_in: Duration::ZERO,
        };
        server.wait_ready()?;
        server.started_in = started.elapsed();
        Ok(server)
    }

    /// Polls the root login until it works, the server exits or [`START_TIMEOUT`] passes.
    fn wait_ready(&mut self) -> Result<(), TestkitError> {
        let deadline = Instant::now() + START_TIMEOUT;
        let log = self.dir.join("error.log");
        loop {
            if self
                .client(None)
                .arg("-e")
                .arg("SELECT 1")
                .output()
                .is_ok_and(|o| o.status.success())
            {
                return Ok(());
            }
            let exited = !matches!(self.watchdog.try_wait(), Ok(None))
                || fs::read_to_string(&log).is_ok_and(|l| l.contains("Aborting"));
            if exited || Instant::now() > deadline {
                let reason = if exited {
                    "mariadbd exited"
                } else {
                    "the root login did not work in time"
                };
                return Err(TestkitError::NotReady {
                    script: "mariadbd".into(),
                    reason: reason.into(),
                    tail: tail(&fs::read_to_string(&log).unwrap_or_default(), 30),
                });
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    /// How long the start took (copying the template and waiting for the root login; not the
    /// one-time `mariadb-install-db`).
    pub fn started_in(&self) -> Duration {
        self.started_in
    }

    /// The TCP port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The root password.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// The server version (`10.11.19-MariaDB-0+deb12u1`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// `mysql://root:PW@127.0.0.1:PORT/<database>?sslmode=disable`.
    pub fn url(&self, database: &str) -> String {
        self.url_for("root", &self.password, database)
    }

    /// The URL of another login (the names and passwords tests make need no escaping).
    pub fn url_for(&self, user: &str, password: &str, database: &str) -> String {
        format!(
            "mysql://{user}:{password}@127.0.0.1:{}/{database}?sslmode=disable",
            self.port
        )
    }

    /// Creates an empty database.
    pub fn create_database(&self, name: &str) -> Result<(), TestkitError> {
        self.execute(None, &format!("CREATE DATABASE `{name}`"))
    }

    /// Creates an empty database with a name unique on this server (`<prefix>_<n>_<pid>`).
    pub fn fresh_database(&self, prefix: &str) -> Result<String, TestkitError> {
        let n = DATABASES.fetch_add(1, Ordering::Relaxed);
        let name = format!("{prefix}_{n}_{}", std::process::id());
        self.create_database(&name)?;
        Ok(name)
    }

    /// Runs a SQL file through the `mariadb` client, with the file's directory as the working
    /// directory (so `source load_x.dump` lines find their files), stopping at the first error
    /// (the error carries the client's last lines on stderr).
    pub fn load_sql(&self, database: Option<&str>, file: &Path) -> Result<(), TestkitError> {
        let input = fs::File::open(file).map_err(|e| io(format!("open {}", file.display()), e))?;
        let mut command = self.client(database);
        if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
            command.current_dir(parent);
        }
        let output = command
            .stdin(input)
            .output()
            .map_err(|e| io(format!("run mariadb < {}", file.display()), e))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(failed(&format!("mariadb < {}", file.display()), &output))
        }
    }

    /// Runs statements; fails on the first error.
    pub fn execute(&self, database: Option<&str>, sql: &str) -> Result<(), TestkitError> {
        self.run(database, sql).map(|_| ())
    }

    /// Runs a query as root and returns its rows, tab-separated, without a header, trimmed.
    pub fn query(&self, database: &str, sql: &str) -> Result<String, TestkitError> {
        self.run(Some(database), sql)
    }

    fn run(&self, database: Option<&str>, sql: &str) -> Result<String, TestkitError> {
        let output = self
            .client(database)
            .args(["--skip-column-names", "-e", sql])
            .output()
            .map_err(|e| io("run mariadb -e", e))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
        } else {
            Err(failed(&format!("mariadb -e {sql:?}"), &output))
        }
    }

    /// Creates (or replaces) a login that can read `database` and nothing else: `SELECT` and
    /// `SHOW VIEW` on `database.*`.
    pub fn create_read_only_user(
        &self,
        name: &str,
        password: &str,
        database: &str,
    ) -> Result<(), TestkitError> {
        self.create_user(name, password)?;
        self.execute(
            None,
            &format!("GRANT SELECT, SHOW VIEW ON `{database}`.* TO '{name}'@'%'"),
        )
    }

    /// Creates (or replaces) a login with no privileges at all.
    pub fn create_user(&self, name: &str, password: &str) -> Result<(), TestkitError> {
        self.execute(
            None,
            &format!("CREATE OR REPLACE USER '{name}'@'%' IDENTIFIED BY '{password}'"),
        )
    }

    /// The `mariadb` client as root, batch mode, through the option file.
    fn client(&self, database: Option<&str>) -> Command {
        let mut command = Command::new(&self.programs.client);
        command
            .arg(format!(
                "--defaults-file={}",
                self.dir.join("client.cnf").display()
            ))
            .arg("--batch")
            .stdin(Stdio::null());
        if let Some(database) = database {
            command.arg(format!("--database={database}"));
        }
        command
    }
}

impl Drop for MariadbServer {
    fn drop(&mut self) {
        // Closing the watchdog's stdin makes it stop mariadbd (SIGTERM) and remove the directory.
        drop(self.stdin.take());
        let deadline = Instant::now() + STOP_TIMEOUT;
        while Instant::now() < deadline {
            match self.watchdog.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) => thread::sleep(Duration::from_millis(20)),
            }
        }
        if let Ok(raw) = i32::try_from(self.watchdog.id()) {
            // ESRCH (the group is gone) is the normal case.
            let _ = killpg(Pid::from_raw(raw), Signal::SIGKILL);
        }
        let _ = self.watchdog.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// The MariaDB programs, or `Ok(None)` after a "skipped" line (an `Err` in CI) when one is missing.
fn programs() -> Result<Option<Programs>, TestkitError> {
    static FOUND: OnceLock<Result<Programs, String>> = OnceLock::new();
    let found = FOUND.get_or_init(|| {
        let server = find("mariadbd").ok_or("mariadbd is not installed")?;
        let install_db = find("mariadb-install-db").ok_or("mariadb-install-db is not installed")?;
        let client = find("mariadb").ok_or("the mariadb client is not installed")?;
        let output = Command::new(&server)
            .arg("--version")
            .output()
            .map_err(|e| format!("cannot run {}: {e}", server.display()))?;
        let text = String::from_utf8_lossy(&output.stdout);
        let version = text
            .split_whitespace()
            .skip_while(|w| *w != "Ver")
            .nth(1)
            .ok_or_else(|| format!("unexpected `mariadbd --version`: {text}"))?
            .to_owned();
        Ok(Programs {
            server,
            install_db,
            client,
            version,
        })
    });
    match found {
        Ok(programs) => Ok(Some(programs.clone())),
        Err(why) if in_ci() => Err(TestkitError::Unavailable(why.clone())),
        Err(why) => {
            eprintln!(
                "skipped: {why}; install mariadb-server and mariadb-client (cargo xtask test)"
            );
            Ok(None)
        }
    }
}

/// A program on `PATH` or in the sbin directories (not on a normal user's `PATH`).
fn find(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from))
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

fn testkit_dir() -> PathBuf {
    repo_root().join("target").join("testkit")
}

/// The data directory made by `mariadb-install-db`, built once per machine and version.
fn template(programs: &Programs) -> Result<PathBuf, TestkitError> {
    let safe = programs.version.replace(
        |c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'),
        "_",
    );
    let root = testkit_dir();
    let template = root.join(format!("mariadb-template-{safe}"));
    if template.join("mysql").is_dir() {
        return Ok(template);
    }
    fs::create_dir_all(&root).map_err(|e| io(format!("create {}", root.display()), e))?;
    let partial = root.join(format!(
        "mariadb-template-{safe}.partial-{}-{:x}",
        std::process::id(),
        random()
    ));
    let mut command = Command::new(&programs.install_db);
    command.args([
        "--no-defaults".to_owned(),
        format!("--datadir={}", partial.display()),
        "--auth-root-authentication-method=normal".to_owned(),
        "--skip-test-db".to_owned(),
        "--skip-name-resolve".to_owned(),
        "--innodb-log-file-size=16M".to_owned(),
    ]);
    if running_as_root() {
        command.arg("--user=root");
    }
    let output = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| io(format!("run {}", programs.install_db.display()), e))?;
    if !output.status.success() {
        let _ = fs::remove_dir_all(&partial);
        return Err(failed("mariadb-install-db", &output));
    }
    // Atomic: whoever renames first wins; a loser finds the template in place and drops its own.
    if let Err(e) = fs::rename(&partial, &template) {
        let _ = fs::remove_dir_all(&partial);
        if !template.join("mysql").is_dir() {
            return Err(io(format!("rename {} into place", partial.display()), e));
        }
    }
    Ok(template)
}

/// Removes run directories left by processes that no longer exist (a machine that went down).
fn sweep_stale_runs(root: &Path) {
    let Ok(entries) = fs::read_dir(root) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with("mariadb-") {
            continue;
        }
        let owner = name
            .strip_prefix("mariadb-run-")
            .or_else(|| name.split_once(".partial-").map(|(_, rest)| rest))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = owner {
            if !Path::new(&format!("/proc/{pid}")).exists() {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), TestkitError> {
    fs::create_dir_all(to).map_err(|e| io(format!("create {}", to.display()), e))?;
    let entries = fs::read_dir(from).map_err(|e| io(format!("read {}", from.display()), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io(format!("read {}", from.display()), e))?;
        let target = to.join(entry.file_name());
        let kind = entry
            .file_type()
            .map_err(|e| io(format!("stat {}", entry.path().display()), e))?;
        if kind.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .map_err(|e| io(format!("copy {}", entry.path().display()), e))?;
        }
    }
    Ok(())
}

/// A port that was free a moment ago on 127.0.0.1.
fn free_port() -> Result<u16, TestkitError> {
    let listener =
        std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| io("bind 127.0.0.1:0", e))?;
    let port = listener
        .local_addr()
        .map_err(|e| io("read the bound port", e))?
        .port();
    Ok(port)
}

/// `mariadbd` refuses to run as root unless told `--user=root`.
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// 64 bits from the standard library's per-process random hash keys (no `rand` needed).
fn random() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(now);
    hasher.finish()
}

fn write(path: &Path, text: &str) -> Result<(), TestkitError> {
    fs::File::create(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| io(format!("write {}", path.display()), e))
}

fn io(what: impl Into<String>, source: std::io::Error) -> TestkitError {
    TestkitError::io(what, source)
}

fn failed(what: &str, output: &Output) -> TestkitError {
    let stderr = String::from_utf8_lossy(&output.stderr);
    io(
        format!("{what} failed ({})", output.status),
        std::io::Error::other(tail(&stderr, 20)),
    )
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::MariadbServer;

    #[test]
    fn a_server_takes_the_root_login_and_is_removed_on_drop() {
        let Some(server) = MariadbServer::start().expect("MariaDB starts") else {
            return;
        };
        let dir = server.dir.clone();
        let version = server
            .query("mysql", "SELECT VERSION()")
            .expect("root can query");
        assert!(
            version.contains("MariaDB"),
            "a MariaDB server answers: {version}"
        );
        let db = server.fresh_database("t").expect("a database");
        server
            .create_read_only_user("reader_t", "reader-pw", &db)
            .expect("a read-only login");
        assert!(
            server
                .url(&db)
                .contains(&format!(":{}/{db}?", server.port())),
            "the URL names port and database"
        );
        assert!(
            dir.join("data").is_dir(),
            "the data directory exists while running"
        );
        drop(server);
        assert!(!dir.exists(), "{} is removed on drop", dir.display());
    }
}
