import { BinderyError, ClientErrorCode } from "./errors";
import type { SessionTokenStore } from "./token";
import type { Command, CommandArgs, Platform } from "./types";

export const API_BASE = "/api/v1";

interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | null | undefined>;
  body?: unknown;
}

const seg = (v: unknown): string => encodeURIComponent(String(v ?? ""));

/** Command -> route of the local API (`bindery serve`). The same table as the core's router. */
export function routeFor(command: Command, args: CommandArgs = {}): Route {
  switch (command) {
    case "catalog":
      return { method: "GET", path: "/integrations/catalog" };
    case "list_integrations":
      return { method: "GET", path: "/integrations" };
    case "connect_integration":
      return { method: "POST", path: `/integrations/${seg(args.kind)}/connect`, body: args.request ?? {} };
    case "discover_integration":
      return { method: "POST", path: `/integrations/${seg(args.kind)}/discover` };
    case "get_schema":
      return { method: "GET", path: `/integrations/${seg(args.kind)}/schema` };
    case "list_objects":
      return {
        method: "GET",
        path: `/integrations/${seg(args.kind)}/objects`,
        query: {
          q: (args.q as string | undefined) || null,
          cursor: (args.cursor as string | null | undefined) ?? null,
          limit: (args.limit as number | undefined) ?? null,
          hide: (args.hide as string | undefined) || null,
        },
      };
    case "get_object":
      return { method: "GET", path: `/integrations/${seg(args.kind)}/objects/${seg(args.object)}` };
    case "list_operations":
      return {
        method: "GET",
        path: `/integrations/${seg(args.kind)}/operations`,
        query: { object: (args.object as string | null | undefined) ?? null },
      };
    case "list_subscriptions":
      return { method: "GET", path: `/integrations/${seg(args.kind)}/subscriptions` };
    case "get_graph":
      return {
        method: "GET",
        path: `/integrations/${seg(args.kind)}/graph`,
        query: {
          focus: (args.focus as string | undefined) ?? null,
          depth: (args.depth as number | undefined) ?? null,
          limit: (args.limit as number | undefined) ?? null,
        },
      };
    case "find_paths":
      return {
        method: "GET",
        path: `/integrations/${seg(args.kind)}/paths`,
        query: {
          from: (args.from as string | undefined) ?? null,
          to: (args.to as string | undefined) ?? null,
          maxHops: (args.maxHops as number | undefined) ?? null,
          max: (args.max as number | undefined) ?? null,
        },
      };
    case "get_scoping":
      return { method: "GET", path: `/integrations/${seg(args.kind)}/scoping` };
    case "set_scoping":
      return { method: "PATCH", path: `/integrations/${seg(args.kind)}/scoping`, body: args.scoping ?? {} };
    case "sql_scripts": {
      const q = (args.query ?? {}) as Record<string, string | undefined>;
      return {
        method: "GET",
        path: `/integrations/${seg(args.kind)}/sql/scripts`,
        query: { database: q.database, tables: q.tables, password: q.password, role: q.role },
      };
    }
    case "test_sql_connection":
      // The credentials (a password) go in the body only, never in the URL.
      return { method: "POST", path: `/integrations/${seg(args.kind)}/sql/test`, body: args.request ?? {} };
    case "complete_connect":
      // Waits (up to 5 minutes) for the person to approve in their browser.
      return { method: "POST", path: `/integrations/${seg(args.kind)}/connect/complete` };
    case "cancel_connect":
      return { method: "DELETE", path: `/integrations/${seg(args.kind)}/connect` };
    case "disconnect_integration":
      return { method: "DELETE", path: `/integrations/${seg(args.kind)}` };
    case "connection_health":
      return { method: "GET", path: `/integrations/${seg(args.kind)}/health` };
    case "vault_status":
      return { method: "GET", path: "/vault" };
    case "set_vault_key_source":
      return { method: "PUT", path: "/vault", body: args.choice ?? {} };
    case "list_agents":
      return { method: "GET", path: "/agents" };
    case "create_agent":
      return { method: "POST", path: "/agents", body: args.body ?? {} };
    case "get_agent":
      return { method: "GET", path: `/agents/${seg(args.agent)}` };
    case "bind_skill":
      return { method: "POST", path: `/agents/${seg(args.agent)}/integrations/${seg(args.kind)}/bindings`, body: args.binding ?? {} };
    case "list_skills":
      return { method: "GET", path: `/agents/${seg(args.agent)}/skills` };
    case "get_skill":
      return { method: "GET", path: `/agents/${seg(args.agent)}/skills/${seg(args.skill)}` };
    case "update_skill":
      return { method: "PUT", path: `/agents/${seg(args.agent)}/skills/${seg(args.skill)}`, body: args.binding ?? {} };
    case "delete_skill":
      return { method: "DELETE", path: `/agents/${seg(args.agent)}/skills/${seg(args.skill)}` };
    case "approve_skill":
      return { method: "POST", path: `/agents/${seg(args.agent)}/skills/${seg(args.skill)}/approve`, body: args.body ?? {} };
    case "enable_skill":
      return { method: "POST", path: `/agents/${seg(args.agent)}/skills/${seg(args.skill)}/enable`, body: args.body ?? {} };
    case "publish_agent":
      return { method: "POST", path: `/agents/${seg(args.agent)}/publish`, body: args.body ?? {} };
    case "list_versions":
      return { method: "GET", path: `/agents/${seg(args.agent)}/versions` };
    case "diff_versions":
      return {
        method: "GET",
        path: `/agents/${seg(args.agent)}/versions/${seg(args.version)}/diff`,
        query: { against: (args.against as string | null | undefined) ?? null },
      };
    case "preview_binding":
      // Validates and compiles a binding without saving it: always 200 with the diagnostics.
      return { method: "POST", path: `/agents/${seg(args.agent)}/integrations/${seg(args.kind)}/bindings/preview`, body: args.binding ?? {} };
    case "try_skill":
      // A write runs only with `confirm: true`; otherwise the core answers what it would send.
      return { method: "POST", path: `/agents/${seg(args.agent)}/skills/${seg(args.skill)}/try`, body: args.body ?? {} };
  }
}

