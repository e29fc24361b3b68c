/**
 * The one error type the UI sees, whatever the transport. Screens branch on `code` (stable,
 * machine-readable, set by the core) and `status`; `message` is for people and is only displayed.
 */
export class BinderyError extends Error {
  readonly code: string;
  readonly status: number;
  /** The rest of the problem body, when the core sent more (`diagnostics`, `errors`). */
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: string, status: number, message: string, details?: Readonly<Record<string, unknown>>) {
    super(message);
    this.name = "BinderyError";
    this.code = code;
    this.status = status;
    if (details) this.details = details;
  }
}

export function isBinderyError(value: unknown): value is BinderyError {
  return value instanceof BinderyError;
}

/** Codes produced on the client side, when the core could not be asked or did not answer. */
export const ClientErrorCode = {
  /** The request never got an HTTP response (server down, connection refused). */
  network: "client/network",
  /** The server answered with something that is not the documented envelope or problem+json. */
  badResponse: "client/bad-response",
  /** Browser mode without an API key: nothing was sent. */
  missingToken: "auth/missing-token",
  /** The Tauri bridge rejected with something that is not `{code, status, message}`. */
  invoke: "client/invoke",
} as const;

/** Turns anything thrown by a transport into a BinderyError. */
export function toBinderyError(value: unknown): BinderyError {
  if (value instanceof BinderyError) return value;
  if (value && typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (typeof v.code === "string") {
      const status = typeof v.status === "number" ? v.status : 500;
      const message =
        typeof v.message === "string"
          ? v.message
          : typeof v.detail === "string"
            ? v.detail
            : typeof v.title === "string"
              ? v.title
              : v.code;
      return new BinderyError(v.code, status, message, v);
    }
    if (value instanceof Error) return new BinderyError(ClientErrorCode.invoke, 500, value.message);
  }
  if (typeof value === "string") return new BinderyError(ClientErrorCode.invoke, 500, value);
  return new BinderyError(ClientErrorCode.invoke, 500, "The core returned an unexpected error.");
}
