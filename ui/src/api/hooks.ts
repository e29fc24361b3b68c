import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
import { BinderyError, ClientErrorCode, toBinderyError, type Command } from "../platform";
import { useApi, usePlatform } from "./context";
import type {
  CatalogEntry,
  ConnectionHealth,
  ConnectRequest,
  ConnectResult,
  DisconnectResult,
  DiscoverResult,
  Integration,
  ObjectDetail,
  ObjectHideFilter,
  ObjectPage,
  Operation,
  Scoping,
  ScopingResult,
  SqlScripts,
  SqlScriptsQuery,
  SqlTestRequest,
  SqlTestResult,
  VaultChoice,
  VaultInfo,
} from "./types";

/** Query keys are `[command, args]`, so a cache entry is exactly one core call. */
export const queryKeys = {
  catalog: () => ["catalog", {}] as const,
  integrations: () => ["list_integrations", {}] as const,
  objects: (kind: string, q: string, limit: number, hide: string) => ["list_objects", { kind, q, limit, hide }] as const,
  object: (kind: string, object: string) => ["get_object", { kind, object }] as const,
  operations: (kind: string, object?: string) => ["list_operations", { kind, object }] as const,
  subscriptions: (kind: string) => ["list_subscriptions", { kind }] as const,
  scoping: (kind: string) => ["get_scoping", { kind }] as const,
  vault: () => ["vault_status", {}] as const,
};

export function commandOf(key: readonly unknown[]): Command | undefined {
  return key[0] as Command | undefined;
}

export const OBJECT_PAGE_SIZE = 100;

export function useCatalog() {
  const api = useApi();
  return useQuery<CatalogEntry[], BinderyError>({
    queryKey: queryKeys.catalog(),
    queryFn: () => api.catalog(),
  });
}

export function useIntegrations() {
  const api = useApi();
  return useQuery<Integration[], BinderyError>({
    queryKey: queryKeys.integrations(),
    queryFn: () => api.listIntegrations(),
  });
}

export interface ObjectSearchOptions {
  /** Types the core leaves out before paging (GraphQL noise filters). */
  hide?: readonly ObjectHideFilter[];
  /** False holds the query back (until the provider's source kind is known). */
  enabled?: boolean;
  limit?: number;
}

/**
 * Cursor-paged object search. Each distinct `q` and `hide` is its own cache entry; the previous
 * result stays on screen while the next loads.
 */
export function useObjectSearch(kind: string, q: string, { hide = [], enabled = true, limit = OBJECT_PAGE_SIZE }: ObjectSearchOptions = {}) {
  const api = useApi();
  const hideParam = hide.join(",");
  return useInfiniteQuery<ObjectPage, BinderyError, InfiniteData<ObjectPage, string | null>, ReturnType<typeof queryKeys.objects>, string | null>({
    queryKey: queryKeys.objects(kind, q, limit, hideParam),
    queryFn: ({ pageParam }) =>
      api.listObjects({ kind, q, cursor: pageParam, limit, ...(hideParam ? { hide: hideParam } : {}) }),
    initialPageParam: null,
    getNextPageParam: (last) => (last.hasMore && last.nextCursor ? last.nextCursor : undefined),
    placeholderData: keepPreviousData,
    enabled: kind !== "" && enabled,
  });
}

export function useObjectDetail(kind: string, object: string | null) {
  const api = useApi();
  return useQuery<ObjectDetail, BinderyError>({
    queryKey: queryKeys.object(kind, object ?? ""),
    queryFn: () => api.getObject({ kind, object: object ?? "" }),
    enabled: kind !== "" && !!object,
  });
}

export function useOperations(kind: string, object?: string) {
  const api = useApi();
  return useQuery<Operation[], BinderyError>({
    queryKey: queryKeys.operations(kind, object),
    queryFn: () => api.listOperations(object === undefined ? { kind } : { kind, object }),
    enabled: kind !== "",
  });
}

/**
 * GraphQL subscriptions (listed, never bindable). Other sources answer `[]`; an older core may
 * answer an error, which screens treat as "none", so it is not retried.
 */
export function useSubscriptions(kind: string) {
  const api = useApi();
  return useQuery<Operation[], BinderyError>({
    queryKey: queryKeys.subscriptions(kind),
    queryFn: () => api.listSubscriptions({ kind }),
    enabled: kind !== "",
    retry: false,
  });
}

/** Re-discovery changes everything a kind's queries returned, and the summary counts: refetch it all. */
export function useDiscover() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<DiscoverResult, BinderyError, { kind: string }>({
    mutationFn: (args) => api.discoverIntegration(args),
    onSettled: () => qc.invalidateQueries(),
  });
}

