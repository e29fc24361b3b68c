import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, onTestFinished, vi } from "vitest";
import type { DiscoverResult, Integration, SqlScripts } from "../../api/types";
import { createHttpPlatform } from "../../platform/http";
import { SessionTokenStore } from "../../platform/token";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { demoIntegration, postgresEntry } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { credentialsOf, initialValues } from "./AddProviderDialog";
import { ProvidersScreen } from "./ProvidersScreen";
import { tablesParam } from "./SqlScriptsSection";

const SECRET = "s3cret-Pa55word!";

const discoverResult: DiscoverResult = {
  objectCount: 4,
  fieldCount: 30,
  edgeCount: 3,
  operationCount: 12,
  discoveredAt: "2025-11-26T08:00:00Z",
  fingerprint: "sha256:aaaa",
  diagnostics: [],
};

const readOnlySql = "CREATE ROLE bindery_reader LOGIN PASSWORD 'Gen3ratedPw';\nGRANT CONNECT ON DATABASE shop TO bindery_reader;";
const writeSql = "CREATE ROLE bindery_reader_writer LOGIN PASSWORD 'Gen3ratedPw';\nGRANT INSERT, UPDATE ON orders, order_items TO bindery_reader_writer;";

function scriptsFor(args: Record<string, unknown>): SqlScripts {
  const query = args.query as { tables?: string };
  return {
    readOnly: { engine: "postgres", role: "bindery_reader", sql: readOnlySql },
    ...(query.tables ? { write: { engine: "postgres", role: "bindery_reader_writer", tables: query.tables.split(","), sql: writeSql } } : {}),
    generatedPassword: "Gen3ratedPw",
  };
}

async function openPostgres(handlers: Record<string, Handler> = {}) {
  const fake = createFakePlatform({
    list_integrations: (): Integration[] => [demoIntegration],
    catalog: () => [postgresEntry],
    ...handlers,
  });
  const view = renderWithPlatform(<ProvidersScreen />, fake.platform);
  const entry = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "postgres") as HTMLElement;
  await userEvent.click(within(entry).getByTestId("catalog-add"));
  const dialog = await screen.findByRole("dialog");
  return { ...fake, ...view, dialog: within(dialog) };
}

function fillConnection(dialog: ReturnType<typeof within>) {
  fireEvent.change(dialog.getByTestId("add-field-kind"), { target: { value: "shop_pg" } });
  fireEvent.change(dialog.getByTestId("add-field-host"), { target: { value: "db.internal" } });
  fireEvent.change(dialog.getByTestId("add-field-database"), { target: { value: "shop" } });
  fireEvent.change(dialog.getByTestId("add-field-user"), { target: { value: "bindery_reader" } });
  fireEvent.change(dialog.getByTestId("add-field-password"), { target: { value: SECRET } });
}