export function buildUrl(base: string, route: Route): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(route.query ?? {})) {
    if (v === null || v === undefined || v === "") continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `${base}${route.path}${qs ? `?${qs}` : ""}`;
}

export interface HttpPlatformOptions {
  tokens: SessionTokenStore;
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** Browser mode: HTTP to the local API on the same origin, bearer API key from this tab's session. */
export function createHttpPlatform(opts: HttpPlatformOptions): Platform {
  const base = opts.baseUrl ?? API_BASE;
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init));
  const tokens = opts.tokens;

  async function call<T>(command: Command, args?: CommandArgs): Promise<T> {
    const token = tokens.get();
    if (!token) {
      throw new BinderyError(ClientErrorCode.missingToken, 401, "No API key for the local Bindery.");
    }
    const route = routeFor(command, args);
    const headers: Record<string, string> = {
      Accept: "application/json, application/problem+json",
      Authorization: `Bearer ${token}`,
    };
    const init: RequestInit = { method: route.method, headers };
    if (route.body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(route.body);
    }

    let res: Response;
    try {
      res = await doFetch(buildUrl(base, route), init);
    } catch (e) {
      throw new BinderyError(
        ClientErrorCode.network,
        0,
        `Could not reach the local Bindery API (${e instanceof Error ? e.message : String(e)}).`,
      );
    }

    const text = await res.text();
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }

    if (!res.ok) {
      const err = problemToError(res, body);
      if (res.status === 401) tokens.reject(err.code, err.message);
      throw err;
    }
    if (body && typeof body === "object" && (body as { success?: unknown }).success === true && "data" in body) {
      return (body as { data: T }).data;
    }
    throw new BinderyError(
      ClientErrorCode.badResponse,
      res.status,
      `The local API answered ${command} with an unexpected body.`,
    );
  }

  /** A new tab on the sign-in page; `noopener`, so the page gets no handle on Bindery's tab. */
  async function openSignIn(_kind: string, url: string): Promise<boolean> {
    if (!isWebUrl(url)) return false;
    // With `noopener` window.open answers null even when the tab opened: the UI always shows the link too.
    window.open(url, "_blank", "noopener");
    return true;
  }

  return { mode: "http", call, auth: tokens, openSignIn };
}

/** Only http(s) pages are ever opened (never `javascript:` or a file). */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/** RFC 9457 problem+json -> BinderyError. */
function problemToError(res: Response, body: unknown): BinderyError {
  if (body && typeof body === "object") {
    const p = body as Record<string, unknown>;
    const status = typeof p.status === "number" ? p.status : res.status;
    const message =
      (typeof p.detail === "string" && p.detail) ||
      (typeof p.title === "string" && p.title) ||
      res.statusText ||
      `HTTP ${res.status}`;
    if (typeof p.code === "string" && p.code) return new BinderyError(p.code, status, message, p);
    return new BinderyError(`http/${res.status}`, status, message);
  }
  return new BinderyError(`http/${res.status}`, res.status, res.statusText || `HTTP ${res.status}`);
}
