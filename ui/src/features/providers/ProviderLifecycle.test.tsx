import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ConnectionHealth, DisconnectResult, Integration } from "../../api/types";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { demoIntegration, googleCalendarEntry, graphqlEntry, openapiEntry, readyVault, shopifyEntry } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { disconnectSummary } from "./DisconnectDialog";
import { entryFor, ProvidersScreen } from "./ProvidersScreen";

const idp: Integration = {
  ...demoIntegration,
  kind: "idp",
  displayName: "Identity API",
  sourceKind: "openapi",
  demo: false,
  status: "discovered",
  accountLabel: "alice@example.test",
  location: "/home/ann/.local/share/bindery/sources/idp.json",
};

function render(handlers: Record<string, Handler>, integrations: () => Integration[] = () => [demoIntegration, idp]) {
  const fake = createFakePlatform({
    list_integrations: integrations,
    catalog: () => [openapiEntry, graphqlEntry, shopifyEntry],
    vault_status: () => readyVault,
    ...handlers,
  });
  return { ...fake, ...renderWithPlatform(<ProvidersScreen />, fake.platform) };
}

const card = async (kind: string) => within((await screen.findAllByTestId("provider-card")).find((c) => c.dataset.kind === kind) as HTMLElement);

describe("provider cards: account, health, reconnect", () => {
  it("shows the account a connection signed in as", async () => {
    render({});
    const c = await card("idp");
    expect(c.getByTestId("provider-account")).toHaveTextContent("alice@example.test");
    expect(c.getByTestId("provider-status")).toHaveTextContent("discovered");
  });

  it("checks a connection and shows the answer, a failure with its code", async () => {
    let answer: ConnectionHealth = { kind: "idp", status: "ok", detail: "signed in; the access token is fresh" };
    const { callsOf } = render({ connection_health: () => answer });
    const c = await card("idp");
    await userEvent.click(c.getByTestId("provider-health"));
    const ok = await c.findByTestId("health-result");
    expect(ok).toHaveAttribute("data-status", "ok");
    expect(ok).toHaveTextContent("Connection works: signed in; the access token is fresh");
    expect(callsOf("connection_health")).toEqual([{ kind: "idp" }]);

    answer = { kind: "idp", status: "error", detail: "the stored secrets do not open", code: "credentials_unreadable" };
    await userEvent.click(c.getByTestId("provider-health"));
    await waitFor(() => expect(c.getByTestId("health-result")).toHaveAttribute("data-status", "error"));
    expect(c.getByTestId("health-result")).toHaveTextContent("credentials_unreadable");
  });

  it("a health check that finds the sign-in refused turns the card to reconnect, and the list is read again", async () => {
    let status: Integration["status"] = "discovered";
    const { callsOf } = render(
      {
        connection_health: () => {
          status = "needs_reconnect";
          return { kind: "idp", status: "needs_reconnect", detail: "invalid_grant: grant revoked", code: "needs_reconnect" };
        },
      },
      () => [{ ...idp, status, ...(status === "needs_reconnect" ? { statusDetail: "the provider no longer accepts this sign-in; connect it again" } : {}) }],
    );
    const c = await card("idp");
    expect(c.queryByTestId("provider-needs-reconnect")).toBeNull();
    await userEvent.click(c.getByTestId("provider-health"));
    await waitFor(() => expect(c.getByTestId("provider-status")).toHaveTextContent("needs reconnect"));
    expect(c.getByTestId("provider-status-detail")).toHaveTextContent("no longer accepts this sign-in");
    expect(callsOf("list_integrations").length).toBeGreaterThanOrEqual(2);
  });

  it("Reconnect opens the connect dialog of the provider's kind with its name fixed", async () => {
    render({}, () => [{ ...idp, status: "needs_reconnect", statusDetail: "the provider no longer accepts this sign-in ([oauth/invalid-grant]); connect it again" }]);
    const c = await card("idp");
    expect(c.getByTestId("provider-status")).toHaveAttribute("data-status", "needs_reconnect");
    expect(c.getByTestId("provider-needs-reconnect")).toHaveTextContent("oauth/invalid-grant");
    await userEvent.click(c.getByTestId("provider-reconnect"));
    const dialog = within(await screen.findByRole("dialog"));
    expect(screen.getByRole("dialog")).toHaveTextContent("Reconnect Identity API");
    expect(dialog.getByTestId("add-field-kind")).toHaveValue("idp");
    expect(dialog.getByTestId("add-field-kind")).toHaveAttribute("readonly");
    expect(dialog.getByTestId("add-field-displayName")).toHaveValue("Identity API");
    expect(dialog.getByTestId("add-field-authMode")).toBeInTheDocument();
  });
});

