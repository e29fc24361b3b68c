import { describe, expect, it, vi } from "vitest";
import { buildUrl, createHttpPlatform, routeFor } from "./http";
import { SessionTokenStore } from "./token";

describe("agent and skill routes", () => {
  const agent = "agt_1";
  const skill = "skl 2";

  it("maps each command to the core's route, with the Tauri command's arguments", () => {
    expect(routeFor("list_agents")).toEqual({ method: "GET", path: "/agents" });
    expect(routeFor("create_agent", { body: { name: "Front desk" } })).toEqual({ method: "POST", path: "/agents", body: { name: "Front desk" } });
    expect(routeFor("get_agent", { agent })).toEqual({ method: "GET", path: "/agents/agt_1" });
    expect(routeFor("bind_skill", { agent, kind: "demo_fieldservice", binding: { toolName: "t" } })).toEqual({
      method: "POST",
      path: "/agents/agt_1/integrations/demo_fieldservice/bindings",
      body: { toolName: "t" },
    });
    expect(routeFor("list_skills", { agent })).toEqual({ method: "GET", path: "/agents/agt_1/skills" });
    expect(routeFor("get_skill", { agent, skill })).toEqual({ method: "GET", path: "/agents/agt_1/skills/skl%202" });
    expect(routeFor("update_skill", { agent, skill, binding: { toolName: "t" } })).toMatchObject({ method: "PUT", body: { toolName: "t" } });
    expect(routeFor("delete_skill", { agent, skill })).toEqual({ method: "DELETE", path: "/agents/agt_1/skills/skl%202" });
    expect(routeFor("approve_skill", { agent, skill, body: { by: "Ann" } })).toEqual({
      method: "POST",
      path: "/agents/agt_1/skills/skl%202/approve",
      body: { by: "Ann" },
    });
    expect(routeFor("enable_skill", { agent, skill, body: { enabled: true } })).toEqual({
      method: "POST",
      path: "/agents/agt_1/skills/skl%202/enable",
      body: { enabled: true },
    });
    expect(routeFor("publish_agent", { agent, body: { note: "n" } })).toEqual({ method: "POST", path: "/agents/agt_1/publish", body: { note: "n" } });
    expect(routeFor("list_versions", { agent })).toEqual({ method: "GET", path: "/agents/agt_1/versions" });
    expect(buildUrl("/api/v1", routeFor("diff_versions", { agent, version: "ver_1", against: "draft" }))).toBe(
      "/api/v1/agents/agt_1/versions/ver_1/diff?against=draft",
    );
    expect(routeFor("try_skill", { agent, skill, body: { inputs: { caller_phone: "+1" }, confirm: false } })).toEqual({
      method: "POST",
      path: "/agents/agt_1/skills/skl%202/try",
      body: { inputs: { caller_phone: "+1" }, confirm: false },
    });
  });

  it("a try run sends its inputs and confirm flag as the JSON body", async () => {
    const tokens = new SessionTokenStore(window.sessionStorage);
    tokens.setToken("bindery_sk_test");
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(JSON.stringify({ success: true, data: { status: "dryRun" } })));
    const platform = createHttpPlatform({ tokens, fetch });
    await platform.call("try_skill", { agent, skill: "skl_3", body: { inputs: { notes: "x" }, confirm: true } });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe("/api/v1/agents/agt_1/skills/skl_3/try");
    expect(init?.method).toBe("POST");
    expect(JSON.parse(String(init?.body))).toEqual({ inputs: { notes: "x" }, confirm: true });
  });
});
