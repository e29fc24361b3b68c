// The REAL Tauri window end to end: tauri-driver -> WebKitWebDriver -> bindery-desktop on a fresh
// workspace, driven by webdriverio. Needs an X display:
//   xvfb-run -a -s "-screen 0 1280x800x24" node --test desktop.test.mjs
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { launchChromium } from "./lib/chromium.mjs";
import { startOidc } from "./lib/doubles.mjs";
import { artifactsDir, desktopPrereqs, gate } from "./lib/env.mjs";
import { commOf, isAlive } from "./lib/proc.mjs";
import { removeDir, tempWorkspace } from "./lib/serve.mjs";
import { openApp, startTauriDriver } from "./lib/tauri.mjs";

const DEMO = "demo_fieldservice";
const DEMO_OBJECTS = 12;
const { setup, it } = gate(desktopPrereqs(), test);

/** A tiny REST description for the OAuth provider (the sign-in is what is tested). */
const TINY_SPEC = '{"openapi":"3.0.3","info":{"title":"idp","version":"1"},"paths":{}}';

/**
 * Makes `profile` the XDG home of a stand-in system browser: an `http`/`https` URL handler (a
 * .desktop file and mimeapps.list, as a desktop session registers its browser) whose command
 * only appends the URL to `record`. xdg-open, which the app's opener runs, then "opens" sign-in
 * pages there instead of launching a real browser.
 */
