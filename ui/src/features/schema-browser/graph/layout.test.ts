import { describe, expect, it } from "vitest";
import { layoutGraph, neighbourInDirection, nodeWidth } from "./layout";
import { fromGraph, mergeGraph, type GraphModel } from "./model";
import { fitTransform, zoomAround } from "./usePanZoom";
import { bigGraph, customersGraph, jobsGraph } from "./graphFixtures";

const positions = (m: GraphModel) => [...layoutGraph(m).boxes.values()].map((b) => [b.name, b.x, b.y, b.ring]);

describe("graph layout", () => {
  it("is deterministic: the same graph, in any order, gives the same picture", () => {
    const m = mergeGraph(fromGraph(customersGraph), jobsGraph);
    const shuffled: GraphModel = { ...m, nodes: [...m.nodes].reverse(), edges: [...m.edges].reverse() };
    expect(positions(shuffled).sort()).toEqual(positions(m).sort());
    expect(layoutGraph(m)).toEqual(layoutGraph(m));
  });

  it("puts the focus in the centre and neighbours on rings by distance", () => {
    const layout = layoutGraph(mergeGraph(fromGraph(customersGraph), jobsGraph));
    const c = layout.boxes.get("customers")!;
    expect([c.x, c.y, c.ring]).toEqual([0, 0, 0]);
    const r = (n: string) => Math.hypot(layout.boxes.get(n)!.x, layout.boxes.get(n)!.y);
    expect(r("jobs")).toBeCloseTo(r("properties"), 0);
    expect(r("appointments")).toBeGreaterThan(r("jobs") + 100);
    expect(layout.boxes.get("appointments")!.ring).toBe(2);
    // The first ring starts at the top, alphabetically.
    expect(layout.order).toEqual(["customers", "invoices", "jobs", "properties", "appointments", "service_types"]);
    expect(layout.boxes.get("invoices")!.y).toBeLessThan(0);
    expect(layout.boxes.get("invoices")!.x).toBe(0);
  });

  it("keeps an outer object near the object that leads to it, without overlaps", () => {
    const layout = layoutGraph(mergeGraph(fromGraph(customersGraph), jobsGraph));
    const angle = (n: string) => Math.atan2(layout.boxes.get(n)!.y, layout.boxes.get(n)!.x);
    const gap = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));
    expect(gap(angle("appointments"), angle("jobs"))).toBeLessThan(Math.PI / 3);
    expect(gap(angle("service_types"), angle("jobs"))).toBeLessThan(Math.PI / 3);
    const a = layout.boxes.get("appointments")!;
    const s = layout.boxes.get("service_types")!;
    expect(Math.abs(a.x - s.x) >= (a.w + s.w) / 2 || Math.abs(a.y - s.y) >= (a.h + s.h) / 2).toBe(true);
  });

  it("spreads a crowded ring so boxes do not overlap", () => {
    const layout = layoutGraph(fromGraph(bigGraph(60, 60)));
    const boxes = [...layout.boxes.values()].filter((b) => b.ring === 1);
    expect(boxes).toHaveLength(60);
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i]!;
      const b = boxes[(i + 1) % boxes.length]!;
      const apart = Math.abs(a.x - b.x) >= (a.w + b.w) / 2 || Math.abs(a.y - b.y) >= (a.h + b.h) / 2;
      expect(apart).toBe(true);
    }
  });

  it("draws one curve per edge, fanning out parallel edges", () => {
    const m = fromGraph({
      ...customersGraph,
      edges: [...customersGraph.edges, { ...customersGraph.edges[1]!, fromFields: ["billed_to"] }],
    });
    const layout = layoutGraph(m);
    expect(layout.edges).toHaveLength(4);
    const between = layout.edges.filter((e) => e.key.startsWith("jobs>customers"));
    expect(between).toHaveLength(2);
    expect(between[0]!.d).not.toEqual(between[1]!.d);
    for (const e of layout.edges) expect(e.d).toMatch(/^M-?[\d.]+,-?[\d.]+ Q/);
  });

  it("moves between objects with the arrow keys", () => {
    const layout = layoutGraph(fromGraph(customersGraph));
    // invoices at the top, then clockwise: jobs (lower right), properties (lower left).
    expect(neighbourInDirection(layout, "customers", "ArrowUp")).toBe("invoices");
    expect(neighbourInDirection(layout, "invoices", "ArrowDown")).toBe("customers");
    expect(neighbourInDirection(layout, "customers", "ArrowRight")).toBe("jobs");
    expect(neighbourInDirection(layout, "customers", "ArrowLeft")).toBe("properties");
  });

  it("sizes nodes from their text", () => {
    const short = nodeWidth({ name: "jobs", kind: "table", fieldCount: 3, piiCount: 0, distance: 1, placeholder: false });
    const long = nodeWidth({ name: "invoice_line_items_archive", kind: "table", fieldCount: 3, piiCount: 0, distance: 1, placeholder: false });
    expect(short).toBeGreaterThanOrEqual(96);
    expect(long).toBeGreaterThan(short);
  });

  it("fits the bounds in the viewport and zooms around a point", () => {
    const t = fitTransform({ minX: -200, minY: -100, maxX: 200, maxY: 100 }, 1000, 600);
    expect(t.k).toBe(1.25);
    expect(t.x).toBe(500);
    expect(t.y).toBe(300);
    const z = zoomAround({ x: 0, y: 0, k: 1 }, 2, 100, 100);
    expect(z).toEqual({ k: 2, x: -100, y: -100 });
    expect(zoomAround({ x: 0, y: 0, k: 1 }, 100, 0, 0).k).toBe(2.5);
  });
});
