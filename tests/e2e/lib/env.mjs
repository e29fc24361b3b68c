// Paths, environment and "is this tool here?" checks shared by the e2e tests and the benchmark.
import { accessSync, constants, mkdirSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** tests/e2e */
export const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** The repository root. */
export const REPO_ROOT = resolve(E2E_DIR, "..", "..");

const fromE2e = (p) => (isAbsolute(p) ? p : resolve(E2E_DIR, p));
const fromCwd = (p) => (isAbsolute(p) ? p : resolve(process.cwd(), p));

/** `CI=true` (or 1): a missing binary or tool fails the test instead of skipping it. */
export const IS_CI = /^(true|1|yes)$/i.test(process.env.CI ?? "");

export const BINDERY_BIN = process.env.BINDERY_BIN
  ? fromCwd(process.env.BINDERY_BIN)
  : fromE2e("../../target/debug/bindery");
export const BINDERY_DESKTOP_BIN = process.env.BINDERY_DESKTOP_BIN
  ? fromCwd(process.env.BINDERY_DESKTOP_BIN)
  : fromE2e("../../target/debug/bindery-desktop");
export const TAURI_DRIVER = process.env.TAURI_DRIVER
  ? fromCwd(process.env.TAURI_DRIVER)
  : join(REPO_ROOT, "target/tools/bin/tauri-driver");
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ? fromCwd(process.env.CHROMIUM_BIN) : "/usr/bin/chromium";
export const ARTIFACTS = process.env.E2E_ARTIFACTS ? fromCwd(process.env.E2E_ARTIFACTS) : join(E2E_DIR, "artifacts");

/** The artifacts directory, created on demand. */
export function artifactsDir() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `name` on PATH, or null. */
export function which(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    if (isExecutable(p)) return p;
  }
  return null;
}

/**
 * Checks prerequisites. Each entry is `[ok, message]`. Returns the list of messages for the
 * missing ones (empty when everything is there).
 */
export function missing(checks) {
  return checks.filter(([ok]) => !ok).map(([, msg]) => msg);
}

/** Prerequisites of browser mode (bindery serve + Debian chromium). */
export function browserPrereqs() {
  return missing([
    [isExecutable(BINDERY_BIN), `bindery CLI not found at ${BINDERY_BIN} (cargo build, or set BINDERY_BIN)`],
    [isExecutable(CHROMIUM_BIN), `chromium not found at ${CHROMIUM_BIN} (apt-get install chromium, or set CHROMIUM_BIN)`],
  ]);
}

/** Prerequisites of the real Tauri window (tauri-driver + WebKitWebDriver + an X display). */
export function desktopPrereqs() {
  return missing([
    [
      isExecutable(BINDERY_DESKTOP_BIN),
      `bindery-desktop not found at ${BINDERY_DESKTOP_BIN} (cargo build, or set BINDERY_DESKTOP_BIN)`,
    ],
    [
      isExecutable(TAURI_DRIVER),
      `tauri-driver not found at ${TAURI_DRIVER} (cargo install tauri-driver --version ^2 --locked --root target/tools, or set TAURI_DRIVER)`,
    ],
    [which("WebKitWebDriver") !== null, "WebKitWebDriver not on PATH (apt-get install webkit2gtk-driver)"],
    [!!process.env.DISPLAY, 'no X display: run under xvfb-run -a -s "-screen 0 1280x800x24"'],
  ]);
}

/**
 * How a test file reacts to missing prerequisites: locally every test skips with a clear message;
 * with CI=true every test fails. (A throwing `before` hook would only mark the tests "cancelled"
 * in node 20, which `# fail N` does not count, so the error is thrown from each test instead.)
 *
 * Returns { skip, it, setup }: `it(name, fn)` declares a test that skips, or throws the
 * prerequisite failure or the error `setup(fn)` caught in the `before` hook, before running fn.
 */
export function gate(problems, testFn) {
  let failure = null;
  let skip = false;
  if (problems.length > 0) {
    const text = `missing prerequisites:\n  - ${problems.join("\n  - ")}`;
    if (IS_CI) failure = new Error(`${text}\n(CI=true: failing instead of skipping)`);
    else skip = `${problems.join("; ")} (set CI=true to fail instead)`;
  }
  let setupError = null;
  return {
    skip,
    /** Wraps the body of a `before` hook: runs it only when prerequisites are there, keeps its error. */
    setup: (fn) => async () => {
      if (skip || failure) return;
      try {
        await fn();
      } catch (e) {
        setupError = e;
      }
    },
    it: (name, fn) =>
      testFn(name, { skip }, async (t) => {
        if (failure) throw failure;
        if (setupError) throw new Error(`setup failed: ${setupError?.stack ?? setupError}`);
        return fn(t);
      }),
  };
}
