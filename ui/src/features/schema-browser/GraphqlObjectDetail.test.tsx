import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { SourceKind } from "../../api/types";
import { createFakePlatform } from "../../test/fakePlatform";
import { customersDetail } from "../../test/fixtures";
import { shopDetails } from "../../test/graphqlFixtures";
import { renderWithPlatform } from "../../test/render";
import { browserFiltersKey } from "./browserFilters";
import { ObjectDetailPane } from "./ObjectDetail";

function setup(object: string, sourceKind: SourceKind | null = "graphql") {
  const fake = createFakePlatform({
    get_object: (args) => {
      const detail = shopDetails[String(args.object)];
      if (!detail) throw { code: "object_not_found", status: 404, message: `No object named ${String(args.object)}` };
      return detail;
    },
  });
  const onNavigate = vi.fn();
  const view = renderWithPlatform(<ObjectDetailPane kind="shop_gql" object={object} onNavigate={onNavigate} sourceKind={sourceKind} />, fake.platform);
  return { ...fake, onNavigate, view };
}

const fieldNames = () => screen.getAllByTestId("field-row").map((r) => r.dataset.name);
const fieldRow = (name: string) => screen.getAllByTestId("field-row").find((r) => r.dataset.name === name)!;

describe("ObjectDetail of a GraphQL type: deprecated fields", () => {
  it("hides deprecated fields by default and says how many", async () => {
    setup("Customer");
    await screen.findByTestId("object-detail");
    expect(fieldNames()).toEqual(["id", "name", "orders"]);
    expect(screen.getByTestId("filter-hide-deprecated")).toBeChecked();
    expect(screen.getByTestId("deprecated-hidden-count")).toHaveTextContent("3 deprecated hidden");
    expect(screen.queryByTestId("field-deprecated")).toBeNull();
  });

  it("shows them, marked with the reason, when the switch is turned off, and remembers that", async () => {
    setup("Customer");
    await screen.findByTestId("object-detail");
    fireEvent.click(screen.getByTestId("filter-hide-deprecated"));
    expect(fieldNames()).toEqual(["id", "name", "email", "phone", "legacyCode", "orders"]);
    expect(screen.queryByTestId("deprecated-hidden-count")).toBeNull();
    const email = fieldRow("email");
    expect(email).toHaveAttribute("data-deprecated", "true");
    expect(within(email).getByTestId("field-deprecated")).toHaveAttribute("title", "Deprecated: Use emails.");
    expect(within(email).getByText("email")).toHaveClass("is-deprecated");
    // No reason given: still marked.
    expect(within(fieldRow("phone")).getByTestId("field-deprecated")).toHaveAttribute("title", "Deprecated");
    expect(within(fieldRow("phone")).getByText("phone")).toHaveClass("is-deprecated");
    expect(within(fieldRow("name")).queryByTestId("field-deprecated")).toBeNull();
    expect(within(fieldRow("name")).getByText("name")).not.toHaveClass("is-deprecated");
    expect(JSON.parse(window.localStorage.getItem(browserFiltersKey("shop_gql")) ?? "{}")).toMatchObject({ hideDeprecated: false });
  });

  it("starts from the remembered choice", async () => {
    window.localStorage.setItem(browserFiltersKey("shop_gql"), JSON.stringify({ hideDeprecated: false }));
    setup("Customer");
    await screen.findByTestId("object-detail");
    expect(screen.getByTestId("filter-hide-deprecated")).not.toBeChecked();
    expect(fieldNames()).toContain("legacyCode");
  });

  it("offers the switch on every GraphQL object, but not on a SQL table without deprecated fields", async () => {
    const { view } = setup("Node");
    await screen.findByTestId("object-detail");
    expect(screen.getByTestId("filter-hide-deprecated")).toBeChecked();
    expect(screen.queryByTestId("deprecated-hidden-count")).toBeNull();
    view.unmount();
    const fake = createFakePlatform({ get_object: () => customersDetail });
    renderWithPlatform(<ObjectDetailPane kind="demo_fieldservice" object="customers" onNavigate={vi.fn()} sourceKind="sqlite" />, fake.platform);
    await screen.findByTestId("object-detail");
    expect(screen.queryByTestId("filter-hide-deprecated")).toBeNull();
    expect(screen.getAllByTestId("field-row")).toHaveLength(customersDetail.object.fields.length);
  });
});

describe("ObjectDetail of a GraphQL type: fields", () => {
  it("marks a Relay connection field and says which connection and path", async () => {
    setup("Customer");
    await screen.findByTestId("object-detail");
    const orders = fieldRow("orders");
    expect(orders).toHaveTextContent("list<Order>");
    const chip = within(orders).getByTestId("field-connection");
    expect(chip).toHaveTextContent("connection");
    expect(chip).toHaveAttribute("title", "Relay connection OrderConnection via edges.node");
    expect(within(fieldRow("name")).queryByTestId("field-connection")).toBeNull();
  });

  it("keeps a field's arguments collapsed until asked, then shows name: type = default", async () => {
    const { onNavigate } = setup("Customer");
    await screen.findByTestId("object-detail");
    const args = within(fieldRow("orders")).getByTestId("field-arguments");
    const toggle = within(args).getByRole("button");
    expect(toggle).toHaveTextContent("(3 args)");
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(within(args).queryAllByTestId("field-argument")).toHaveLength(0);

    fireEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    const items = within(args).getAllByTestId("field-argument");
    expect(items.map((i) => i.dataset.name)).toEqual(["first", "after", "status"]);
    expect(items[0]).toHaveTextContent("first: integer = 10");
    expect(items[1]).toHaveTextContent("after: string");
    expect(items[1]).not.toHaveTextContent("=");
    expect(items[2]).toHaveTextContent("status*: OrderStatus");
    expect(within(items[2] as HTMLElement).getByTestId("argument-deprecated")).toHaveAttribute("title", "Deprecated: Filter with query.");
    fireEvent.click(within(items[2] as HTMLElement).getByRole("button", { name: "OrderStatus" }));
    expect(onNavigate).toHaveBeenCalledWith("OrderStatus");

    fireEvent.click(toggle);
    expect(within(args).queryAllByTestId("field-argument")).toHaveLength(0);
    expect(within(fieldRow("name")).queryByTestId("field-arguments")).toBeNull();
  });

  it("marks a mutation payload's userErrors as not projectable", async () => {
    setup("CustomerCreatePayload");
    await screen.findByTestId("object-detail");
    expect(within(fieldRow("userErrors")).getByTestId("field-user-errors")).toHaveTextContent("userErrors — not projectable");
    expect(within(fieldRow("customer")).queryByTestId("field-user-errors")).toBeNull();
  });
});