function mockClipboard(writeText = vi.fn(async (_text: string) => {})) {
  Object.defineProperty(window.navigator, "clipboard", { value: { writeText }, configurable: true });
  return writeText;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Add a database", () => {
  it("renders a select field with its first option chosen and prefills the port", async () => {
    const { dialog } = await openPostgres();
    const tls = dialog.getByTestId("add-field-sslmode") as HTMLSelectElement;
    expect(tls.tagName).toBe("SELECT");
    expect([...tls.options].map((o) => o.value)).toEqual(["require", "verify-full", "verify-ca", "disable"]);
    expect(tls).toHaveValue("require");
    expect(dialog.getByLabelText("TLS")).toBe(tls);
    expect(dialog.getByTestId("add-field-port")).toHaveValue("5432");
    expect(dialog.getByTestId("add-field-password")).toHaveAttribute("type", "password");
  });

  it("submits the select's value, the port as a string, and the password once", async () => {
    const seen: unknown[] = [];
    const { dialog, client, callsOf } = await openPostgres({
      connect_integration: (args) => {
        seen.push(structuredClone(args));
        return { kind: args.kind, status: "connected", sourceKind: "postgres" };
      },
      discover_integration: () => discoverResult,
    });
    fillConnection(dialog);
    fireEvent.change(dialog.getByTestId("add-field-port"), { target: { value: " 6543 " } });
    await userEvent.selectOptions(dialog.getByTestId("add-field-sslmode"), "verify-full");
    await userEvent.click(dialog.getByTestId("add-submit"));

    expect(await screen.findByTestId("add-result")).toHaveTextContent("4 objects");
    expect(seen).toEqual([
      {
        kind: "shop_pg",
        request: {
          sourceKind: "postgres",
          credentials: { host: "db.internal", port: "6543", database: "shop", user: "bindery_reader", password: SECRET, sslmode: "verify-full" },
        },
      },
    ]);
    expect(callsOf("discover_integration")).toEqual([{ kind: "shop_pg" }]);
    // What react-query keeps of the mutation no longer holds the password.
    const kept = JSON.stringify(client.getMutationCache().getAll().map((m) => m.state.variables));
    expect(kept).toContain("shop_pg");
    expect(kept).not.toContain(SECRET);
    expect(screen.queryByDisplayValue(SECRET)).toBeNull();
  });

  it("clears the password once sent, never puts it in a URL, a log or storage, and explains a refused login", async () => {
    const tokens = new SessionTokenStore(window.sessionStorage);
    tokens.setToken("bindery_sk_test");
    const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
      const url = String(input);
      const ok = (data: unknown) => new Response(JSON.stringify({ success: true, data }), { status: 200 });
      if (url.endsWith("/integrations/catalog")) return ok([postgresEntry]);
      if (url.endsWith("/integrations")) return ok([]);
      if (url.endsWith("/connect") && init?.method === "POST") {
        return new Response(
          JSON.stringify({ title: "Refused", status: 422, detail: "password authentication failed for user bindery_reader", code: "source_refused" }),
          { status: 422, headers: { "Content-Type": "application/problem+json" } },
        );
      }
      return new Response("not found", { status: 404 });
    });
    const logs = (["log", "info", "debug", "warn", "error"] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    renderWithPlatform(<ProvidersScreen />, createHttpPlatform({ tokens, fetch }));
    const entry = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "postgres") as HTMLElement;
    await userEvent.click(within(entry).getByTestId("catalog-add"));
    const dialog = within(await screen.findByRole("dialog"));
    fillConnection(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));

    const panel = await dialog.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "source_refused");
    expect(within(panel).getByTestId("error-hint")).toHaveTextContent("check the user and password");
    expect(dialog.getByTestId("add-field-password")).toHaveValue("");
    expect(dialog.getByTestId("add-field-host")).toHaveValue("db.internal");

    const connect = fetch.mock.calls.find(([u]) => String(u).endsWith("/connect"))!;
    expect(String(connect[0])).toBe("/api/v1/integrations/shop_pg/connect");
    expect(JSON.parse(String(connect[1]?.body)).credentials.password).toBe(SECRET);
    for (const [url] of fetch.mock.calls) expect(String(url)).not.toContain(SECRET);
    expect(window.location.href).not.toContain(SECRET);
    for (const spy of logs) expect(JSON.stringify(spy.mock.calls)).not.toContain(SECRET);
    for (const storage of [window.localStorage, window.sessionStorage]) {
      for (let i = 0; i < storage.length; i++) expect(storage.getItem(storage.key(i)!)).not.toContain(SECRET);
    }
  });

  it("shows unreachable servers by their code and what to check", async () => {
    const { dialog } = await openPostgres({
      connect_integration: () => {
        throw { code: "source_unreachable", status: 502, message: "connection refused (db.internal:5432)" };
      },
    });
    fillConnection(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));
    const panel = await dialog.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "source_unreachable");
    expect(panel).toHaveTextContent("HTTP 502");
    expect(within(panel).getByTestId("error-hint")).toHaveTextContent("check the host and port");
  });

  it("tells how to get going again when the password is gone after a restart", async () => {
    const fake = createFakePlatform({
      list_integrations: (): Integration[] => [{ ...demoIntegration, kind: "shop_pg", displayName: "Shop", sourceKind: "postgres", demo: false }],
      catalog: () => [postgresEntry],
      discover_integration: () => {
        throw { code: "credentials_missing", status: 409, message: "the password of shop_pg is kept only while Bindery runs and is gone; connect it again" };
      },
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const card = await screen.findByTestId("provider-card");
    await userEvent.click(within(card).getByTestId("rediscover"));
    const panel = await within(card).findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "credentials_missing");
    expect(within(panel).getByTestId("error-hint")).toHaveTextContent("Connect it again");
  });
});

