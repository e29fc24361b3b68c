// Child processes: spawn in their own process group, stop them reliably, find free ports.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Every process group we started and have not reaped yet (pgid = pid of the leader). */
const live = new Set();

// Last-resort cleanup if the runner dies with children still up (normal paths stop them first).
process.once("exit", () => {
  for (const pgid of live) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
});

/** A free TCP port on 127.0.0.1 (bind :0, read it, close). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** `n` distinct free ports. */
export async function freePorts(n) {
  const ports = new Set();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/**
 * Spawns `cmd` as the leader of a new process group. Output is kept (last 64 KiB of each stream)
 * for error messages. Returns { child, pid, stdout(), stderr(), exited }.
 */
export function spawnGroup(cmd, args, opts = {}) {
  const child = spawn(cmd, args, {
    ...opts,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const bufs = { stdout: "", stderr: "" };
  for (const name of ["stdout", "stderr"]) {
    child[name].setEncoding("utf8");
    child[name].on("data", (d) => {
      bufs[name] = (bufs[name] + d).slice(-65536);
      if (opts.echo) process.stderr.write(d);
    });
  }
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      resolve({ code, signal });
    });
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });
  // Forgotten only by stopGroup: the leader may be gone while its group still has members.
  if (child.pid) live.add(child.pid);
  return {
    child,
    pid: child.pid,
    exited,
    stdout: () => bufs.stdout,
    stderr: () => bufs.stderr,
  };
}

/** pids of the live processes whose process group is `pgid`. */
export function groupMembers(pgid) {
  const pids = [];
  for (const ent of readdirSync("/proc")) {
    if (!/^\d+$/.test(ent)) continue;
    try {
      const stat = readFileSync(`/proc/${ent}/stat`, "utf8");
      // pid (comm) state ppid pgrp ...; comm may contain spaces/parens, so parse after the last ")".
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const state = rest[0];
      const pgrp = Number(rest[2]);
      if (pgrp === pgid && state !== "Z") pids.push(Number(ent));
    } catch {
      /* raced with exit */
    }
  }
  return pids;
}

/** Whether pid is a running (not zombie) process. */
export function isAlive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** The command name of a pid (for reporting leftovers). */
export function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

async function waitFor(pred, timeoutMs, stepMs = 50) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return true;
    await sleep(stepMs);
  }
  return pred();
}

/**
 * Stops a process group: `signal` to the leader only (tauri-driver must get SIGTERM to take its
 * WebKitWebDriver down) or to the whole group (`wholeGroup`), then waits; whatever is still in the
 * group after `graceMs` is SIGKILLed by pid. Returns the leftovers that had to be killed
 * ([{pid, comm}]); an empty list means a clean shutdown.
 */
export async function stopGroup(proc, { signal = "SIGTERM", wholeGroup = true, graceMs = 5000 } = {}) {
  const pgid = proc.pid;
  if (!pgid) return [];
  try {
    if (wholeGroup) process.kill(-pgid, signal);
    else process.kill(pgid, signal);
  } catch {
    /* already gone */
  }
  await Promise.race([proc.exited, sleep(graceMs)]);
  await waitFor(() => groupMembers(pgid).length === 0, wholeGroup ? 1000 : graceMs);
  const leftovers = groupMembers(pgid).map((pid) => ({ pid, comm: commOf(pid) }));
  for (const { pid } of leftovers) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
  if (leftovers.length) await waitFor(() => groupMembers(pgid).length === 0, 3000);
  live.delete(pgid);
  return leftovers;
}

/** Resolves when a TCP connection to host:port succeeds (or throws after timeoutMs). */
export async function waitForPort(port, { host = "127.0.0.1", timeoutMs = 20000, proc } = {}) {
  const { connect } = await import("node:net");
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const s = connect({ host, port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    if (proc && proc.child.exitCode !== null) {
      throw new Error(`process exited (${proc.child.exitCode}) before listening on ${port}:\n${proc.stderr()}`);
    }
    if (Date.now() > end) throw new Error(`nothing listening on ${host}:${port} after ${timeoutMs} ms`);
    await sleep(25);
  }
}
