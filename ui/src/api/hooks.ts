import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
import { toBinderyError, type BinderyError, type Command } from "../platform";
import { useApi } from "./context";
import type {
  CatalogEntry,
  ConnectRequest,
  DiscoverResult,
  Integration,
  ObjectDetail,
  ObjectPage,
  Operation,
} from "./types";

/** Query keys are `[command, args]`, so a cache entry is exactly one core call. */
export const queryKeys = {
  catalog: () => ["catalog", {}] as const,
  integrations: () => ["list_integrations", {}] as const,
  objects: (kind: string, q: string, limit: number) => ["list_objects", { kind, q, limit }] as const,
  object: (kind: string, object: string) => ["get_object", { kind, object }] as const,
  operations: (kind: string, object?: string) => ["list_operations", { kind, object }] as const,
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

/** Cursor-paged object search. Each distinct `q` is its own cache entry; the previous result stays on screen while the next loads. */
export function useObjectSearch(kind: string, q: string, limit = OBJECT_PAGE_SIZE) {
  const api = useApi();
  return useInfiniteQuery<ObjectPage, BinderyError, InfiniteData<ObjectPage, string | null>, ReturnType<typeof queryKeys.objects>, string | null>({
    queryKey: queryKeys.objects(kind, q, limit),
    queryFn: ({ pageParam }) => api.listObjects({ kind, q, cursor: pageParam, limit }),
    initialPageParam: null,
    getNextPageParam: (last) => (last.hasMore && last.nextCursor ? last.nextCursor : undefined),
    placeholderData: keepPreviousData,
    enabled: kind !== "",
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
  /** Present when discovery ran. */
  discover?: DiscoverResult;
  /** Discovery failed after a successful connect: the integration exists, its schema does not yet. */
  discoverError?: BinderyError;
}

/** Connect, then discover right away (the catalog's "Add" flow). Rejects only when connect fails. */
export function useConnectAndDiscover() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<ConnectAndDiscoverResult, BinderyError, { kind: string; request: ConnectRequest }>({
    mutationFn: async (args) => {
      const connected = await api.connectIntegration(args);
      const kind = connected.kind || args.kind;
      try {
        return { kind, discover: await api.discoverIntegration({ kind }) };
      } catch (e) {
        return { kind, discoverError: toBinderyError(e) };
      }
    },
    onSettled: () => qc.invalidateQueries(),
  });
}
