import { QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { PlatformProvider } from "../../api/context";
import type { SourceKind } from "../../api/types";
import { createFakePlatform } from "../../test/fakePlatform";
import { demoObjects, pagedObjects } from "../../test/fixtures";
import { pagedShopObjects, shopObjects } from "../../test/graphqlFixtures";
import { renderWithPlatform, testQueryClient } from "../../test/render";
import { browserFiltersKey } from "./browserFilters";
import { ObjectList } from "./ObjectList";

function setup({ kind = "shop_gql", sourceKind = "graphql" as SourceKind | null, sourceKnown = true } = {}) {
  const fake = createFakePlatform({ list_objects: pagedShopObjects() });
  const view = renderWithPlatform(
    <ObjectList kind={kind} selected={null} onOpen={vi.fn()} sourceKind={sourceKind} sourceKnown={sourceKnown} />,
    fake.platform,
  );
  return { ...fake, view };
}

const rowNames = () => screen.getAllByTestId("object-row").map((r) => r.dataset.name);

describe("ObjectList of a GraphQL provider: noise filters", () => {
  it("hides Relay wrappers and input types by default, sending hide= to the core", async () => {
    const { callsOf } = setup();
    await waitFor(() => expect(rowNames()).toEqual(["Customer", "CustomerStatus", "Node", "Order", "SearchResult"]));
    expect(callsOf("list_objects")).toEqual([{ kind: "shop_gql", q: "", cursor: null, limit: 100, hide: "relay,input" }]);
    expect(screen.getByTestId("filter-hide-relay")).toBeChecked();
    expect(screen.getByTestId("filter-hide-input")).toBeChecked();
    // The total is the core's, after the filter.
    expect(screen.getByTestId("object-total")).toHaveAttribute("data-total", "5");
  });

  it("shows Relay wrappers when that filter is turned off, and remembers it for the provider", async () => {
    const { callsOf, view } = setup();
    await screen.findAllByTestId("object-row");
    fireEvent.click(screen.getByTestId("filter-hide-relay"));
    await waitFor(() => expect(rowNames()).toContain("CustomerConnection"));
    expect(rowNames()).not.toContain("CustomerInput");
    expect(callsOf("list_objects").at(-1)).toEqual({ kind: "shop_gql", q: "", cursor: null, limit: 100, hide: "input" });
    expect(screen.getByTestId("filter-hide-relay")).not.toBeChecked();
    expect(JSON.parse(window.localStorage.getItem(browserFiltersKey("shop_gql")) ?? "{}")).toMatchObject({ hideRelay: false, hideInput: true });

    // A fresh mount (another visit) starts from the remembered filters.
    view.unmount();
    const again = setup();
    await screen.findAllByTestId("object-row");
    expect(again.callsOf("list_objects")[0]).toMatchObject({ hide: "input" });
    expect(screen.getByTestId("filter-hide-relay")).not.toBeChecked();
    expect(screen.getByTestId("filter-hide-input")).toBeChecked();
  });

  it("sends no hide= at all when both filters are off", async () => {
    const { callsOf } = setup();
    await screen.findAllByTestId("object-row");
    fireEvent.click(screen.getByTestId("filter-hide-relay"));
    fireEvent.click(screen.getByTestId("filter-hide-input"));
    await waitFor(() => expect(rowNames()).toHaveLength(shopObjects.length));
    expect(callsOf("list_objects").at(-1)).toEqual({ kind: "shop_gql", q: "", cursor: null, limit: 100 });
    expect(screen.getByTestId("object-total")).toHaveAttribute("data-total", String(shopObjects.length));
  });

  it("remembers filters per provider", async () => {
    window.localStorage.setItem(browserFiltersKey("other_gql"), JSON.stringify({ hideRelay: false, hideInput: false }));
    const { callsOf } = setup({ kind: "shop_gql" });
    await screen.findAllByTestId("object-row");
    expect(callsOf("list_objects")[0]).toMatchObject({ hide: "relay,input" });
  });

  it("waits for the provider's source before the first page", async () => {
    const fake = createFakePlatform({ list_objects: pagedShopObjects() });
    const client = testQueryClient();
    const tree = (sourceKind: SourceKind | null, sourceKnown: boolean) => (
      <QueryClientProvider client={client}>
        <PlatformProvider platform={fake.platform}>
          <ObjectList kind="shop_gql" selected={null} onOpen={vi.fn()} sourceKind={sourceKind} sourceKnown={sourceKnown} />
        </PlatformProvider>
      </QueryClientProvider>
    );
    const view = render(tree(null, false));
    expect(screen.getByTestId("loading")).toBeInTheDocument();
    await new Promise((r) => setTimeout(r, 30));
    expect(fake.callsOf("list_objects")).toEqual([]);
    view.rerender(tree("graphql", true));
    await screen.findAllByTestId("object-row");
    expect(fake.callsOf("list_objects")).toEqual([{ kind: "shop_gql", q: "", cursor: null, limit: 100, hide: "relay,input" }]);
  });

  it("says the filters may hide what was searched for", async () => {
    setup();
    await screen.findAllByTestId("object-row");
    fireEvent.change(screen.getByTestId("object-search"), { target: { value: "Connection" } });
    expect(await screen.findByText("No matches")).toBeInTheDocument();
    expect(screen.getByText(/hidden by the filters above/)).toBeInTheDocument();
  });
});

describe("ObjectList kind badges", () => {
  it("badges every row with its kind, and Relay wrappers with their part", async () => {
    setup();
    await screen.findAllByTestId("object-row");
    fireEvent.click(screen.getByTestId("filter-hide-relay"));
    fireEvent.click(screen.getByTestId("filter-hide-input"));
    await waitFor(() => expect(rowNames()).toHaveLength(shopObjects.length));
    const kinds = Object.fromEntries(
      screen.getAllByTestId("object-row").map((r) => [r.dataset.name, within(r).getByTestId("kind-badge").dataset.kind]),
    );
    expect(kinds).toEqual({
      Customer: "type",
      CustomerConnection: "type",
      CustomerEdge: "type",
      CustomerInput: "input",
      CustomerStatus: "enum",
      Node: "interface",
      Order: "type",
      PageInfo: "type",
      SearchResult: "union",
    });
    const row = (name: string) => screen.getAllByTestId("object-row").find((r) => r.dataset.name === name)!;
    expect(within(row("Node")).getByTestId("kind-badge")).toHaveTextContent("interface");
    expect(within(row("Node")).getByTestId("kind-badge")).toHaveClass("kind-badge-interface");
    expect(within(row("CustomerInput")).getByTestId("kind-badge")).toHaveTextContent("input");
    expect(within(row("CustomerEdge")).getByTestId("relay-badge")).toHaveAttribute("data-relay", "edge");
    expect(within(row("CustomerEdge")).getByTestId("relay-badge")).toHaveTextContent("edge");
    expect(row("PageInfo")).toHaveAttribute("data-relay", "pageInfo");
    expect(within(row("Customer")).queryByTestId("relay-badge")).toBeNull();
  });
});

describe("ObjectList of a non-GraphQL provider", () => {
  it("has no noise filters and never sends hide=, even with filters stored", async () => {
    window.localStorage.setItem(browserFiltersKey("demo_fieldservice"), JSON.stringify({ hideRelay: true, hideInput: true }));
    const fake = createFakePlatform({ list_objects: pagedObjects(demoObjects) });
    renderWithPlatform(<ObjectList kind="demo_fieldservice" selected={null} onOpen={vi.fn()} sourceKind="sqlite" />, fake.platform);
    await screen.findAllByTestId("object-row");
    expect(screen.queryByTestId("filter-hide-relay")).toBeNull();
    expect(screen.queryByTestId("filter-hide-input")).toBeNull();
    expect(fake.callsOf("list_objects")).toEqual([{ kind: "demo_fieldservice", q: "", cursor: null, limit: 100 }]);
    const table = screen.getAllByTestId("object-row").find((r) => r.dataset.name === "customers")!;
    expect(within(table).getByTestId("kind-badge")).toHaveAttribute("data-kind", "table");
  });
});
