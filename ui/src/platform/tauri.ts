import { invoke } from "@tauri-apps/api/core";
import { toBinderyError } from "./errors";
import type { Command, CommandArgs, Platform } from "./types";

/** Desktop mode: Tauri `invoke`. Commands return `T` directly and reject with `{code, status, message}`. */
export function createTauriPlatform(): Platform {
  async function call<T>(command: Command, args?: CommandArgs): Promise<T> {
    try {
      return await invoke<T>(command, args ?? {});
    } catch (e) {
      throw toBinderyError(e);
    }
  }
  /**
   * The shell's own command (not a core command, so not in `Command`): it opens the sign-in URL
   * it kept for `kind` when connect answered, never a URL the page passes.
   */
  async function openSignIn(kind: string): Promise<boolean> {
    try {
      return await invoke<boolean>("open_oauth_url", { kind });
    } catch (e) {
      throw toBinderyError(e);
    }
  }
  return { mode: "tauri", call, auth: null, openSignIn };
}
