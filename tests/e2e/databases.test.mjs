// Databases end to end: scoping on the embedded demo (SQLite), and a real PostgreSQL server added
// through the UI (connection test, least-privilege scripts run for real, connect without leaking the
// password, operations and indexes of a table). `bindery serve` on a fresh workspace, the real UI in
// Debian chromium through playwright-core, a throwaway PostgreSQL on loopback (lib/postgres.mjs).
// Run: node --test databases.test.mjs
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { VIEWPORT, launchChromium } from "./lib/chromium.mjs";
import { artifactsDir, browserPrereqs, gate } from "./lib/env.mjs";
import { postgresPrereqs, startPostgres } from "./lib/postgres.mjs";
import { startServe } from "./lib/serve.mjs";

const DEMO = "demo_fieldservice";
/** The provider kind the PostgreSQL database is added under. */
const PG = "shop_pg";
const DATABASE = "shop";
/** The superuser's password: a canary that must never show up outside the form and the server. */
const CANARY = "e2e-Canary-pw-91c4";
/** Connecting and discovering a database gets more time than a click. */
const SLOW = 45000;

// The demo needs only the browser; the PostgreSQL tests also need the server binaries.
const web = gate(browserPrereqs(), test);
const withPg = gate([...browserPrereqs(), ...postgresPrereqs()], test);

const SCHEMA = `
CREATE TABLE customers (id serial PRIMARY KEY, full_name text NOT NULL, email text UNIQUE, phone text);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  customer_id int NOT NULL REFERENCES customers (id),
  total numeric(10, 2),
  created_at timestamptz NOT NULL DEFAULT now(),
  tags jsonb
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE INDEX orders_tags_gin ON orders USING gin (tags);
INSERT INTO customers (full_name, email, phone) VALUES ('Ada Lovelace', 'ada@example.com', '+44 20 0000 0001');
INSERT INTO orders (customer_id, total, tags) VALUES (1, 42.50, '["gift"]');
`;

const tid = (id, attrs = {}) =>
  `[data-testid="${id}"]` +
  Object.entries(attrs)
    .map(([k, v]) => `[data-${k}="${v}"]`)
    .join("");

/** Waits until the object list's total reads `n`. */
const waitTotal = (page, n) =>
  page.waitForFunction(
    (n) => document.querySelector('[data-testid="object-total"]')?.getAttribute("data-total") === String(n),
    n,
  );

/** Waits until an attribute of the first element matching `selector` reads `value`. */
const waitAttr = (page, selector, attr, value) =>
  page.waitForFunction(([s, a, v]) => document.querySelector(s)?.getAttribute(a) === v, [selector, attr, String(value)]);

/** Every file under `dir`, recursively. */
const filesUnder = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));