describe("Least-privilege login scripts", () => {
  it("asks for the database first, then fetches the scripts with what was typed", async () => {
    const { dialog, callsOf } = await openPostgres({ sql_scripts: scriptsFor });
    await userEvent.click(dialog.getByTestId("sql-scripts-open"));
    expect(dialog.getByTestId("sql-scripts-need-database")).toBeInTheDocument();
    expect(dialog.getByTestId("sql-scripts-generate")).toBeDisabled();
    expect(callsOf("sql_scripts")).toEqual([]);

    fireEvent.change(dialog.getByTestId("add-field-database"), { target: { value: " shop " } });
    await userEvent.click(dialog.getByTestId("sql-scripts-generate"));
    expect((await dialog.findByTestId("sql-script-readonly")).textContent).toBe(readOnlySql);
    expect(callsOf("sql_scripts")).toEqual([{ kind: "postgres", query: { database: "shop" } }]);
    expect(dialog.queryByTestId("sql-script-write")).toBeNull();
    const password = dialog.getByTestId("generated-password");
    expect(within(password).getByTestId("generated-password-value")).toHaveTextContent("Gen3ratedPw");
    expect(password).toHaveTextContent("Bindery does not store it");
    expect(password).toHaveTextContent("makes a new one");
  });

  it("opens with the scripts when the database is typed, and adds the write script for the tables", async () => {
    const { dialog, callsOf } = await openPostgres({ sql_scripts: scriptsFor });
    fireEvent.change(dialog.getByTestId("add-field-database"), { target: { value: "shop" } });
    await userEvent.click(dialog.getByTestId("sql-scripts-open"));
    await dialog.findByTestId("sql-script-readonly");
    expect(callsOf("sql_scripts")).toEqual([{ kind: "postgres", query: { database: "shop" } }]);

    await userEvent.type(dialog.getByTestId("sql-scripts-tables"), "orders, order_items");
    expect(dialog.getByTestId("sql-scripts-stale")).toBeInTheDocument();
    await userEvent.type(dialog.getByTestId("sql-scripts-tables"), "{Enter}");
    expect((await dialog.findByTestId("sql-script-write")).textContent).toBe(writeSql);
    expect(callsOf("sql_scripts").at(-1)).toEqual({ kind: "postgres", query: { database: "shop", tables: "orders,order_items" } });
    expect(dialog.queryByTestId("sql-scripts-stale")).toBeNull();
    // Enter in the tables input made scripts; it did not submit the connect form.
    expect(callsOf("connect_integration")).toEqual([]);
  });

  it("copies each script and the password to the clipboard and says so", async () => {
    const { dialog } = await openPostgres({ sql_scripts: scriptsFor });
    fireEvent.change(dialog.getByTestId("add-field-database"), { target: { value: "shop" } });
    await userEvent.click(dialog.getByTestId("sql-scripts-open"));
    await userEvent.type(await dialog.findByTestId("sql-scripts-tables"), "orders{Enter}");
    await dialog.findByTestId("sql-script-write");

    const writeText = mockClipboard();
    const copies = dialog.getAllByTestId("sql-script-copy");
    expect(copies.map((b) => b.dataset.target)).toEqual(["readonly", "write", "password"]);
    fireEvent.click(copies[0]!);
    expect(await within(copies[0]!).findByText("Copied")).toBeInTheDocument();
    fireEvent.click(copies[1]!);
    fireEvent.click(within(dialog.getByTestId("generated-password")).getByTestId("sql-script-copy"));
    await waitFor(() => expect(writeText).toHaveBeenCalledTimes(3));
    expect(writeText.mock.calls.map(([t]) => t)).toEqual([readOnlySql, writeSql, "Gen3ratedPw"]);
  });

  it("falls back to a hidden textarea when there is no Clipboard API", async () => {
    const { dialog } = await openPostgres({ sql_scripts: scriptsFor });
    fireEvent.change(dialog.getByTestId("add-field-database"), { target: { value: "shop" } });
    await userEvent.click(dialog.getByTestId("sql-scripts-open"));
    await dialog.findByTestId("sql-script-readonly");

    Object.defineProperty(window.navigator, "clipboard", { value: undefined, configurable: true });
    let copied: string | null = null;
    const exec = vi.fn((command: string) => {
      copied = command === "copy" ? (document.activeElement as HTMLTextAreaElement | null)?.value ?? null : null;
      return true;
    });
    const original = Object.getOwnPropertyDescriptor(document, "execCommand");
    Object.defineProperty(document, "execCommand", { value: exec, configurable: true });
    onTestFinished(() => {
      if (original) Object.defineProperty(document, "execCommand", original);
      else delete (document as { execCommand?: unknown }).execCommand;
    });
    const copy = dialog.getAllByTestId("sql-script-copy")[0]!;
    fireEvent.click(copy);
    expect(await within(copy).findByText("Copied")).toBeInTheDocument();
    expect(exec).toHaveBeenCalledWith("copy");
    expect(copied).toBe(readOnlySql);
    expect(document.querySelectorAll("textarea[readonly]")).toHaveLength(0);
  });

  it("shows the core's code when the scripts cannot be made", async () => {
    const { dialog } = await openPostgres({
      sql_scripts: () => {
        throw { code: "validation_error", status: 400, message: "give the database name (?database=)" };
      },
    });
    fireEvent.change(dialog.getByTestId("add-field-database"), { target: { value: "shop" } });
    await userEvent.click(dialog.getByTestId("sql-scripts-open"));
    expect(await dialog.findByTestId("error-panel")).toHaveAttribute("data-code", "validation_error");
  });
});

describe("form helpers", () => {
  it("prefills defaults and a select's first option", () => {
    expect(initialValues(postgresEntry.fields)).toEqual({ port: "5432", sslmode: "require" });
  });

  it("sends strings, trims all but passwords, leaves out empty values", () => {
    const fields = postgresEntry.fields.filter((f) => f.name !== "kind");
    expect(credentialsOf(fields, { host: " db ", port: "5432", password: " pw ", schemas: "  ", user: "u" })).toEqual({
      host: "db",
      port: "5432",
      password: " pw ",
      user: "u",
    });
  });

  it("normalizes the tables list", () => {
    expect(tablesParam(" orders, ,order_items,\nrefunds ")).toBe("orders,order_items,refunds");
    expect(tablesParam("  ")).toBe("");
  });
});
