/**
 * The only module that knows where the UI runs: in the Tauri window (invoke) or in a browser
 * talking HTTP to `bindery serve`. Nothing outside `src/platform/` imports `@tauri-apps/*`.
 */
import { isTauri } from "@tauri-apps/api/core";
import { createHttpPlatform } from "./http";
import { createTauriPlatform } from "./tauri";
import { SessionTokenStore, takeTokenFromLocation } from "./token";
import type { Platform } from "./types";

export { BinderyError, ClientErrorCode, isBinderyError, toBinderyError } from "./errors";
export type { AuthSession, Command, CommandArgs, Platform } from "./types";

/** Picks the transport. In browser mode, first moves a `#token=` from the URL into the session. */
export function createPlatform(): Platform {
  if (isTauri()) return createTauriPlatform();
  const tokens = new SessionTokenStore();
  const fromUrl = takeTokenFromLocation();
  if (fromUrl) tokens.setToken(fromUrl);
  return createHttpPlatform({ tokens });
}
