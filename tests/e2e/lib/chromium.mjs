// Debian chromium through playwright-core (never `npx playwright install`: executablePath only).
import { chromium } from "playwright-core";
import { CHROMIUM_BIN } from "./env.mjs";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-dev-shm-usage",
];

/**
 * Launches headless chromium (no Xvfb needed). playwright's `launch()` always runs on a fresh,
 * private --user-data-dir (a new temp profile it deletes on close); it refuses a --user-data-dir
 * in `args`, so that is how the fresh profile is guaranteed. Every `newContext()` is in addition
 * an isolated incognito-like context (own sessionStorage, cookies).
 */
export async function launchChromium({ headless = true } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless,
    args: CHROMIUM_ARGS,
    timeout: 30000,
  });
}

/** The fixed viewport of all browser-mode tests and screenshots. */
export const VIEWPORT = { width: 1280, height: 800 };
