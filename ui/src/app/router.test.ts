import { describe, expect, it } from "vitest";
import { formatRoute, parseHash, type Route } from "./router";

describe("agent routes", () => {
  it("round-trips agents, an agent, a skill and its try tab", () => {
    const routes: Route[] = [
      { name: "agents", agent: null, skill: null, tab: "overview" },
      { name: "agents", agent: "agt_1", skill: null, tab: "overview" },
      { name: "agents", agent: "agt_1", skill: "skl 2", tab: "overview" },
      { name: "agents", agent: "agt_1", skill: "skl 2", tab: "try" },
    ];
    expect(routes.map(formatRoute)).toEqual(["#/agents", "#/agents/agt_1", "#/agents/agt_1/skills/skl%202", "#/agents/agt_1/skills/skl%202/try"]);
    for (const r of routes) expect(parseHash(formatRoute(r))).toEqual(r);
  });

  it("a try tab needs a skill; anything else under an agent is the agent", () => {
    expect(parseHash("#/agents/agt_1/try")).toEqual({ name: "agents", agent: "agt_1", skill: null, tab: "overview" });
    expect(parseHash("#/agents/agt_1/skills")).toEqual({ name: "agents", agent: "agt_1", skill: null, tab: "overview" });
  });
});