function installBrowserRecorder(profile, record) {
  const script = join(profile, "record-url.sh");
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${record}'\n`);
  chmodSync(script, 0o755);
  mkdirSync(join(profile, "data", "applications"), { recursive: true });
  mkdirSync(join(profile, "config"), { recursive: true });
  writeFileSync(
    join(profile, "data", "applications", "bindery-e2e-browser.desktop"),
    `[Desktop Entry]\nType=Application\nName=E2E browser\nExec=${script} %u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\nNoDisplay=true\n`,
  );
  writeFileSync(
    join(profile, "config", "mimeapps.list"),
    "[Default Applications]\nx-scheme-handler/http=bindery-e2e-browser.desktop\nx-scheme-handler/https=bindery-e2e-browser.desktop\n",
  );
}

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
  /** Where the stand-in system browser writes each URL the app asks it to open. */
  let opened;
  /** pids seen in tauri-driver's process group while the app ran (driver, WebKitWebDriver, app). */
  let seen = [];

  before(
    setup(async () => {
      workspace = tempWorkspace("bindery-e2e-desktop-");
      // A private WebKit profile (localStorage, caches) too, like chromium's fresh user-data-dir:
      // the app keeps it under $XDG_DATA_HOME/dev.bindery.desktop, shared by every run otherwise.
      profile = tempWorkspace("bindery-e2e-desktop-xdg-");
      opened = join(profile, "opened-urls.txt");
      installBrowserRecorder(profile, opened);
      driver = await startTauriDriver({
        env: {
          XDG_DATA_HOME: join(profile, "data"),
          XDG_CACHE_HOME: join(profile, "cache"),
          XDG_CONFIG_HOME: join(profile, "config"),
          // No keyring service under Xvfb: the vault's key goes in a file of this run, as for serve.
          BINDERY_VAULT_KEY_SOURCE: `file:${join(profile, "vault.key")}`,
          // xdg-open's fallback when no URL handler is registered: the same recorder.
          BROWSER: join(profile, "record-url.sh"),
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

  it("a GraphQL provider added by pasting SDL: hide filters (list_objects hide=) and subscriptions (list_subscriptions)", async () => {
    const KIND = "tiny_gql";
    // 7 types: 3 plain, 3 Relay wrappers (connection, edge, pageInfo), 1 input; 3 root fields, 1 subscription.
    const sdl = `type Query {
  project(id: ID!): Project
  projects(first: Int, after: String): ProjectConnection!
}

type Mutation {
  createProject(input: CreateProjectInput!): CreateProjectPayload!
}

type Subscription {
  projectUpdated(id: ID!): Project
}

type Project {
  id: ID!
  name: String!
  code: String @deprecated(reason: "Use name")
}

type ProjectConnection {
  edges: [ProjectEdge!]!
  pageInfo: PageInfo!
}

type ProjectEdge {
  node: Project!
  cursor: String!
}

type PageInfo {
  hasNextPage: Boolean!
  endCursor: String
}

input CreateProjectInput {
  name: String!
}

type CreateProjectPayload {
  project: Project
  userErrors: [UserError!]!
}

type UserError {
  field: [String!]
  message: String!
}
`;
    await (await app.$(tid("nav-providers"))).click();
    const add = await app.$(`${tid("catalog-entry", { kind: "graphql" })} ${tid("catalog-add")}`);
    await add.waitForClickable({ timeout: 15000 });
    await add.click();
    await (await app.$(tid("add-dialog"))).waitForDisplayed({ timeout: 15000 });
    await (await app.$(tid("add-field-kind"))).setValue(KIND);
    // Typed by WebDriver keystrokes: WebKitWebDriver drops a bare "\n", so line breaks are the
    // Enter key (U+E007), which a textarea turns into "\n" as it does for a user.
    const text = await app.$(tid("add-field-text"));
    await text.setValue(sdl.replaceAll("\n", "\uE007"));
    assert.equal(await text.getValue(), sdl, "the textarea holds the SDL exactly");
    await (await app.$(tid("add-submit"))).click();
    const result = await app.$(tid("add-result"));
    await result.waitForDisplayed({ timeout: 30000 });
    const summary = await result.getText();
    assert.match(summary, /discovered 7 objects/, summary);
    assert.match(summary, /3 operations/, summary);

    const browse = await app.$('//*[@role="dialog"]//button[contains(., "Browse schema")]');
    await browse.click();
    await app.waitUntil(async () => (await app.execute(() => location.hash)) === `#/browser/${KIND}`, {
      timeout: 15000,
      timeoutMsg: "the browser did not open",
    });

    // Defaults: Relay wrappers and input types hidden, by the core (total is the filtered count).
    const relay = await app.$(tid("filter-hide-relay"));
    const input = await app.$(tid("filter-hide-input"));
    await relay.waitForExist({ timeout: 15000 });
    assert.equal(await relay.isSelected(), true, "Hide Relay wrappers on by default");
    assert.equal(await input.isSelected(), true, "Hide input types on by default");
    await waitText(tid("object-total"), "3");
    assert.deepEqual(await rowNames(), ["CreateProjectPayload", "Project", "UserError"]);

    const rows = () =>
      app.execute(() =>
        Object.fromEntries(
          [...document.querySelectorAll('[data-testid="object-row"]')].map((e) => [e.dataset.name, `${e.dataset.kind}/${e.dataset.relay ?? "-"}`]),
        ),
      );
    await relay.click();
    await waitText(tid("object-total"), "6");
    const withRelay = await rows();
    assert.equal(withRelay.ProjectConnection, "type/connection");
    assert.equal(withRelay.ProjectEdge, "type/edge");
    assert.equal(withRelay.PageInfo, "type/pageInfo");
    assert.equal(withRelay.CreateProjectInput, undefined, "inputs still hidden");

    await input.click();
    await waitText(tid("object-total"), "7");
    assert.equal((await rows()).CreateProjectInput, "input/-");

    // Back to the defaults.
    await relay.click();
    await input.click();
    await waitText(tid("object-total"), "3");
    assert.deepEqual(await rowNames(), ["CreateProjectPayload", "Project", "UserError"]);

    // The overview: QUERY / MUTATION badges and the subscription, listed as not bindable.
    const subs = await app.$(tid("subscriptions"));
    await subs.waitForDisplayed({ timeout: 15000 });
    assert.equal(await subs.getAttribute("data-count"), "1");
    assert.equal((await (await subs.$(tid("subscriptions-not-bindable"))).getText()).trim(), "not bindable");
    const subRows = await app.execute(() =>
      [...document.querySelectorAll('[data-testid="subscription-row"]')].map((e) => e.dataset.id),
    );
    assert.deepEqual(subRows, ["Subscription.projectUpdated"]);
    const lines = await app.execute(() =>
      [...document.querySelectorAll('[data-testid="operation-line"]')].map(
        (e) => `${e.dataset.id}:${e.querySelector('[data-testid="operation-kind-badge"]')?.dataset.kind}`,
      ),
    );
    assert.deepEqual(lines.sort(), ["Mutation.createProject:mutation", "Query.project:query", "Query.projects:query"]);

    await sleep(400); // a screenshot right after a DOM change can be stale
    await app.saveScreenshot(join(artifactsDir(), "desktop-graphql.png"));
  });

  it("vault status, connection health and disconnect go through their Tauri commands", async () => {
    await (await app.$(tid("nav-providers"))).click();
    const vault = await app.$(tid("vault-status"));
    await vault.waitForDisplayed({ timeout: 15000 });
    // "unknown" would mean the command was refused (a missing capability).
    assert.ok(["true", "false"].includes(await vault.getAttribute("data-ready")), `vault_status answered: ${await vault.getText()}`);

    const demo = await app.$(tid("provider-card", { kind: DEMO }));
    await (await demo.$(tid("provider-health"))).click();
    const health = await demo.$(tid("health-result"));
    await health.waitForDisplayed({ timeout: 15000 });
    assert.equal(await health.getAttribute("data-status"), "ok", await health.getText());

    const gql = await app.$(tid("provider-card", { kind: "tiny_gql" }));
    await (await gql.$(tid("provider-disconnect"))).click();
    await (await app.$(tid("disconnect-confirm"))).click();
    const outcome = await app.$(tid("disconnect-result", { kind: "tiny_gql" }));
    await outcome.waitForDisplayed({ timeout: 15000 });
    assert.equal(await outcome.getAttribute("data-revocation"), "none");
    await gql.waitForExist({ reverse: true, timeout: 15000 });
  });

  it("agents and skills go through their Tauri commands: bind, try, refuse a duplicate, approve, publish, diff", async () => {
    const lookup = {
      toolName: "Look up the caller",
      description: "Find the calling customer by phone.",
      operation: "sql:select:customers.by_phone",
      sqlSearch: { column: "phone", param: "caller_phone" },
      projection: [{ path: ["first_name"], leaf: "customer_first_name" }],
    };
    const result = await app.executeAsync(
      (demo, binding, done) => {
        const invoke = window.__TAURI_INTERNALS__.invoke;
        const refusal = (promise) => promise.then(() => null, (e) => (e && e.code) || String(e));
        (async () => {
          const agent = await invoke("create_agent", { body: { name: "Front desk" } });
          const skill = await invoke("bind_skill", { agent: agent.id, kind: demo, binding });
          const duplicate = await refusal(invoke("bind_skill", { agent: agent.id, kind: demo, binding }));
          const invalid = await refusal(
            invoke("bind_skill", { agent: agent.id, kind: demo, binding: { ...binding, toolName: "Other", operation: "nope" } }),
          );
          const tried = await invoke("try_skill", {
            agent: agent.id,
            skill: skill.id,
            body: { inputs: { caller_phone: "+15550000000" } },
          });
          const approved = await invoke("approve_skill", { agent: agent.id, skill: skill.id, body: { by: "e2e" } });
          const v1 = await invoke("publish_agent", { agent: agent.id, body: { note: "first" } });
          const changed = { ...binding, projection: [...binding.projection, { path: ["last_name"], leaf: "customer_last_name" }] };
          await invoke("update_skill", { agent: agent.id, skill: skill.id, binding: changed });
          const diff = await invoke("diff_versions", { agent: agent.id, version: v1.id, against: "draft" });
          const skills = await invoke("list_skills", { agent: agent.id });
          return {
            state: skill.state,
            statement: skill.skill.executionConfig.statement,
            duplicate,
            invalid,
            approvedHash: approved.approval && approved.approval.contentHash,
            contentHash: skill.contentHash,
            version: v1.version,
            fields: diff.entries.map((e) => e.field),
            count: skills.length,
            stateAfterChange: skills[0].state,
            tried: { status: tried.status, transport: tried.request && tried.request.transport, codes: tried.diagnostics.map((d) => d.code) },
          };
        })().then(done, (e) => done({ error: JSON.stringify(e) }));
      },
      DEMO,
      lookup,
    );
    assert.equal(result.error, undefined, `a command failed: ${result.error}`);
    assert.equal(result.state, "valid", "the read is saved valid");
    assert.match(result.statement, /WHERE t0\."phone" = \?1 LIMIT 1$/, result.statement);
    assert.deepEqual(
      result.tried,
      { status: "ok", transport: "native_sql", codes: ["runtime/no-result"] },
      "try_skill ran the read against the demo database (no customer has that number)",
    );
    assert.equal(result.duplicate, "duplicate_tool_name", "the same tool name is refused");
    assert.equal(result.invalid, "binding_invalid", "an unknown operation is refused with diagnostics");
    assert.equal(result.approvedHash, result.contentHash, "the approval records the hash approved");
    assert.equal(result.version, 1, "the first published version");
    assert.ok(
      result.fields.some((f) => f.startsWith('skills["Look up the caller"]')),
      `the diff against the draft names the changed skill: ${result.fields.join(", ")}`,
    );
    assert.equal(result.count, 1, "one skill");
    assert.notEqual(result.stateAfterChange, "approved", "a changed skill needs approval again");
  });

  it("OAuth: the shell opens the system browser on the sign-in page; approving there connects the provider", async () => {
    const oidc = await startOidc();
    const browser = await launchChromium();
    try {
      await (await app.$(tid("nav-providers"))).click();
      const add = await app.$(`${tid("catalog-entry", { kind: "openapi" })} ${tid("catalog-add")}`);
      await add.waitForClickable({ timeout: 15000 });
      await add.click();
      await (await app.$(tid("add-dialog"))).waitForDisplayed({ timeout: 15000 });
      await (await app.$(tid("add-field-kind"))).setValue("desk_idp");
      await (await app.$(tid("add-field-text"))).setValue(TINY_SPEC);
      await (await app.$(tid("add-field-authMode"))).selectByAttribute("value", "oauth2");
      for (const [field, value] of [
        ["authorizeUrl", oidc.config.authorization_endpoint],
        ["tokenUrl", oidc.config.token_endpoint],
        ["revokeUrl", oidc.config.revocation_endpoint],
        ["scopes", "openid offline_access email"],
        ["clientId", "bindery-native"],
      ]) {
        await (await app.$(tid(`add-field-${field}`))).setValue(value);
      }
      await (await app.$(tid("add-submit"))).click();
      const waiting = await app.$(tid("oauth-waiting"));
      await waiting.waitForDisplayed({ timeout: 30000 });

      // The shell (not the page) opened the system browser: the XDG handler recorded the URL.
      let url = "";
      await app.waitUntil(
        async () => {
          url = existsSync(opened) ? readFileSync(opened, "utf8").trim().split("\n").pop() : "";
          return url.startsWith(oidc.config.authorization_endpoint);
        },
        { timeout: 15000, timeoutMsg: "the system browser was never asked to open the sign-in page" },
      );
      assert.equal(await waiting.getAttribute("data-opened"), "true", "the dialog says the browser was opened");
      assert.match(url, /code_challenge_method=S256/, "PKCE");

      // The person approves in "their browser" (Chromium here).
      const page = await (await browser.newContext()).newPage();
      await page.goto(url);
      for (let step = 0; step < 6 && !/\/callback\?/.test(page.url()); step++) {
        const login = page.locator('input[name="login"]');
        if (await login.count()) {
          await login.fill("alice");
          await page.locator('input[name="password"]').fill("any password works here");
        }
        await Promise.all([page.waitForEvent("load", { timeout: 30000 }), page.locator('button[type="submit"]').first().click()]);
      }
      assert.match(await page.locator("body").textContent(), /Bindery/, "the browser page says to go back to Bindery");

      const done = await app.$(tid("oauth-connected"));
      await done.waitForDisplayed({ timeout: 30000 });
      await browser.close();
      await (await app.$('//*[@role="dialog"]//button[contains(., "Close")]')).click().catch(() => {});
      const card = await app.$(tid("provider-card", { kind: "desk_idp" }));
      await card.waitForExist({ timeout: 15000 });
    } finally {
      await browser.close().catch(() => {});
      await oidc.stop();
    }
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