describe("which entry reconnects a provider", () => {
  it("is the one it came from, else its name's, else the generic entry of its source kind", () => {
    const catalog = [googleCalendarEntry, { ...googleCalendarEntry, kind: "google_discovery", displayName: "Google API", schema: undefined, authMode: "none" as const }, openapiEntry];
    expect(entryFor(catalog, { kind: "work_cal", sourceKind: "google-discovery", catalog: "google_calendar" })?.kind).toBe("google_calendar");
    expect(entryFor(catalog, { kind: "google_calendar", sourceKind: "google-discovery" })?.kind).toBe("google_calendar");
    expect(entryFor(catalog, { kind: "some_api", sourceKind: "google-discovery" })?.kind).toBe("google_discovery");
    expect(entryFor(catalog, { kind: "idp", sourceKind: "openapi" })?.kind).toBe("openapi");
    expect(entryFor(catalog, { kind: "pg", sourceKind: "postgres" })).toBeUndefined();
  });
});

describe("disconnect", () => {
  it("asks first, says what will happen, then shows the revocation at the provider and drops the card", async () => {
    let gone = false;
    const result: DisconnectResult = { kind: "idp", status: "disconnected", revocation: "revoked" };
    const { callsOf } = render({ disconnect_integration: () => ((gone = true), result) }, () => (gone ? [demoIntegration] : [demoIntegration, idp]));
    const c = await card("idp");
    await userEvent.click(c.getByTestId("provider-disconnect"));
    const confirm = await screen.findByTestId("disconnect-dialog");
    expect(confirm).toHaveAttribute("data-kind", "idp");
    expect(confirm).toHaveTextContent("Revoke its sign-in at the provider");
    expect(confirm).toHaveTextContent("Delete its credentials from the vault");
    expect(confirm).toHaveTextContent("Delete its discovered schema");
    expect(callsOf("disconnect_integration")).toEqual([]);

    await userEvent.click(screen.getByTestId("disconnect-confirm"));
    const notice = await screen.findByTestId("disconnect-result");
    expect(notice).toHaveAttribute("data-revocation", "revoked");
    expect(notice).toHaveTextContent("Disconnected Identity API: its tokens were revoked at the provider");
    expect(callsOf("disconnect_integration")).toEqual([{ kind: "idp" }]);
    await waitFor(() => expect(screen.getAllByTestId("provider-card").map((e) => e.dataset.kind)).toEqual(["demo_fieldservice"]));
    expect(screen.queryByTestId("disconnect-dialog")).toBeNull();
    await userEvent.click(screen.getByTestId("disconnect-result-dismiss"));
    expect(screen.queryByTestId("disconnect-result")).toBeNull();
  });

  it("keeps the provider when the person changes their mind, and shows a refusal by its code", async () => {
    const { callsOf } = render({
      disconnect_integration: () => {
        throw { code: "workspace_unavailable", status: 503, message: "the workspace database is locked" };
      },
    });
    const c = await card("idp");
    await userEvent.click(c.getByTestId("provider-disconnect"));
    await userEvent.click(await screen.findByTestId("disconnect-cancel"));
    expect(screen.queryByTestId("disconnect-dialog")).toBeNull();
    expect(callsOf("disconnect_integration")).toEqual([]);

    await userEvent.click(c.getByTestId("provider-disconnect"));
    await userEvent.click(await screen.findByTestId("disconnect-confirm"));
    expect(await within(screen.getByTestId("disconnect-dialog")).findByTestId("error-panel")).toHaveAttribute("data-code", "workspace_unavailable");
  });

  it("says what each revocation outcome means", () => {
    const base = { kind: "x", status: "disconnected" as const };
    expect(disconnectSummary({ ...base, revocation: "notSupported" }, "X").text).toContain("no revocation endpoint");
    expect(disconnectSummary({ ...base, revocation: "failed", revocationError: "HTTP 500" }, "X")).toEqual({
      tone: "warning",
      text: expect.stringContaining("did not confirm the revocation (HTTP 500)"),
    });
    expect(disconnectSummary({ ...base, revocation: "none" }, "X").text).toContain("no sign-in to revoke");
  });
});

describe("catalog entries that cannot be connected yet", () => {
  it("say why plainly and what to use meanwhile, instead of hiding", async () => {
    render({});
    const shopify = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "shopify") as HTMLElement;
    expect(shopify).toHaveAttribute("data-connectable", "false");
    expect(within(shopify).queryByTestId("catalog-add")).toBeNull();
    const why = within(shopify).getByTestId("catalog-unavailable");
    expect(why).toHaveTextContent("Not connectable in this build yet");
    expect(why).toHaveTextContent("access token");
    expect(why).toHaveTextContent("“GraphQL API”");
  });
});
