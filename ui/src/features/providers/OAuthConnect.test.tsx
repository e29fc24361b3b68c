import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ConnectResult, DiscoverResult, Integration } from "../../api/types";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { demoIntegration, googleCalendarEntry, openapiEntry, readyVault, shopifyEntry } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { ProvidersScreen } from "./ProvidersScreen";

const CLIENT_SECRET = "cl1ent-S3cret-canary";
const AUTHORIZE = "http://127.0.0.1:4100/auth";
const OAUTH_URL = `${AUTHORIZE}?response_type=code&client_id=bindery-confidential&state=st4te&code_challenge=abc&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A53111%2Fcallback`;

const discoverResult: DiscoverResult = {
  objectCount: 1,
  fieldCount: 2,
  edgeCount: 0,
  operationCount: 1,
  discoveredAt: "2025-11-26T08:00:00Z",
  fingerprint: "sha256:bbbb",
  diagnostics: [],
};

/** A promise the test settles. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const pending = (extra: Partial<ConnectResult> = {}): ConnectResult => ({
  kind: "idp",
  status: "pending",
  sourceKind: "openapi",
  oauthUrl: OAUTH_URL,
  ...extra,
});

async function openRest(handlers: Record<string, Handler>) {
  const fake = createFakePlatform({
    list_integrations: (): Integration[] => [demoIntegration],
    catalog: () => [openapiEntry],
    vault_status: () => readyVault,
    ...handlers,
  });
  const view = renderWithPlatform(<ProvidersScreen />, fake.platform);
  const entry = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "openapi") as HTMLElement;
  await userEvent.click(within(entry).getByTestId("catalog-add"));
  const dialog = within(await screen.findByRole("dialog"));
  return { ...fake, ...view, dialog };
}

/** Fills the form for an OAuth provider `idp` (a confidential client unless `secret` is empty). */
async function fillOAuth(dialog: ReturnType<typeof within>, secret = CLIENT_SECRET) {
  fireEvent.change(dialog.getByTestId("add-field-kind"), { target: { value: "idp" } });
  fireEvent.change(dialog.getByTestId("add-field-text"), { target: { value: '{"openapi":"3.0.3"}' } });
  await userEvent.selectOptions(dialog.getByTestId("add-field-authMode"), "oauth2");
  fireEvent.change(dialog.getByTestId("add-field-authorizeUrl"), { target: { value: AUTHORIZE } });
  fireEvent.change(dialog.getByTestId("add-field-tokenUrl"), { target: { value: "http://127.0.0.1:4100/token" } });
  fireEvent.change(dialog.getByTestId("add-field-revokeUrl"), { target: { value: "http://127.0.0.1:4100/token/revocation" } });
  fireEvent.change(dialog.getByTestId("add-field-scopes"), { target: { value: "openid offline_access email" } });
  fireEvent.change(dialog.getByTestId("add-field-clientId"), { target: { value: "bindery-confidential" } });
  if (secret) fireEvent.change(dialog.getByTestId("add-field-clientSecret"), { target: { value: secret } });
}

