import { describe, expect, it, vi } from "vitest";
import { BinderyError } from "./errors";
import { buildUrl, createHttpPlatform, routeFor } from "./http";
import { SessionTokenStore, TOKEN_STORAGE_KEY, takeTokenFromLocation } from "./token";

function json(status: number, body: unknown, contentType = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType } });
}

function setup(token: string | null = "bindery_sk_test") {
  const tokens = new SessionTokenStore(window.sessionStorage);
  if (token) tokens.setToken(token);
  const fetch = vi.fn<typeof globalThis.fetch>();
  const platform = createHttpPlatform({ tokens, fetch });
  return { tokens, fetch, platform };
}

describe("HTTP platform", () => {
  it("unwraps the success envelope", async () => {
    const { fetch, platform } = setup();
    fetch.mockResolvedValue(json(200, { success: true, data: [{ kind: "demo_fieldservice" }] }));
    await expect(platform.call("list_integrations")).resolves.toEqual([{ kind: "demo_fieldservice" }]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/v1/integrations");
    expect(init?.method).toBe("GET");
  });

  it("sends the API key as a bearer token on every call", async () => {
    const { fetch, platform } = setup("bindery_sk_abc123");
    fetch.mockImplementation(async () => json(200, { success: true, data: [] }));
    await platform.call("catalog");
    await platform.call("list_objects", { kind: "demo_fieldservice", q: "cust", cursor: null, limit: 50 });
    for (const [, init] of fetch.mock.calls) {
      expect((init?.headers as Record<string, string>).Authorization).toBe("Bearer bindery_sk_abc123");
    }
  });

  it("turns problem+json into a BinderyError carrying the code", async () => {
    const { fetch, platform } = setup();
    fetch.mockResolvedValue(
      json(
        404,
        {
          type: "https://bindery.dev/problems/not-found",
          title: "Not found",
          status: 404,
          detail: "No object named nope in demo_fieldservice",
          code: "object_not_found",
          instance: "/api/v1/integrations/demo_fieldservice/objects/nope",
        },
        "application/problem+json",
      ),
    );
    const err = (await platform.call("get_object", { kind: "demo_fieldservice", object: "nope" }).catch((e: unknown) => e)) as BinderyError;
    expect(err).toBeInstanceOf(BinderyError);
    expect(err.code).toBe("object_not_found");
    expect(err.status).toBe(404);
    expect(err.message).toBe("No object named nope in demo_fieldservice");
  });

  it("gives a code to errors without a problem body", async () => {
    const { fetch, platform } = setup();
    fetch.mockResolvedValue(new Response("upstream exploded", { status: 502, statusText: "Bad Gateway" }));
    const err = await platform.call("catalog").catch((e) => e);
    expect(err).toMatchObject({ code: "http/502", status: 502 });
  });

  it("rejects a 200 that is not the envelope", async () => {
    const { fetch, platform } = setup();
    fetch.mockResolvedValue(json(200, [1, 2, 3]));
    await expect(platform.call("catalog")).rejects.toMatchObject({ code: "client/bad-response" });
  });

  it("reports an unreachable server as client/network", async () => {
    const { fetch, platform } = setup();
    fetch.mockRejectedValue(new TypeError("Failed to fetch"));
    await expect(platform.call("catalog")).rejects.toMatchObject({ code: "client/network", status: 0 });
  });

  it("does not call the server without a key", async () => {
    const { fetch, platform } = setup(null);
    await expect(platform.call("catalog")).rejects.toMatchObject({ code: "auth/missing-token", status: 401 });
    expect(fetch).not.toHaveBeenCalled();
  });

  it("drops the key and remembers why on 401", async () => {
    const { fetch, platform, tokens } = setup("bindery_sk_revoked");
    const onChange = vi.fn();
    tokens.subscribe(onChange);
    fetch.mockResolvedValue(
      json(401, { title: "Unauthorized", status: 401, detail: "Unknown API key", code: "unauthorized" }, "application/problem+json"),
    );
    await expect(platform.call("list_integrations")).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    expect(tokens.hasToken()).toBe(false);
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(tokens.rejection()).toEqual({ code: "unauthorized", message: "Unknown API key" });
    expect(onChange).toHaveBeenCalled();
  });

  it("posts connect with the request as JSON body", async () => {
    const { fetch, platform } = setup();
    fetch.mockResolvedValue(json(200, { success: true, data: { kind: "shop", status: "connected", sourceKind: "sqlite" } }));
    const request = { sourceKind: "sqlite", displayName: "Shop", credentials: { path: "/tmp/shop.db" } };
    await platform.call("connect_integration", { kind: "shop", request });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/v1/integrations/shop/connect");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual(request);
    expect((init?.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });
});

describe("HTTP platform: scoping and SQL scripts", () => {
  it("patches scoping with the full lists as the JSON body", async () => {
    const { fetch, platform } = setup();
    const answer = { blockedTables: ["invoices"], blockedColumns: ["public.customer.email"], objectCount: 8, fieldCount: 60 };
    fetch.mockResolvedValue(json(200, { success: true, data: answer }));
    const scoping = { blockedTables: ["invoices"], blockedColumns: ["public.customer.email"] };
    await expect(platform.call("set_scoping", { kind: "shop", scoping })).resolves.toEqual(answer);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/v1/integrations/shop/scoping");
    expect(init?.method).toBe("PATCH");
    expect(JSON.parse(String(init?.body))).toEqual(scoping);
    expect((init?.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("reads scoping and the SQL scripts with GET", async () => {
    const { fetch, platform } = setup();
    fetch.mockImplementation(async () => json(200, { success: true, data: {} }));
    await platform.call("get_scoping", { kind: "shop db" });
    await platform.call("sql_scripts", { kind: "postgres", query: { database: "shop", tables: "orders,order_items" } });
    expect(fetch.mock.calls.map(([url, init]) => [url, init?.method, init?.body])).toEqual([
      ["/api/v1/integrations/shop%20db/scoping", "GET", undefined],
      ["/api/v1/integrations/postgres/sql/scripts?database=shop&tables=orders%2Corder_items", "GET", undefined],
    ]);
  });

  it("posts test_sql_connection with the credentials in the body, never in the URL", async () => {
    const { fetch, platform } = setup();
    const answer = { ok: true, checks: [{ name: "settings", status: "passed", detail: "ok", elapsedMs: 0 }] };
    fetch.mockResolvedValue(json(200, { success: true, data: answer }));
    const request = {
      sourceKind: "mysql",
      credentials: { host: "db.internal", port: "3306", database: "shop", user: "reader", password: "pw?&=#/ secret" },
    };
    await expect(platform.call("test_sql_connection", { kind: "mysql", request })).resolves.toEqual(answer);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/v1/integrations/mysql/sql/test");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual(request);
    expect((init?.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
    expect(String(url)).not.toContain("secret");
    expect(String(url)).not.toContain(encodeURIComponent("pw?&=#/ secret"));
  });

  it("gives the database errors their codes", async () => {
    const { fetch, platform } = setup();
    for (const [status, code] of [
      [409, "credentials_missing"],
      [422, "source_refused"],
      [502, "source_unreachable"],
    ] as const) {
      fetch.mockResolvedValueOnce(json(status, { title: "x", status, detail: `${code} happened`, code }, "application/problem+json"));
      await expect(platform.call("discover_integration", { kind: "shop" })).rejects.toMatchObject({ code, status });
    }
  });
});

describe("HTTP platform: vault, OAuth sign-in, health, disconnect", () => {
  it("maps the commands to their routes and methods", () => {
    expect(routeFor("vault_status")).toEqual({ method: "GET", path: "/vault" });
    expect(routeFor("set_vault_key_source", { choice: { keySource: "file:/home/ann/vault.key" } })).toEqual({
      method: "PUT",
      path: "/vault",
      body: { keySource: "file:/home/ann/vault.key" },
    });
    expect(routeFor("complete_connect", { kind: "idp x" })).toEqual({ method: "POST", path: "/integrations/idp%20x/connect/complete" });
    expect(routeFor("cancel_connect", { kind: "idp" })).toEqual({ method: "DELETE", path: "/integrations/idp/connect" });
    expect(routeFor("disconnect_integration", { kind: "idp" })).toEqual({ method: "DELETE", path: "/integrations/idp" });
    expect(routeFor("connection_health", { kind: "idp" })).toEqual({ method: "GET", path: "/integrations/idp/health" });
  });

  it("sends PUT /vault with the choice as the JSON body and DELETE without one", async () => {
    const { fetch, platform } = setup();
    fetch.mockImplementation(async () => json(200, { success: true, data: {} }));
    await platform.call("set_vault_key_source", { choice: { keySource: "env:BINDERY_KEY" } });
    await platform.call("disconnect_integration", { kind: "idp" });
    const [url1, put] = fetch.mock.calls[0]!;
    const [url2, del] = fetch.mock.calls[1]!;
    expect([url1, put?.method, put?.body]).toEqual(["/api/v1/vault", "PUT", JSON.stringify({ keySource: "env:BINDERY_KEY" })]);
    expect([url2, del?.method, del?.body]).toEqual(["/api/v1/integrations/idp", "DELETE", undefined]);
  });

  it("gives the vault and sign-in errors their codes", async () => {
    const { fetch, platform } = setup();
    for (const [command, status, code] of [
      ["connect_integration", 503, "vault_unavailable"],
      ["complete_connect", 409, "oauth_not_approved"],
      ["connect_integration", 409, "provider_already_exists"],
    ] as const) {
      fetch.mockResolvedValueOnce(json(status, { title: "x", status, detail: `${code} happened`, code }, "application/problem+json"));
      await expect(platform.call(command, { kind: "idp", request: {} })).rejects.toMatchObject({ code, status });
    }
  });

  it("opens a sign-in page in a new tab without an opener, and only an http(s) page", async () => {
    const { platform } = setup();
    const open = vi.spyOn(window, "open").mockImplementation(() => null);
    try {
      await expect(platform.openSignIn("idp", "http://127.0.0.1:4100/auth?client_id=x")).resolves.toBe(true);
      expect(open).toHaveBeenCalledWith("http://127.0.0.1:4100/auth?client_id=x", "_blank", "noopener");
      await expect(platform.openSignIn("idp", "javascript:alert(1)")).resolves.toBe(false);
      await expect(platform.openSignIn("idp", "file:///etc/passwd")).resolves.toBe(false);
      expect(open).toHaveBeenCalledTimes(1);
    } finally {
      open.mockRestore();
    }
  });
});

describe("routes", () => {
  it("maps list_objects to a query string, leaving out empty q and null cursor", () => {
    expect(buildUrl("/api/v1", routeFor("list_objects", { kind: "demo_fieldservice", q: "", cursor: null, limit: 100 }))).toBe(
      "/api/v1/integrations/demo_fieldservice/objects?limit=100",
    );
    expect(buildUrl("/api/v1", routeFor("list_objects", { kind: "demo_fieldservice", q: "phone no", cursor: "c2", limit: 100 }))).toBe(
      "/api/v1/integrations/demo_fieldservice/objects?q=phone+no&cursor=c2&limit=100",
    );
  });

  it("URL-encodes object names", () => {
    expect(buildUrl("/api/v1", routeFor("get_object", { kind: "github", object: "repos/{owner}/issues#x" }))).toBe(
      "/api/v1/integrations/github/objects/repos%2F%7Bowner%7D%2Fissues%23x",
    );
  });

  it("maps the other commands", () => {
    expect(routeFor("catalog")).toEqual({ method: "GET", path: "/integrations/catalog" });
    expect(routeFor("discover_integration", { kind: "demo" })).toEqual({ method: "POST", path: "/integrations/demo/discover" });
    expect(routeFor("get_schema", { kind: "demo" })).toEqual({ method: "GET", path: "/integrations/demo/schema" });
    expect(buildUrl("", routeFor("list_operations", { kind: "demo", object: "jobs" }))).toBe("/integrations/demo/operations?object=jobs");
    expect(buildUrl("", routeFor("list_operations", { kind: "demo" }))).toBe("/integrations/demo/operations");
    expect(routeFor("list_subscriptions", { kind: "shop gql" })).toEqual({ method: "GET", path: "/integrations/shop%20gql/subscriptions" });
    expect(routeFor("get_scoping", { kind: "demo" })).toEqual({ method: "GET", path: "/integrations/demo/scoping" });
    expect(routeFor("test_sql_connection", { kind: "pg db", request: { sourceKind: "postgres", credentials: {} } })).toEqual({
      method: "POST",
      path: "/integrations/pg%20db/sql/test",
      body: { sourceKind: "postgres", credentials: {} },
    });
    expect(routeFor("set_scoping", { kind: "demo", scoping: { blockedTables: [], blockedColumns: [] } })).toEqual({
      method: "PATCH",
      path: "/integrations/demo/scoping",
      body: { blockedTables: [], blockedColumns: [] },
    });
  });

  it("leaves out the empty parameters of sql_scripts", () => {
    expect(buildUrl("", routeFor("sql_scripts", { kind: "mysql", query: { database: "shop", tables: "" } }))).toBe(
      "/integrations/mysql/sql/scripts?database=shop",
    );
    expect(buildUrl("", routeFor("sql_scripts", { kind: "pg", query: {} }))).toBe("/integrations/pg/sql/scripts");
  });

  it("passes the GraphQL noise filters of list_objects as hide=", () => {
    expect(buildUrl("/api/v1", routeFor("list_objects", { kind: "shop", q: "", cursor: null, limit: 100, hide: "relay,input" }))).toBe(
      "/api/v1/integrations/shop/objects?limit=100&hide=relay%2Cinput",
    );
    expect(buildUrl("/api/v1", routeFor("list_objects", { kind: "shop", q: "cus", cursor: null, limit: 100, hide: "" }))).toBe(
      "/api/v1/integrations/shop/objects?q=cus&limit=100",
    );
  });
});

describe("token from the URL", () => {
  it("takes #token= out of the address bar", () => {
    window.history.replaceState(null, "", "/#token=bindery_sk_fromurl");
    expect(takeTokenFromLocation()).toBe("bindery_sk_fromurl");
    expect(window.location.hash).toBe("");
    expect(window.location.href).not.toContain("bindery_sk_fromurl");
  });

  it("keeps the rest of the fragment", () => {
    window.history.replaceState(null, "", "/#/browser/demo_fieldservice&token=bindery_sk_x");
    expect(takeTokenFromLocation()).toBe("bindery_sk_x");
    expect(window.location.hash).toBe("#/browser/demo_fieldservice");
  });

  it("leaves a URL without a token alone", () => {
    window.history.replaceState(null, "", "/#/providers");
    expect(takeTokenFromLocation()).toBeNull();
    expect(window.location.hash).toBe("#/providers");
  });
});
