import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createPlatform } from "./index";
import { BinderyError } from "./errors";

describe("Tauri platform", () => {
  beforeEach(() => {
    // mockIPC does not set it; isTauri() reads globalThis.isTauri.
    (globalThis as any).isTauri = true;
  });
  afterEach(() => {
    clearMocks();
    delete (globalThis as any).isTauri;
  });

  it("is chosen inside Tauri and passes command and args through invoke", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      if (cmd === "list_objects") return { items: [], hasMore: false, total: 0 };
    });
    const platform = createPlatform();
    expect(platform.mode).toBe("tauri");
    expect(platform.auth).toBeNull();
    const page = await platform.call("list_objects", { kind: "demo_fieldservice", q: "cus", cursor: null, limit: 100 });
    expect(page).toEqual({ items: [], hasMore: false, total: 0 });
    expect(seen).toEqual([["list_objects", { kind: "demo_fieldservice", q: "cus", cursor: null, limit: 100 }]]);
  });

  it("invokes list_subscriptions with the kind, and list_objects with hide", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      if (cmd === "list_subscriptions") return [{ id: "Subscription.x" }];
      return { items: [], hasMore: false, total: 0 };
    });
    const platform = createPlatform();
    expect(await platform.call("list_subscriptions", { kind: "shop_gql" })).toEqual([{ id: "Subscription.x" }]);
    await platform.call("list_objects", { kind: "shop_gql", q: "", cursor: null, limit: 100, hide: "relay,input" });
    expect(seen).toEqual([
      ["list_subscriptions", { kind: "shop_gql" }],
      ["list_objects", { kind: "shop_gql", q: "", cursor: null, limit: 100, hide: "relay,input" }],
    ]);
  });

  it("invokes get_scoping, set_scoping and sql_scripts with their arguments as they are", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return {};
    });
    const platform = createPlatform();
    const scoping = { blockedTables: ["main.invoices"], blockedColumns: ["main.customers.phone"] };
    await platform.call("get_scoping", { kind: "demo" });
    await platform.call("set_scoping", { kind: "demo", scoping });
    await platform.call("sql_scripts", { kind: "postgres", query: { database: "shop", tables: "orders" } });
    expect(seen).toEqual([
      ["get_scoping", { kind: "demo" }],
      ["set_scoping", { kind: "demo", scoping }],
      ["sql_scripts", { kind: "postgres", query: { database: "shop", tables: "orders" } }],
    ]);
  });

  it("invokes test_sql_connection with the kind and the request (credentials as strings)", async () => {
    const seen: [string, unknown][] = [];
    const answer = { ok: false, checks: [{ name: "authentication", status: "failed", detail: "password authentication failed", elapsedMs: 12 }] };
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return answer;
    });
    const request = {
      sourceKind: "postgres",
      credentials: { host: "db.internal", port: "5432", database: "shop", user: "reader", password: "s3cret", sslmode: "require" },
    };
    await expect(createPlatform().call("test_sql_connection", { kind: "postgres", request })).resolves.toEqual(answer);
    expect(seen).toEqual([["test_sql_connection", { kind: "postgres", request }]]);
  });

  it("turns a {code,status,message} rejection into a BinderyError", async () => {
    mockIPC(() => {
      throw { code: "provider_not_found", status: 404, message: "No integration nope" };
    });
    const err = await createPlatform().call("get_object", { kind: "nope", object: "x" }).catch((e) => e);
    expect(err).toBeInstanceOf(BinderyError);
    expect(err).toMatchObject({ code: "provider_not_found", status: 404, message: "No integration nope" });
  });

  it("gives a code to a plain string rejection", async () => {
    mockIPC(() => {
      throw "command catalog not found";
    });
    await expect(createPlatform().call("catalog")).rejects.toMatchObject({ code: "client/invoke", message: "command catalog not found" });
  });

  it("uses HTTP outside Tauri and moves the URL token into the session", async () => {
    delete (globalThis as any).isTauri;
    window.history.replaceState(null, "", "/#token=bindery_sk_boot");
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(
      new Response(JSON.stringify({ success: true, data: [] }), { status: 200 }),
    );
    const platform = createPlatform();
    expect(platform.mode).toBe("http");
    expect(platform.auth?.hasToken()).toBe(true);
    expect(window.location.hash).toBe("");
    await platform.call("catalog");
    expect((fetch.mock.calls[0]![1]?.headers as Record<string, string>).Authorization).toBe("Bearer bindery_sk_boot");
  });

  it("asks the shell to open a sign-in page by kind only (the shell opens the URL it kept)", async () => {
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      if (cmd === "open_oauth_url") return true;
      if (cmd === "cancel_connect") return { kind: "idp", cancelled: true };
    });
    const platform = createPlatform();
    await expect(platform.openSignIn("idp", "https://evil.example/steal")).resolves.toBe(true);
    await platform.call("cancel_connect", { kind: "idp" });
    await platform.call("set_vault_key_source", { choice: { keySource: "keyring" } });
    expect(seen).toEqual([
      ["open_oauth_url", { kind: "idp" }],
      ["cancel_connect", { kind: "idp" }],
      ["set_vault_key_source", { choice: { keySource: "keyring" } }],
    ]);
  });

  it("turns a shell refusal into a BinderyError", async () => {
    mockIPC((cmd) => {
      if (cmd === "open_oauth_url") throw { code: "validation_error", status: 400, message: "no sign-in is waiting for idp" };
    });
    await expect(createPlatform().openSignIn("idp", "")).rejects.toMatchObject({ code: "validation_error", status: 400 });
  });
});
