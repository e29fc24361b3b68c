import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Integration, VaultInfo } from "../../api/types";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { demoIntegration, openapiEntry, readyVault, unusableVault } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { ProvidersScreen } from "./ProvidersScreen";
import { VaultPanel } from "./VaultPanel";
import { describeKeySource, envNameProblem, formatKeySource, keyFileProblem, parseKeySource, suggestedKeyFile } from "./vaultSource";

const API_KEY = "k3y-canary-in-vault-test";

function screenWith(handlers: Record<string, Handler>) {
  const fake = createFakePlatform({
    list_integrations: (): Integration[] => [demoIntegration],
    catalog: () => [openapiEntry],
    ...handlers,
  });
  return { ...fake, ...renderWithPlatform(<ProvidersScreen />, fake.platform) };
}

describe("key sources", () => {
  it("parses, formats and describes the three kinds", () => {
    expect(parseKeySource("keyring")).toEqual({ kind: "keyring", value: "" });
    expect(parseKeySource("file:/home/ann/vault.key")).toEqual({ kind: "file", value: "/home/ann/vault.key" });
    expect(parseKeySource("env:BINDERY_KEY")).toEqual({ kind: "env", value: "BINDERY_KEY" });
    expect(formatKeySource({ kind: "file", value: " /k.key " })).toBe("file:/k.key");
    expect(formatKeySource({ kind: "keyring", value: "x" })).toBe("keyring");
    expect(describeKeySource({ keySource: "keyring", keyringStore: "Secret Service" })).toBe("the OS keyring (Secret Service)");
    expect(describeKeySource({ keySource: "env:K" })).toBe("the environment variable K");
  });

  it("refuses key file paths the core would not resolve, and bad variable names", () => {
    expect(keyFileProblem("/home/ann/.config/bindery/vault.key")).toBeNull();
    expect(keyFileProblem("C:\\Users\\ann\\vault.key")).toBeNull();
    expect(keyFileProblem("~/.config/bindery/vault.key")).toMatch(/~ is not expanded/);
    expect(keyFileProblem("vault.key")).toMatch(/full path/);
    expect(keyFileProblem(" ")).toMatch(/Type the full path/);
    expect(envNameProblem("BINDERY_VAULT_KEY")).toBeNull();
    expect(envNameProblem("1KEY")).not.toBeNull();
    expect(envNameProblem("MY-KEY")).not.toBeNull();
  });

  it("suggests the core's key file, else the one in use", () => {
    expect(suggestedKeyFile({ ...unusableVault, suggestedKeyFile: "/home/ann/.config/bindery/vault.key" })).toBe("/home/ann/.config/bindery/vault.key");
    expect(suggestedKeyFile(readyVault)).toBe("/home/ann/.config/bindery/vault.key");
    expect(suggestedKeyFile(unusableVault)).toBe("");
  });
});

describe("vault status line", () => {
  it("says where the key lives when the vault is ready", async () => {
    screenWith({ vault_status: () => readyVault });
    const status = await screen.findByTestId("vault-status");
    expect(status).toHaveAttribute("data-ready", "true");
    expect(status).toHaveAttribute("data-source", "file");
    expect(status).toHaveTextContent("Vault ready: the key is in the key file /home/ann/.config/bindery/vault.key");
  });

  it("says plainly when it is not, with the problem's code, and lets the person choose", async () => {
    let current: VaultInfo = unusableVault;
    const { callsOf } = screenWith({
      vault_status: () => current,
      set_vault_key_source: (args) => {
        const { keySource } = args.choice as { keySource: string };
        current = { ...readyVault, keySource };
        return current;
      },
    });
    const status = await screen.findByTestId("vault-status");
    expect(status).toHaveAttribute("data-ready", "false");
    expect(status).toHaveTextContent("vault/keyring-unavailable");
    await userEvent.click(within(status).getByTestId("vault-status-open"));
    const panel = within(await screen.findByTestId("vault-dialog"));
    expect(panel.getByTestId("vault-current")).toHaveTextContent("the OS keyring");
    // No keyring answers: that choice is off, and the key file is offered first.
    expect(panel.getByTestId("vault-choice-keyring")).toBeDisabled();
    expect(panel.getByTestId("vault-keyring-unreachable")).toHaveTextContent("no D-Bus session");
    expect(panel.getByTestId("vault-choice-file")).toBeChecked();

    const path = panel.getByTestId("vault-file-path");
    fireEvent.change(path, { target: { value: "~/.config/bindery/vault.key" } });
    await userEvent.click(panel.getByTestId("vault-save"));
    expect(panel.getByText(/~ is not expanded/)).toBeInTheDocument();
    expect(callsOf("set_vault_key_source")).toEqual([]);

    fireEvent.change(path, { target: { value: "/home/ann/.config/bindery/vault.key" } });
    await userEvent.click(panel.getByTestId("vault-save"));
    expect(await panel.findByTestId("vault-saved")).toHaveTextContent("Saved: the vault opens with the key file /home/ann/.config/bindery/vault.key");
    expect(callsOf("set_vault_key_source")).toEqual([{ choice: { keySource: "file:/home/ann/.config/bindery/vault.key" } }]);
    await waitFor(() => expect(screen.getByTestId("vault-status")).toHaveAttribute("data-ready", "true"));
  });

  it("chooses an environment variable, and shows a refusal by its code", async () => {
    const { callsOf } = screenWith({
      vault_status: () => ({ ...readyVault, chosenBy: "environment", credentialCount: 2 }),
      set_vault_key_source: () => {
        throw { code: "validation_error", status: 400, message: "2 credential(s) are sealed with the current key; disconnect those providers first" };
      },
    });
    await userEvent.click(await screen.findByTestId("vault-status-open"));
    const panel = within(await screen.findByTestId("vault-dialog"));
    expect(panel.getByTestId("vault-env-override")).toHaveTextContent("BINDERY_VAULT_KEY_SOURCE");
    expect(panel.getByTestId("vault-sealed-count")).toHaveTextContent("2 credentials sealed with the current key");
    await userEvent.click(panel.getByTestId("vault-choice-env"));
    fireEvent.change(panel.getByTestId("vault-env-name"), { target: { value: "MY_BINDERY_KEY" } });
    await userEvent.click(panel.getByTestId("vault-save"));
    expect(await panel.findByTestId("error-panel")).toHaveAttribute("data-code", "validation_error");
    expect(callsOf("set_vault_key_source")).toEqual([{ choice: { keySource: "env:MY_BINDERY_KEY" } }]);
  });

  it("shows a key that does not open after saving", async () => {
    const fake = createFakePlatform({
      set_vault_key_source: () => ({
        ...unusableVault,
        keySource: "env:MY_KEY",
        chosenBy: "workspace",
        problem: { code: "vault/env-key-missing", message: "MY_KEY is not set" },
      }),
    });
    renderWithPlatform(<VaultPanel info={unusableVault} />, fake.platform);
    await userEvent.click(screen.getByTestId("vault-choice-env"));
    fireEvent.change(screen.getByTestId("vault-env-name"), { target: { value: "MY_KEY" } });
    await userEvent.click(screen.getByTestId("vault-save"));
    const saved = await screen.findByTestId("vault-saved");
    expect(saved).toHaveAttribute("data-ready", "false");
    expect(saved).toHaveTextContent("vault/env-key-missing");
  });
});

