// The relationship graph end to end: `bindery serve` on a fresh workspace (the embedded demo
// provider) and the real UI in Debian chromium. Schema browser → search customers → open it →
// "Relationships graph": the neighbourhood the API reports is drawn around customers; the path
// finder asks the core for the paths to appointments, shows them as breadcrumbs and highlights
// customers → properties → jobs → appointments in the graph. Run: node --test graph.test.mjs
import assert from "node:assert/strict";
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

/** The names of the graph's nodes on screen, sorted. */
const nodeNames = (page) =>
  page.locator(tid("graph-node")).evaluateAll((els) => els.map((e) => e.dataset.name).sort());

describe("relationship graph (bindery serve + chromium)", () => {
  /** @type {Awaited<ReturnType<typeof startServe>>} */
  let server;
  /** @type {import("playwright-core").Browser} */
  let browser;
  /** @type {import("playwright-core").BrowserContext} */
  let context;
  /** @type {import("playwright-core").Page} */
  let page;
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

  it("the API answers the neighbourhood of customers and the paths to appointments", async () => {
    const graph = await server.api(`/integrations/${DEMO}/graph?focus=customers&depth=1&limit=60`);
    assert.equal(graph.status, 200, JSON.stringify(graph.body));
    assert.equal(graph.body.data.focus, "customers");
    const names = graph.body.data.nodes.map((n) => n.name);
    for (const t of ["customers", "properties", "jobs", "invoices"]) assert.ok(names.includes(t), `${t} in ${names}`);

    const paths = await server.api(`/integrations/${DEMO}/paths?from=customers&to=appointments&maxHops=4&max=5`);
    assert.equal(paths.status, 200, JSON.stringify(paths.body));
    const walks = paths.body.data.paths.map((p) => p.objects.join(","));
    assert.ok(walks.includes("customers,properties,jobs,appointments"), `customers → properties → jobs → appointments in ${walks}`);

    const missing = await server.api(`/integrations/${DEMO}/graph?focus=nope`);
    assert.equal(missing.status, 404);
    assert.equal(missing.body.code, "object_not_found");
  });

  it("opens the graph of customers from the schema browser", async () => {
    await page.goto(server.url);
    await page.locator(tid("nav-browser")).click();
    await page.waitForFunction((d) => location.hash.startsWith(`#/browser/${d}`), DEMO);
    await page.locator(tid("object-search")).fill("customers");
    await page.locator(tid("object-row", { name: "customers" })).click();
    await page.locator(tid("object-detail", { name: "customers" })).waitFor();

    await page.locator(tid("graph-toggle")).click();
    await page.locator(tid("relationship-graph", { focus: "customers" })).waitFor();
    await page.locator(tid("graph-node", { name: "customers" })).waitFor();

    const api = (await server.api(`/integrations/${DEMO}/graph?focus=customers&depth=1&limit=60`)).body.data;
    assert.deepEqual(await nodeNames(page), api.nodes.map((n) => n.name).sort());
    assert.equal(await page.locator(tid("graph-edge")).count(), api.edges.length);
    assert.match(await page.locator(tid("graph-node", { name: "customers" })).getAttribute("class"), /is-focus/);
  });

  it("finds the paths to appointments and highlights customers → properties → jobs → appointments", async () => {
    const to = page.locator(tid("graph-path-to-input"));
    await to.pressSequentially("appoint");
    const option = page.locator(tid("graph-path-to-option", { name: "appointments" }));
    await option.waitFor();
    await option.click();

    const crumbs = page.locator(tid("graph-path"));
    await crumbs.first().waitFor();
    const api = (await server.api(`/integrations/${DEMO}/paths?from=customers&to=appointments&maxHops=4&max=5`)).body.data;
    const shown = await crumbs.evaluateAll((els) => els.map((e) => e.dataset.objects));
    assert.deepEqual(shown, api.paths.map((p) => p.objects.join(",")));

    const path = page.locator(tid("graph-path", { objects: "customers,properties,jobs,appointments" }));
    await path.click();
    assert.equal(await path.getAttribute("aria-checked"), "true");
    const breadcrumb = path.locator(tid("graph-breadcrumb"));
    assert.equal(await breadcrumb.getAttribute("aria-label"), "customers → properties → jobs → appointments");
    const objects = await breadcrumb.locator(tid("graph-crumb-object")).allTextContents();
    assert.deepEqual(objects, ["customers", "properties", "jobs", "appointments"]);
    const joins = await breadcrumb.locator(".graph-crumb-join").allTextContents();
    assert.deepEqual(joins, ["id ← customer_id", "id ← property_id", "id ← job_id"]);

    // The path's objects (appointments was not on screen) are highlighted, the others dimmed.
    for (const name of ["customers", "properties", "jobs", "appointments"]) {
      await page.locator(`${tid("graph-node", { name })}.is-path`).waitFor();
    }
    assert.match(await page.locator(tid("graph-node", { name: "invoices" })).getAttribute("class"), /is-dimmed/);
    const lit = await page
      .locator(`${tid("graph-edge")}[data-path="true"]`)
      .evaluateAll((els) => els.map((e) => `${e.dataset.from}>${e.dataset.to}`).sort());
    assert.deepEqual(lit, ["appointments>jobs", "jobs>properties", "properties>customers"]);

    await page.locator(tid("graph-fit")).click();
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(artifactsDir(), "graph-path.png") });
  });

  it("moves by keyboard and opens an object's detail with Enter", async () => {
    await page.locator(tid("graph-path-clear")).click();
    const customers = page.locator(tid("graph-node", { name: "customers" }));
    await customers.focus();
    await page.keyboard.press("ArrowUp");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-name"));
    assert.ok(focused && focused !== "customers", `an arrow moved focus (on ${focused})`);
    await page.keyboard.press("Enter");
    await page.locator(tid("object-detail", { name: focused })).waitFor();
    assert.equal(await page.locator(tid("relationship-graph")).count(), 0);
    assert.deepEqual(consoleErrors, []);
  });
});