describe("Connect dialog: authentication fields by mode", () => {
  it("shows only the chosen mode's fields, requires what the mode needs, and sends nothing hidden", async () => {
    const { dialog, callsOf } = await openRest({
      connect_integration: (args) => ({ kind: args.kind, status: "connected", sourceKind: "openapi" }),
      discover_integration: () => discoverResult,
    });
    const names = () => dialog.queryAllByTestId(/^add-field-/).map((e) => e.dataset.testid);
    expect(dialog.getByTestId("add-field-authMode")).toHaveValue("none");
    expect(names()).toEqual(["add-field-kind", "add-field-path", "add-field-url", "add-field-text", "add-field-authMode", "add-field-displayName"]);
    expect([...(dialog.getByTestId("add-field-authMode") as HTMLSelectElement).options].map((o) => o.textContent)).toContain(
      "OAuth 2 (approve in your browser)",
    );

    await userEvent.selectOptions(dialog.getByTestId("add-field-authMode"), "api_key");
    expect(names()).toContain("add-field-authHeader");
    expect(dialog.getByTestId("add-field-authHeader")).toHaveValue("X-API-Key");
    const key = dialog.getByTestId("add-field-apiKey");
    expect(key).toHaveAttribute("type", "password");
    expect(key).toBeRequired();
    fireEvent.change(dialog.getByTestId("add-field-kind"), { target: { value: "shop_api" } });
    fireEvent.change(dialog.getByTestId("add-field-url"), { target: { value: "https://api.example.com/openapi.json" } });
    expect(dialog.getByTestId("add-submit")).toBeDisabled();
    fireEvent.change(key, { target: { value: "typed-then-abandoned" } });
    expect(dialog.getByTestId("add-submit")).toBeEnabled();

    await userEvent.selectOptions(dialog.getByTestId("add-field-authMode"), "basic");
    expect(names()).toEqual(expect.arrayContaining(["add-field-username", "add-field-password"]));
    expect(names()).not.toContain("add-field-apiKey");
    expect(dialog.getByTestId("add-field-username")).toBeRequired();

    await userEvent.selectOptions(dialog.getByTestId("add-field-authMode"), "oauth2");
    expect(names()).toEqual(
      expect.arrayContaining([
        "add-field-authorizeUrl",
        "add-field-tokenUrl",
        "add-field-revokeUrl",
        "add-field-scopes",
        "add-field-clientId",
        "add-field-clientSecret",
      ]),
    );
    expect(dialog.getByTestId("add-oauth-note")).toHaveTextContent("http://127.0.0.1");
    expect(dialog.getByTestId("add-submit")).toHaveTextContent("Sign in and discover");

    await userEvent.selectOptions(dialog.getByTestId("add-field-authMode"), "none");
    await userEvent.click(dialog.getByTestId("add-submit"));
    await screen.findByTestId("add-result");
    expect(callsOf("connect_integration")).toEqual([
      { kind: "shop_api", request: { sourceKind: "openapi", credentials: { url: "https://api.example.com/openapi.json", authMode: "none" } } },
    ]);
  });
});

