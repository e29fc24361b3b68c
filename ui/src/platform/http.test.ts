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
