// `bindery serve` on a throw-away workspace, for browser-mode tests and the benchmark.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BINDERY_BIN } from "./env.mjs";
import { spawnGroup, stopGroup } from "./proc.mjs";

/** A fresh, empty workspace directory under $TMPDIR. */
export function tempWorkspace(prefix = "bindery-e2e-ws-") {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir) {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

const LISTENING = /^Bindery is listening on (http:\/\/\S+)$/;

/**
 * Starts `bindery serve --workspace DIR --port 0`, reads the URL from the FIRST stdout line and
 * waits until `GET /api/v1/openapi.json` answers 200.
 *
 * Returns { url, origin, token, workspace, keyDir, pid, timings: {listeningMs, readyMs},
 * api(path, init), stop() }. `env` is added to the server's environment (after the default key
 * file, so it may replace it). `timings` are measured from just before the spawn (performance.now() based);
 * `startedAt` is that instant as an epoch in ms (performance.timeOrigin + now).
 */
export async function startServe({ workspace, bin = BINDERY_BIN, args = [], timeoutMs = 60000, ownWorkspace, env = {} } = {}) {
  const ws = workspace ?? tempWorkspace();
  const removeWs = ownWorkspace ?? !workspace;
  const t0 = performance.now();
  const startedAt = performance.timeOrigin + t0;
  // No keyring service runs headless: the vault's master key goes in a 0600 file the test owns
  // (outside the workspace, removed on stop), chosen the way a person on a server would.
  const keyDir = mkdtempSync(join(tmpdir(), "bindery-e2e-key-"));
  const proc = spawnGroup(bin, ["serve", "--workspace", ws, "--port", "0", ...args], {
    // `env` overrides both (BINDERY_VAULT_KEY_SOURCE: "" leaves the choice to the workspace).
    env: { BINDERY_VAULT_KEY_SOURCE: `file:${join(keyDir, "vault.key")}`, ...process.env, ...env, NO_COLOR: "1" },
  });

  const fail = async (why) => {
    await stopGroup(proc, { graceMs: 2000 });
    if (removeWs) removeDir(ws);
    removeDir(keyDir);
    throw new Error(`bindery serve: ${why}\n--- stdout ---\n${proc.stdout()}\n--- stderr ---\n${proc.stderr()}`);
  };

  // The first stdout line.
  const firstLine = await new Promise((resolve) => {
    let buf = "";
    const timer = setTimeout(() => resolve({ error: `no stdout line after ${timeoutMs} ms` }), timeoutMs);
    const onData = (d) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        clearTimeout(timer);
        proc.child.stdout.off("data", onData);
        resolve({ line: buf.slice(0, nl).replace(/\r$/, "") });
      }
    };
    proc.child.stdout.on("data", onData);
    proc.exited.then(({ code, signal, error }) => {
      clearTimeout(timer);
      resolve({ error: error ? String(error) : `exited (code ${code}, signal ${signal}) before printing the URL` });
    });
  });
  if (firstLine.error) return fail(firstLine.error);
  const listeningMs = performance.now() - t0;

  const m = LISTENING.exec(firstLine.line);
  if (!m) return fail(`unexpected first stdout line: ${JSON.stringify(firstLine.line)}`);
  const url = m[1];
  const u = new URL(url);
  const token = new URLSearchParams(u.hash.replace(/^#/, "")).get("token");
  if (!token) return fail(`no #token= in ${url}`);
  const origin = u.origin;

  // Ready = the API answers.
  const end = performance.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(`${origin}/api/v1/openapi.json`);
      if (r.ok) {
        await r.arrayBuffer();
        break;
      }
    } catch {
      /* not yet */
    }
    if (proc.child.exitCode !== null) return fail("exited before /api/v1/openapi.json answered");
    if (performance.now() > end) return fail("/api/v1/openapi.json did not answer");
    await sleep(10);
  }
  const readyMs = performance.now() - t0;

  let stopped = null;
  return {
    url,
    origin,
    token,
    workspace: ws,
    keyDir,
    pid: proc.pid,
    proc,
    startedAt,
    timings: { listeningMs, readyMs },
    /** GET/POST on /api/v1 with the printed key as Bearer; returns { status, body }. */
    async api(path, init = {}) {
      const r = await fetch(`${origin}/api/v1${path}`, {
        ...init,
        headers: { Accept: "application/json", Authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
      });
      const text = await r.text();
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      return { status: r.status, body };
    },
    /**
     * `signal` (SIGTERM by default; SIGINT is the documented Ctrl-C) to the process group, SIGKILL
     * what is left after 5 s; removes a workspace it created. Returns { leftovers, exit }.
     */
    stop(signal = "SIGTERM") {
      stopped ??= (async () => {
        const leftovers = await stopGroup(proc, { signal, wholeGroup: true, graceMs: 5000 });
        if (removeWs) removeDir(ws);
        removeDir(keyDir);
        return { leftovers, exit: await proc.exited };
      })();
      return stopped;
    },
  };
}
