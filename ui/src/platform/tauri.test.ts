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
});
