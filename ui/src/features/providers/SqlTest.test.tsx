import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import type { CatalogEntry, Integration, SqlCheck, SqlTestResult } from "../../api/types";
import { SQL_CHECK_NAMES } from "../../api/types";
import { formatDuration } from "../../lib/format";
import { createHttpPlatform } from "../../platform/http";
import { SessionTokenStore } from "../../platform/token";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { catalog, demoIntegration, postgresEntry } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { ProvidersScreen } from "./ProvidersScreen";
import { checkLabel } from "./SqlTestSection";

const SECRET = "s3cret-Pa55word!";

const mysqlEntry: CatalogEntry = {
  ...postgresEntry,
  kind: "mysql",
  displayName: "MySQL / MariaDB",
  sourceKind: "mysql",
  fields: postgresEntry.fields.map((f) => (f.name === "port" ? { ...f, default: "3306" } : f)),
};

const check = (name: string, status: SqlCheck["status"], detail: string, elapsedMs = 0, code?: string): SqlCheck => ({
  name,
  status,
  detail,
  elapsedMs,
  ...(code ? { code } : {}),
});

const allPassed: SqlTestResult = {
  ok: true,
  checks: SQL_CHECK_NAMES.map((name, i) => check(name, "passed", `${name} fine`, i * 3)),
};

/** A superuser login: it may write and bypasses permissions. */
const superuser: SqlTestResult = {
  ok: false,
  checks: [
    check("settings", "passed", "host db.internal, port 5432, TLS require", 0),
    check("hostResolves", "passed", "db.internal resolves to 10.0.0.5", 4),
    check("portReachable", "passed", "10.0.0.5:5432 accepts connections", 12),
    check("authentication", "passed", "logged in as postgres", 48),
    check("tls", "passed", "TLSv1.3", 1),
    check("serverVersion", "passed", "PostgreSQL 17.2", 2),
    check("schemasVisible", "passed", "public: 12 tables", 9),
    check("cannotWrite", "failed", "postgres may create tables in public", 3, "source_refused"),
    check("notSuperuser", "failed", "postgres is a superuser", 1250),
  ],
};

/** A wrong password: the later checks are skipped. */
const refused: SqlTestResult = {
  ok: false,
  checks: [
    check("settings", "passed", "ok"),
    check("hostResolves", "passed", "db.internal resolves", 3),
    check("portReachable", "passed", "port open", 7),
    check("authentication", "failed", "password authentication failed for user bindery_reader", 31, "source_refused"),
    ...SQL_CHECK_NAMES.slice(4).map((name) => check(name, "skipped", "not run: authentication failed")),
  ],
};

async function openEntry(entry: CatalogEntry, handlers: Record<string, Handler> = {}) {
  const fake = createFakePlatform({
    list_integrations: (): Integration[] => [demoIntegration],
    catalog: () => [postgresEntry, mysqlEntry, ...catalog],
    ...handlers,
  });
  const view = renderWithPlatform(<ProvidersScreen />, fake.platform);
  const card = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === entry.kind) as HTMLElement;
  await userEvent.click(within(card).getByTestId("catalog-add"));
  const dialog = within(await screen.findByRole("dialog"));
  return { ...fake, ...view, dialog };
}

type Dialog = Awaited<ReturnType<typeof openEntry>>["dialog"];

function set(dialog: Dialog, field: string, value: string) {
  fireEvent.change(dialog.getByTestId(`add-field-${field}`), { target: { value } });
}

function fill(dialog: Dialog) {
  set(dialog, "host", " db.internal ");
  set(dialog, "database", "shop");
  set(dialog, "user", "bindery_reader");
  set(dialog, "password", SECRET);
}

