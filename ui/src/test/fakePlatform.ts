import { BinderyError, toBinderyError, type Command, type CommandArgs, type Platform } from "../platform";

export type Handler = (args: CommandArgs) => unknown;

/**
 * A Platform that answers from handlers and records every call, so tests assert what the UI asked
 * the core for. A handler that throws (or rejects) becomes a BinderyError like a real transport's.
 */
export function createFakePlatform(handlers: Partial<Record<Command, Handler>>) {
  const calls: [Command, CommandArgs][] = [];
  /** Every `openSignIn(kind, url)` the UI asked for. */
  const opened: [string, string][] = [];
  const platform: Platform = {
    mode: "tauri",
    auth: null,
    async openSignIn(kind: string, url: string) {
      opened.push([kind, url]);
      return true;
    },
    async call<T>(command: Command, args: CommandArgs = {}): Promise<T> {
      calls.push([command, args]);
      const h = handlers[command];
      if (!h) throw new BinderyError("test/unhandled", 500, `No fake handler for ${command}`);
      try {
        return (await h(args)) as T;
      } catch (e) {
        throw toBinderyError(e);
      }
    },
  };
  const callsOf = (command: Command) => calls.filter(([c]) => c === command).map(([, a]) => a);
  return { platform, calls, callsOf, opened };
}