describe("connect when the vault cannot be used", () => {
  it("shows vault_unavailable with the way forward, then connects again with the same secret once a key file is chosen", async () => {
    let current: VaultInfo = unusableVault;
    const sent: unknown[] = [];
    const { client, callsOf } = screenWith({
      vault_status: () => current,
      set_vault_key_source: (args) => {
        current = { ...readyVault, keySource: (args.choice as { keySource: string }).keySource };
        return current;
      },
      connect_integration: (args) => {
        sent.push(structuredClone(args));
        if (!current.ready) {
          throw {
            code: "vault_unavailable",
            status: 503,
            message: "no keyring service answers; choose a key file or an environment variable [vault/keyring-unavailable]",
          };
        }
        return { kind: args.kind, status: "connected", sourceKind: "openapi" };
      },
      discover_integration: () => ({ objectCount: 1, fieldCount: 1, edgeCount: 0, operationCount: 1, discoveredAt: "2025-11-26T08:00:00Z", fingerprint: "f", diagnostics: [] }),
    });
    const entry = (await screen.findAllByTestId("catalog-entry")).find((e) => e.dataset.kind === "openapi") as HTMLElement;
    await userEvent.click(within(entry).getByTestId("catalog-add"));
    const dialog = within(await screen.findByRole("dialog"));
    fireEvent.change(dialog.getByTestId("add-field-kind"), { target: { value: "keyed" } });
    fireEvent.change(dialog.getByTestId("add-field-url"), { target: { value: "https://api.example.com/openapi.json" } });
    await userEvent.selectOptions(dialog.getByTestId("add-field-authMode"), "api_key");
    fireEvent.change(dialog.getByTestId("add-field-apiKey"), { target: { value: API_KEY } });
    await userEvent.click(dialog.getByTestId("add-submit"));

    const panel = await dialog.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "vault_unavailable");
    expect(panel).toHaveTextContent("HTTP 503");
    expect(within(panel).getByTestId("error-hint")).toHaveTextContent("Choose where the key lives");
    expect(dialog.getByTestId("add-field-apiKey")).toHaveValue("");

    const vault = within(await dialog.findByTestId("add-vault"));
    await userEvent.click(vault.getByTestId("vault-choice-file"));
    fireEvent.change(vault.getByTestId("vault-file-path"), { target: { value: "/srv/bindery/vault.key" } });
    await userEvent.click(vault.getByTestId("vault-save"));

    expect(await dialog.findByTestId("add-result")).toHaveTextContent("Connected keyed");
    expect(callsOf("set_vault_key_source")).toEqual([{ choice: { keySource: "file:/srv/bindery/vault.key" } }]);
    const credentials = sent.map((s) => (s as { request: { credentials: Record<string, string> } }).request.credentials);
    expect(credentials).toEqual([
      { url: "https://api.example.com/openapi.json", authMode: "api_key", authHeader: "X-API-Key", apiKey: API_KEY },
      { url: "https://api.example.com/openapi.json", authMode: "api_key", authHeader: "X-API-Key", apiKey: API_KEY },
    ]);
    // The retry's copy was held in memory only: no cache, no storage, no screen.
    expect(JSON.stringify(client.getMutationCache().getAll().map((m) => m.state))).not.toContain(API_KEY);
    expect(JSON.stringify(client.getQueryCache().getAll().map((q) => q.state.data))).not.toContain(API_KEY);
    expect(JSON.stringify({ ...sessionStorage, ...localStorage })).not.toContain(API_KEY);
    expect(document.body.innerHTML).not.toContain(API_KEY);
  });
});
