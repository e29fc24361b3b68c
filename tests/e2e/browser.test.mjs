// Browser mode end to end: `bindery serve` on a fresh workspace (demo provider included) and the
// real UI in Debian chromium through playwright-core. Run: node --test browser.test.mjs
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { VIEWPORT, launchChromium } from "./lib/chromium.mjs";
import { artifactsDir, browserPrereqs, gate } from "./lib/env.mjs";
import { startServe } from "./lib/serve.mjs";

const DEMO = "demo_fieldservice";
const { setup, it } = gate(browserPrereqs(), test);

const tid = (id, attrs = {}) =>
  `[data-testid="${id}"]` +
  Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join("");

describe("browser mode (bindery serve + chromium)", () => {
  /** @type {Awaited<ReturnType<typeof startServe>>} */
  let server;
  /** @type {import("playwright-core").Browser} */
  let browser;
  /** @type {import("playwright-core").BrowserContext} */
  let context;
  /** @type {import("playwright-core").Page} */
  let page;
  /** Objects of the demo as the API reports them. */
  let apiObjects;
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

  it("the API reports the demo provider and its objects", async () => {
    const list = await server.api("/integrations");
    assert.equal(list.status, 200);
    const demo = list.body.data.find((i) => i.kind === DEMO);
    assert.ok(demo, `demo provider in ${JSON.stringify(list.body.data.map((i) => i.kind))}`);
    assert.equal(demo.status, "discovered");

    const objs = await server.api(`/integrations/${DEMO}/objects?limit=500`);
    assert.equal(objs.status, 200);
    apiObjects = objs.body.data;
    assert.equal(apiObjects.hasMore, false);
    assert.equal(apiObjects.items.length, apiObjects.total);
    const names = apiObjects.items.map((o) => o.name);
    for (const t of [
      "customers",
      "properties",
      "technicians",
      "service_types",
      "technician_skills",
      "jobs",
      "appointments",
      "invoices",
      "invoice_line_items",
      "payments",
      "upcoming_appointments",
      "open_invoices",
    ]) {
      assert.ok(names.includes(t), `${t} in ${names}`);
    }
  });

  it("the printed URL opens the providers screen with the demo card and its counts", async () => {
    await page.goto(server.url);
    const card = page.locator(tid("provider-card", { kind: DEMO }));
    await card.waitFor({ state: "visible" });

    // The key left the address bar (it lives in sessionStorage now).
    await page.waitForFunction(() => !location.hash.includes("token="));
    assert.ok(!page.url().includes("bindery_sk_"), `token still in ${page.url()}`);

    const { body } = await server.api("/integrations");
    const summary = body.data.find((i) => i.kind === DEMO).summary;
    const stat = async (name) => (await card.locator(`dd[data-stat="${name}"]`).textContent()).replace(/[^\d]/g, "");
    assert.equal(await stat("objects"), String(summary.objectCount));
    assert.equal(await stat("fields"), String(summary.fieldCount));
    assert.equal(await stat("relationships"), String(summary.edgeCount));
    assert.equal(await stat("operations"), String(summary.operationCount));
    assert.equal(await card.getAttribute("data-status"), "discovered");

    // The catalog is listed too.
    assert.ok((await page.locator(tid("catalog-entry")).count()) > 0, "catalog entries shown");

    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir(), "providers.png") });
  });

  it("the schema browser lists every object the API reports", async () => {
    await page.locator(tid("nav-browser")).click();
    await page.waitForFunction((d) => location.hash === `#/browser/${d}`, DEMO);
    await page.locator(tid("object-row")).first().waitFor();
    const total = page.locator(tid("object-total"));
    await total.waitFor();
    assert.equal((await total.textContent()).trim(), String(apiObjects.total));
    assert.equal(await total.getAttribute("data-total"), String(apiObjects.total));

    // 12 rows fit in the virtual window (+ overscan): all of them are rendered.
    const rendered = await page.locator(tid("object-row")).evaluateAll((els) => els.map((e) => e.dataset.name));
    assert.deepEqual([...rendered].sort(), apiObjects.items.map((o) => o.name).sort());

    // The benchmark hook was set when the first rows painted.
    const fp = await page.evaluate(() => document.body.dataset.firstPaint);
    assert.ok(Number(fp) > 0, `body[data-first-paint] = ${fp}`);
  });

  it('searching "phone" finds customers and technicians, not service_types', async () => {
    const search = page.locator(tid("object-search"));
    // Key by key, as a user types: every prefix fires a (debounced) search; the last one must win.
    await search.pressSequentially("phone");
    await page.locator(tid("object-row", { name: "technicians" })).waitFor();
    await page.locator(tid("object-row", { name: "service_types" })).waitFor({ state: "detached" });

    const expected = (await server.api(`/integrations/${DEMO}/objects?q=phone&limit=500`)).body.data;
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="object-total"]')?.textContent?.trim() === String(n),
      expected.total,
    );
    const names = await page.locator(tid("object-row")).evaluateAll((els) => els.map((e) => e.dataset.name));
    assert.ok(names.includes("customers"), `customers in ${names}`);
    assert.ok(names.includes("technicians"), `technicians in ${names}`);
    assert.ok(!names.includes("service_types"), `service_types not in ${names}`);
    assert.deepEqual(names, expected.items.map((o) => o.name));

    // The matching field is shown (and highlighted) under the object.
    const matched = page.locator(tid("object-row", { name: "customers" })).locator(tid("matched-fields"));
    assert.match(await matched.textContent(), /phone/);
    assert.equal(await matched.locator("mark").first().textContent(), "phone");
  });

  it("customers shows the phone field as contact PII and its incoming relationships", async () => {
    await page.locator(tid("object-row", { name: "customers" })).click();
    const detail = page.locator(tid("object-detail", { name: "customers" }));
    await detail.waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#/browser/${DEMO}/customers`);

    const phone = detail.locator(tid("field-row", { name: "phone" }));
    await phone.waitFor();
    assert.equal(await phone.getAttribute("data-pii"), "contact");
    assert.match(await phone.locator(tid("badge-pii")).textContent(), /PII/);
    const id = detail.locator(tid("field-row", { name: "id" }));
    assert.equal(await id.getAttribute("data-pk"), "true");
    assert.equal(await id.getAttribute("data-pii"), "none");

    // Field rows = the API's fields.
    const api = (await server.api(`/integrations/${DEMO}/objects/customers`)).body.data;
    const fieldNames = await detail.locator(tid("field-row")).evaluateAll((els) => els.map((e) => e.dataset.name));
    assert.deepEqual(fieldNames, api.object.fields.map((f) => f.name));

    for (const other of ["properties", "jobs"]) {
      const rel = detail.locator(tid("relationship-row", { direction: "incoming", other }));
      assert.equal(await rel.count(), 1, `incoming relationship from ${other}`);
    }
    assert.equal(
      await detail.locator(tid("relationship-row")).count(),
      api.relationships.length,
      "one row per relationship",
    );
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir(), "browser-customers.png") });
  });

  it("a relationship link opens the other object", async () => {
    const rel = page.locator(tid("relationship-row", { direction: "incoming", other: "properties" }));
    await rel.locator(tid("relationship-link")).click();
    const detail = page.locator(tid("object-detail", { name: "properties" }));
    await detail.waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#/browser/${DEMO}/properties`);
    // And the way back: properties.customer_id -> customers.
    const back = detail.locator(tid("relationship-row", { direction: "outgoing", other: "customers" }));
    assert.equal(await back.count(), 1, "outgoing relationship to customers");
    assert.equal(await detail.locator(tid("field-row", { name: "customer_id" })).getAttribute("data-fk"), "true");
    await back.locator(tid("relationship-link")).click();
    await page.locator(tid("object-detail", { name: "customers" })).waitFor();
  });

  it('keyboard: "/" focuses the search, ArrowDown + Enter opens an object', async () => {
    // A clean list: no search, nothing open.
    await page.locator(tid("object-search")).fill("");
    await page.goto(`${server.origin}/#/browser/${DEMO}`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="object-row"]').length === n, apiObjects.total);
    await page.locator(tid("object-total")).waitFor();
    assert.equal(await page.locator(tid("object-detail")).count(), 0, "no object open");

    // Focus something that is not a text field, then "/".
    await page.locator("main").click({ position: { x: 5, y: 5 } });
    assert.notEqual(await page.evaluate(() => document.activeElement?.dataset?.testid), "object-search");
    await page.keyboard.press("/");
    await page.waitForFunction(() => document.activeElement?.dataset?.testid === "object-search");
    assert.equal(await page.locator(tid("object-search")).inputValue(), "", '"/" is not typed into the search');

    const [first, second] = apiObjects.items.map((o) => o.name);
    await page.keyboard.press("ArrowDown");
    await page.locator(tid("object-row", { name: first })).and(page.locator("[data-active]")).waitFor();
    await page.keyboard.press("ArrowDown");
    await page.locator(tid("object-row", { name: second })).and(page.locator("[data-active]")).waitFor();
    await page.keyboard.press("Enter");
    await page.locator(tid("object-detail", { name: second })).waitFor();
    assert.equal(await page.evaluate(() => location.hash), `#/browser/${DEMO}/${second}`);
  });

  it("the deep link /#/browser/<kind>&token=... opens the browser and drops the key from the URL", async () => {
    const ctx = await browser.newContext({ viewport: VIEWPORT });
    try {
      const p = await ctx.newPage();
      p.setDefaultTimeout(15000);
      await p.goto(`${server.origin}/#/browser/${DEMO}&token=${encodeURIComponent(server.token)}`);
      await p.locator(tid("object-row")).first().waitFor();
      assert.equal(await p.evaluate(() => location.hash), `#/browser/${DEMO}`);
      assert.ok(Number(await p.evaluate(() => document.body.dataset.firstPaint)) > 0, "firstPaint set");
      // A reload keeps the tab's key (sessionStorage) and the route.
      await p.reload();
      await p.locator(tid("object-row")).first().waitFor();
      assert.equal(await p.locator(tid("connect-screen")).count(), 0);
    } finally {
      await ctx.close();
    }
  });

  it("an unknown object shows the object_not_found error panel", async () => {
    await page.goto(`${server.origin}/#/browser/${DEMO}/no_such_table`);
    const panel = page.locator(tid("error-panel", { code: "object_not_found" }));
    await panel.waitFor();
    assert.match(await panel.textContent(), /no_such_table/);
    // The list beside it is still fine.
    await page.locator(tid("object-row")).first().waitFor();
  });

  it("a REST provider added by pasting a spec shows its operations by tag and field origins", async () => {
    const fixtures = process.env.BINDERY_FIXTURES ?? join(import.meta.dirname, "../../../shared/fixtures");
    const spec = await readFile(join(fixtures, "openapi/petstore/petstore-v3.openapi.yaml"), "utf8");
    await page.goto(`${server.origin}/#/providers`);
    await page.locator(tid("catalog-entry", { kind: "openapi" })).locator(tid("catalog-add")).click();
    await page.locator(tid("add-field-kind")).fill("petstore");
    // Pasting 23 KB keystroke by keystroke is slow; fill sets the value as a paste would.
    await page.locator(tid("add-field-text")).fill(spec);
    await page.locator(tid("add-submit")).click();
    const result = page.locator(tid("add-result"));
    await result.waitFor();
    assert.match(await result.textContent(), /19 operations/, "petstore v3 has 19 operations (PROVENANCE)");

    await page.goto(`${server.origin}/#/browser/petstore`);
    const pet = page.locator(tid("operation-group", { tag: "pet" }));
    await pet.waitFor();
    const methods = await pet.locator(tid("http-method")).allTextContents();
    assert.ok(methods.includes("GET") && methods.includes("POST") && methods.includes("DELETE"), `methods ${methods}`);
    await page.screenshot({ path: join(artifactsDir(), "rest-operations.png") });

    await page.goto(`${server.origin}/#/browser/petstore/Pet`);
    const origin = page.locator(tid("field-row", { name: "name" })).locator(tid("field-origin"));
    await origin.waitFor();
    assert.equal(await origin.textContent(), "openapi:#/components/schemas/Pet/properties/name");
  });

  it("without a key the connect screen shows, and a bad key is refused as unauthorized", async () => {
    const anon = await browser.newContext({ viewport: VIEWPORT });
    try {
      const p = await anon.newPage();
      p.setDefaultTimeout(15000);
      await p.goto(`${server.origin}/`);
      await p.locator(tid("connect-screen")).waitFor();
      assert.equal(await p.locator(tid("provider-card")).count(), 0);

      await p.locator(tid("api-key-input")).fill("bindery_sk_not_a_real_key");
      await p.locator(`${tid("connect-screen")} button[type="submit"]`).click();
      const err = p.locator(tid("error-panel", { code: "unauthorized" }));
      await err.waitFor();
      assert.match(await err.textContent(), /401/);
      await p.locator(tid("connect-screen")).waitFor();
      assert.equal(await p.evaluate(() => sessionStorage.length), 0, "the refused key is not kept");
      await p.screenshot({ path: join(artifactsDir(), "connect-unauthorized.png") });

      // The real key is accepted from the same screen.
      await p.locator(tid("api-key-input")).fill(server.token);
      await p.locator(`${tid("connect-screen")} button[type="submit"]`).click();
      await p.locator(tid("provider-card", { kind: DEMO })).waitFor();
    } finally {
      await anon.close();
    }
  });

  it("the page logged no unexpected errors", (t) => {
    if (consoleErrors.length) t.diagnostic(`console errors: ${JSON.stringify(consoleErrors)}`);
    // The object_not_found visit logs nothing by itself; 4xx fetches show up as console errors in
    // chromium ("Failed to load resource"), so those are expected and filtered out.
    const unexpected = consoleErrors.filter((t) => !/Failed to load resource: the server responded with a status of 404/.test(t));
    assert.deepEqual(unexpected, []);
  });

  it("bindery serve shuts down cleanly on Ctrl-C (SIGINT)", async () => {
    await context.close();
    const { leftovers, exit } = await server.stop("SIGINT");
    assert.deepEqual(leftovers, [], "nothing left in the server's process group");
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, "graceful exit 0");
  });
});