describe("Connect dialog: OAuth approved in the browser", () => {
  it("waits for the approval with the link, opens it, then shows the provider connected and discovered", async () => {
    const approval = deferred<ConnectResult>();
    const seen: unknown[] = [];
    const { dialog, client, callsOf, opened } = await openRest({
      connect_integration: (args) => {
        seen.push(structuredClone(args));
        return pending();
      },
      complete_connect: () => approval.promise,
      discover_integration: () => discoverResult,
    });
    await fillOAuth(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));

    const waiting = await dialog.findByTestId("oauth-waiting");
    expect(waiting).toHaveAttribute("data-opened", "true");
    expect(waiting).toHaveTextContent("Approve in your browser");
    expect(waiting).toHaveTextContent("127.0.0.1:4100");
    expect(dialog.getByTestId("oauth-url")).toHaveAttribute("href", OAUTH_URL);
    expect(dialog.getByTestId("oauth-remaining")).toHaveTextContent(/[45]:\d\d left/);
    // The core gave no browserOpened (a browser): the platform was asked to open the page, once.
    expect(opened).toEqual([["idp", OAUTH_URL]]);
    expect(callsOf("complete_connect")).toEqual([{ kind: "idp" }]);
    expect((seen[0] as { request: { credentials: Record<string, string> } }).request.credentials).toEqual({
      text: '{"openapi":"3.0.3"}',
      authMode: "oauth2",
      authorizeUrl: AUTHORIZE,
      tokenUrl: "http://127.0.0.1:4100/token",
      revokeUrl: "http://127.0.0.1:4100/token/revocation",
      scopes: "openid offline_access email",
      clientId: "bindery-confidential",
      clientSecret: CLIENT_SECRET,
    });

    await userEvent.click(dialog.getByTestId("oauth-open"));
    expect(opened).toEqual([
      ["idp", OAUTH_URL],
      ["idp", OAUTH_URL],
    ]);

    await act(async () => approval.resolve({ kind: "idp", status: "connected", sourceKind: "openapi", accountLabel: "alice@example.test" }));
    const result = await dialog.findByTestId("add-result");
    expect(result).toHaveAttribute("data-signed-in", "true");
    expect(within(result).getByTestId("oauth-connected")).toHaveTextContent("Signed in as alice@example.test");
    expect(result).toHaveTextContent("discovered 1 object");
    expect(callsOf("discover_integration")).toEqual([{ kind: "idp" }]);
    // The client secret is in no cache and on no screen.
    expect(JSON.stringify(client.getMutationCache().getAll().map((m) => m.state))).not.toContain(CLIENT_SECRET);
    expect(JSON.stringify(client.getQueryCache().getAll().map((q) => q.state.data))).not.toContain(CLIENT_SECRET);
    expect(document.body.innerHTML).not.toContain(CLIENT_SECRET);
  });

  it("does not open the page again when the desktop shell says it did, and says so when it could not", async () => {
    const { dialog, opened } = await openRest({
      connect_integration: () => pending({ browserOpened: false }),
      complete_connect: () => new Promise(() => {}),
    });
    await fillOAuth(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));
    const waiting = await dialog.findByTestId("oauth-waiting");
    expect(waiting).toHaveAttribute("data-opened", "false");
    expect(dialog.getByTestId("oauth-not-opened")).toHaveTextContent("could not open your browser");
    expect(opened).toEqual([]);
  });

  it("shows a refused sign-in by its code; Retry asks for the client secret again", async () => {
    const { dialog, callsOf } = await openRest({
      connect_integration: () => pending(),
      complete_connect: () => {
        throw { code: "oauth_not_approved", status: 409, message: "the sign-in timed out before it was approved [oauth/timeout]" };
      },
    });
    await fillOAuth(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));
    const failed = await dialog.findByTestId("oauth-failed");
    const panel = within(failed).getByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "oauth_not_approved");
    expect(panel).toHaveTextContent("oauth/timeout");
    expect(within(panel).getByTestId("error-hint")).toHaveTextContent("Nothing was stored");
    expect(callsOf("discover_integration")).toEqual([]);

    await userEvent.click(dialog.getByTestId("oauth-retry"));
    expect(dialog.getByTestId("add-dialog")).toBeInTheDocument();
    expect(dialog.getByTestId("add-retype-secrets")).toHaveTextContent("Type the OAuth client secret again");
    expect(dialog.getByTestId("add-field-clientSecret")).toHaveValue("");
    expect(dialog.getByTestId("add-field-clientId")).toHaveValue("bindery-confidential");
    expect(callsOf("connect_integration")).toHaveLength(1);
  });

  it("retries a public client's sign-in at once", async () => {
    let attempt = 0;
    const { dialog, callsOf } = await openRest({
      connect_integration: () => pending(),
      complete_connect: () => {
        attempt += 1;
        if (attempt === 1) throw { code: "oauth_not_approved", status: 409, message: "access was denied [oauth/denied]" };
        return { kind: "idp", status: "connected", sourceKind: "openapi" };
      },
      discover_integration: () => discoverResult,
    });
    await fillOAuth(dialog, "");
    await userEvent.click(dialog.getByTestId("add-submit"));
    await dialog.findByTestId("oauth-failed");
    await userEvent.click(dialog.getByTestId("oauth-retry"));
    expect(await dialog.findByTestId("add-result")).toHaveAttribute("data-signed-in", "true");
    expect(callsOf("connect_integration")).toHaveLength(2);
  });

  it("cancels the waiting sign-in: nothing stored, and back to the form", async () => {
    const approval = deferred<ConnectResult>();
    const { dialog, callsOf } = await openRest({
      connect_integration: () => pending(),
      complete_connect: () => approval.promise,
      cancel_connect: (args) => {
        approval.reject({ code: "oauth_not_approved", status: 409, message: "the sign-in was cancelled [oauth/cancelled]" });
        return { kind: args.kind, cancelled: true };
      },
    });
    await fillOAuth(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));
    await dialog.findByTestId("oauth-waiting");
    await userEvent.click(dialog.getByTestId("oauth-cancel"));
    const cancelled = await dialog.findByTestId("oauth-cancelled");
    expect(cancelled).toHaveTextContent("Nothing was stored");
    expect(dialog.queryByTestId("error-panel")).toBeNull();
    expect(callsOf("cancel_connect")).toEqual([{ kind: "idp" }]);

    await userEvent.click(dialog.getByTestId("oauth-back"));
    expect(dialog.getByTestId("add-dialog")).toBeInTheDocument();
    // The click that went back did not submit the form it came back to.
    expect(callsOf("connect_integration")).toHaveLength(1);
    expect(dialog.getByTestId("add-retype-secrets")).toBeInTheDocument();
  });

  it("closing the dialog while it waits cancels the sign-in", async () => {
    const { dialog, callsOf } = await openRest({
      connect_integration: () => pending(),
      complete_connect: () => new Promise(() => {}),
      cancel_connect: (args) => ({ kind: args.kind, cancelled: true }),
    });
    await fillOAuth(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));
    await dialog.findByTestId("oauth-waiting");
    await userEvent.click(dialog.getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(callsOf("cancel_connect")).toEqual([{ kind: "idp" }]);
  });

  it("a second sign-in while one waits shows its code and what to do", async () => {
    const { dialog } = await openRest({
      connect_integration: () => {
        throw {
          code: "oauth_flow_in_progress",
          status: 409,
          message: "another sign-in is waiting for its approval; finish or cancel it first [oauth/flow-in-progress]",
        };
      },
    });
    await fillOAuth(dialog);
    await userEvent.click(dialog.getByTestId("add-submit"));
    const panel = await dialog.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "oauth_flow_in_progress");
    expect(within(panel).getByTestId("error-hint")).toHaveTextContent("one sign-in at a time");
    expect(dialog.queryByTestId("oauth-waiting")).toBeNull();
    expect(dialog.getByTestId("add-field-clientSecret")).toHaveValue("");
  });
});

