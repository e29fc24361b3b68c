import type { Platform } from "../platform";
import type {
  CatalogEntry,
  ConnectRequest,
  ConnectResult,
  DiscoverResult,
  Integration,
  ObjectDetail,
  ObjectPage,
  Operation,
  Schema,
} from "./types";

export interface ListObjectsArgs {
  kind: string;
  q: string;
  cursor: string | null;
  limit: number;
}

/** One typed function per core command. Arguments are passed through unchanged to either transport. */
export function createApi(platform: Platform) {
  return {
    catalog: () => platform.call<CatalogEntry[]>("catalog"),
    listIntegrations: () => platform.call<Integration[]>("list_integrations"),
    connectIntegration: (args: { kind: string; request: ConnectRequest }) =>
      platform.call<ConnectResult>("connect_integration", { ...args }),
    discoverIntegration: (args: { kind: string }) =>
      platform.call<DiscoverResult>("discover_integration", { ...args }),
    /** The whole schema: large. Screens ask for slices (listObjects/getObject) instead. */
    getSchema: (args: { kind: string }) => platform.call<Schema>("get_schema", { ...args }),
    listObjects: (args: ListObjectsArgs) => platform.call<ObjectPage>("list_objects", { ...args }),
    getObject: (args: { kind: string; object: string }) =>
      platform.call<ObjectDetail>("get_object", { ...args }),
    listOperations: (args: { kind: string; object?: string }) =>
      platform.call<Operation[]>("list_operations", { ...args }),
  };
}

export type Api = ReturnType<typeof createApi>;
