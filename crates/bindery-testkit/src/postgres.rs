//! A throwaway PostgreSQL server on loopback, for the SQL discovery tests and benches.
//!
//! The cluster is made once per machine and major version with `initdb` into
//! `<repo>/target/testkit/pg-template-<major>` (built in a private directory and renamed into
//! place, so concurrent test binaries never see half a template), then copied for each server
//! (a fraction of a second). Each server gets its own directory under the temp dir (data, log and
//! Unix socket), a free non-default port on 127.0.0.1, no fsync, `trust` on its socket and
//! `scram-sha-256` over TCP with the superuser `postgres` / [`SUPERUSER_PASSWORD`].
//!
//! The server refuses to run as root, so as root every server command runs as the `postgres`
//! user through `runuser`. Dropping the value stops the server (`pg_ctl -m immediate`) and removes
//! its directory; a small watchdog process does the same when the test binary ends without
//! dropping it (a server held in a `static`).

use std::io::Write;
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::{in_ci, repo_root, TestCertificates, TestkitError};

/// The superuser's name.
pub const SUPERUSER: &str = "postgres";
/// The superuser's password (TCP logins use scram-sha-256).
pub const SUPERUSER_PASSWORD: &str = "bindery-test-superuser";
/// How many free ports are tried before giving up.
const PORT_ATTEMPTS: usize = 5;

static SERVERS: AtomicU32 = AtomicU32::new(0);

/// A running PostgreSQL server; stopped and removed on drop.
pub struct PostgresServer {
    bin: PathBuf,
    major: String,
    dir: PathBuf,
    port: u16,
    as_postgres: bool,
    watchdog: Option<Child>,
    started_in: Duration,
}

impl std::fmt::Debug for PostgresServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresServer")
            .field("major", &self.major)
            .field("port", &self.port)
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

/// Where the binaries are and whether they must run as `postgres`.
struct Tools {
    bin: PathBuf,
    major: String,
    as_postgres: bool,
}

impl PostgresServer {
    /// Starts a server from the newest PostgreSQL installed (`/usr/lib/postgresql/<N>/bin`,
    /// `$BINDERY_PG_BIN` or `PATH`).
    ///
    /// `Ok(None)` when the binaries are missing and `CI` is not set (a "skipped" line is printed
    /// to stderr): the caller returns early. With `CI=true` that is an `Err`.
    pub fn start() -> Result<Option<Self>, TestkitError> {
        Self::launch(None)
    }

    /// Like [`start`](Self::start), with `ssl=on` and the set's server certificate and key (the
    /// server then takes TLS and plain logins alike).
    pub fn start_with_tls(certs: &TestCertificates) -> Result<Option<Self>, TestkitError> {
        Self::launch(Some(certs))
    }

    fn launch(certs: Option<&TestCertificates>) -> Result<Option<Self>, TestkitError> {
        let Some(tools) = decide(find_tools(), in_ci())? else {
            return Ok(None);
        };
        let started = Instant::now();
        let template = template(&tools)?;
        let n = SERVERS.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("bindery-pg-{}-{n}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| TestkitError::io(format!("cannot clear {}", dir.display()), e))?;
        }
        std::fs::create_dir_all(&dir)
            .map_err(|e| TestkitError::io(format!("cannot create {}", dir.display()), e))?;
        let mut server = PostgresServer {
            bin: tools.bin,
            major: tools.major,
            dir,
            port: 0,
            as_postgres: tools.as_postgres,
            watchdog: None,
            started_in: Duration::ZERO,
        };
        run(
            Command::new("cp")
                .arg("-a")
                .arg(template.join("data"))
                .arg(server.data()),
            "copy the template cluster",
        )?;
        let tls_options = match certs {
            Some(certs) => certs.install_for_postgres(&server.dir)?,
            None => String::new(),
        };
        if server.as_postgres {
            run(
                Command::new("chown")
                    .args(["-R", "postgres:"])
                    .arg(&server.dir)
                    .arg("--from=root"),
                "hand the server directory to postgres",
            )?;
        }
        server.watchdog = server.spawn_watchdog().ok();
        let mut last = String::new();
        for _ in 0..PORT_ATTEMPTS {
            server.port = free_port()?;
            let options = format!(
                "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off \
                 -c full_page_writes=off -c max_connections=60 -c shared_buffers=32MB \
                 -c log_line_prefix='%m [%p] %q%u@%d '{tls_options}",
                server.port,
                server.dir.display()
            );
            let out = server
                .as_server_user(&server.bin.join("pg_ctl"))
                .arg("-D")
                .arg(server.data())
                .arg("-l")
                .arg(server.log_path())
                .args(["-w", "-t", "60", "-o", &options, "start"])
                .stdin(Stdio::null())
                .output()
                .map_err(|e| TestkitError::io("cannot run pg_ctl start", e))?;
            if out.status.success() {
                server.started_in = started.elapsed();
                eprintln!(
                    "postgres test server: PostgreSQL {} on 127.0.0.1:{} ({}) ready in {} ms",
                    server.major,
                    server.port,
                    server.dir.display(),
                    server.started_in.as_millis()
                );
                return Ok(Some(server));
            }
            last = server.log_tail();
            if !(last.contains("could not bind") || last.contains("already in use")) {
                break;
            }
        }
        Err(TestkitError::NotReady {
            script: "pg_ctl start".to_owned(),
            reason: "the server did not start".to_owned(),
            tail: last,
        })
    }