export interface ConnectAndDiscoverResult {
  kind: string;
  /** `connected` or `reconnected` (after the browser approval, for OAuth). */
  status: ConnectResult["status"];
  /** The provider was connected through an OAuth sign-in approved in the browser. */
  signedIn: boolean;
  /** Who the connection is, when the provider says. */
  accountLabel?: string;
  /** Present when discovery ran. */
  discover?: DiscoverResult;
  /** Discovery failed after a successful connect: the integration exists, its schema does not yet. */
  discoverError?: BinderyError;
}

/** An OAuth sign-in waiting for the person to approve it in their browser. */
export interface SignInStarted {
  kind: string;
  /** The provider's authorization page (no secret in it: a client id, scopes, state, a PKCE challenge). */
  url: string;
  /** Whether a browser was asked to open it (the desktop shell says; in a browser, a new tab was asked for). */
  opened: boolean;
  /** `Date.now()` when connect answered. */
  startedAt: number;
}

/** How long the core waits for the approval (`APPROVAL_TIMEOUT`). */
export const SIGN_IN_TIMEOUT_MS = 5 * 60 * 1000;

export interface ConnectAndDiscoverOptions {
  /**
   * Called when the core answers `pending` with an `oauthUrl`: the sign-in page is open (or the
   * link is to be shown) and the flow now waits for the approval (`complete_connect`).
   */
  onSignIn?: (started: SignInStarted) => void;
}

/**
 * Connect, then discover right away (the catalog's "Add" flow). Rejects only when connect fails.
 * For an OAuth provider connect answers `pending` with the sign-in page: it is opened in the
 * browser (by the desktop shell itself, or a new tab here), `onSignIn` shows the waiting state,
 * and `complete_connect` waits for the approval before discovery runs. A cancel (`cancel_connect`)
 * or a timeout rejects with `oauth_not_approved`.
 *
 * The credentials may hold secrets (a password, an API key, a client secret): the core gets a
 * copy, and the variables react-query keeps in its state (and shows in devtools) are emptied of
 * them as the request is sent.
 */
export function useConnectAndDiscover({ onSignIn }: ConnectAndDiscoverOptions = {}) {
  const api = useApi();
  const platform = usePlatform();
  const qc = useQueryClient();
  return useMutation<ConnectAndDiscoverResult, BinderyError, { kind: string; request: ConnectRequest }>({
    mutationFn: async (args) => {
      const request: ConnectRequest = { ...args.request, credentials: { ...args.request.credentials } };
      args.request.credentials = {};
      let connected = await api.connectIntegration({ kind: args.kind, request });
      const kind = connected.kind || args.kind;
      let signedIn = false;
      if (connected.status === "pending") {
        const url = connected.oauthUrl;
        if (!url) throw new BinderyError(ClientErrorCode.badResponse, 200, `Connecting ${kind} waits for a sign-in but the core gave no page to open.`);
        const opened = connected.browserOpened ?? (await platform.openSignIn(kind, url).catch(() => false));
        onSignIn?.({ kind, url, opened, startedAt: Date.now() });
        connected = await api.completeConnect({ kind });
        signedIn = true;
      }
      const base = {
        kind,
        status: connected.status,
        signedIn,
        ...(connected.accountLabel ? { accountLabel: connected.accountLabel } : {}),
      };
      try {
        return { ...base, discover: await api.discoverIntegration({ kind }) };
      } catch (e) {
        return { ...base, discoverError: toBinderyError(e) };
      }
    },
    onSettled: () => qc.invalidateQueries(),
  });
}

/** Stops a waiting OAuth sign-in (`cancel_connect`); nothing is stored. */
export function useCancelSignIn() {
  const api = useApi();
  return useMutation<{ kind: string; cancelled: boolean }, BinderyError, { kind: string }>({
    mutationFn: (args) => api.cancelConnect(args),
  });
}

/** Where the vault's master key lives and whether it can be used. */
export function useVault({ enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery<VaultInfo, BinderyError>({
    queryKey: queryKeys.vault(),
    queryFn: () => api.vaultStatus(),
    retry: false,
    enabled,
  });
}

/** Chooses where the master key lives (`keyring`, `file:<path>`, `env:<VAR>`); answers the new status. */
export function useSetVaultKeySource() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<VaultInfo, BinderyError, VaultChoice>({
    mutationFn: (choice) => api.setVaultKeySource({ choice: { keySource: choice.keySource } }),
    onSuccess: (info) => qc.setQueryData(queryKeys.vault(), info),
  });
}

/**
 * "Check connection": whether the stored credentials still work (an OAuth token is refreshed on
 * the way). A mutation: it runs when asked. The answer may turn the provider to
 * `needs_reconnect`, so the list is read again.
 */
export function useConnectionHealth(kind: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<ConnectionHealth, BinderyError, void>({
    mutationFn: () => api.connectionHealth({ kind }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.integrations() }),
    gcTime: 0,
  });
}