describe("Connect dialog: curated catalog entries", () => {
  it("connects Google Calendar under another name: the entry is named, its client sent, the sign-in awaited", async () => {
    const seen: unknown[] = [];
    const fake = createFakePlatform({
      list_integrations: (): Integration[] => [],
      catalog: () => [googleCalendarEntry, openapiEntry],
      vault_status: () => readyVault,
      connect_integration: (args) => {
        seen.push(structuredClone(args));
        return { kind: "work_calendar", status: "pending", sourceKind: "google-discovery", oauthUrl: "https://accounts.google.com/o/oauth2/v2/auth?client_id=x" };
      },
      complete_connect: () => ({ kind: "work_calendar", status: "connected", sourceKind: "google-discovery", accountLabel: "ann@example.com" }),
      discover_integration: () => discoverResult,
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    const entry = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "google_calendar") as HTMLElement;
    await userEvent.click(within(entry).getByTestId("catalog-add"));
    const dialog = within(await screen.findByRole("dialog"));
    expect(dialog.getByTestId("add-oauth-note")).toBeInTheDocument();
    expect(dialog.getByTestId("add-submit")).toHaveTextContent("Sign in and discover");
    fireEvent.change(dialog.getByTestId("add-field-kind"), { target: { value: "work_calendar" } });
    fireEvent.change(dialog.getByTestId("add-field-clientId"), { target: { value: "123.apps.googleusercontent.com" } });
    fireEvent.change(dialog.getByTestId("add-field-clientSecret"), { target: { value: CLIENT_SECRET } });
    await userEvent.click(dialog.getByTestId("add-submit"));
    expect(await dialog.findByTestId("oauth-connected")).toHaveTextContent("Signed in as ann@example.com");
    expect(seen).toEqual([
      {
        kind: "work_calendar",
        request: {
          sourceKind: "google-discovery",
          catalog: "google_calendar",
          credentials: { clientId: "123.apps.googleusercontent.com", clientSecret: CLIENT_SECRET },
        },
      },
    ]);
    expect(fake.opened).toEqual([["work_calendar", "https://accounts.google.com/o/oauth2/v2/auth?client_id=x"]]);
  });

  it("says who an API-key connection is, from the verification call", async () => {
    const fake = createFakePlatform({
      list_integrations: (): Integration[] => [],
      catalog: () => [{ ...shopifyEntry, connectable: true }],
      vault_status: () => readyVault,
      connect_integration: (args) => ({ kind: args.kind, status: "connected", sourceKind: "graphql", accountLabel: "My Store" }),
      discover_integration: () => discoverResult,
    });
    renderWithPlatform(<ProvidersScreen />, fake.platform);
    await userEvent.click(await screen.findByTestId("catalog-add"));
    const dialog = within(await screen.findByRole("dialog"));
    expect(dialog.queryByTestId("add-oauth-note")).toBeNull();
    fireEvent.change(dialog.getByTestId("add-field-kind"), { target: { value: "shopify" } });
    fireEvent.change(dialog.getByTestId("add-field-shop"), { target: { value: "my-store.myshopify.com" } });
    fireEvent.change(dialog.getByTestId("add-field-accessToken"), { target: { value: "shpat_canary" } });
    await userEvent.click(dialog.getByTestId("add-submit"));
    expect(await dialog.findByTestId("add-account")).toHaveTextContent("connected as My Store");
    expect(fake.callsOf("connect_integration")[0]).toMatchObject({ request: { catalog: "shopify", credentials: { shop: "my-store.myshopify.com" } } });
    expect(fake.callsOf("complete_connect")).toEqual([]);
  });
});
