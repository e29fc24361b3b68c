// The binding editor end to end: `bindery serve` on a fresh workspace (the embedded demo, a
// SQLite database) and the real UI in Debian chromium. An agent is created in the UI, a skill is
// built in the editor by dragging (the caller's number onto the lookup's search column, a response
// field out to the outputs), the live preview shows the compiled SQL, a wrong output name shows
// its diagnostic inline and is fixed, the skill is saved, tried with a real customer of the demo
// and approved. Needs the preview endpoint (POST .../bindings/preview) in the binary.
// Run: node --test editor.test.mjs
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { VIEWPORT, launchChromium } from "./lib/chromium.mjs";
import { artifactsDir, browserPrereqs, gate, which } from "./lib/env.mjs";
import { startServe } from "./lib/serve.mjs";

const DEMO = "demo_fieldservice";
const OPERATION = "sql:select:customers.by_phone";
const { setup, it } = gate(browserPrereqs(), test);

const tid = (id, attrs = {}) =>
  `[data-testid="${id}"]` +
  Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join("");

const SQLITE3 = which("sqlite3");
function sqlite(db, sql) {
  if (!SQLITE3) return null;
  return execFileSync(SQLITE3, ["-readonly", db, sql], { encoding: "utf8" }).trim();
}

describe("binding editor (bindery serve + chromium)", () => {
  /** @type {Awaited<ReturnType<typeof startServe>>} */
  let server;
  /** @type {import("playwright-core").Browser} */
  let browser;
  /** @type {import("playwright-core").BrowserContext} */
  let context;
  /** @type {import("playwright-core").Page} */
  let page;
  let agentId;
  let skillId;
  /** Customer 1 of the fixed-seed demo; read from the database when sqlite3 is there. */
  let customer = { phone: "+15035555144", firstName: "Diane" };
  const consoleErrors = [];
  const shot = async (name) => {
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(artifactsDir(), `editor-${name}.png`), fullPage: true });
  };

  /** A pointer drag the way a person makes it: press, move in steps, release over the target. */
  async function drag(from, to) {
    await page.locator(from).scrollIntoViewIfNeeded();
    await page.locator(to).scrollIntoViewIfNeeded();
    const a = await page.locator(from).boundingBox();
    const b = await page.locator(to).boundingBox();
    assert.ok(a && b, `drag ${from} -> ${to}: both on screen`);
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await page.mouse.up();
  }

  before(
    setup(async () => {
      server = await startServe();
      browser = await launchChromium();
      context = await browser.newContext({ viewport: { ...VIEWPORT, width: 1600, height: 1000 } });
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

  it("the demo's customer and the preview endpoint are there", async () => {
    const demo = (await server.api("/integrations")).body.data.find((i) => i.kind === DEMO);
    assert.ok(demo, "the demo provider is there");
    const row = sqlite(demo.location, "SELECT phone || '|' || first_name FROM customers ORDER BY id LIMIT 1");
    if (row) {
      const [phone, firstName] = row.split("|");
      customer = { phone, firstName };
    }
  });

  it("creates an agent and opens the editor on the demo's lookup by phone", async () => {
    await page.goto(server.url);
    await page.locator(tid("nav-agents")).click();
    await page.locator(tid("agent-create")).click();
    await page.locator(tid("agent-name")).fill("Editor desk");
    await page.locator(tid("agent-create-submit")).click();
    const detail = page.locator(tid("agent-detail"));
    await detail.waitFor();
    agentId = await detail.getAttribute("data-id");
    assert.match(agentId, /^agt_/);

    await page.locator(tid("agent-add-skill")).click();
    await page.locator(tid("binding-editor")).waitFor();
    assert.equal(await page.locator(tid("editor-provider")).inputValue(), DEMO);
    await page.locator(tid("editor-op-search")).fill("customers.by_phone");
    await page.locator(tid("editor-op", { id: OPERATION })).click();
    await page.locator(tid("editor-canvas")).waitFor();
    await page.locator(tid("editor-tool-name")).fill("Look up the caller");
    await page.locator(tid("editor-description")).fill("Finds the calling customer by the number they call from.");
    assert.equal(await page.locator(tid("editor-target", { name: "phone" })).getAttribute("data-required-unbound"), "true");
    await shot("1-operation");
  });

  it("drags caller_phone onto the search column and first_name out to the outputs; lines and the live SQL", async () => {
    await drag(tid("editor-param", { name: "caller_phone" }), `${tid("editor-target", { name: "phone" })} ${tid("editor-target-drop")}`);
    await page.locator(tid("editor-target", { name: "phone", bound: "true" })).waitFor();
    await drag(`${tid("editor-field", { node: "first_name" })} ${tid("editor-field-handle")}`, tid("editor-outputs"));
    await page.locator(tid("editor-leaf", { leaf: "first_name" })).waitFor();
    assert.equal(await page.locator(tid("editor-line")).count(), 2, "one line per mapping");
    await shot("2-mapped");

    const statement = page.locator(`${tid("editor-preview")} ${tid("plan-statement")}`);
    await page.waitForFunction(
      () => /WHERE t0\."phone" = \?1/.test(document.querySelector('[data-testid="editor-preview"] [data-testid="plan-statement"]')?.textContent ?? ""),
    );
    assert.match(await statement.textContent(), /SELECT .*"first_name".* FROM "main"\."customers"/);
    await shot("3-preview");
  });

  it("a wrong output name shows its diagnostic inline; fixing it clears it", async () => {
    const name = page.locator(`${tid("editor-leaf")} ${tid("editor-leaf-name")}`);
    await name.fill("First Name");
    await name.press("Enter");
    const diag = page.locator(`${tid("editor-leaf")} ${tid("editor-diagnostic")}`);
    await diag.waitFor();
    assert.match(await diag.getAttribute("data-code"), /leaf/);
    assert.equal(await page.locator(tid("editor-preview")).getAttribute("data-valid"), "false");
    await shot("4-diagnostic");

    await name.fill("customer_first_name");
    await name.press("Enter");
    await page.locator(`${tid("editor-preview")}[data-valid="true"]`).waitFor();
    assert.equal(await diag.count(), 0);
    await shot("5-fixed");
  });

  it("saves, tries it with a real customer and sees the projected name, then approves", async () => {
    await page.locator(tid("editor-save")).click();
    const detail = page.locator(tid("skill-detail"));
    await detail.waitFor();
    skillId = await detail.getAttribute("data-id");
    await page.locator(tid("try-panel")).waitFor();

    // The same through the API: the demo's customer 1 by their number.
    const run = await server.api(`/agents/${agentId}/skills/${skillId}/try`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ inputs: { caller_phone: customer.phone }, confirm: false }),
    });
    assert.equal(run.status, 200, JSON.stringify(run.body));
    assert.deepEqual(run.body.data.output, { customer_first_name: customer.firstName });

    await page.locator(tid("try-input", { name: "caller_phone" })).fill(customer.phone);
    await page.locator(tid("try-run")).click();
    await page.locator(tid("try-result", { status: "ok" })).waitFor();
    const value = page.locator(tid("output-row", { leaf: "customer_first_name" })).locator(tid("output-value"));
    assert.equal((await value.textContent()).trim(), customer.firstName);
    await shot("6-tried");

    await page.locator(tid("skill-approve")).click();
    await page.locator(tid("approve-by")).fill("e2e");
    await page.locator(tid("approve-submit")).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="skill-detail-state"]')?.textContent?.trim() === "approved");
    const stored = (await server.api(`/agents/${agentId}/skills/${skillId}`)).body.data;
    assert.equal(stored.approval.by, "e2e");
    assert.deepEqual(stored.binding.sqlSearch, { column: "phone", param: "caller_phone" });
    assert.deepEqual(stored.binding.projection, [{ path: ["first_name"], leaf: "customer_first_name" }]);
    await shot("7-approved");
  });

  it("no console errors", () => {
    assert.deepEqual(consoleErrors, []);
  });
});