describe("ObjectDetail of GraphQL abstract types and enums", () => {
  it("shows the kind badge and the interfaces a type implements, as links", async () => {
    const { onNavigate } = setup("Customer");
    const detail = await screen.findByTestId("object-detail");
    expect(within(detail).getAllByTestId("kind-badge")[0]).toHaveAttribute("data-kind", "type");
    const impl = screen.getByTestId("object-implements");
    expect(within(impl).getAllByTestId("implements-link").map((l) => l.textContent)).toEqual(["Node", "Timestamped"]);
    fireEvent.click(within(impl).getByText("Timestamped"));
    expect(onNavigate).toHaveBeenCalledWith("Timestamped");
    const rel = screen.getAllByTestId("relationship-row").find((r) => r.dataset.other === "Node")!;
    expect(rel).toHaveTextContent("implements");
    expect(screen.queryByTestId("object-members")).toBeNull();
  });

  it("lists an interface's implementing types as links", async () => {
    const { onNavigate } = setup("Node");
    await screen.findByTestId("object-detail");
    expect(screen.getByTestId("kind-badge")).toHaveAttribute("data-kind", "interface");
    expect(screen.getByRole("heading", { name: /Implemented by/ })).toBeInTheDocument();
    const members = screen.getByTestId("object-members");
    expect(within(members).getAllByTestId("member-link").map((l) => l.dataset.name)).toEqual(["Customer", "Order"]);
    fireEvent.click(within(members).getByText("Order"));
    expect(onNavigate).toHaveBeenCalledWith("Order");
  });

  it("lists a union's members and leaves out the empty fields section", async () => {
    const { onNavigate } = setup("SearchResult");
    await screen.findByTestId("object-detail");
    expect(screen.getByTestId("kind-badge")).toHaveAttribute("data-kind", "union");
    expect(screen.getByRole("heading", { name: /Members/ })).toBeInTheDocument();
    fireEvent.click(within(screen.getByTestId("object-members")).getByText("Customer"));
    expect(onNavigate).toHaveBeenCalledWith("Customer");
    expect(screen.queryByText("No fields.")).toBeNull();
    expect(screen.getByTestId("relationship-row")).toHaveTextContent("union member");
  });

  it("lists an enum's values in source order with deprecated ones marked", async () => {
    setup("CustomerStatus");
    await screen.findByTestId("object-detail");
    expect(screen.getByTestId("kind-badge")).toHaveAttribute("data-kind", "enum");
    const values = within(screen.getByTestId("enum-values")).getAllByTestId("enum-value");
    expect(values.map((v) => v.dataset.name)).toEqual(["ACTIVE", "DISABLED", "ARCHIVED"]);
    expect(values[0]).toHaveTextContent("Can buy.");
    expect(values[1]).toHaveAttribute("data-deprecated", "true");
    expect(within(values[1] as HTMLElement).getByTestId("enum-value-deprecated")).toHaveAttribute("title", "Deprecated: Use ARCHIVED.");
    expect(within(values[1] as HTMLElement).getByText("DISABLED")).toHaveClass("is-deprecated");
    expect(values[2]).not.toHaveAttribute("data-deprecated");
    expect(screen.queryByText("No fields.")).toBeNull();
  });

  it("badges a Relay wrapper type in the header", async () => {
    setup("CustomerConnection");
    await screen.findByTestId("object-detail");
    expect(screen.getByTestId("relay-badge")).toHaveAttribute("data-relay", "connection");
  });
});

describe("ObjectDetail of a GraphQL type: operations", () => {
  it("badges QUERY / MUTATION instead of an HTTP method and marks deprecated operations", async () => {
    setup("Customer");
    await screen.findByTestId("object-detail");
    const ops = screen.getAllByTestId("operation-row");
    expect(ops.map((o) => within(o).getByTestId("operation-kind-badge").textContent)).toEqual(["QUERY", "MUTATION", "MUTATION"]);
    expect(screen.queryByTestId("http-method")).toBeNull();
    const [query, create, remove] = ops as [HTMLElement, HTMLElement, HTMLElement];
    expect(within(query).getByTestId("operation-kind-badge")).toHaveAttribute("data-kind", "query");
    expect(within(query).getByTestId("argument")).toHaveTextContent("= 20");
    expect(within(create).queryByTestId("operation-deprecated")).toBeNull();
    expect(remove).toHaveAttribute("data-deprecated", "true");
    expect(within(remove).getByTestId("operation-deprecated")).toHaveAttribute("title", "Deprecated: Use customerDelete.");
  });
});