describe("databases (bindery serve + chromium + PostgreSQL)", () => {
  /** @type {Awaited<ReturnType<typeof startServe>>} */
  let server;
  /** @type {Awaited<ReturnType<typeof startPostgres>>} */
  let pg;
  /** @type {import("playwright-core").Browser} */
  let browser;
  /** @type {import("playwright-core").BrowserContext} */
  let context;
  /** @type {import("playwright-core").Page} */
  let page;
  const consoleErrors = [];
  /** Every URL the page requested (the password must never be in one). */
  const requestUrls = [];

  before(
    web.setup(async () => {
      server = await startServe();
      browser = await launchChromium();
      context = await browser.newContext({ viewport: VIEWPORT });
      context.setDefaultTimeout(15000);
      page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(String(e)));
      page.on("request", (r) => requestUrls.push(r.url()));
    }),
  );
  before(
    withPg.setup(async () => {
      if (!page) throw new Error("bindery serve or chromium did not start (see the demo test)");
      pg = await startPostgres({ password: CANARY });
      await pg.exec(`CREATE DATABASE ${DATABASE};`);
      await pg.exec(SCHEMA, { database: DATABASE });
    }),
  );

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    await pg?.stop();
  });

  web.it("scoping on the demo: block a column (and undo), block a table, unblock all from the drawer", async () => {
    const scoping = async () => (await server.api(`/integrations/${DEMO}/scoping`)).body.data;
    const { total } = (await server.api(`/integrations/${DEMO}/objects?limit=500`)).body.data;
    await page.goto(server.url);
    await page.locator(tid("provider-card", { kind: DEMO })).locator(tid("browse-schema")).click();
    await page.locator(tid("object-row", { name: "customers" })).click();
    const detail = page.locator(tid("object-detail", { name: "customers" }));
    const phone = detail.locator(tid("field-row", { name: "phone" }));
    await phone.waitFor();
    await waitAttr(page, tid("scoping-open"), "data-count", 0);

    // Block one column: its row goes, the bar counts it, the core has it.
    await phone.locator(tid("scoping-block-column")).click();
    await phone.waitFor({ state: "detached" });
    await waitAttr(page, tid("scoping-open"), "data-count", 1);
    assert.match(await page.locator(tid("scoping-open")).textContent(), /Blocked \(1\)/, "the bar reads Blocked (1)");
    assert.deepEqual(await scoping(), { blockedTables: [], blockedColumns: ["customers.phone"] }, "the API lists the column");
    assert.match(await page.locator(tid("scoping-notice")).textContent(), /customers\.phone/, "the notice names the column");
    assert.ok(await detail.locator(tid("field-row", { name: "email" })).isVisible(), "the other fields stay");

    // Undo brings it back.
    await page.locator(tid("scoping-undo")).click();
    await phone.waitFor();
    await waitAttr(page, tid("scoping-open"), "data-count", 0);
    assert.deepEqual(await scoping(), { blockedTables: [], blockedColumns: [] }, "undo emptied the lists");

    // Block the table from the object header: back to the list, one object fewer, not searchable.
    assert.equal(await page.locator(tid("object-total")).getAttribute("data-total"), String(total), "the list shows every object");
    await detail.locator(tid("scoping-block-table")).click();
    await page.waitForFunction((d) => location.hash === `#/browser/${d}`, DEMO);
    await waitTotal(page, total - 1);
    await waitAttr(page, tid("scoping-open"), "data-count", 1);
    assert.deepEqual(await scoping(), { blockedTables: ["customers"], blockedColumns: [] }, "the API lists the table");
    assert.equal(await page.locator(tid("object-row", { name: "customers" })).count(), 0, "no customers row");
    const found = (await server.api(`/integrations/${DEMO}/objects?q=customers&limit=500`)).body.data;
    assert.ok(!found.items.some((o) => o.name === "customers"), `the API search skips customers: ${found.items.map((o) => o.name)}`);
    await page.locator(tid("object-search")).fill("customers");
    await page.waitForFunction(
      (n) => document.querySelector('[data-testid="object-total"]')?.getAttribute("data-total") === String(n),
      found.total,
    );
    assert.equal(await page.locator(tid("object-row", { name: "customers" })).count(), 0, "search does not find customers");

    // The drawer lists it; Unblock all brings everything back.
    await page.locator(tid("scoping-open")).click();
    const panel = page.locator(tid("scoping-panel"));
    await panel.waitFor();
    assert.equal(await panel.getAttribute("data-count"), "1", "the drawer counts one blocked item");
    assert.equal(await panel.locator(tid("scoping-blocked-item", { type: "table", name: "customers" })).count(), 1, "customers is listed");
    await panel.locator(tid("scoping-unblock-all")).click();
    await panel.locator(tid("scoping-empty")).waitFor();
    await page.locator(tid("object-search")).fill("");
    await waitTotal(page, total);
    await page.locator(tid("object-row", { name: "customers" })).waitFor();
    assert.deepEqual(await scoping(), { blockedTables: [], blockedColumns: [] }, "the demo is left unblocked");
    await page.screenshot({ path: join(artifactsDir(), "databases-scoping.png") });
  });

  withPg.it("adding PostgreSQL: Test connection lists every check; a superuser fails notSuperuser with the privilege note", async () => {
    await page.goto(`${server.origin}/#/providers`);
    await page.locator(tid("catalog-entry", { kind: "postgres" })).locator(tid("catalog-add")).click();
    await page.locator(tid("add-dialog")).waitFor();
    assert.equal(await page.locator(tid("add-field-port")).inputValue(), "5432", "the port is prefilled");
    await page.locator(tid("add-field-kind")).fill(PG);
    await page.locator(tid("add-field-host")).fill(pg.host);
    await page.locator(tid("add-field-port")).fill(String(pg.port));
    await page.locator(tid("add-field-database")).fill(DATABASE);
    await page.locator(tid("add-field-user")).fill("postgres");
    await page.locator(tid("add-field-password")).fill(CANARY);
    await page.locator(tid("add-field-sslmode")).selectOption("disable");

    await page.locator(tid("sql-test-run")).click();
    const result = page.locator(tid("sql-test-result"));
    await result.waitFor({ timeout: SLOW });
    assert.equal(await result.getAttribute("data-ok"), "false", "not ok: the login is a superuser");
    const checks = await result
      .locator(tid("sql-test-check"))
      .evaluateAll((els) => els.map((e) => [e.dataset.name, e.dataset.status, e.querySelector(".sql-test-check-detail")?.textContent ?? ""]));
    assert.deepEqual(
      checks.map(([name]) => name),
      ["settings", "hostResolves", "portReachable", "authentication", "tls", "serverVersion", "schemasVisible", "cannotWrite", "notSuperuser"],
      "every check, in the core's order",
    );
    const status = Object.fromEntries(checks.map(([name, s]) => [name, s]));
    for (const name of ["settings", "hostResolves", "portReachable", "authentication", "tls", "serverVersion", "schemasVisible"]) {
      assert.equal(status[name], "passed", `${name} passed: ${JSON.stringify(checks)}`);
    }
    const tls = checks.find(([name]) => name === "tls")[2];
    assert.match(tls, /not requested/, `sslmode=disable on loopback: TLS is not requested (${tls})`);
    assert.equal(status.cannotWrite, "failed", "a superuser can write");
    assert.equal(status.notSuperuser, "failed", "postgres is a superuser");
    const note = page.locator(tid("sql-test-privilege"));
    assert.match(await note.textContent(), /superuser/, "the privilege note says why");
    assert.equal(await note.locator(tid("sql-test-scripts-link")).count(), 1, "the note links to the scripts");
    assert.equal(await page.locator(tid("add-field-password")).inputValue(), CANARY, "testing keeps the password in the form");
  });

  withPg.it("the least-privilege scripts shown in the dialog really work when run with psql", async () => {
    await page.locator(tid("sql-scripts-open")).click();
    await page.locator(tid("sql-scripts-tables")).fill("orders");
    await page.locator(tid("sql-scripts-generate")).click();
    const readOnlyPre = page.locator(tid("sql-script-readonly"));
    const writePre = page.locator(tid("sql-script-write"));
    await writePre.waitFor();
    await page.locator(tid("sql-scripts-stale")).waitFor({ state: "detached" });
    const readOnly = await readOnlyPre.textContent();
    const write = await writePre.textContent();
    const password = (await page.locator(tid("generated-password-value")).textContent()).trim();

    assert.match(readOnly, /CREATE ROLE "[^"]+" LOGIN PASSWORD/, `a CREATE ROLE: ${readOnly}`);
    assert.match(readOnly, new RegExp(`GRANT CONNECT ON DATABASE "${DATABASE}"`), `the database: ${readOnly}`);
    assert.doesNotMatch(readOnly, /INSERT|UPDATE/, "the read-only script grants no write");
    assert.match(write, /GRANT INSERT, UPDATE ON "public"\."orders"/, `the write script covers orders: ${write}`);
    assert.ok(password.length >= 16, `a generated password is shown: ${password}`);
    assert.ok(readOnly.includes(`'${password}'`) && write.includes(`'${password}'`), "both scripts use the shown password");
    assert.ok(!readOnly.includes(CANARY) && !write.includes(CANARY), "the scripts never hold the form's password");
    const reader = /CREATE ROLE "([^"]+)"/.exec(readOnly)[1];
    const writer = /CREATE ROLE "([^"]+)"/.exec(write)[1];

    // Run both exactly as shown, as the superuser, in the database.
    await pg.exec(readOnly, { database: DATABASE });
    await pg.exec(write, { database: DATABASE });
    const as = (user, sql) => pg.sql(sql, { database: DATABASE, user, password });

    const read = await as(reader, "SELECT count(*) FROM customers;");
    assert.deepEqual([read.code, read.stdout.trim()], [0, "1"], `${reader} logs in over TCP and reads: ${read.stderr}`);
    const denied = await as(reader, "INSERT INTO customers (full_name) VALUES ('Mallory');");
    assert.notEqual(denied.code, 0, `${reader} cannot insert`);
    assert.match(denied.stderr, /permission denied|read-only transaction/, `refused by the server: ${denied.stderr}`);
    const bad = await pg.sql("SELECT 1;", { database: DATABASE, user: reader, password: "not-the-password" });
    assert.match(bad.stderr, /password authentication failed/, "only the generated password logs in");

    const wrote = await as(writer, "INSERT INTO orders (customer_id, total) VALUES (1, 9.99);");
    assert.equal(wrote.code, 0, `${writer} may insert into orders: ${wrote.stderr}`);
    const notThere = await as(writer, "UPDATE customers SET phone = NULL;");
    assert.match(notThere.stderr, /permission denied/, `${writer} cannot write customers: ${notThere.stderr}`);
    assert.equal(await pg.exec("SELECT count(*) FROM customers WHERE phone IS NULL;", { database: DATABASE }), "0\n", "customers untouched");
  });

  withPg.it("connecting with the password discovers the tables and the password leaks nowhere", async () => {
    // Hold the connect request to see the form as it is sent.
    let release;
    const held = new Promise((r) => (release = r));
    let routed;
    const sent = new Promise((r) => (routed = r));
    await page.route(`**/api/v1/integrations/${PG}/connect`, async (route) => {
      routed(route.request().postData());
      await held;
      await route.continue();
    });
    await page.locator(tid("add-submit")).click();
    const connectBody = await sent;
    assert.ok(connectBody?.includes(CANARY), "the password is sent in the connect body");
    assert.equal(await page.locator(tid("add-field-password")).inputValue(), "", "the form forgot the password as it was sent");
    release();
    const result = page.locator(tid("add-result"));
    await result.waitFor({ timeout: SLOW });
    await page.unroute(`**/api/v1/integrations/${PG}/connect`);
    assert.match(await result.textContent(), /discovered 2 objects/, "customers and orders");
    assert.equal(await result.locator(tid("error-panel")).count(), 0, "no discovery error");

    const list = await server.api("/integrations");
    const shop = list.body.data.find((i) => i.kind === PG);
    assert.equal(shop?.status, "discovered", `${PG} is discovered: ${JSON.stringify(shop)}`);
    const objects = (await server.api(`/integrations/${PG}/objects?limit=50`)).body.data.items.map((o) => o.name);
    assert.deepEqual(objects.sort(), ["public.customers", "public.orders"], "the API lists both tables");

    // Nowhere: the page, storage, request URLs, the API's answers, the server's output, the workspace files.
    const leaks = [];
    if ((await page.content()).includes(CANARY)) leaks.push("page HTML");
    const storage = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }));
    if (storage.includes(CANARY)) leaks.push("web storage");
    if (requestUrls.some((u) => u.includes(CANARY))) leaks.push("a request URL");
    if (JSON.stringify(list.body).includes(CANARY)) leaks.push("GET /integrations");
    const schema = await server.api(`/integrations/${PG}/schema`);
    assert.equal(schema.status, 200, "the schema answers");
    if (JSON.stringify(schema.body).includes(CANARY)) leaks.push("GET /schema");
    if (server.proc.stdout().includes(CANARY)) leaks.push("bindery serve stdout");
    if (server.proc.stderr().includes(CANARY)) leaks.push("bindery serve stderr");
    for (const file of filesUnder(server.workspace)) {
      if (readFileSync(file).includes(CANARY)) leaks.push(file);
    }
    assert.deepEqual(leaks, [], "the password appears nowhere");

    // The dialog's way to the schema: both tables are listed.
    await page.getByRole("dialog").getByRole("button", { name: "Browse schema" }).click();
    await page.waitForFunction((k) => location.hash === `#/browser/${k}`, PG);
    await waitTotal(page, 2);
    for (const name of ["public.customers", "public.orders"]) await page.locator(tid("object-row", { name })).waitFor();
    await page.goto(`${server.origin}/#/providers`);
    const card = page.locator(tid("provider-card", { kind: PG }));
    await card.waitFor();
    assert.equal(await card.getAttribute("data-status"), "discovered", "the card says discovered");
    assert.equal(await card.locator('dd[data-stat="objects"]').textContent(), "2", "the card counts 2 objects");
  });

  withPg.it("public.orders: lookups and lists name their index, none on the GIN column; the GIN index shows its method", async () => {
    await page.locator(tid("provider-card", { kind: PG })).locator(tid("browse-schema")).click();
    await page.locator(tid("object-row", { name: "public.orders" })).click();
    const detail = page.locator(tid("object-detail", { name: "public.orders" }));
    await detail.waitFor();
    await detail.locator(tid("operation-row")).first().waitFor();
    const ops = await detail.locator(tid("operation-row")).evaluateAll((els) =>
      els.map((e) => ({
        id: e.dataset.id,
        cls: e.dataset.class,
        index: e.querySelector('[data-testid="operation-index"]')?.textContent ?? null,
      })),
    );
    const byId = ops.find((o) => o.cls === "read" && /^sql:select:.*\.by_id$/.test(o.id));
    assert.ok(byId, `a lookup by id in ${JSON.stringify(ops)}`);
    assert.equal(byId.index, "via orders_pkey", "the lookup names the primary key index");
    const byCustomer = ops.find((o) => /^sql:list:.*\.by_customer_id$/.test(o.id));
    assert.ok(byCustomer, `a list by customer_id in ${JSON.stringify(ops)}`);
    assert.equal(byCustomer.index, "via orders_customer_id_idx", "the list names the index that makes it fast");
    assert.deepEqual(ops.filter((o) => /tags/.test(o.id)), [], "no operation filters on the GIN-indexed column");
    assert.deepEqual(
      ops.filter((o) => o.id.startsWith("sql:list:")).map((o) => o.id.replace(/^.*\.by_/, "")),
      ["customer_id"],
      "customer_id is the only list",
    );

    const gin = detail.locator(tid("index-row", { name: "orders_tags_gin" }));
    await gin.waitFor();
    assert.equal((await gin.locator(tid("index-method")).textContent()).trim(), "gin", "the GIN index shows its method");
    const btree = detail.locator(tid("index-row", { name: "orders_customer_id_idx" }));
    assert.equal(await btree.locator(tid("index-method")).count(), 0, "no method badge for a b-tree");
    await page.screenshot({ path: join(artifactsDir(), "databases-postgres-orders.png") });
  });

  web.it("the page logged no unexpected errors", (t) => {
    if (consoleErrors.length) t.diagnostic(`console errors: ${JSON.stringify(consoleErrors)}`);
    assert.deepEqual(consoleErrors, [], "no console error");
  });
});
