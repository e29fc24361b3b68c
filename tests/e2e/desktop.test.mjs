// The REAL Tauri window end to end: tauri-driver -> WebKitWebDriver -> bindery-desktop on a fresh
// workspace, driven by webdriverio. Needs an X display:
//   xvfb-run -a -s "-screen 0 1280x800x24" node --test desktop.test.mjs
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { artifactsDir, desktopPrereqs, gate } from "./lib/env.mjs";
import { commOf, isAlive } from "./lib/proc.mjs";
import { removeDir, tempWorkspace } from "./lib/serve.mjs";
import { openApp, startTauriDriver } from "./lib/tauri.mjs";

const DEMO = "demo_fieldservice";
const DEMO_OBJECTS = 12;
const { setup, it } = gate(desktopPrereqs(), test);

const tid = (id, attrs = {}) =>
  `[data-testid="${id}"]` +
  Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join("");

describe("desktop app (real Tauri window over WebDriver)", () => {
  let driver;
  /** @type {WebdriverIO.Browser} */
  let app;
  let workspace;
  let profile;
  /** pids seen in tauri-driver's process group while the app ran (driver, WebKitWebDriver, app). */
  let seen = [];

  before(
    setup(async () => {
      workspace = tempWorkspace("bindery-e2e-desktop-");
      // A private WebKit profile (localStorage, caches) too, like chromium's fresh user-data-dir:
      // the app keeps it under $XDG_DATA_HOME/dev.bindery.desktop, shared by every run otherwise.
      profile = tempWorkspace("bindery-e2e-desktop-xdg-");
      driver = await startTauriDriver({
        env: {
          XDG_DATA_HOME: join(profile, "data"),
          XDG_CACHE_HOME: join(profile, "cache"),
          XDG_CONFIG_HOME: join(profile, "config"),
        },
      });
      app = await openApp(driver, { workspace });
    }),
  );

  after(async () => {
    // Safety net only; the last test does the same with assertions.
    await app?.deleteSession().catch(() => {});
    await driver?.stop();
    removeDir(workspace);
    removeDir(profile);
  });

  const waitText = async (selector, expected, timeout = 15000) => {
    const el = await app.$(selector);
    await el.waitUntil(async function () {
      return (await this.getText()).trim() === expected;
    }, { timeout, timeoutMsg: `${selector} never read ${JSON.stringify(expected)}` });
    return el;
  };
  const rowNames = () =>
    app.execute(() => [...document.querySelectorAll('[data-testid="object-row"]')].map((e) => e.dataset.name));

  it("the window opens on the providers screen with the demo provider", async () => {
    // The session is ready before React has rendered: wait for the first element.
    const card = await app.$(tid("provider-card", { kind: DEMO }));
    await card.waitForDisplayed({ timeout: 30000 });
    assert.equal(await card.getAttribute("data-status"), "discovered");
    assert.equal((await (await card.$('dd[data-stat="objects"]')).getText()).trim(), String(DEMO_OBJECTS));
    // It is the desktop transport (invoke), not the HTTP one.
    assert.equal(await app.execute(() => "__TAURI_INTERNALS__" in window), true, "running inside Tauri");
    assert.match(await (await app.$(".shell-header-end")).getText(), /Desktop/);
    // The app opened the workspace it was given.
    const location = await (await card.$(".provider-location")).getText();
    assert.ok(location.includes(workspace), `${location} is inside ${workspace}`);
    seen = driver.members();
  });

  it("the schema browser lists the demo's objects", async () => {
    await (await app.$(tid("nav-browser"))).click();
    await (await app.$(tid("object-row"))).waitForExist({ timeout: 15000 });
    await waitText(tid("object-total"), String(DEMO_OBJECTS));
    assert.equal(await (await app.$(tid("object-total"))).getAttribute("data-total"), String(DEMO_OBJECTS));
    const names = await rowNames();
    for (const n of ["customers", "jobs", "appointments"]) assert.ok(names.includes(n), `${n} in ${names}`);
    assert.equal(names.length, DEMO_OBJECTS, `all rows rendered: ${names}`);
    assert.equal(await app.execute(() => location.hash), `#/browser/${DEMO}`);
    assert.ok(Number(await app.execute(() => document.body.dataset.firstPaint)) > 0, "firstPaint set");
  });

  it("search narrows the list", async () => {
    const search = await app.$(tid("object-search"));
    await search.setValue("phone");
    await (await app.$(tid("object-row", { name: "service_types" }))).waitForExist({ reverse: true, timeout: 15000 });
    await waitText(tid("object-total"), "4");
    const names = await rowNames();
    assert.deepEqual(names, ["customers", "open_invoices", "technicians", "upcoming_appointments"]);
    // Clear it again (Escape in the search clears the query).
    await search.click();
    await app.keys("Escape");
    await waitText(tid("object-total"), String(DEMO_OBJECTS));
  });

  it("jobs opens with its fields", async () => {
    await (await app.$(tid("object-row", { name: "jobs" }))).click();
    const detail = await app.$(tid("object-detail", { name: "jobs" }));
    await detail.waitForDisplayed({ timeout: 15000 });
    const fields = await app.execute(() =>
      [...document.querySelectorAll('[data-testid="object-detail"] [data-testid="field-row"]')].map((e) => ({
        name: e.dataset.name,
        pk: e.dataset.pk ?? null,
        fk: e.dataset.fk ?? null,
      })),
    );
    const names = fields.map((f) => f.name);
    for (const n of ["id", "customer_id", "property_id"]) assert.ok(names.includes(n), `${n} in ${names}`);
    assert.equal(fields.find((f) => f.name === "id").pk, "true");
    assert.equal(fields.find((f) => f.name === "customer_id").fk, "true");
    const rels = await app.execute(() =>
      [...document.querySelectorAll('[data-testid="relationship-row"]')].map((e) => `${e.dataset.direction}:${e.dataset.other}`),
    );
    assert.ok(rels.includes("outgoing:customers"), `outgoing:customers in ${rels}`);
    assert.equal(await app.execute(() => location.hash), `#/browser/${DEMO}/jobs`);

    await sleep(400); // a screenshot right after a DOM change can be stale
    await app.saveScreenshot(join(artifactsDir(), "desktop.png"));
  });

  it("closing the session and tauri-driver leaves no process behind", async (t) => {
    const during = seen.map((pid) => `${pid}:${commOf(pid)}`);
    t.diagnostic(`tauri-driver process group while the app ran: ${during.join(" ")}`);
    assert.ok(
      during.some((s) => s.endsWith(":WebKitWebDriver")),
      `WebKitWebDriver ran in tauri-driver's process group: ${during}`,
    );
    assert.ok(
      during.some((s) => /:bindery-desktop/.test(s)),
      `the app ran in tauri-driver's process group: ${during}`,
    );
    const appPids = seen.filter((pid) => /bindery-desktop/.test(commOf(pid)));
    await app.deleteSession();
    app = null;
    // Ending the session asks the app to close; that is asynchronous. Stopping tauri-driver first
    // would kill WebKitWebDriver before the request lands, so wait for the app to exit (on a
    // loaded 2-core machine it can take seconds), then stop the driver.
    const deadline = Date.now() + 15000;
    while (appPids.some(isAlive) && Date.now() < deadline) await sleep(100);
    assert.ok(!appPids.some(isAlive), `the app exits when its WebDriver session ends: ${appPids.map(commOf)}`);
    const leftovers = await driver.stop();
    assert.deepEqual(leftovers, [], "nothing had to be killed after SIGTERM to tauri-driver");
    assert.ok(existsSync(join(profile, "data", "dev.bindery.desktop")), "the app used the private WebKit profile");
    for (const pid of seen) assert.ok(!isAlive(pid), `pid ${pid} (${commOf(pid)}) is gone`);
  });
});
