// Agents, skills and "Try it" end to end: `bindery serve` on a fresh workspace (the embedded demo
// provider, a SQLite database), an agent with a read and a write skill bound over the HTTP API,
// then the real UI in Debian chromium: Agents → the agent → the skill → Try. The read runs and
// shows the projected first name and its SQL; the write's dry run shows the INSERT and that
// nothing ran, and only the confirmed write inserts the row. Run: node --test skills.test.mjs
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { VIEWPORT, launchChromium } from "./lib/chromium.mjs";
import { REPO_ROOT, artifactsDir, browserPrereqs, gate, which } from "./lib/env.mjs";
import { startServe } from "./lib/serve.mjs";

const DEMO = "demo_fieldservice";
const { setup, it } = gate(browserPrereqs(), test);

const tid = (id, attrs = {}) =>
  `[data-testid="${id}"]` +
  Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join("");

/** The demo's read skill: the caller found by the number they call from. */
const LOOKUP = {
  toolName: "Look up the caller",
  description: "Finds the customer by the phone number the call comes from.",
  operation: "sql:select:customers.by_phone",
  sqlSearch: { column: "phone", param: "caller_phone" },
  projection: [{ path: ["first_name"], leaf: "customer_first_name" }],
};

/** The demo's write skill: a single-row insert into jobs (the binding suite's valid case). */
const BOOK_JOB = JSON.parse(
  readFileSync(join(REPO_ROOT, "crates/bindery-binding/tests/bindings/cases/demo/valid_insert_job.json"), "utf8"),
).binding;

/** `sqlite3` on PATH: used to read the demo database directly (the customer to look up, the jobs count). */
const SQLITE3 = which("sqlite3");

/** One value from the demo database, or null without sqlite3. */
function sqlite(db, sql) {
  if (!SQLITE3) return null;
  return execFileSync(SQLITE3, ["-readonly", db, sql], { encoding: "utf8" }).trim();
}

