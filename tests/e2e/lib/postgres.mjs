// A throwaway PostgreSQL server on loopback for the e2e tests: initdb into a fresh temp dir, a free
// non-default port on 127.0.0.1, no fsync, `trust` on its Unix socket and scram-sha-256 over TCP
// for the superuser `postgres` with the given password. The server refuses to run as root, so as
// root initdb, pg_ctl and the socket psql run as the `postgres` user through `runuser`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missing, which } from "./env.mjs";
import { freePort } from "./proc.mjs";

const IS_ROOT = process.getuid?.() === 0;
const TOOLS = ["initdb", "pg_ctl", "psql"];

/** The newest `/usr/lib/postgresql/<N>/bin` holding initdb, pg_ctl and psql (or `$BINDERY_PG_BIN`), else null. */
export function pgBinDir() {
  const has = (dir) => TOOLS.every((t) => existsSync(join(dir, t)));
  if (process.env.BINDERY_PG_BIN) return has(process.env.BINDERY_PG_BIN) ? process.env.BINDERY_PG_BIN : null;
  let majors = [];
  try {
    majors = readdirSync("/usr/lib/postgresql").filter((d) => /^\d+$/.test(d));
  } catch {
    /* not installed */
  }
  const dir = majors
    .sort((a, b) => Number(b) - Number(a))
    .map((m) => `/usr/lib/postgresql/${m}/bin`)
    .find(has);
  return dir ?? null;
}

/** What is missing to run a server (messages, as `browserPrereqs()`); feed it to `gate()`. */
export function postgresPrereqs() {
  const asPostgres = IS_ROOT ? spawnSync("id", ["-u", "postgres"]).status === 0 : true;
  return missing([
    [pgBinDir() !== null, "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin (apt-get install postgresql, or set BINDERY_PG_BIN)"],
    [!IS_ROOT || (which("runuser") !== null && asPostgres), "running as root needs `runuser` and a `postgres` user to run the server"],
  ]);
}

/** Runs a command (as `postgres` when `asServer` and we are root); resolves { code, stdout, stderr }. */
function run(cmd, args, { asServer = false, input, env, cwd } = {}) {
  const [file, argv] = asServer && IS_ROOT ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
  return new Promise((resolve) => {
    const child = spawn(file, argv, { cwd, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (e) => resolve({ code: -1, stdout, stderr: `${stderr}${e}` }));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/**
 * Starts a server. Returns { host, port, bin, dir, sql(text, opts), exec(text, opts), stop() }.
 * `sql` runs `text` with psql (ON_ERROR_STOP, unaligned, tuples only) and resolves
 * { code, stdout, stderr }: over the socket as the superuser by default, or over TCP on 127.0.0.1
 * as `user` with `password` (PGPASSWORD) when a user is given. `exec` is `sql` that throws on
 * failure and resolves stdout.
 */
export async function startPostgres({ password }) {
  const bin = pgBinDir();
  if (!bin) throw new Error(postgresPrereqs().join("; "));
  const dir = mkdtempSync(join(tmpdir(), "bindery-e2e-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  writeFileSync(join(dir, "pwfile"), `${password}\n`, { mode: 0o600 });
  if (IS_ROOT) spawnSync("chown", ["-R", "postgres:", dir]);

  const must = async (what, p) => {
    const r = await p;
    if (r.code !== 0) {
      const tail = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
      throw new Error(`postgres: ${what} failed (${r.code}):\n${r.stderr}${r.stdout}\n${tail}`);
    }
    return r.stdout;
  };
  let port = 0;
  try {
    const initdb = ["-D", data, "-U", "postgres", "--auth-host=scram-sha-256", "--auth-local=trust"];
    initdb.push(`--pwfile=${join(dir, "pwfile")}`, "-E", "UTF8", "--no-locale", "--no-sync");
    await must("initdb", run(join(bin, "initdb"), initdb, { asServer: true, cwd: dir }));
    rmSync(join(dir, "pwfile"), { force: true });

    for (let attempt = 0; ; attempt++) {
      port = await freePort();
      const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      const r = await run(join(bin, "pg_ctl"), ["-D", data, "-l", log, "-w", "-t", "60", "-o", opts, "start"], { asServer: true, cwd: dir });
      if (r.code === 0) break;
      const tail = existsSync(log) ? readFileSync(log, "utf8") : "";
      if (attempt >= 4 || !/could not bind|already in use/.test(tail)) await must("pg_ctl start", Promise.resolve(r));
    }
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  let stopped = false;
  const stopSync = () => {
    if (stopped) return;
    stopped = true;
    const argv = [join(bin, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"];
    spawnSync(IS_ROOT ? "runuser" : argv[0], IS_ROOT ? ["-u", "postgres", "--", ...argv] : argv.slice(1), { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  };
  // Last resort when the runner exits without stop() (the postmaster is a daemon, not our child).
  process.once("exit", stopSync);

  const sql = (text, { database = "postgres", user, password: pw } = {}) => {
    const common = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-p", String(port), "-d", database, "-f", "-"];
    return user
      ? run(join(bin, "psql"), ["-h", "127.0.0.1", "-U", user, "-w", ...common], { input: text, env: { PGPASSWORD: pw ?? "", PGSSLMODE: "disable" } })
      : run(join(bin, "psql"), ["-h", dir, "-U", "postgres", ...common], { input: text, asServer: true, cwd: dir });
  };
  return {
    host: "127.0.0.1",
    port,
    bin,
    dir,
    sql,
    exec: (text, opts) => must(`psql ${JSON.stringify(text.slice(0, 60))}`, sql(text, opts)),
    /** Immediate shutdown, then the directory is removed. */
    async stop() {
      stopSync();
    },
  };
}
