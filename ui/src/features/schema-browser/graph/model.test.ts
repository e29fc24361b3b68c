import { describe, expect, it } from "vitest";
import { distancesFrom, edgeKey, findHopEdge, fromGraph, mergeGraph, pathHighlight, withPath } from "./model";
import { bigGraph, customersGraph, fk, jobsGraph, viaProperties } from "./graphFixtures";

describe("graph model", () => {
  it("takes one neighbourhood as the core sent it", () => {
    const m = fromGraph(customersGraph);
    expect(m.focus).toBe("customers");
    expect(m.nodes.map((n) => [n.name, n.distance])).toEqual([
      ["customers", 0],
      ["invoices", 1],
      ["jobs", 1],
      ["properties", 1],
    ]);
    expect(m.expanded).toEqual(["customers"]);
    expect(m.truncated).toEqual([]);
    expect(m.nodes.find((n) => n.name === "customers")!.piiCount).toBe(3);
    expect(m.nodes.find((n) => n.name === "properties")!.piiCount).toBe(2);
  });

  it("merges an expanded neighbourhood: new objects and edges join, distances count from the focus", () => {
    const m = mergeGraph(fromGraph(customersGraph), jobsGraph);
    expect(m.focus).toBe("customers");
    expect(m.expanded).toEqual(["customers", "jobs"]);
    const dist = Object.fromEntries(m.nodes.map((n) => [n.name, n.distance]));
    expect(dist).toEqual({ customers: 0, properties: 1, jobs: 1, invoices: 1, appointments: 2, service_types: 2 });
    // jobs→customers came twice: kept once.
    expect(m.edges.filter((e) => e.from === "jobs" && e.to === "customers")).toHaveLength(1);
    expect(m.edges).toHaveLength(3 + 4);
    // Merging the same answer again changes nothing.
    expect(mergeGraph(m, jobsGraph)).toEqual(m);
  });

  it("records a truncated neighbourhood and what the core left out", () => {
    const m = fromGraph(bigGraph(100, 60, 40));
    expect(m.nodes).toHaveLength(61);
    expect(m.truncated).toEqual([{ name: "hub", omitted: 40 }]);
    expect(fromGraph(bigGraph(100, 60)).truncated).toEqual([{ name: "hub", omitted: null }]);
  });

  it("adds a path's missing objects and hops as placeholders, and lights exactly the path", () => {
    const m = withPath(fromGraph(customersGraph), viaProperties);
    const appointments = m.nodes.find((n) => n.name === "appointments")!;
    expect(appointments.placeholder).toBe(true);
    expect(appointments.distance).toBe(2);
    // properties→jobs and appointments→jobs were not on screen: added the way the core orients edges.
    expect(m.edges.filter((e) => e.fromPath).map((e) => edgeKey(e))).toEqual(["jobs>properties:property_id=id", "appointments>jobs:job_id=id"]);
    const lit = pathHighlight(m, viaProperties);
    expect([...lit.nodes]).toEqual(viaProperties.objects);
    expect([...lit.edges]).toEqual(["properties>customers:customer_id=id", "jobs>properties:property_id=id", "appointments>jobs:job_id=id"]);
    // The real neighbourhood replaces a placeholder when it arrives.
    const merged = mergeGraph(m, jobsGraph);
    expect(merged.nodes.find((n) => n.name === "appointments")!.placeholder).toBe(false);
    expect(merged.edges.filter((e) => e.fromPath)).toEqual([]);
  });

  it("matches a hop to an edge by its fields, else by the pair", () => {
    const edges = fromGraph({ ...customersGraph, edges: [fk("jobs", "customer_id", "customers"), fk("jobs", "billed_to", "customers")] }).edges;
    const hop = { from: "customers", to: "jobs", fromFields: ["id"], toFields: ["billed_to"], direction: "backward" as const, joinable: true };
    expect(findHopEdge(edges, hop)?.fromFields).toEqual(["billed_to"]);
    expect(findHopEdge(edges, { ...hop, toFields: ["other"] })?.fromFields).toEqual(["customer_id"]);
  });

  it("walks relationships both ways for distances; unconnected objects have none", () => {
    const d = distancesFrom("a", ["a", "b", "c", "z"], [
      { from: "b", to: "a" },
      { from: "b", to: "c" },
    ]);
    expect(Object.fromEntries(d)).toEqual({ a: 0, b: 1, c: 2, z: Infinity });
  });
});