const rows = (dialog: Dialog) => dialog.getAllByTestId("sql-test-check");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Test connection", () => {
  it("is offered for PostgreSQL and MySQL only", async () => {
    const { dialog } = await openEntry(catalog[0]!);
    expect(dialog.getByTestId("add-dialog")).toBeInTheDocument();
    expect(dialog.queryByTestId("sql-test")).toBeNull();
  });

  it("waits for the host, database and user", async () => {
    const { dialog, callsOf } = await openEntry(postgresEntry);
    const section = dialog.getByTestId("sql-test");
    const run = dialog.getByTestId("sql-test-run");
    expect(run).toHaveTextContent("Test connection");
    expect(run).toBeDisabled();
    expect(section).toHaveTextContent("Type the host, database and user");

    set(dialog, "host", "db.internal");
    expect(run).toBeDisabled();
    set(dialog, "database", "shop");
    expect(run).toBeDisabled();
    set(dialog, "user", "   ");
    expect(run).toBeDisabled();
    set(dialog, "user", "bindery_reader");
    expect(run).toBeEnabled();
    set(dialog, "database", "");
    expect(run).toBeDisabled();
    fireEvent.click(run);
    expect(callsOf("test_sql_connection")).toEqual([]);
  });

  it("sends the form as connect would (strings, the port too) and keeps the password in the form", async () => {
    const { dialog, callsOf, client } = await openEntry(postgresEntry, { test_sql_connection: () => allPassed });
    fill(dialog);
    set(dialog, "port", " 6543 ");
    await userEvent.selectOptions(dialog.getByTestId("add-field-sslmode"), "verify-full");
    await userEvent.click(dialog.getByTestId("sql-test-run"));

    const result = await dialog.findByTestId("sql-test-result");
    expect(callsOf("test_sql_connection")).toEqual([
      {
        kind: "postgres",
        request: {
          sourceKind: "postgres",
          credentials: { host: "db.internal", port: "6543", database: "shop", user: "bindery_reader", password: SECRET, sslmode: "verify-full" },
        },
      },
    ]);
    expect(result).toHaveAttribute("data-ok", "true");
    // Testing does not clear the password (connecting does) and stores nothing.
    expect(dialog.getByTestId("add-field-password")).toHaveValue(SECRET);
    expect(callsOf("connect_integration")).toEqual([]);
    // What react-query keeps of the mutation no longer holds the credentials.
    const kept = JSON.stringify(client.getMutationCache().getAll().map((m) => m.state.variables));
    expect(kept).toContain("postgres");
    expect(kept).not.toContain(SECRET);
    expect(kept).not.toContain("db.internal");
  });

  it("tests a MySQL entry as mysql", async () => {
    const { dialog, callsOf } = await openEntry(mysqlEntry, { test_sql_connection: () => allPassed });
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    await dialog.findByTestId("sql-test-result");
    expect(callsOf("test_sql_connection")).toEqual([
      {
        kind: "mysql",
        request: {
          sourceKind: "mysql",
          credentials: { host: "db.internal", port: "3306", database: "shop", user: "bindery_reader", password: SECRET, sslmode: "require" },
        },
      },
    ]);
  });

  it("lists every check in order with its status, name, detail and time under 'All checks passed'", async () => {
    const { dialog } = await openEntry(postgresEntry, { test_sql_connection: () => allPassed });
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    const result = await dialog.findByTestId("sql-test-result");
    expect(within(result).getByRole("status")).toHaveTextContent("All checks passed");
    expect(rows(dialog).map((r) => r.dataset.name)).toEqual([...SQL_CHECK_NAMES]);
    expect(rows(dialog).map((r) => r.dataset.status)).toEqual(SQL_CHECK_NAMES.map(() => "passed"));
    expect(rows(dialog).map((r) => within(r).getByText(checkLabel(r.dataset.name!)).textContent)).toEqual([
      "Settings",
      "Host resolves",
      "Port reachable",
      "Authentication",
      "TLS",
      "Server version",
      "Schemas visible",
      "Cannot write",
      "Not a superuser",
    ]);
    expect(rows(dialog)[2]).toHaveTextContent("Passed");
    expect(rows(dialog)[2]).toHaveTextContent("portReachable fine");
    expect(rows(dialog)[2]).toHaveTextContent("6 ms");
    expect(dialog.queryByTestId("sql-test-privilege")).toBeNull();
    expect(dialog.getByTestId("sql-test-run")).toHaveTextContent("Test again");
  });

  it("shows failed and skipped checks and counts the failures", async () => {
    const { dialog } = await openEntry(postgresEntry, { test_sql_connection: () => refused });
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    const result = await dialog.findByTestId("sql-test-result");
    expect(result).toHaveAttribute("data-ok", "false");
    expect(within(result).getByRole("status")).toHaveTextContent("1 check failed");
    expect(rows(dialog).map((r) => r.dataset.status)).toEqual([
      "passed",
      "passed",
      "passed",
      "failed",
      "skipped",
      "skipped",
      "skipped",
      "skipped",
      "skipped",
    ]);
    const auth = rows(dialog)[3]!;
    expect(auth).toHaveAttribute("data-name", "authentication");
    expect(auth).toHaveTextContent("Failed");
    expect(auth).toHaveTextContent("Authentication");
    expect(auth).toHaveTextContent("password authentication failed for user bindery_reader");
    expect(auth).toHaveTextContent("source_refused");
    expect(auth).toHaveTextContent("31 ms");
    const skipped = rows(dialog)[8]!;
    expect(skipped).toHaveTextContent("Skipped");
    expect(skipped).toHaveTextContent("Not a superuser");
    expect(skipped).toHaveTextContent("not run: authentication failed");
    expect(skipped).toHaveTextContent("—");
    // Only a login with too many rights gets the least-privilege advice.
    expect(dialog.queryByTestId("sql-test-privilege")).toBeNull();
  });

  it("explains a login that can write or is a superuser, and goes to the scripts", async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    onTestFinished(() => {
      Element.prototype.scrollIntoView = original;
    });
    const { dialog } = await openEntry(postgresEntry, { test_sql_connection: () => superuser });
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    const result = await dialog.findByTestId("sql-test-result");
    expect(within(result).getByRole("status")).toHaveTextContent("2 checks failed");
    expect(rows(dialog)[8]).toHaveTextContent("1.3 s");
    const note = dialog.getByTestId("sql-test-privilege");
    expect(note).toHaveTextContent("superuser and can change data");
    expect(note).toHaveTextContent("least-privilege login");

    await userEvent.click(within(note).getByTestId("sql-test-scripts-link"));
    const scripts = dialog.getByTestId("sql-scripts");
    expect(scrolled).toEqual([scripts]);
    expect(dialog.getByTestId("sql-scripts-open")).toHaveFocus();
  });

  it("drops the result when a setting changes, and not for the display name", async () => {
    const { dialog, callsOf } = await openEntry(postgresEntry, { test_sql_connection: () => refused });
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    await dialog.findByTestId("sql-test-result");

    set(dialog, "displayName", "Shop database");
    expect(dialog.getByTestId("sql-test-result")).toBeInTheDocument();
    expect(dialog.queryByTestId("sql-test-stale")).toBeNull();

    set(dialog, "password", `${SECRET}x`);
    expect(dialog.queryByTestId("sql-test-result")).toBeNull();
    expect(dialog.queryAllByTestId("sql-test-check")).toEqual([]);
    expect(dialog.getByTestId("sql-test-stale")).toHaveTextContent("Settings changed since the test");
    expect(dialog.getByTestId("sql-test-run")).toHaveTextContent("Test connection");

    await userEvent.click(dialog.getByTestId("sql-test-run"));
    await dialog.findByTestId("sql-test-result");
    expect(dialog.queryByTestId("sql-test-stale")).toBeNull();
    expect((callsOf("test_sql_connection").at(-1) as { request: { credentials: Record<string, string> } }).request.credentials.password).toBe(
      `${SECRET}x`,
    );

    await userEvent.selectOptions(dialog.getByTestId("add-field-sslmode"), "disable");
    expect(dialog.getByTestId("sql-test-stale")).toBeInTheDocument();
    expect(dialog.queryByTestId("sql-test-result")).toBeNull();
  });

  it("does not show an answer to settings changed while the test ran", async () => {
    let answer: (result: SqlTestResult) => void = () => {};
    const { dialog } = await openEntry(postgresEntry, {
      test_sql_connection: () => new Promise<SqlTestResult>((resolve) => (answer = resolve)),
    });
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    expect(dialog.getByTestId("sql-test-run")).toBeDisabled();
    set(dialog, "host", "db2.internal");
    answer(allPassed);
    await waitFor(() => expect(dialog.getByTestId("sql-test-run")).toBeEnabled());
    expect(dialog.queryByTestId("sql-test-result")).toBeNull();
    expect(dialog.getByTestId("sql-test-stale")).toBeInTheDocument();
  });

  it("shows the core's code when the test cannot run", async () => {
    const { dialog } = await openEntry(postgresEntry, {
      test_sql_connection: () => {
        throw { code: "insufficient_scope", status: 403, message: "this key may not write integrations" };
      },
    });
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    const panel = await within(dialog.getByTestId("sql-test")).findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "insufficient_scope");
    expect(panel).toHaveTextContent("Could not test the connection");
  });

  it("over HTTP: posts to sql/test with the password in the body only, never in a URL, storage or log", async () => {
    const tokens = new SessionTokenStore(window.sessionStorage);
    tokens.setToken("bindery_sk_test");
    const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
      const url = String(input);
      const ok = (data: unknown) => new Response(JSON.stringify({ success: true, data }), { status: 200 });
      if (url.endsWith("/integrations/catalog")) return ok([postgresEntry]);
      if (url.endsWith("/integrations")) return ok([]);
      if (url.endsWith("/sql/test") && init?.method === "POST") return ok(refused);
      return new Response("not found", { status: 404 });
    });
    const logs = (["log", "info", "debug", "warn", "error"] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    renderWithPlatform(<ProvidersScreen />, createHttpPlatform({ tokens, fetch }));
    const card = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "postgres") as HTMLElement;
    await userEvent.click(within(card).getByTestId("catalog-add"));
    const dialog = within(await screen.findByRole("dialog"));
    fill(dialog);
    await userEvent.click(dialog.getByTestId("sql-test-run"));
    expect(await dialog.findByTestId("sql-test-result")).toHaveAttribute("data-ok", "false");

    const test = fetch.mock.calls.find(([u]) => String(u).endsWith("/sql/test"))!;
    expect(String(test[0])).toBe("/api/v1/integrations/postgres/sql/test");
    expect(test[1]?.method).toBe("POST");
    expect(JSON.parse(String(test[1]?.body))).toEqual({
      sourceKind: "postgres",
      credentials: { host: "db.internal", port: "5432", database: "shop", user: "bindery_reader", password: SECRET, sslmode: "require" },
    });
    expect(dialog.getByTestId("add-field-password")).toHaveValue(SECRET);
    for (const [url] of fetch.mock.calls) expect(String(url)).not.toContain(SECRET);
    expect(window.location.href).not.toContain(SECRET);
    for (const spy of logs) expect(JSON.stringify(spy.mock.calls)).not.toContain(SECRET);
    for (const storage of [window.localStorage, window.sessionStorage]) {
      for (let i = 0; i < storage.length; i++) expect(storage.getItem(storage.key(i)!)).not.toContain(SECRET);
    }
  });
});

describe("connection test helpers", () => {
  it("names every check, and a check it does not know by its name", () => {
    expect(SQL_CHECK_NAMES.map(checkLabel)).toEqual([
      "Settings",
      "Host resolves",
      "Port reachable",
      "Authentication",
      "TLS",
      "Server version",
      "Schemas visible",
      "Cannot write",
      "Not a superuser",
    ]);
    expect(checkLabel("replicationLag")).toBe("replicationLag");
    expect(checkLabel("toString")).toBe("toString");
  });

  it("formats a check's time", () => {
    expect(formatDuration(0)).toBe("0 ms");
    expect(formatDuration(48)).toBe("48 ms");
    expect(formatDuration(1250)).toBe("1.3 s");
    expect(formatDuration(12_400)).toBe("12 s");
    expect(formatDuration(-1)).toBe("—");
  });
});