describe("agents, skills and try-it (bindery serve + chromium)", () => {
  /** @type {Awaited<ReturnType<typeof startServe>>} */
  let server;
  /** @type {import("playwright-core").Browser} */
  let browser;
  /** @type {import("playwright-core").BrowserContext} */
  let context;
  /** @type {import("playwright-core").Page} */
  let page;
  let agent;
  let lookup;
  let bookJob;
  /** The demo database file. */
  let demoDb;
  /** A real customer of the demo: the demo is generated from a fixed seed, so without sqlite3
   *  customer 1 is known (+15035555144, Diane). */
  let customer = { phone: "+15035555144", firstName: "Diane" };
  const consoleErrors = [];

  before(
    setup(async () => {
      server = await startServe();
      browser = await launchChromium();
      context = await browser.newContext({ viewport: VIEWPORT });
      context.setDefaultTimeout(15000);
      page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(String(e)));
    }),
  );

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  const post = (path, body) =>
    server.api(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  it("over the API: an agent with a read and a write skill of the demo", async () => {
    const demo = (await server.api("/integrations")).body.data.find((i) => i.kind === DEMO);
    assert.ok(demo, "the demo provider is there");
    demoDb = demo.location;
    const row = sqlite(demoDb, "SELECT phone || '|' || first_name FROM customers ORDER BY id LIMIT 1");
    if (row) {
      const [phone, firstName] = row.split("|");
      customer = { phone, firstName };
    }

    const created = await post("/agents", { name: "Front desk", description: "Answers calls for the field-service team." });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    agent = created.body.data;

    const read = await post(`/agents/${agent.id}/integrations/${DEMO}/bindings`, LOOKUP);
    assert.equal(read.status, 201, JSON.stringify(read.body));
    lookup = read.body.data;
    assert.equal(lookup.isWrite, false);

    const write = await post(`/agents/${agent.id}/integrations/${DEMO}/bindings`, BOOK_JOB);
    assert.equal(write.status, 201, JSON.stringify(write.body));
    bookJob = write.body.data;
    assert.equal(bookJob.isWrite, true);
    assert.equal(bookJob.isEnabled, false, "a write lands disabled");

    // The try endpoint answers a read with its run.
    const run = await post(`/agents/${agent.id}/skills/${lookup.id}/try`, { inputs: { caller_phone: customer.phone }, confirm: false });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.equal(run.body.data.status, "ok", JSON.stringify(run.body.data.diagnostics));
    assert.deepEqual(run.body.data.output, { customer_first_name: customer.firstName });
  });

  it("Agents → the agent → the read skill → Try: the first name and the SQL that found it", async () => {
    await page.goto(server.url);
    await page.locator(tid("provider-card", { kind: DEMO })).waitFor();
    await page.locator(tid("nav-agents")).click();
    await page.locator(tid("agent-row", { id: agent.id })).click();
    await page.locator(tid("agent-detail", { id: agent.id })).waitFor();

    const row = page.locator(tid("skill-row", { name: LOOKUP.toolName }));
    assert.equal(await row.getAttribute("data-write"), "false");
    assert.equal(await row.locator(tid("skill-transport")).textContent(), "SQL");
    assert.equal(await page.locator(tid("skill-row", { name: BOOK_JOB.toolName })).getAttribute("data-write"), "true");
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir(), "agent-skills.png") });

    await row.locator(tid("skill-link")).click();
    await page.locator(tid("skill-detail", { id: lookup.id })).waitFor();
    assert.match(await page.locator(tid("plan-statement")).textContent(), /SELECT .* FROM "main"\."customers"/);
    await page.locator(tid("skill-tab-try")).click();
    await page.waitForFunction((id) => location.hash.endsWith(`/skills/${id}/try`), lookup.id);

    const phone = page.locator(tid("try-field", { name: "caller_phone" }));
    assert.equal(await phone.getAttribute("data-from"), "callContext");
    assert.equal((await phone.locator(tid("try-provenance")).textContent()).trim(), "call context");
    await phone.locator(tid("try-input")).fill(customer.phone);
    await page.locator(tid("try-run")).click();

    const result = page.locator(tid("try-result", { status: "ok" }));
    await result.waitFor();
    assert.equal(await page.locator(tid("try-executed")).getAttribute("data-executed"), "true");
    assert.match(await page.locator(tid("try-latency")).textContent(), /\d ms|\d s/);
    const firstName = page.locator(tid("output-row", { leaf: "customer_first_name" })).locator(tid("output-value"));
    assert.equal((await firstName.textContent()).trim(), customer.firstName);

    await page.locator(tid("try-tab-request")).click();
    const statement = await page.locator(tid("request-statement")).textContent();
    assert.match(statement, /^SELECT .* FROM "main"\."customers" AS t0 WHERE t0\."phone" = \?1 LIMIT 1$/);
    const bound = page.locator(tid("request-parameter", { column: "phone" }));
    assert.match(await bound.textContent(), new RegExp(customer.phone.replace("+", "\\+")));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir(), "try-read.png") });
  });

  it("the write: a dry run shows the INSERT and runs nothing; the confirmed write inserts one row", async () => {
    await page.locator(tid("skill-back")).click();
    await page.locator(tid("skill-row", { name: BOOK_JOB.toolName })).locator(tid("skill-try")).click();
    await page.locator(tid("try-panel")).waitFor();
    assert.equal(await page.locator(tid("try-panel")).getAttribute("data-write"), "true");
    assert.equal(await page.locator(tid("try-run")).count(), 0, "a write has no plain Run");

    const provenance = await page
      .locator(tid("try-field"))
      .evaluateAll((els) => els.map((e) => [e.dataset.name, e.dataset.from]));
    assert.deepEqual(provenance, [
      ["customer_id", "caller"],
      ["notes", "caller"],
      ["call_started_at", "callContext"],
    ]);
    const jobsBefore = sqlite(demoDb, "SELECT count(*) FROM jobs");
    const note = `e2e ${Date.now()}: leaking tap`;
    await page.locator(tid("try-input", { name: "customer_id" })).fill("1");
    await page.locator(tid("try-input", { name: "notes" })).fill(note);
    await page.locator(tid("try-input", { name: "call_started_at" })).fill(new Date().toISOString());

    await page.locator(tid("try-dry-run")).click();
    await page.locator(tid("try-not-executed")).waitFor();
    assert.equal(await page.locator(tid("try-result")).getAttribute("data-status"), "dryRun");
    assert.equal(await page.locator(tid("try-executed")).getAttribute("data-executed"), "false");
    assert.match(await page.locator(tid("try-panel")).locator(tid("request-statement")).textContent(), /^INSERT INTO "main"\."jobs"/);
    assert.equal(sqlite(demoDb, "SELECT count(*) FROM jobs"), jobsBefore, "the dry run wrote nothing");
    await page.screenshot({ path: join(artifactsDir(), "try-dry-run.png") });

    await page.locator(tid("try-run-write")).click();
    const dialog = page.locator(tid("confirm-write-dialog"));
    await dialog.waitFor();
    assert.match(await dialog.locator(tid("request-statement")).textContent(), /^INSERT INTO "main"\."jobs"/);
    assert.match(await dialog.textContent(), new RegExp(note));
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir(), "try-confirm-write.png") });
    await page.locator(tid("confirm-write")).click();

    const affected = page.locator(tid("try-rows-affected"));
    await affected.waitFor();
    assert.equal(await affected.getAttribute("data-rows"), "1");
    assert.equal(await page.locator(tid("try-result")).getAttribute("data-status"), "ok");
    assert.equal(await page.locator(tid("try-executed")).getAttribute("data-executed"), "true");
    const jobId = Number((await page.locator(tid("output-row", { leaf: "job_id" })).locator(tid("output-value")).textContent()).trim());
    assert.ok(Number.isInteger(jobId) && jobId > 0, `job_id ${jobId}`);
    if (jobsBefore !== null) {
      assert.equal(Number(sqlite(demoDb, "SELECT count(*) FROM jobs")), Number(jobsBefore) + 1, "one row inserted");
      assert.equal(sqlite(demoDb, `SELECT description FROM jobs WHERE id = ${jobId}`), note);
    }
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir(), "try-write.png") });
  });

  it("enabling the write before it is approved is refused by code; approved, it enables", async () => {
    await page.locator(tid("skill-back")).click();
    const row = page.locator(tid("skill-row", { name: BOOK_JOB.toolName }));
    await row.locator(tid("skill-enabled")).click({ force: true });
    await page.locator(`${tid("error-panel")}[data-code="approval_required"]`).waitFor();
    assert.equal(await row.locator(tid("skill-enabled")).isChecked(), false);

    await row.locator(tid("skill-approve")).click();
    await page.locator(tid("approve-by")).fill("e2e");
    await page.locator(tid("approve-submit")).click();
    await page.locator(tid("skill-row", { name: BOOK_JOB.toolName, state: "approved" })).waitFor();
    await row.locator(tid("skill-enabled")).click({ force: true });
    await page.waitForFunction(
      (name) => document.querySelector(`[data-testid="skill-row"][data-name="${name}"] [data-testid="skill-enabled"]`)?.checked === true,
      BOOK_JOB.toolName,
    );
    const stored = (await server.api(`/agents/${agent.id}/skills/${bookJob.id}`)).body.data;
    assert.equal(stored.isEnabled, true);
    assert.equal(stored.approval.by, "e2e");
  });

  it("no console errors", () => {
    // A refused enable is an expected 409 the browser logs as a failed request.
    const unexpected = consoleErrors.filter((e) => !/status of 409/.test(e));
    assert.deepEqual(unexpected, []);
  });
});
