import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Integration } from "../../api/types";
import { createFakePlatform } from "../../test/fakePlatform";
import { customersDetail, demoIntegration, demoObjects, pagedObjects } from "../../test/fixtures";
import { nodeDetail, pagedShopObjects, shopIntegration } from "../../test/graphqlFixtures";
import { renderWithPlatform } from "../../test/render";
import { SchemaBrowser } from "./SchemaBrowser";

describe("SchemaBrowser", () => {
  it("waits for the provider's source, then lists a GraphQL schema filtered and offers the GraphQL switches", async () => {
    let answer: (list: Integration[]) => void = () => {};
    const integrations = new Promise<Integration[]>((resolve) => {
      answer = resolve;
    });
    const fake = createFakePlatform({
      list_integrations: () => integrations,
      list_objects: pagedShopObjects(),
      get_object: () => nodeDetail,
    });
    renderWithPlatform(<SchemaBrowser kind="shop_gql" object="Node" />, fake.platform);
    await waitFor(() => expect(fake.callsOf("list_integrations")).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.callsOf("list_objects")).toEqual([]);

    answer([demoIntegration, shopIntegration]);
    await screen.findAllByTestId("object-row");
    expect(fake.callsOf("list_objects")).toEqual([{ kind: "shop_gql", q: "", cursor: null, limit: 100, hide: "relay,input" }]);
    expect(screen.getByTestId("filter-hide-relay")).toBeChecked();
    await screen.findByTestId("object-detail");
    // Node has no deprecated field: the switch is there because the schema is GraphQL.
    expect(screen.getByTestId("filter-hide-deprecated")).toBeChecked();
  });

  it("shows no GraphQL filters for a SQL provider", async () => {
    const fake = createFakePlatform({
      list_integrations: () => [demoIntegration, shopIntegration],
      list_objects: pagedObjects(demoObjects),
      get_object: () => customersDetail,
    });
    renderWithPlatform(<SchemaBrowser kind="demo_fieldservice" object="customers" />, fake.platform);
    await screen.findAllByTestId("object-row");
    await screen.findByTestId("object-detail");
    expect(fake.callsOf("list_objects")).toEqual([{ kind: "demo_fieldservice", q: "", cursor: null, limit: 100 }]);
    expect(screen.queryByTestId("filter-hide-relay")).toBeNull();
    expect(screen.queryByTestId("filter-hide-input")).toBeNull();
    expect(screen.queryByTestId("filter-hide-deprecated")).toBeNull();
  });
});
