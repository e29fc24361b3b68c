// The real Tauri window over WebDriver: tauri-driver (-> WebKitWebDriver -> bindery-desktop).
import { remote } from "webdriverio";
import { BINDERY_DESKTOP_BIN, TAURI_DRIVER } from "./env.mjs";
import { freePorts, groupMembers, spawnGroup, stopGroup, waitForPort } from "./proc.mjs";

/**
 * Starts tauri-driver on free ports (`--port N --native-port M`) as the leader of a new process
 * group. WebKitWebDriver and every app it launches inherit that group, which is how leftovers are
 * found (by pgid, never by name) when it is stopped.
 *
 * Pitfalls honoured (see research/tauri-probe.md): no WEBKIT_DISABLE_* variables (they make
 * WebDriver screenshots hang); tauri-driver sets TAURI_WEBVIEW_AUTOMATION itself; it is stopped
 * with SIGTERM (SIGKILL would orphan WebKitWebDriver).
 */
export async function startTauriDriver({ env = {}, echo = !!process.env.E2E_VERBOSE } = {}) {
  const [port, nativePort] = await freePorts(2);
  const childEnv = { ...process.env, ...env };
  delete childEnv.WEBKIT_DISABLE_COMPOSITING_MODE;
  delete childEnv.WEBKIT_DISABLE_DMABUF_RENDERER;
  const proc = spawnGroup(TAURI_DRIVER, ["--port", String(port), "--native-port", String(nativePort)], {
    env: childEnv,
    echo,
  });
  try {
    await waitForPort(port, { timeoutMs: 20000, proc });
    await waitForPort(nativePort, { timeoutMs: 20000, proc });
  } catch (e) {
    await stopGroup(proc, { wholeGroup: false, graceMs: 2000 });
    throw e;
  }

  let stopped = null;
  return {
    port,
    nativePort,
    pid: proc.pid,
    proc,
    /** pids still in the driver's process group (driver, WebKitWebDriver, apps). */
    members: () => groupMembers(proc.pid),
    /**
     * SIGTERM to tauri-driver only (it then stops WebKitWebDriver), wait, and SIGKILL by pid any
     * leftover of its group. Returns the leftovers ([{pid, comm}]); [] is a clean shutdown.
     */
    stop() {
      stopped ??= stopGroup(proc, { signal: "SIGTERM", wholeGroup: false, graceMs: 8000 });
      return stopped;
    },
  };
}

/**
 * A WebDriver session on a new app instance: `tauri:options {application, args}` and NO
 * browserName (with "wry" the capabilities do not match). tauri-driver 2.1 forwards `args` to
 * WebKitWebDriver as webkitgtk:browserOptions.args.
 */
export async function openApp(driver, { workspace, app = BINDERY_DESKTOP_BIN, args = [] } = {}) {
  const appArgs = workspace ? ["--workspace", workspace, ...args] : args;
  return remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: process.env.E2E_VERBOSE ? "info" : "error",
    connectionRetryTimeout: 60000,
    connectionRetryCount: 0,
    waitforTimeout: 30000,
    capabilities: {
      "tauri:options": { application: app, args: appArgs },
    },
  });
}
