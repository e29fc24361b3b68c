import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Graph, PathsResult } from "../../../api/graphTypes";
import { BinderyError, type CommandArgs } from "../../../platform";
import { createFakePlatform, type Handler } from "../../../test/fakePlatform";
import { demoObjects, pagedObjects } from "../../../test/fixtures";
import { renderWithPlatform } from "../../../test/render";
import { bigGraph, customersGraph, customersToAppointments, jobsGraph } from "./graphFixtures";
import { RelationshipGraph } from "./RelationshipGraph";

const KIND = "demo_fieldservice";
const graphs: Record<string, Graph> = { customers: customersGraph, jobs: jobsGraph };

function setup(handlers: { get_graph?: Handler; find_paths?: Handler } = {}, focus = "customers", follow = false) {
  const fake = createFakePlatform({
    get_graph:
      handlers.get_graph ??
      ((a: CommandArgs) => {
        const g = graphs[String(a.focus)];
        if (!g) throw new BinderyError("object_not_found", 404, `No object ${String(a.focus)}`);
        return g;
      }),
    find_paths: handlers.find_paths ?? ((): PathsResult => customersToAppointments),
    list_objects: pagedObjects(demoObjects),
  });
  const onFocus = vi.fn();
  const onOpen = vi.fn();
  // Like the browser: a focus click navigates, and the graph follows the route's object.
  function Host() {
    const [current, setCurrent] = useState(focus);
    const focusOn = (name: string) => {
      onFocus(name);
      if (follow) setCurrent(name);
    };
    return <RelationshipGraph kind={KIND} focus={current} onFocus={focusOn} onOpen={onOpen} />;
  }
  renderWithPlatform(<Host />, fake.platform);
  return { ...fake, onFocus, onOpen };
}

const nodeEl = (name: string) => screen.getAllByTestId("graph-node").find((n) => n.dataset.name === name);
const names = () => screen.getAllByTestId("graph-node").map((n) => n.dataset.name);

async function findPathTo(target: string) {
  const input = screen.getByTestId("graph-path-to-input");
  fireEvent.focus(input);
  fireEvent.change(input, { target: { value: target.slice(0, 5) } });
  const option = await screen.findByRole("option", { name: new RegExp(target) });
  fireEvent.mouseDown(option);
}

