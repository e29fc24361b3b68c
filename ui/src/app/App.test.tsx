import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ObjectDetail } from "../api/types";
import { createHttpPlatform } from "../platform/http";
import { SessionTokenStore, TOKEN_STORAGE_KEY } from "../platform/token";
import { createFakePlatform } from "../test/fakePlatform";
import { catalog, customersDetail, demoIntegration, demoObjects, pagedObjects } from "../test/fixtures";
import { testQueryClient } from "../test/render";
import { App } from "./App";

const ok = (data: unknown) => new Response(JSON.stringify({ success: true, data }), { status: 200 });
const problem = (status: number, code: string, detail: string) =>
  new Response(JSON.stringify({ type: "about:blank", title: "Error", status, detail, code }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });

function httpApp(validKey: string, initialToken: string | null = null) {
  const tokens = new SessionTokenStore(window.sessionStorage);
  if (initialToken) tokens.setToken(initialToken);
  const fetch = vi.fn<typeof globalThis.fetch>(async (url, init) => {
    const auth = (init?.headers as Record<string, string>).Authorization;
    if (auth !== `Bearer ${validKey}`) return problem(401, "unauthorized", "Unknown API key");
    if (url === "/api/v1/integrations") return ok([demoIntegration]);
    if (url === "/api/v1/integrations/catalog") return ok(catalog);
    return problem(404, "http/not-found", String(url));
  });
  const platform = createHttpPlatform({ tokens, fetch });
  render(<App platform={platform} queryClient={testQueryClient()} />);
  return { fetch, tokens };
}

describe("browser mode auth", () => {
  it("asks for a key when there is none, then keeps it out of sight", async () => {
    const { fetch } = httpApp("bindery_sk_good");
    expect(screen.getByTestId("connect-screen")).toHaveTextContent("Connect to your local Bindery");
    expect(fetch).not.toHaveBeenCalled();
    const input = screen.getByTestId("api-key-input");
    expect(input).toHaveAttribute("type", "password");

    await userEvent.type(input, "bindery_sk_good");
    await userEvent.click(screen.getByRole("button", { name: "Connect" }));

    expect(await screen.findByTestId("provider-card")).toHaveAttribute("data-kind", "demo_fieldservice");
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe("bindery_sk_good");
    expect(document.body.innerHTML).not.toContain("bindery_sk_good");
  });

  it("stays on the connect screen with the server's code when the key is refused", async () => {
    httpApp("bindery_sk_good");
    await userEvent.type(screen.getByTestId("api-key-input"), "bindery_sk_wrong");
    await userEvent.click(screen.getByRole("button", { name: "Connect" }));
    const panel = await screen.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "unauthorized");
    expect(screen.getByTestId("connect-screen")).toBeInTheDocument();
    expect(screen.getByTestId("api-key-input")).toHaveValue("");
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
  });

  it("goes back to the connect screen when a stored key stops working (401)", async () => {
    httpApp("bindery_sk_other", "bindery_sk_stale");
    expect(await screen.findByTestId("connect-screen")).toBeInTheDocument();
    expect(screen.getByTestId("error-panel")).toHaveAttribute("data-code", "unauthorized");
  });
});

describe("app", () => {
  const propertiesDetail: ObjectDetail = {
    object: { name: "properties", kind: "table", capabilities: ["read", "list"], origin: "main.properties", fields: [], primaryKey: ["id"] },
    relationships: [],
    operations: [],
  };

  function fakeApp() {
    const fake = createFakePlatform({
      list_integrations: () => [demoIntegration],
      catalog: () => catalog,
      list_objects: pagedObjects(demoObjects),
      get_object: (args) => (args.object === "customers" ? customersDetail : propertiesDetail),
    });
    render(<App platform={fake.platform} queryClient={testQueryClient()} />);
    return fake;
  }

  it("opens the browser on the first provider, browses an object and follows a relationship", async () => {
    const fake = fakeApp();
    expect(await screen.findByTestId("provider-card")).toBeInTheDocument();
    expect(screen.getByTestId("nav-providers")).toHaveAttribute("aria-current", "page");

    fireEvent.click(screen.getByTestId("nav-browser"));
    await waitFor(() => expect(window.location.hash).toBe("#/browser/demo_fieldservice"));
    // jsdom does not follow the link itself; the hashchange does the routing.
    expect(await screen.findAllByTestId("object-row")).toHaveLength(demoObjects.length);
    expect(fake.callsOf("get_schema")).toEqual([]);

    fireEvent.click(screen.getAllByTestId("object-row").find((r) => r.dataset.name === "customers")!);
    expect(await screen.findByTestId("object-detail")).toHaveAttribute("data-name", "customers");
    expect(window.location.hash).toBe("#/browser/demo_fieldservice/customers");

    const rel = screen.getAllByTestId("relationship-row").find((r) => r.dataset.other === "properties")!;
    fireEvent.click(within(rel).getByTestId("relationship-link"));
    await waitFor(() => expect(screen.getByTestId("object-detail")).toHaveAttribute("data-name", "properties"));
    expect(window.location.hash).toBe("#/browser/demo_fieldservice/properties");
    expect(screen.getAllByTestId("object-row").find((r) => r.dataset.name === "properties")).toHaveAttribute("aria-selected", "true");
  });

  it("opens the browser from a provider card", async () => {
    fakeApp();
    const card = await screen.findByTestId("provider-card");
    await userEvent.click(within(card).getByTestId("browse-schema"));
    expect(window.location.hash).toBe("#/browser/demo_fieldservice");
    expect(await screen.findByTestId("object-list")).toBeInTheDocument();
    expect(screen.getByTestId("nav-browser")).toHaveAttribute("aria-current", "page");
  });

  it("toggles the theme: system, light, dark", async () => {
    fakeApp();
    const toggle = screen.getByTestId("theme-toggle");
    expect(document.documentElement.getAttribute("data-theme")).toBeNull();
    await userEvent.click(toggle);
    expect(document.documentElement.getAttribute("data-theme")).toBe("light");
    await userEvent.click(toggle);
    expect(document.documentElement.getAttribute("data-theme")).toBe("dark");
    await userEvent.click(toggle);
    expect(document.documentElement.getAttribute("data-theme")).toBeNull();
  });
});
