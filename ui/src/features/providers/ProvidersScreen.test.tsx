import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CatalogEntry, DiscoverResult, Integration } from "../../api/types";
import { createFakePlatform } from "../../test/fakePlatform";
import { catalog, demoIntegration } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { ProvidersScreen } from "./ProvidersScreen";

const discoverResult: DiscoverResult = {
  objectCount: 3,
  fieldCount: 20,
  edgeCount: 2,
  operationCount: 9,
  discoveredAt: "2025-11-26T08:00:00Z",
  fingerprint: "sha256:ffff",
  diagnostics: [{ code: "sql/no-primary-key", severity: "warning", message: "Table notes has no primary key", path: "main.notes" }],
};

describe("ProvidersScreen", () => {
  it("shows connected providers with their summary counts", async () => {
    const fake = createFakePlatform({ list_integrations: () => [demoIntegration], catalog: () => catalog });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const card = await screen.findByTestId("provider-card");
    expect(card).toHaveAttribute("data-kind", "demo_fieldservice");
    expect(card).toHaveTextContent("Field service (demo)");
    expect(card).toHaveTextContent("demo_fieldservice");
    expect(card).toHaveTextContent("SQLite");
    expect(card).toHaveTextContent("discovered");
    expect(card).toHaveTextContent("/home/me/.bindery/demo/fieldservice.sqlite");
    expect(within(card).getByText("74")).toHaveAttribute("data-stat", "fields");
    expect(within(card).getByText("11")).toHaveAttribute("data-stat", "relationships");
    expect(within(card).getByText("31")).toHaveAttribute("data-stat", "operations");
    expect(await screen.findAllByTestId("catalog-entry")).toHaveLength(2);
  });

  it("re-discovers and then refetches the provider list", async () => {
    let summary = demoIntegration.summary;
    const fake = createFakePlatform({
      list_integrations: (): Integration[] => [{ ...demoIntegration, summary }],
      catalog: () => catalog,
      discover_integration: () => {
        summary = { objectCount: 10, fieldCount: 80, edgeCount: 12, operationCount: 33 };
        return { ...discoverResult, ...summary };
      },
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const card = await screen.findByTestId("provider-card");
    await userEvent.click(within(card).getByTestId("rediscover"));
    expect(await within(card).findByTestId("discover-result")).toHaveTextContent("1 diagnostic");
    expect(fake.callsOf("discover_integration")).toEqual([{ kind: "demo_fieldservice" }]);
    await waitFor(() => expect(within(card).getByText("80")).toHaveAttribute("data-stat", "fields"));
    expect(fake.callsOf("list_integrations").length).toBeGreaterThanOrEqual(2);
  });

  it("shows a discovery error by its code", async () => {
    const fake = createFakePlatform({
      list_integrations: () => [demoIntegration],
      catalog: () => catalog,
      discover_integration: () => {
        throw { code: "source_unreadable", status: 422, message: "file is not a database" };
      },
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const card = await screen.findByTestId("provider-card");
    await userEvent.click(within(card).getByTestId("rediscover"));
    expect(await within(card).findByTestId("error-panel")).toHaveAttribute("data-code", "source_unreadable");
  });

  it("adds a SQLite provider: connect, then discover, then shows diagnostics", async () => {
    const connected: Integration[] = [demoIntegration];
    const fake = createFakePlatform({
      list_integrations: () => connected,
      catalog: () => catalog,
      connect_integration: (args) => ({ kind: args.kind, status: "connected", sourceKind: "sqlite" }),
      discover_integration: () => discoverResult,
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const entries = await screen.findAllByTestId("catalog-entry");
    const sqlite = entries.find((e) => e.dataset.kind === "sqlite")!;
    const calendar = entries.find((e) => e.dataset.kind === "google_calendar")!;
    expect(within(calendar).queryByTestId("catalog-add")).toBeNull();

    await userEvent.click(within(sqlite).getByTestId("catalog-add"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("add-submit")).toBeDisabled();
    await userEvent.type(within(dialog).getByTestId("add-field-displayName"), "Shop DB");
    expect(within(dialog).getByTestId("add-field-kind")).toHaveValue("shop_db");
    fireEvent.change(within(dialog).getByTestId("add-field-path"), { target: { value: "/data/shop.sqlite" } });
    await userEvent.click(within(dialog).getByTestId("add-submit"));

    const result = await screen.findByTestId("add-result");
    expect(fake.callsOf("connect_integration")).toEqual([
      { kind: "shop_db", request: { sourceKind: "sqlite", displayName: "Shop DB", credentials: { path: "/data/shop.sqlite" } } },
    ]);
    expect(fake.callsOf("discover_integration")).toEqual([{ kind: "shop_db" }]);
    expect(within(result).getByTestId("diagnostics-count")).toHaveTextContent("1 diagnostic");
    expect(within(result).getByTestId("diagnostic")).toHaveAttribute("data-code", "sql/no-primary-key");
    expect(result).toHaveTextContent("3 objects");
  });

  it("adds a REST provider from a file picked in the dialog: its text goes to the core", async () => {
    const openapi: CatalogEntry = {
      kind: "openapi",
      displayName: "REST API (OpenAPI / Swagger)",
      category: "api",
      blurb: "Any REST API.",
      authMode: "none",
      sourceKind: "openapi",
      actionCount: 0,
      hasPack: false,
      connected: false,
      connectable: true,
      fields: [
        { name: "kind", label: "Name", type: "text", required: true },
        { name: "path", label: "Description file", type: "path", required: false },
        { name: "url", label: "Description URL", type: "url", required: false },
        { name: "text", label: "Pasted description", type: "textarea", required: false },
      ],
    };
    const fake = createFakePlatform({
      list_integrations: () => [demoIntegration],
      catalog: () => [...catalog, openapi],
      connect_integration: (args) => ({ kind: args.kind, status: "connected", sourceKind: "openapi" }),
      discover_integration: () => discoverResult,
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const entries = await screen.findAllByTestId("catalog-entry");
    const rest = entries.find((e) => e.dataset.kind === "openapi") as HTMLElement;
    await userEvent.click(within(rest).getByTestId("catalog-add"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByTestId("add-field-kind"), { target: { value: "petstore" } });
    const spec = "openapi: 3.0.0\ninfo: {title: Pets, version: '1'}\npaths: {}\n";
    await userEvent.upload(within(dialog).getByTestId("add-file-text"), new File([spec], "petstore.yaml", { type: "application/yaml" }));
    await waitFor(() => expect(within(dialog).getByTestId("add-field-text")).toHaveValue(spec));
    await userEvent.click(within(dialog).getByTestId("add-submit"));
    await screen.findByTestId("add-result");
    expect(fake.callsOf("connect_integration")).toEqual([
      { kind: "petstore", request: { sourceKind: "openapi", credentials: { text: spec.trim() } } },
    ]);
  });

  it("adds a GraphQL API from its live endpoint URL", async () => {
    const graphql: CatalogEntry = {
      kind: "graphql",
      displayName: "GraphQL API",
      category: "api",
      blurb: "Any GraphQL API.",
      authMode: "none",
      sourceKind: "graphql",
      actionCount: 0,
      hasPack: false,
      connected: false,
      connectable: true,
      fields: [
        { name: "kind", label: "Name", type: "text", required: true },
        { name: "path", label: "Schema file", type: "path", required: false, help: "An SDL (.graphql) or introspection JSON file." },
        { name: "url", label: "Endpoint URL", type: "url", required: false, help: "A live endpoint, queried by introspection at each discovery." },
        { name: "text", label: "Pasted schema", type: "textarea", required: false },
      ],
    };
    const fake = createFakePlatform({
      list_integrations: () => [demoIntegration],
      catalog: () => [...catalog, graphql],
      connect_integration: (args) => ({ kind: args.kind, status: "connected", sourceKind: "graphql" }),
      discover_integration: () => ({ ...discoverResult, diagnostics: [] }),
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const entry = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "graphql") as HTMLElement;
    expect(entry).toHaveTextContent("GraphQL API");
    expect(entry).toHaveTextContent("GraphQL");
    await userEvent.click(within(entry).getByTestId("catalog-add"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("add-field-path")).toHaveAttribute("placeholder", "/path/to/schema.graphql");
    const url = within(dialog).getByTestId("add-field-url");
    expect(url).toHaveAttribute("type", "url");
    expect(url).toHaveAccessibleDescription("A live endpoint, queried by introspection at each discovery.");
    expect(within(dialog).getByTestId("add-file-text").getAttribute("accept")).toContain(".graphql");
    fireEvent.change(within(dialog).getByTestId("add-field-kind"), { target: { value: "shop_gql" } });
    fireEvent.change(url, { target: { value: "https://shop.example.com/graphql" } });
    await userEvent.click(within(dialog).getByTestId("add-submit"));
    await screen.findByTestId("add-result");
    expect(fake.callsOf("connect_integration")).toEqual([
      { kind: "shop_gql", request: { sourceKind: "graphql", credentials: { url: "https://shop.example.com/graphql" } } },
    ]);
  });

  it("keeps the form and shows the code when connecting fails", async () => {
    const fake = createFakePlatform({
      list_integrations: () => [],
      catalog: () => catalog,
      connect_integration: () => {
        throw { code: "source_not_found", status: 422, message: "No such file: /nope.sqlite" };
      },
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    expect(await screen.findByText("No providers connected yet")).toBeInTheDocument();
    const sqlite = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "sqlite")!;
    await userEvent.click(within(sqlite).getByTestId("catalog-add"));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByTestId("add-field-kind"), { target: { value: "nope" } });
    fireEvent.change(within(dialog).getByTestId("add-field-path"), { target: { value: "/nope.sqlite" } });
    await userEvent.click(within(dialog).getByTestId("add-submit"));
    const panel = await within(dialog).findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "source_not_found");
    expect(fake.callsOf("discover_integration")).toEqual([]);
    expect(within(dialog).getByTestId("add-field-path")).toHaveValue("/nope.sqlite");
  });

  it("shows an error panel with retry when providers cannot be listed", async () => {
    let fail = true;
    const fake = createFakePlatform({
      list_integrations: () => {
        if (fail) throw { code: "workspace_unavailable", status: 503, message: "workspace is locked" };
        return [demoIntegration];
      },
      catalog: () => catalog,
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const panel = await screen.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "workspace_unavailable");
    fail = false;
    await userEvent.click(within(panel).getByRole("button", { name: /retry/i }));
    expect(await screen.findByTestId("provider-card")).toBeInTheDocument();
  });
});
