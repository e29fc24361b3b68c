import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import type { BinderyError, Platform } from "../platform";
import { usePlatform } from "./context";
import type { Graph, GraphArgs, PathsArgs, PathsResult } from "./graphTypes";

export const GRAPH_DEPTH = 1;
export const GRAPH_LIMIT = 60;
/** The core answers at most 200 objects per neighbourhood (`validation_error` above). */
export const GRAPH_MAX_LIMIT = 200;
export const PATH_MAX_HOPS = 4;
export const PATH_MAX = 5;

/** Query keys are `[command, args]`, so a cache entry is exactly one core call. */
export const graphKeys = {
  graph: (kind: string, focus: string, depth: number, limit: number) => ["get_graph", { kind, focus, depth, limit }] as const,
  paths: (kind: string, from: string, to: string, maxHops: number, max: number) =>
    ["find_paths", { kind, from, to, maxHops, max }] as const,
};

/** The two graph commands, typed (the platform passes the arguments through unchanged). */
export function createGraphApi(platform: Platform) {
  return {
    getGraph: (args: GraphArgs) => platform.call<Graph>("get_graph", { ...args }),
    findPaths: (args: PathsArgs) => platform.call<PathsResult>("find_paths", { ...args }),
  };
}

export function useGraphApi() {
  const platform = usePlatform();
  return useMemo(() => createGraphApi(platform), [platform]);
}

/** One object and its neighbours up to `depth` hops, at most `limit` objects (the core caps it). */
export function useGraph(kind: string, focus: string | null, depth = GRAPH_DEPTH, limit = GRAPH_LIMIT) {
  const api = useGraphApi();
  return useQuery<Graph, BinderyError>({
    queryKey: graphKeys.graph(kind, focus ?? "", depth, limit),
    queryFn: () => api.getGraph({ kind, focus: focus ?? "", depth, limit }),
    enabled: kind !== "" && !!focus,
    placeholderData: keepPreviousData,
  });
}

/** The neighbourhood of one more object, fetched on demand ("expand") and cached like the rest. */
export function useFetchNeighbourhood(kind: string, limit = GRAPH_LIMIT) {
  const api = useGraphApi();
  const qc = useQueryClient();
  return useCallback(
    (focus: string) =>
      qc.fetchQuery<Graph, BinderyError>({
        queryKey: graphKeys.graph(kind, focus, 1, limit),
        queryFn: () => api.getGraph({ kind, focus, depth: 1, limit }),
      }),
    [api, qc, kind, limit],
  );
}

/** The shortest paths between two objects, computed in the core. Held back until both are chosen. */
export function usePaths(kind: string, from: string | null, to: string | null, maxHops = PATH_MAX_HOPS, max = PATH_MAX) {
  const api = useGraphApi();
  return useQuery<PathsResult, BinderyError>({
    queryKey: graphKeys.paths(kind, from ?? "", to ?? "", maxHops, max),
    queryFn: () => api.findPaths({ kind, from: from ?? "", to: to ?? "", maxHops, max }),
    enabled: kind !== "" && !!from && !!to,
  });
}
