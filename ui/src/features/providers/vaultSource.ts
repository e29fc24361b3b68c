import type { VaultInfo } from "../../api/types";

/** Where the vault's master key lives, as the core writes it: `keyring`, `file:<path>`, `env:<VAR>`. */
export type KeySourceKind = "keyring" | "file" | "env";

export interface ParsedKeySource {
  kind: KeySourceKind;
  /** The path (`file`) or the variable's name (`env`); empty for the keyring. */
  value: string;
}

export function parseKeySource(text: string): ParsedKeySource {
  const t = text.trim();
  if (t.startsWith("file:")) return { kind: "file", value: t.slice("file:".length) };
  if (t.startsWith("env:")) return { kind: "env", value: t.slice("env:".length) };
  return { kind: "keyring", value: "" };
}

export function formatKeySource({ kind, value }: ParsedKeySource): string {
  return kind === "keyring" ? "keyring" : `${kind}:${value.trim()}`;
}

/** "the OS keyring (Secret Service)", "the key file /home/ann/.config/bindery/vault.key", … */
export function describeKeySource(info: Pick<VaultInfo, "keySource" | "keyringStore">): string {
  const { kind, value } = parseKeySource(info.keySource);
  switch (kind) {
    case "keyring":
      return info.keyringStore ? `the OS keyring (${info.keyringStore})` : "the OS keyring";
    case "file":
      return `the key file ${value}`;
    case "env":
      return `the environment variable ${value}`;
  }
}

/** The key file to suggest: the core's suggestion, else the file in use, else none. */
export function suggestedKeyFile(info: VaultInfo | undefined): string {
  if (!info) return "";
  if (info.suggestedKeyFile) return info.suggestedKeyFile;
  const current = parseKeySource(info.keySource);
  return current.kind === "file" ? current.value : "";
}

/** Why a key file path cannot be used as typed, or null. The core resolves no `~` and no relative path. */
export function keyFileProblem(path: string): string | null {
  const p = path.trim();
  if (!p) return "Type the full path of the key file.";
  if (p.startsWith("~")) return "Write the full path: ~ is not expanded (for example /home/you/.config/bindery/vault.key).";
  if (!(p.startsWith("/") || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith("\\\\"))) return "Write the full path, from / (a relative path depends on where Bindery was started).";
  return null;
}

/** Why an environment variable name cannot be used, or null (the core's rule: letters, digits, `_`). */
export function envNameProblem(name: string): string | null {
  const n = name.trim();
  if (!n) return "Type the name of the environment variable.";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(n)) return "A variable name has only letters, digits and _, and does not start with a digit.";
  return null;
}
