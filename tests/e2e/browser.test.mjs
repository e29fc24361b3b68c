// Browser mode end to end: `bindery serve` on a fresh workspace (demo provider included) and the
// real UI in Debian chromium through playwright-core. Run: node --test browser.test.mjs
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { VIEWPORT, launchChromium } from "./lib/chromium.mjs";
import { artifactsDir, browserPrereqs, gate } from "./lib/env.mjs";
import { startServe } from "./lib/serve.mjs";

const DEMO = "demo_fieldservice";
const { setup, it } = gate(browserPrereqs(), test);

/** The shared, read-only fixtures (never copied into the repository). */
const FIXTURES = process.env.BINDERY_FIXTURES
  ? resolve(process.env.BINDERY_FIXTURES)
  : join(import.meta.dirname, "../../../shared/fixtures");
/** A big real GraphQL schema: Saleor's SDL (1 MB, 1,437 types, 421 root fields, 26 subscriptions). */
const SALEOR = "saleor";
const SALEOR_SDL = join(FIXTURES, "graphql/saleor/saleor-schema.graphql");
/** Steps on the big schema get more time: the machine has 2 cores and runs the server too. */
const BIG = 60000;

const tid = (id, attrs = {}) =>
  `[data-testid="${id}"]` +
  Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join("");

/** Waits until the object list's total reads `n`. */
const waitTotal = (page, n, timeout = BIG) =>
  page.waitForFunction(
    (n) => document.querySelector('[data-testid="object-total"]')?.getAttribute("data-total") === String(n),
    n,
    { timeout },
  );

/** The object rows rendered right now (the list is virtualized: the visible window + overscan). */
const renderedRows = (page) =>
  page.locator(tid("object-row")).evaluateAll((els) =>
    els.map((e) => ({
      name: e.dataset.name,
      kind: e.dataset.kind ?? null,
      relay: e.dataset.relay ?? null,
      badge: e.querySelector('[data-testid="kind-badge"]')?.getAttribute("data-kind") ?? null,
    })),
  );

/**
 * Scrolls the object list from top to bottom the way a user would, letting infinite scroll load
 * every page, and returns every row seen ({name, kind, relay}). Each step waits for the next frame
 * (the virtualizer re-renders on scroll); at the bottom it waits for the "Loading more…" row to
 * be replaced by the next page.
 */
