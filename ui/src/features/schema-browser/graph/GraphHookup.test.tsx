import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { buildUrl, routeFor } from "../../../platform/http";
import { createFakePlatform } from "../../../test/fakePlatform";
import { customersDetail, demoIntegration, demoObjects, pagedObjects } from "../../../test/fixtures";
import { renderWithPlatform } from "../../../test/render";
import { SchemaBrowser } from "../SchemaBrowser";
import { customersGraph } from "./graphFixtures";

describe("graph commands over HTTP", () => {
  it("maps get_graph and find_paths to their routes and query strings", () => {
    const graph = routeFor("get_graph", { kind: "demo fs", focus: "customers", depth: 1, limit: 60 });
    expect(graph).toMatchObject({ method: "GET", path: "/integrations/demo%20fs/graph" });
    expect(buildUrl("/api/v1", graph)).toBe("/api/v1/integrations/demo%20fs/graph?focus=customers&depth=1&limit=60");
    expect(buildUrl("", routeFor("get_graph", { kind: "k", focus: "a/b" }))).toBe("/integrations/k/graph?focus=a%2Fb");

    const paths = routeFor("find_paths", { kind: "demo_fieldservice", from: "customers", to: "appointments", maxHops: 4, max: 5 });
    expect(paths).toMatchObject({ method: "GET", path: "/integrations/demo_fieldservice/paths" });
    expect(buildUrl("/api/v1", paths)).toBe(
      "/api/v1/integrations/demo_fieldservice/paths?from=customers&to=appointments&maxHops=4&max=5",
    );
  });
});

describe("schema browser: Relationships graph", () => {
  it("opens the graph of the open object from the toolbar and goes back to its detail", async () => {
    const fake = createFakePlatform({
      list_integrations: () => [demoIntegration],
      list_objects: pagedObjects(demoObjects),
      get_object: () => customersDetail,
      get_scoping: () => ({ blockedTables: [], blockedColumns: [] }),
      get_graph: () => customersGraph,
    });
    renderWithPlatform(<SchemaBrowser kind="demo_fieldservice" object="customers" />, fake.platform);
    await screen.findByTestId("object-detail");
    const toggle = screen.getByTestId("graph-toggle");
    expect(toggle).toHaveTextContent("Relationships graph");
    expect(toggle).toHaveAttribute("aria-pressed", "false");

    fireEvent.click(toggle);
    expect(await screen.findByTestId("relationship-graph")).toHaveAttribute("data-focus", "customers");
    expect(screen.queryByTestId("object-detail")).toBeNull();
    await screen.findAllByTestId("graph-node");
    expect(fake.callsOf("get_graph")).toEqual([{ kind: "demo_fieldservice", focus: "customers", depth: 1, limit: 60 }]);

    fireEvent.click(screen.getByTestId("graph-open-detail"));
    await screen.findByTestId("object-detail");
    expect(screen.queryByTestId("relationship-graph")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("graph-toggle")).toHaveAttribute("aria-pressed", "false"));
  });
});