/** Whether a query key is one of `kind`'s (`[command, {kind, …}]`). */
function isQueryOf(key: readonly unknown[], kind: string): boolean {
  return (key[1] as { kind?: unknown } | undefined)?.kind === kind;
}

/**
 * Disconnects a provider: tokens revoked at the provider where it can, credentials, schema and
 * provider deleted. Its cached answers are dropped (they would answer provider_not_found), and the
 * list, the catalog and the vault's credential count are read again.
 */
export function useDisconnect() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<DisconnectResult, BinderyError, { kind: string }>({
    mutationFn: (args) => api.disconnectIntegration(args),
    onSuccess: async (_result, { kind }) => {
      qc.removeQueries({ predicate: (q) => isQueryOf(q.queryKey, kind) });
      await Promise.all([
        qc.invalidateQueries({ queryKey: queryKeys.integrations() }),
        qc.invalidateQueries({ queryKey: queryKeys.catalog() }),
        qc.invalidateQueries({ queryKey: queryKeys.vault() }),
      ]);
    },
  });
}

/** The blocked tables and columns of a provider. An older core answers an error: not retried. */
export function useScoping(kind: string) {
  const api = useApi();
  return useQuery<Scoping, BinderyError>({
    queryKey: queryKeys.scoping(kind),
    queryFn: () => api.getScoping({ kind }),
    enabled: kind !== "",
    retry: false,
  });
}

/** Browse commands whose answers leave out what is blocked. */
const SCOPED_COMMANDS: ReadonlySet<string> = new Set<Command>(["list_objects", "get_object", "list_operations", "list_subscriptions", "get_schema"]);

/** Whether a query key is one of `kind`'s browse answers (`[command, {kind, …}]`). */
export function isScopedQuery(key: readonly unknown[], kind: string): boolean {
  const args = key[1] as { kind?: unknown } | undefined;
  return SCOPED_COMMANDS.has(String(key[0])) && args?.kind === kind;
}

export interface SetScopingOptions {
  /**
   * Runs once the core saved the change, before the lists refetch: the place to leave an object
   * that just got blocked, so it is not asked for again (it would answer object_not_found).
   */
  onSaved?: (result: ScopingResult) => void;
}

/**
 * Replaces a provider's blocked lists (always the full lists), then refetches everything of that
 * provider that scoping changes: object lists and search, objects, operations, schema, summary.
 */
export function useSetScoping(kind: string, { onSaved }: SetScopingOptions = {}) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<ScopingResult, BinderyError, Scoping>({
    mutationFn: (scoping) => api.setScoping({ kind, scoping }),
    onSuccess: async (result) => {
      qc.setQueryData<Scoping>(queryKeys.scoping(kind), { blockedTables: result.blockedTables, blockedColumns: result.blockedColumns });
      onSaved?.(result);
      // An object that is now blocked answers object_not_found: its queries are marked stale
      // but not asked again while a screen may still be leaving them.
      const blocked = new Set(result.blockedTables);
      const ofBlocked = (key: readonly unknown[]) => blocked.has(String((key[1] as { object?: unknown } | undefined)?.object));
      await Promise.all([
        qc.invalidateQueries({ predicate: (q) => isScopedQuery(q.queryKey, kind) && !ofBlocked(q.queryKey) }),
        qc.invalidateQueries({ predicate: (q) => isScopedQuery(q.queryKey, kind) && ofBlocked(q.queryKey), refetchType: "none" }),
        qc.invalidateQueries({ queryKey: queryKeys.integrations() }),
      ]);
    },
  });
}

/**
 * The least-privilege login scripts. A mutation, not a query: every call generates a new password,
 * so nothing refetches on its own, and the answer (with the password) is dropped with the screen.
 */
export function useSqlScripts() {
  const api = useApi();
  return useMutation<SqlScripts, BinderyError, { kind: string; query: SqlScriptsQuery }>({
    mutationFn: (args) => api.sqlScripts(args),
    gcTime: 0,
  });
}

/**
 * Connection checks on the Add form's values (nothing is stored). A mutation: it runs when asked
 * and never again behind the person's back. Like connect, the credentials (a password) go to the
 * core only: the variables react-query keeps (and devtools show) are emptied of them as the request
 * is sent, and the answer is dropped with the screen.
 */
export function useSqlConnectionTest() {
  const api = useApi();
  return useMutation<SqlTestResult, BinderyError, { kind: string; request: SqlTestRequest }>({
    mutationFn: (args) => {
      const request: SqlTestRequest = { ...args.request, credentials: { ...args.request.credentials } };
      args.request.credentials = {};
      return api.testSqlConnection({ kind: args.kind, request });
    },
    gcTime: 0,
  });
}
