import type { AuthSession } from "./types";

export const TOKEN_STORAGE_KEY = "bindery.apiKey";

const TOKEN_IN_HASH = /(^#|&)token=([^&]*)/;

/**
 * `bindery serve` prints `http://127.0.0.1:8787/#token=bindery_sk_…`. Takes the key out of the
 * fragment (so it is not left in the address bar, history or screenshots) and returns it.
 */
export function takeTokenFromLocation(
  loc: Pick<Location, "hash" | "pathname" | "search"> = window.location,
  hist: Pick<History, "replaceState" | "state"> = window.history,
): string | null {
  const match = TOKEN_IN_HASH.exec(loc.hash);
  if (!match) return null;
  let token: string;
  try {
    token = decodeURIComponent(match[2] ?? "");
  } catch {
    token = match[2] ?? "";
  }
  let rest = loc.hash.replace(TOKEN_IN_HASH, (_all, lead: string) => lead);
  rest = rest.replace(/^#&/, "#").replace(/&&/g, "&").replace(/&$/, "");
  if (rest === "#") rest = "";
  hist.replaceState(hist.state, "", `${loc.pathname}${loc.search}${rest}`);
  return token.trim() === "" ? null : token.trim();
}

/** The API key of this tab, kept in sessionStorage (gone when the tab closes). */
export class SessionTokenStore implements AuthSession {
  private listeners = new Set<() => void>();
  private rejected: { code: string; message: string } | null = null;
  private readonly storage: Storage | null;

  constructor(storage: Storage | null = safeSessionStorage()) {
    this.storage = storage;
  }

  /** For the transport only. */
  get(): string | null {
    return this.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  }

  hasToken(): boolean {
    return !!this.get();
  }

  setToken(token: string): void {
    this.rejected = null;
    this.storage?.setItem(TOKEN_STORAGE_KEY, token.trim());
    this.emit();
  }

  rejection(): { code: string; message: string } | null {
    return this.rejected;
  }

  /** The server refused the key: drop it and remember why, for the connect screen. */
  reject(code: string, message: string): void {
    this.rejected = { code, message };
    this.storage?.removeItem(TOKEN_STORAGE_KEY);
    this.emit();
  }

  clear(): void {
    if (this.storage?.getItem(TOKEN_STORAGE_KEY) == null) return;
    this.storage.removeItem(TOKEN_STORAGE_KEY);
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const l of [...this.listeners]) l();
  }
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