describe("RelationshipGraph", () => {
  it("asks the core for the focus's neighbourhood and draws it, focus first", async () => {
    const { callsOf } = setup();
    await screen.findAllByTestId("graph-node");
    expect(callsOf("get_graph")).toEqual([{ kind: KIND, focus: "customers", depth: 1, limit: 60 }]);
    expect(names()).toEqual(["customers", "invoices", "jobs", "properties"]);
    expect(nodeEl("customers")).toHaveClass("is-focus");
    expect(nodeEl("customers")).toHaveAccessibleName("customers, table · 9 fields · 3 PII, focus");
    expect(screen.getAllByTestId("graph-edge")).toHaveLength(3);
    expect(screen.getByTestId("graph-counts")).toHaveTextContent("4 objects · 3 relationships");
    const edge = screen.getAllByTestId("graph-edge").find((e) => e.dataset.from === "properties")!;
    expect(edge).toHaveTextContent("n1");
    expect(edge.querySelector("title")).toHaveTextContent("properties.customer_id → customers.id (foreign key, n:1)");
  });

  it("a click focuses an object; the new focus gets its own neighbourhood", async () => {
    const { onFocus, callsOf } = setup({}, "customers", true);
    await screen.findAllByTestId("graph-node");
    fireEvent.click(nodeEl("jobs")!);
    expect(onFocus).not.toHaveBeenCalled();
    await waitFor(() => expect(onFocus).toHaveBeenCalledWith("jobs"));
    await waitFor(() => expect(nodeEl("jobs")).toHaveClass("is-focus"));
    expect(callsOf("get_graph").map((a) => a.focus)).toEqual(["customers", "jobs"]);
    expect(names()).toContain("appointments");
    expect(screen.getByTestId("relationship-graph")).toHaveAttribute("data-focus", "jobs");
    // Clicking the focus again asks for nothing.
    fireEvent.click(nodeEl("jobs")!);
    await new Promise((r) => setTimeout(r, 250));
    expect(onFocus).toHaveBeenCalledTimes(1);
  });

  it("expand merges an object's neighbours into the graph around the same focus", async () => {
    const { callsOf } = setup();
    await screen.findAllByTestId("graph-node");
    fireEvent.click(within(nodeEl("jobs")!).getByTestId("graph-node-expand"));
    await waitFor(() => expect(names()).toContain("appointments"));
    expect(callsOf("get_graph")[1]).toEqual({ kind: KIND, focus: "jobs", depth: 1, limit: 60 });
    expect(nodeEl("customers")).toHaveClass("is-focus");
    expect(nodeEl("appointments")).toHaveAttribute("data-distance", "2");
    expect(within(nodeEl("jobs")!).queryByTestId("graph-node-expand")).toBeNull();
    expect(screen.getByTestId("graph-counts")).toHaveTextContent("6 objects · 7 relationships");
  });

  it("finds paths in the core, shows them as breadcrumbs and highlights the chosen one", async () => {
    const { callsOf } = setup();
    await screen.findAllByTestId("graph-node");
    await findPathTo("appointments");
    expect(callsOf("list_objects").at(-1)).toMatchObject({ kind: KIND, q: "appoi", limit: 8 });
    const paths = await screen.findAllByTestId("graph-path");
    expect(callsOf("find_paths")).toEqual([{ kind: KIND, from: "customers", to: "appointments", maxHops: 4, max: 5 }]);
    expect(screen.getAllByTestId("graph-breadcrumb").map((b) => b.getAttribute("aria-label"))).toEqual([
      "customers → jobs → appointments",
      "customers → properties → jobs → appointments",
    ]);
    expect(screen.getByTestId("graph-paths-summary")).toHaveTextContent("2 paths · shortest 2 hops");
    const hops = within(paths[1]!).getAllByTestId("graph-crumb-hop");
    expect(hops.map((h) => h.textContent)).toEqual(["→id ← customer_id", "→id ← property_id", "→id ← job_id"]);
    expect(hops[0]).toHaveAttribute("title", "properties.customer_id references customers.id");

    // The first path is chosen: appointments (not on screen yet) joins, the rest dims.
    expect(paths[0]).toHaveAttribute("aria-checked", "true");
    await waitFor(() => expect(nodeEl("appointments")).toHaveClass("is-path"));
    expect(nodeEl("appointments")).toHaveClass("is-placeholder");
    expect(nodeEl("invoices")).toHaveClass("is-dimmed");
    expect(nodeEl("properties")).toHaveClass("is-dimmed");

    fireEvent.click(paths[1]!);
    await waitFor(() => expect(nodeEl("properties")).toHaveClass("is-path"));
    expect(nodeEl("invoices")).toHaveClass("is-dimmed");
    const lit = screen.getAllByTestId("graph-edge").filter((e) => e.dataset.path === "true");
    expect(lit.map((e) => `${e.dataset.from}>${e.dataset.to}`)).toEqual(["properties>customers", "jobs>properties", "appointments>jobs"]);
    expect(screen.getAllByTestId("graph-edge-label").map((l) => l.textContent)).toContain("property_id → id");

    fireEvent.click(screen.getByTestId("graph-path-clear"));
    await waitFor(() => expect(nodeEl("invoices")).not.toHaveClass("is-dimmed"));
    expect(nodeEl("appointments")).toBeUndefined();
  });

  it("says so when the objects are not connected", async () => {
    setup({ find_paths: () => ({ from: "customers", to: "technicians", paths: [] }) });
    await screen.findAllByTestId("graph-node");
    await findPathTo("technicians");
    expect(await screen.findByTestId("graph-paths-empty")).toHaveTextContent("No path within 4 hops");
  });

  it("moves with the arrow keys, opens with Enter, focuses with Space, expands with E, zooms with + and -", async () => {
    const { onOpen, onFocus, callsOf } = setup();
    await screen.findAllByTestId("graph-node");
    const customers = nodeEl("customers")!;
    customers.focus();
    expect(customers).toHaveFocus();
    fireEvent.keyDown(customers, { key: "ArrowUp" });
    expect(nodeEl("invoices")).toHaveFocus();
    fireEvent.keyDown(nodeEl("invoices")!, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith("invoices");
    fireEvent.keyDown(nodeEl("invoices")!, { key: " " });
    expect(onFocus).toHaveBeenCalledWith("invoices");

    // Zoom before expanding: an expansion re-fits the view when its objects arrive.
    const zoom = () => Number(screen.getByTestId("graph-transform").getAttribute("data-zoom"));
    const before = zoom();
    fireEvent.keyDown(nodeEl("invoices")!, { key: "+" });
    expect(zoom()).toBeCloseTo(before * 1.25, 2);
    fireEvent.keyDown(nodeEl("invoices")!, { key: "-" });
    fireEvent.keyDown(nodeEl("invoices")!, { key: "-" });
    expect(zoom()).toBeCloseTo(before / 1.25, 2);
    fireEvent.click(screen.getByTestId("graph-fit"));
    expect(zoom()).toBeCloseTo(before, 3);

    fireEvent.keyDown(nodeEl("jobs")!, { key: "e" });
    await waitFor(() => expect(callsOf("get_graph").map((a) => a.focus)).toEqual(["customers", "jobs"]));
  });

  it("a double-click opens the object's detail without focusing it first", async () => {
    const { onOpen, onFocus } = setup();
    await screen.findAllByTestId("graph-node");
    const properties = nodeEl("properties")!;
    fireEvent.click(properties, { detail: 1 });
    fireEvent.click(properties, { detail: 2 });
    fireEvent.doubleClick(properties);
    expect(onOpen).toHaveBeenCalledWith("properties");
    await new Promise((r) => setTimeout(r, 250));
    expect(onFocus).not.toHaveBeenCalled();
  });

  it("says when the core capped the neighbourhood and asks for more on request", async () => {
    const { callsOf } = setup({ get_graph: (a) => bigGraph(100, Number(a.limit), 100 - Number(a.limit)) }, "hub");
    const notice = await screen.findByTestId("graph-truncated");
    expect(notice).toHaveTextContent("+40 more not shown around hub (limit 60)");
    expect(within(nodeEl("hub")!).getByTestId("graph-node-more")).toHaveTextContent("+40");
    fireEvent.click(screen.getByTestId("graph-show-more"));
    await waitFor(() => expect(screen.queryByTestId("graph-truncated")).toBeNull());
    expect(callsOf("get_graph").map((a) => a.limit)).toEqual([60, 120]);
    expect(screen.getAllByTestId("graph-node")).toHaveLength(101);
  });

  it("handles errors by code", async () => {
    setup({}, "ghosts");
    const panel = await screen.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "object_not_found");
    expect(panel).toHaveTextContent("ghosts is not in this schema");
  });

  it("explains an older core without the graph", async () => {
    setup({
      get_graph: () => {
        throw new BinderyError("route_not_found", 404, "No route");
      },
    });
    expect(await screen.findByTestId("error-panel")).toHaveTextContent("This Bindery has no relationship graph yet");
  });

  it("shows a path error by code", async () => {
    setup({
      find_paths: () => {
        throw new BinderyError("object_not_found", 404, "No object named appointmentz");
      },
    });
    await screen.findAllByTestId("graph-node");
    await findPathTo("appointments");
    const panel = await screen.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "object_not_found");
    expect(panel).toHaveTextContent("One of the objects is not in this schema");
  });
});