    /// The TCP port on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `127.0.0.1`.
    pub fn host(&self) -> &'static str {
        "127.0.0.1"
    }

    /// The major version (`15`).
    pub fn major_version(&self) -> &str {
        &self.major
    }

    /// The directory of the server binaries (`pg_dump`, `psql`).
    pub fn bin_dir(&self) -> &Path {
        &self.bin
    }

    /// The Unix socket directory (the server directory).
    pub fn socket_dir(&self) -> &Path {
        &self.dir
    }

    /// The server log (lines start with `time [pid] user@database`).
    pub fn log_path(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// How long starting took (template included when it had to be made).
    pub fn started_in(&self) -> Duration {
        self.started_in
    }

    /// `postgres://postgres:PW@127.0.0.1:PORT/<database>?sslmode=disable`.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{SUPERUSER}:{SUPERUSER_PASSWORD}@127.0.0.1:{}/{database}?sslmode=disable",
            self.port
        )
    }

    /// `CREATE DATABASE <name>`.
    pub fn create_database(&self, name: &str) -> Result<(), TestkitError> {
        self.psql(
            "postgres",
            &format!("CREATE DATABASE {} TEMPLATE template0", ident(name)),
        )
        .map(drop)
    }

    /// Runs a SQL file with `psql -v ON_ERROR_STOP=1 -f <file>` in `database`.
    pub fn load_sql(&self, database: &str, file: &Path) -> Result<(), TestkitError> {
        let out = self
            .psql_command(database)
            .arg("-f")
            .arg(file)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| TestkitError::io("cannot run psql", e))?;
        checked(out, &format!("psql -f {}", file.display())).map(drop)
    }

    /// Runs SQL text (psql meta-commands allowed) with `ON_ERROR_STOP=1` in `database`.
    pub fn load_sql_text(&self, database: &str, sql: &str) -> Result<(), TestkitError> {
        let mut child = self
            .psql_command(database)
            .args(["-f", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| TestkitError::io("cannot run psql", e))?;
        let writer = child.stdin.take().map(|mut stdin| {
            let text = sql.to_owned();
            std::thread::spawn(move || stdin.write_all(text.as_bytes()))
        });
        let out = child
            .wait_with_output()
            .map_err(|e| TestkitError::io("psql did not finish", e))?;
        if let Some(writer) = writer {
            // A write error means psql stopped reading: its exit status says why.
            let _ = writer.join();
        }
        checked(out, "psql -f -").map(drop)
    }

    /// Runs `sql` in `database` as the superuser over the socket and returns psql's unaligned,
    /// tuples-only output (`|`-separated columns), trimmed.
    pub fn psql(&self, database: &str, sql: &str) -> Result<String, TestkitError> {
        let out = self
            .psql_command(database)
            .args(["-A", "-t", "-c", sql])
            .stdin(Stdio::null())
            .output()
            .map_err(|e| TestkitError::io("cannot run psql", e))?;
        checked(out, "psql -c").map(|s| s.trim().to_owned())
    }

    /// Creates a login that can connect to `database`, use every non-system schema in it and
    /// SELECT its tables, with `default_transaction_read_only` on.
    pub fn create_read_only_role(
        &self,
        database: &str,
        name: &str,
        password: &str,
    ) -> Result<(), TestkitError> {
        self.psql(
            "postgres",
            &format!(
                "CREATE ROLE {role} LOGIN PASSWORD {pw} NOINHERIT; \
                 ALTER ROLE {role} SET default_transaction_read_only = on; \
                 GRANT CONNECT ON DATABASE {db} TO {role};",
                role = ident(name),
                pw = literal(password),
                db = ident(database),
            ),
        )?;
        self.psql(
            database,
            &format!(
                "DO $bindery$ DECLARE s text; BEGIN \
                 FOR s IN SELECT nspname FROM pg_namespace \
                   WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') \
                   AND nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%' LOOP \
                   EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, {role}); \
                   EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', s, {role}); \
                 END LOOP; END $bindery$;",
                role = literal(name),
            ),
        )
        .map(drop)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn psql_command(&self, database: &str) -> Command {
        let mut command = Command::new(self.bin.join("psql"));
        command
            .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h"])
            .arg(&self.dir)
            .args([
                "-p",
                &self.port.to_string(),
                "-U",
                SUPERUSER,
                "-d",
                database,
            ])
            .env("PGCONNECT_TIMEOUT", "10")
            .env_remove("PGPASSWORD")
            .env_remove("PGOPTIONS")
            .env_remove("PGSERVICE");
        command
    }

    /// `program` run as the server's OS user.
    fn as_server_user(&self, program: &Path) -> Command {
        as_user(self.as_postgres, program)
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(self.log_path()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// `sh` waiting for this process to end, then stopping the server and removing its
    /// directory: a server in a `static` is never dropped.
    fn spawn_watchdog(&self) -> std::io::Result<Child> {
        let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', "'\\''"));
        let pg_ctl = quote(&self.bin.join("pg_ctl"));
        let stop = if self.as_postgres {
            format!("runuser -u postgres -- {pg_ctl}")
        } else {
            pg_ctl
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 1; done; \
             {stop} -D {data} -m immediate stop >/dev/null 2>&1; rm -rf {dir}",
            pid = std::process::id(),
            data = quote(&self.data()),
            dir = quote(&self.dir),
        );
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
    }
}

impl Drop for PostgresServer {
    fn drop(&mut self) {
        if self.port != 0 {
            let _ = self
                .as_server_user(&self.bin.join("pg_ctl"))
                .arg("-D")
                .arg(self.data())
                .args(["-m", "immediate", "stop"])
                .stdin(Stdio::null())
                .output();
        }
        if let Some(mut watchdog) = self.watchdog.take() {
            let _ = watchdog.kill();
            let _ = watchdog.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The tools, or `None` after a "skipped" line (locally), or an error (in CI).
fn decide(found: Result<Tools, String>, ci: bool) -> Result<Option<Tools>, TestkitError> {
    match found {
        Ok(tools) => Ok(Some(tools)),
        Err(why) if ci => Err(TestkitError::Unavailable(format!(
            "PostgreSQL is not installed: {why}"
        ))),
        Err(why) => {
            eprintln!("skipped: PostgreSQL is not installed; run cargo xtask setup ({why})");
            Ok(None)
        }
    }
}

/// `"name"` with inner quotes doubled.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `'text'` with inner quotes doubled.
fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn as_user(as_postgres: bool, program: &Path) -> Command {
    if as_postgres {
        let mut command = Command::new("runuser");
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command, what: &str) -> Result<String, TestkitError> {
    let out = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| TestkitError::io(format!("cannot {what}"), e))?;
    checked(out, what)
}

/// stdout when the command succeeded; else an error with the end of its stderr.
fn checked(out: Output, what: &str) -> Result<String, TestkitError> {
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let tail = lines[lines.len().saturating_sub(20)..].join("\n");
    Err(TestkitError::io(
        what.to_owned(),
        std::io::Error::other(format!("{} failed ({}):\n{tail}", what, out.status)),
    ))
}

fn free_port() -> Result<u16, TestkitError> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|e| TestkitError::io("cannot bind a loopback port", e))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| TestkitError::io("cannot read the bound port", e))
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The newest installed server binaries, or why there are none.
fn find_tools() -> Result<Tools, String> {
    let has_tools = |dir: &Path| {
        ["initdb", "pg_ctl", "postgres", "psql"]
            .iter()
            .all(|t| dir.join(t).is_file())
    };
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(dir) = std::env::var_os("BINDERY_PG_BIN").filter(|d| !d.is_empty()) {
        candidates.push(PathBuf::from(dir));
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let major = entry.file_name().to_string_lossy().parse::<u32>().ok()?;
            Some((major, entry.path().join("bin")))
        })
        .collect();
    versions.sort();
    candidates.extend(versions.into_iter().rev().map(|(_, bin)| bin));
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path));
    }
    let bin = candidates.into_iter().find(|dir| has_tools(dir)).ok_or(
        "no initdb/pg_ctl/postgres/psql in /usr/lib/postgresql/*/bin, $BINDERY_PG_BIN or PATH",
    )?;
    let version = Command::new(bin.join("postgres"))
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {}/postgres --version: {e}", bin.display()))?;
    // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
    let text = String::from_utf8_lossy(&version.stdout);
    let major = text
        .split_whitespace()
        .nth(2)
        .and_then(|v| v.split('.').next())
        .filter(|m| !m.is_empty() && m.chars().all(|c| c.is_ascii_digit()))
        .ok_or_else(|| format!("cannot read the version from {text:?}"))?
        .to_owned();
    let as_postgres = is_root();
    if as_postgres {
        let user = Command::new("id").arg("-u").arg("postgres").output();
        if !user.is_ok_and(|o| o.status.success()) {
            return Err("running as root but there is no `postgres` user to run the server".into());
        }
        if Command::new("runuser").arg("--help").output().is_err() {
            return Err("running as root but runuser is missing".into());
        }
    }
    Ok(Tools {
        bin,
        major,
        as_postgres,
    })
}

