import { QueryClient } from "@tanstack/react-query";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { Handler } from "../../test/fakePlatform";
import { createFakePlatform } from "../../test/fakePlatform";
import { shopOperations, shopSubscriptions } from "../../test/graphqlFixtures";
import { renderWithPlatform } from "../../test/render";
import { ObjectDetailPane } from "./ObjectDetail";

const restOps = [
  { id: "listPets", title: "List pets", object: "Pet", class: "read", idempotent: true, transport: "native_rest", http: { method: "GET", path: "/pets" }, arguments: [], tags: ["pets"] },
];

function overview(operations: unknown[], subscriptions: Handler, client?: QueryClient) {
  const fake = createFakePlatform({ list_operations: () => operations, list_subscriptions: subscriptions });
  const onNavigate = vi.fn();
  renderWithPlatform(<ObjectDetailPane kind="shop_gql" object={null} onNavigate={onNavigate} />, fake.platform, client);
  return { ...fake, onNavigate };
}

describe("Operations overview of a GraphQL provider", () => {
  it("groups by Query / Mutation with QUERY / MUTATION badges and marks deprecated operations", async () => {
    overview(shopOperations, () => []);
    const groups = await screen.findAllByTestId("operation-group");
    expect(groups.map((g) => g.dataset.tag)).toEqual(["Mutation", "Query"]);
    const kinds = screen.getAllByTestId("operation-line").map((l) => [l.dataset.id, within(l).getByTestId("operation-kind-badge").textContent]);
    expect(kinds).toEqual([
      ["Mutation.customerCreate", "MUTATION"],
      ["Mutation.customerRemove", "MUTATION"],
      ["Query.customers", "QUERY"],
    ]);
    expect(screen.queryByTestId("http-method")).toBeNull();
    const removed = screen.getAllByTestId("operation-line").find((l) => l.dataset.id === "Mutation.customerRemove")!;
    expect(removed).toHaveAttribute("data-deprecated", "true");
    expect(within(removed).getByTestId("operation-deprecated")).toHaveAttribute("title", "Deprecated: Use customerDelete.");
  });

  it("lists subscriptions under the groups, labelled not bindable", async () => {
    const { onNavigate, callsOf } = overview(shopOperations, () => shopSubscriptions);
    const section = await screen.findByTestId("subscriptions");
    expect(callsOf("list_subscriptions")).toEqual([{ kind: "shop_gql" }]);
    expect(section).toHaveTextContent("Subscriptions");
    expect(within(section).getByTestId("subscriptions-not-bindable")).toHaveTextContent("not bindable");
    const rows = within(section).getAllByTestId("subscription-row");
    expect(rows.map((r) => r.dataset.id)).toEqual(["Subscription.customerUpdated", "Subscription.orderPlaced"]);
    expect(within(rows[0] as HTMLElement).getByTestId("operation-kind-badge")).toHaveTextContent("SUBSCRIPTION");
    expect(within(rows[1] as HTMLElement).getByTestId("operation-deprecated")).toHaveAttribute("title", "Deprecated: Use orderCreated.");
    // Below the operation groups.
    const groups = screen.getAllByTestId("operation-group");
    expect(groups.at(-1)!.compareDocumentPosition(section) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    fireEvent.click(within(rows[1] as HTMLElement).getByText("Order"));
    expect(onNavigate).toHaveBeenCalledWith("Order");
  });

  it("shows subscriptions even when the provider has no other operations", async () => {
    overview([], () => shopSubscriptions);
    expect(await screen.findByText("Pick an object")).toBeInTheDocument();
    expect(await screen.findByTestId("subscriptions")).toHaveAttribute("data-count", "2");
  });
});

describe("Subscriptions section elsewhere", () => {
  it("renders nothing when the core answers []", async () => {
    const { callsOf } = overview(restOps, () => []);
    await screen.findAllByTestId("operation-group");
    await waitFor(() => expect(callsOf("list_subscriptions")).toHaveLength(1));
    // Let the answer land.
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("subscriptions")).toBeNull();
    expect(screen.getByTestId("http-method")).toHaveTextContent("GET");
    expect(screen.queryByTestId("operation-kind-badge")).toBeNull();
  });

  it("renders nothing, and does not retry, when the core answers an error", async () => {
    // A client that retries everything else: the subscriptions query opts out.
    const retrying = new QueryClient({ defaultOptions: { queries: { retry: 3, retryDelay: 0, staleTime: Infinity } } });
    const { callsOf } = overview(
      restOps,
      () => {
        throw { code: "internal_error", status: 500, message: "boom" };
      },
      retrying,
    );
    await screen.findAllByTestId("operation-group");
    await waitFor(() => expect(callsOf("list_subscriptions")).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId("subscriptions")).toBeNull();
    expect(screen.queryByTestId("error-panel")).toBeNull();
    expect(callsOf("list_subscriptions")).toHaveLength(1);
  });
});