const sweepList = (page, timeout = BIG) =>
  page.evaluate(async (timeout) => {
    const list = document.querySelector('[data-testid="object-list"]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const seen = new Map();
    const deadline = performance.now() + timeout;
    list.scrollTop = 0;
    await frame();
    for (;;) {
      for (const e of list.querySelectorAll('[data-testid="object-row"]')) {
        seen.set(e.dataset.name, { name: e.dataset.name, kind: e.dataset.kind ?? null, relay: e.dataset.relay ?? null });
      }
      const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 2;
      if (atEnd && !list.querySelector('[data-testid="object-list-more"]')) break;
      if (performance.now() > deadline) throw new Error(`list sweep timed out after ${seen.size} rows`);
      list.scrollTop += Math.max(50, list.clientHeight - 60);
      await frame();
    }
    list.scrollTop = 0;
    return [...seen.values()];
  }, timeout);

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
    const spec = await readFile(join(FIXTURES, "openapi/petstore/petstore-v3.openapi.yaml"), "utf8");
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

  // ---- GraphQL: a big real schema (Saleor's SDL) added by file path -----------------------------

  it("a GraphQL provider added by schema file path (Saleor SDL) opens in the schema browser with kind badges", async () => {
    assert.ok(existsSync(SALEOR_SDL), `fixture ${SALEOR_SDL} (set BINDERY_FIXTURES)`);
    await page.goto(`${server.origin}/#/providers`);
    await page.locator(tid("catalog-entry", { kind: "graphql" })).locator(tid("catalog-add")).click();
    await page.locator(tid("add-dialog")).waitFor();
    await page.locator(tid("add-field-kind")).fill(SALEOR);
    await page.locator(tid("add-field-path")).fill(SALEOR_SDL);
    await page.locator(tid("add-submit")).click();
    const result = page.locator(tid("add-result"));
    await result.waitFor({ timeout: BIG });

    const { body } = await server.api("/integrations");
    const saleor = body.data.find((i) => i.kind === SALEOR);
    assert.ok(saleor, `saleor in ${body.data.map((i) => i.kind)}`);
    assert.equal(saleor.sourceKind, "graphql");
    assert.equal(saleor.status, "discovered");
    assert.deepEqual(
      { objects: saleor.summary.objectCount, operations: saleor.summary.operationCount },
      { objects: 1437, operations: 421 },
      "Saleor: 1,437 types, 89 queries + 332 mutations",
    );
    const text = await result.textContent();
    assert.match(text, /discovered 1,437 objects/);
    assert.match(text, /421 operations/);
    assert.equal(await result.locator(tid("error-panel")).count(), 0, "no discovery error");

    // The dialog's own way to the schema.
    await page.getByRole("dialog").getByRole("button", { name: "Browse schema" }).click();
    await page.waitForFunction((k) => location.hash === `#/browser/${k}`, SALEOR);

    // GraphQL: the noise filters are there and on by default; the first page is already filtered.
    const relay = page.locator(tid("filter-hide-relay"));
    const input = page.locator(tid("filter-hide-input"));
    await relay.waitFor();
    assert.equal(await relay.isChecked(), true, "Hide Relay wrappers is on by default");
    assert.equal(await input.isChecked(), true, "Hide input types is on by default");
    const filtered = (await server.api(`/integrations/${SALEOR}/objects?limit=1&hide=relay,input`)).body.data.total;
    assert.equal(filtered, 1437 - 77 - 313, "the API hides 77 Relay wrappers and 313 input types");
    await waitTotal(page, filtered);

    const rows = await renderedRows(page);
    assert.ok(rows.length >= 10, `rows rendered: ${rows.length}`);
    for (const r of rows) {
      assert.ok(r.kind, `${r.name} has data-kind`);
      assert.equal(r.badge, r.kind, `${r.name}: kind badge = data-kind`);
      assert.equal(r.relay, null, `${r.name} is not a Relay wrapper`);
      assert.notEqual(r.kind, "input", `${r.name} is not an input type`);
    }
    assert.ok(new Set(rows.map((r) => r.kind)).size >= 2, `more than one kind among ${JSON.stringify(rows)}`);
    await page.screenshot({ path: join(artifactsDir(), "graphql-saleor.png") });
  });

  it("GraphQL noise filters: the whole filtered list has no Relay wrapper or input; unchecking brings them back", async () => {
    // Scroll through every page of the default (filtered) list.
    const all = await sweepList(page);
    const api = (await server.api(`/integrations/${SALEOR}/objects?limit=1&hide=relay,input`)).body.data;
    assert.equal(all.length, api.total, "every object of the filtered list was loaded and shown once");
    assert.deepEqual(all.filter((r) => r.relay !== null || r.kind === "input").map((r) => r.name), []);
    assert.ok(all.some((r) => r.kind === "enum") && all.some((r) => r.kind === "interface") && all.some((r) => r.kind === "union"));

    // The Relay wrappers of Category are hidden...
    const search = page.locator(tid("object-search"));
    await search.fill("CategoryCountable");
    await page.getByText("Some types are hidden by the filters above.").waitFor({ timeout: BIG });
    await waitTotal(page, 0);

    // ... and appear when "Hide Relay wrappers" is unchecked.
    await page.locator(tid("filter-hide-relay")).uncheck();
    const conn = page.locator(tid("object-row", { name: "CategoryCountableConnection", relay: "connection" }));
    await conn.waitFor({ timeout: BIG });
    await page.locator(tid("object-row", { name: "CategoryCountableEdge", relay: "edge" })).waitFor();
    assert.equal(await conn.locator(tid("relay-badge", { relay: "connection" })).count(), 1, "relay badge on the row");
    assert.equal(await conn.locator(tid("kind-badge", { kind: "type" })).count(), 1);
    await waitTotal(page, 2);

    // Without a search: inputs still hidden, Relay wrappers back.
    await search.fill("");
    const noInput = (await server.api(`/integrations/${SALEOR}/objects?limit=1&hide=input`)).body.data.total;
    await waitTotal(page, noInput);
    assert.ok(noInput > api.total, `${noInput} > ${api.total}`);

    // Input types come back with "Hide input types" unchecked.
    await page.locator(tid("filter-hide-input")).uncheck();
    await waitTotal(page, 1437);
    await search.fill("AddressInput");
    await page.locator(tid("object-row", { name: "AddressInput", kind: "input" })).waitFor({ timeout: BIG });
    const badge = page.locator(tid("object-row", { name: "AddressInput" })).locator(tid("kind-badge"));
    assert.equal(await badge.getAttribute("data-kind"), "input");
    await search.fill("");
    await waitTotal(page, 1437);
  });

  it("GraphQL noise filters are remembered per provider across a reload", async () => {
    const stored = await page.evaluate((k) => localStorage.getItem(`bindery.browser.filters.${k}`), SALEOR);
    assert.deepEqual(JSON.parse(stored), { hideRelay: false, hideInput: false, hideDeprecated: true });
    await page.reload();
    await page.locator(tid("filter-hide-relay")).waitFor({ timeout: BIG });
    await waitTotal(page, 1437);
    assert.equal(await page.locator(tid("filter-hide-relay")).isChecked(), false);
    assert.equal(await page.locator(tid("filter-hide-input")).isChecked(), false);
    assert.equal(await page.evaluate(() => location.hash), `#/browser/${SALEOR}`);

    // The demo (SQLite) has no such filters, and its list is untouched.
    await page.locator(tid("provider-select")).selectOption(DEMO);
    await waitTotal(page, apiObjects.total);
    assert.equal(await page.locator(tid("filter-hide-relay")).count(), 0, "no GraphQL filters for a SQLite provider");

    // Back to the defaults.
    await page.locator(tid("provider-select")).selectOption(SALEOR);
    await page.locator(tid("filter-hide-relay")).check();
    await page.locator(tid("filter-hide-input")).check();
    await waitTotal(page, 1437 - 77 - 313);
    const back = await page.evaluate((k) => localStorage.getItem(`bindery.browser.filters.${k}`), SALEOR);
    assert.deepEqual(JSON.parse(back), { hideRelay: true, hideInput: true, hideDeprecated: true });
  });

  it("a GraphQL object with a Relay connection field shows the connection chip and its arguments", async () => {
    const search = page.locator(tid("object-search"));
    await search.fill("Category");
    const row = page.locator(tid("object-row", { name: "Category" }));
    await row.waitFor({ timeout: BIG });
    await row.click();
    const detail = page.locator(tid("object-detail", { name: "Category", kind: "type" }));
    await detail.waitFor({ timeout: BIG });
    assert.equal(await page.evaluate(() => location.hash), `#/browser/${SALEOR}/Category`);
    assert.equal(await detail.locator(`.detail-header ${tid("kind-badge")}`).getAttribute("data-kind"), "type");

    const products = detail.locator(tid("field-row", { name: "products" }));
    const chip = products.locator(tid("field-connection"));
    await chip.waitFor();
    assert.equal(await chip.getAttribute("data-object"), "ProductCountableConnection");
    assert.equal(await chip.getAttribute("data-path"), "edges.node");
    assert.equal(await chip.getAttribute("title"), "Relay connection ProductCountableConnection via edges.node");
    const api = (await server.api(`/integrations/${SALEOR}/objects/Category`)).body.data.object;
    const withConnection = api.fields.filter((f) => f.connection && f.deprecated === undefined).map((f) => f.name);
    const chips = await detail
      .locator(tid("field-row"))
      .evaluateAll((els) => els.filter((e) => e.querySelector('[data-testid="field-connection"]')).map((e) => e.dataset.name));
    assert.deepEqual(chips, withConnection);

    // Its arguments are collapsed to "(n args)" and open on a click; `filter` is deprecated.
    const args = products.locator(tid("field-arguments"));
    const apiArgs = api.fields.find((f) => f.name === "products").arguments;
    assert.equal(await args.getAttribute("data-count"), String(apiArgs.length));
    assert.equal(await args.locator(tid("field-argument")).count(), 0, "collapsed");
    await args.locator("button").click();
    await args.locator(tid("field-argument", { name: "first" })).waitFor();
    assert.equal(await args.getAttribute("data-expanded"), "true");
    const argNames = await args.locator(tid("field-argument")).evaluateAll((els) => els.map((e) => e.dataset.name));
    assert.deepEqual(argNames, apiArgs.map((a) => a.name));
    const filterArg = args.locator(tid("field-argument", { name: "filter" }));
    assert.equal(await filterArg.getAttribute("data-deprecated"), "true");
    assert.equal(await filterArg.locator(tid("argument-deprecated")).count(), 1);
  });

  it("deprecated GraphQL fields are hidden by default with a count and shown when unchecked", async () => {
    await page.locator(tid("object-search")).fill("Product");
    const row = page.locator(tid("object-row", { name: "Product" }));
    await row.waitFor({ timeout: BIG });
    await row.click();
    const detail = page.locator(tid("object-detail", { name: "Product" }));
    await detail.waitFor({ timeout: BIG });

    const api = (await server.api(`/integrations/${SALEOR}/objects/Product`)).body.data.object;
    const deprecated = api.fields.filter((f) => f.deprecated !== undefined);
    assert.equal(deprecated.length, 9, "Saleor's Product has 9 deprecated fields");
    const fieldNames = () => detail.locator(tid("field-row")).evaluateAll((els) => els.map((e) => e.dataset.name));

    const toggle = detail.locator(tid("filter-hide-deprecated"));
    assert.equal(await toggle.isChecked(), true, "Hide deprecated fields is on by default");
    const count = detail.locator(tid("deprecated-hidden-count"));
    assert.equal(await count.getAttribute("data-count"), "9");
    assert.match(await count.textContent(), /9 deprecated hidden/);
    assert.deepEqual(await fieldNames(), api.fields.filter((f) => f.deprecated === undefined).map((f) => f.name));
    assert.equal(await detail.locator(tid("field-deprecated")).count(), 0);

    await toggle.uncheck();
    await detail.locator(tid("field-row", { name: "descriptionJson", deprecated: "true" })).waitFor();
    assert.deepEqual(await fieldNames(), api.fields.map((f) => f.name));
    assert.equal(await count.count(), 0, "no hidden count when nothing is hidden");
    for (const f of deprecated) {
      const badge = detail.locator(tid("field-row", { name: f.name, deprecated: "true" })).locator(tid("field-deprecated"));
      // The tooltip is "Deprecated: <reason>" (ui/README.md says "title = reason").
      assert.equal(await badge.getAttribute("title"), `Deprecated: ${f.deprecated}`, `${f.name}: the reason is the tooltip`);
    }

    await toggle.check();
    await detail.locator(tid("field-row", { name: "descriptionJson" })).waitFor({ state: "detached" });
    assert.equal(await count.getAttribute("data-count"), "9");
  });

  it("a GraphQL enum shows its values; an interface links to its implementations and back", async () => {
    const search = page.locator(tid("object-search"));
    await search.fill("AddressTypeEnum");
    await page.locator(tid("object-row", { name: "AddressTypeEnum", kind: "enum" })).click({ timeout: BIG });
    const en = page.locator(tid("object-detail", { name: "AddressTypeEnum", kind: "enum" }));
    await en.waitFor({ timeout: BIG });
    const values = await en
      .locator(tid("enum-values"))
      .locator(tid("enum-value"))
      .evaluateAll((els) => els.map((e) => e.dataset.name));
    assert.deepEqual(values, ["BILLING", "SHIPPING"]);
    assert.equal(await en.locator("#detail-fields").count(), 0, "no empty Fields section for an enum");

    await search.fill("Job");
    await page.locator(tid("object-row", { name: "Job", kind: "interface" })).click({ timeout: BIG });
    const job = page.locator(tid("object-detail", { name: "Job", kind: "interface" }));
    await job.waitFor({ timeout: BIG });
    const members = await job.locator(tid("object-members")).locator(tid("member-link")).evaluateAll((els) => els.map((e) => e.dataset.name));
    assert.deepEqual(members, ["AppInstallation", "ExportFile", "Invoice"]);

    await job.locator(tid("member-link", { name: "Invoice" })).click();
    const invoice = page.locator(tid("object-detail", { name: "Invoice", kind: "type" }));
    await invoice.waitFor({ timeout: BIG });
    assert.equal(await page.evaluate(() => location.hash), `#/browser/${SALEOR}/Invoice`);
    const impl = await invoice.locator(tid("object-implements")).locator(tid("implements-link")).evaluateAll((els) => els.map((e) => e.dataset.name));
    assert.deepEqual(impl, ["Job", "Node", "ObjectWithMetadata"]);
    await invoice.locator(tid("implements-link", { name: "Job" })).click();
    await page.locator(tid("object-detail", { name: "Job" })).waitFor({ timeout: BIG });
    await search.fill("");
  });

  it("GraphQL operations show QUERY / MUTATION badges, and Saleor's 26 subscriptions are listed as not bindable", async () => {
    // The overview (no object open) of the provider picked in the bar.
    await page.locator(tid("provider-select")).selectOption(DEMO);
    await page.waitForFunction((k) => location.hash === `#/browser/${k}`, DEMO);
    await page.locator(tid("provider-select")).selectOption(SALEOR);
    await page.waitForFunction((k) => location.hash === `#/browser/${k}`, SALEOR);
    const overview = page.locator(tid("operations-by-tag"));
    await overview.waitFor({ timeout: BIG });

    const ops = (await server.api(`/integrations/${SALEOR}/operations`)).body.data;
    const expected = { Query: "query", Mutation: "mutation" };
    for (const [tag, kind] of Object.entries(expected)) {
      const group = overview.locator(tid("operation-group", { tag }));
      const lines = await group.locator(tid("operation-line")).evaluateAll((els) =>
        els.map((e) => {
          const b = e.querySelector('[data-testid="operation-kind-badge"]');
          return { id: e.dataset.id, kind: b?.getAttribute("data-kind") ?? null, text: b?.textContent ?? null };
        }),
      );
      const apiIds = ops.filter((o) => o.tags?.[0] === tag).map((o) => o.id);
      assert.deepEqual(lines.map((l) => l.id), apiIds, `${tag} lines`);
      assert.deepEqual([...new Set(lines.map((l) => `${l.kind}:${l.text}`))], [`${kind}:${kind.toUpperCase()}`], `${tag} badges`);
    }
    assert.equal(await overview.locator(tid("http-method")).count(), 0, "no HTTP method badge for GraphQL");

    const subs = overview.locator(tid("subscriptions"));
    await subs.waitFor({ timeout: BIG });
    const apiSubs = (await server.api(`/integrations/${SALEOR}/subscriptions`)).body.data;
    assert.equal(apiSubs.length, 26);
    assert.equal(await subs.getAttribute("data-count"), "26");
    assert.equal((await subs.locator(tid("subscriptions-not-bindable")).textContent()).trim(), "not bindable");
    const rows = await subs.locator(tid("subscription-row")).evaluateAll((els) =>
      els.map((e) => `${e.dataset.id} ${e.querySelector('[data-testid="operation-kind-badge"]')?.textContent}`),
    );
    assert.deepEqual(rows, apiSubs.map((s) => `${s.id} SUBSCRIPTION`));
    // A subscription is never an operation.
    assert.equal(await overview.locator(tid("operation-line", { id: "Subscription.checkoutCreated" })).count(), 0);
    await page.screenshot({ path: join(artifactsDir(), "graphql-operations.png") });
  });

  it("a mutation payload opened from its operation marks userErrors as not projectable", async () => {
    const line = page.locator(tid("operation-line", { id: "Mutation.accountAddressCreate" }));
    await line.locator(".ops-line-object").click();
    const detail = page.locator(tid("object-detail", { name: "AccountAddressCreate" }));
    await detail.waitFor({ timeout: BIG });
    const errors = detail.locator(tid("field-row", { name: "errors" })).locator(tid("field-user-errors"));
    await errors.waitFor();
    assert.match(await errors.textContent(), /userErrors/);
    assert.equal(await detail.locator(tid("field-user-errors")).count(), 1, "only `errors` is the userErrors field");
    // The deprecated `accountErrors` is hidden by default.
    assert.equal(await detail.locator(tid("field-row", { name: "accountErrors" })).count(), 0);
    assert.equal(await detail.locator(tid("deprecated-hidden-count")).getAttribute("data-count"), "1");
    // Its operation, with the MUTATION badge.
    const op = detail.locator(tid("operation-row", { id: "Mutation.accountAddressCreate" }));
    assert.equal(await op.locator(tid("operation-kind-badge")).getAttribute("data-kind"), "mutation");
    assert.equal(await op.locator(tid("operation-kind-badge")).textContent(), "MUTATION");
  });

  it("a malformed pasted SDL shows the coded error with its line in the dialog, and nothing breaks", async () => {
    // Line 7 lacks the colon between the field and its type.
    const sdl = ["type Query {", "  product(id: ID!): Product", "}", "", "type Product {", "  id: ID!", "  name String", "}", ""].join("\n");
    await page.goto(`${server.origin}/#/providers`);
    await page.locator(tid("catalog-entry", { kind: "graphql" })).locator(tid("catalog-add")).click();
    await page.locator(tid("add-field-kind")).fill("broken_sdl");
    await page.locator(tid("add-field-text")).fill(sdl);
    await page.locator(tid("add-submit")).click();
    const panel = page.locator(tid("add-result")).locator(tid("error-panel", { code: "source_invalid" }));
    await panel.waitFor({ timeout: BIG });
    const message = await panel.locator(".error-panel-message").textContent();
    assert.match(message, /line 7\b/, `the message names the line: ${message}`);
    assert.match(message, /not valid GraphQL SDL/);
    assert.match(message, /discovery\/malformed-document/);
    assert.match(await panel.textContent(), /HTTP 422/);

    // The dialog closes; the app is still alive: the provider is connected but not discovered.
    await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    const card = page.locator(tid("provider-card", { kind: "broken_sdl" }));
    await card.waitFor();
    assert.equal(await card.getAttribute("data-status"), "connected");
    await page.locator(tid("provider-card", { kind: SALEOR })).waitFor();

    // Its schema browser offers discovery, which fails the same coded way.
    await card.locator(tid("browse-schema")).click();
    const nd = page.locator(tid("not-discovered"));
    await nd.waitFor();
    await nd.locator(tid("discover-now")).click();
    const again = nd.locator(tid("error-panel", { code: "source_invalid" }));
    await again.waitFor({ timeout: BIG });
    assert.match(await again.textContent(), /line 7\b/);
    // Other providers still browse.
    await page.locator(tid("provider-select")).selectOption(SALEOR);
    await waitTotal(page, 1437 - 77 - 313);
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
    // chromium ("Failed to load resource"), so those are expected and filtered out: 404 (unknown
    // object) and 422 (the malformed GraphQL schema's discovery).
    const unexpected = consoleErrors.filter((t) => !/Failed to load resource: the server responded with a status of (404|422)/.test(t));
    assert.deepEqual(unexpected, []);
  });

  it("bindery serve shuts down cleanly on Ctrl-C (SIGINT)", async () => {
    await context.close();
    const { leftovers, exit } = await server.stop("SIGINT");
    assert.deepEqual(leftovers, [], "nothing left in the server's process group");
    assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, "graceful exit 0");
  });
});