/// The initdb'd template cluster for this major version, made on first use.
fn template(tools: &Tools) -> Result<PathBuf, TestkitError> {
    // Test threads of one binary start servers at once: one of them builds the template (the
    // build directory is named after the process), the others wait for it.
    static BUILDING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_builder = BUILDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let root = repo_root().join("target").join("testkit");
    let template = root.join(format!("pg-template-{}", tools.major));
    let ready = |dir: &Path| dir.join("data").join("PG_VERSION").is_file();
    if ready(&template) {
        return Ok(template);
    }
    std::fs::create_dir_all(&root)
        .map_err(|e| TestkitError::io(format!("cannot create {}", root.display()), e))?;
    let building = root.join(format!(
        "pg-template-{}.tmp-{}",
        tools.major,
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&building);
    std::fs::create_dir_all(&building)
        .map_err(|e| TestkitError::io(format!("cannot create {}", building.display()), e))?;
    let pwfile = building.join("pwfile");
    std::fs::write(&pwfile, SUPERUSER_PASSWORD)
        .map_err(|e| TestkitError::io("cannot write the password file", e))?;
    if tools.as_postgres {
        run(
            Command::new("chown")
                .arg("-R")
                .arg("postgres:")
                .arg(&building),
            "hand the template directory to postgres",
        )?;
    }
    let made = run(
        as_user(tools.as_postgres, &tools.bin.join("initdb"))
            .arg("-D")
            .arg(building.join("data"))
            .args(["-U", SUPERUSER])
            .arg(format!("--pwfile={}", pwfile.display()))
            .args([
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]),
        "initdb",
    );
    let _ = std::fs::remove_file(&pwfile);
    if let Err(e) = made {
        let _ = std::fs::remove_dir_all(&building);
        return Err(e);
    }
    // Atomic: the first binary to finish wins; the others use its template.
    match std::fs::rename(&building, &template) {
        Ok(()) => Ok(template),
        Err(_) if ready(&template) => {
            let _ = std::fs::remove_dir_all(&building);
            Ok(template)
        }
        Err(e) => Err(TestkitError::io(
            format!("cannot move the template into {}", template.display()),
            e,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_binaries_skip_locally_and_fail_in_ci() {
        let missing = || Err("no initdb".to_owned());
        assert!(
            matches!(decide(missing(), false), Ok(None)),
            "skipped outside CI"
        );
        assert!(
            matches!(decide(missing(), true), Err(TestkitError::Unavailable(_))),
            "an error in CI"
        );
    }

    #[test]
    fn names_and_texts_are_quoted_for_sql() {
        assert_eq!(ident("we\"ird"), "\"we\"\"ird\"", "identifier");
        assert_eq!(literal("it's"), "'it''s'", "literal");
    }
}
