import type { Scoping } from "../../api/types";

export const emptyScoping: Scoping = { blockedTables: [], blockedColumns: [] };

/** `public.customer.email` -> `["public.customer", "email"]`: object names may hold dots, fields do not. */
export function splitColumn(entry: string): [object: string, field: string] {
  const dot = entry.lastIndexOf(".");
  return dot <= 0 ? [entry, ""] : [entry.slice(0, dot), entry.slice(dot + 1)];
}

export const columnEntry = (object: string, field: string): string => `${object}.${field}`;

const added = (list: readonly string[], item: string): string[] => (list.includes(item) ? [...list] : [...list, item]);
const removed = (list: readonly string[], item: string): string[] => list.filter((x) => x !== item);

/** The full lists with one more table blocked (what PATCH takes). */
export function withTable(s: Scoping, table: string): Scoping {
  return { blockedTables: added(s.blockedTables, table), blockedColumns: [...s.blockedColumns] };
}

export function withColumn(s: Scoping, object: string, field: string): Scoping {
  return { blockedTables: [...s.blockedTables], blockedColumns: added(s.blockedColumns, columnEntry(object, field)) };
}

export function withoutTable(s: Scoping, table: string): Scoping {
  return { blockedTables: removed(s.blockedTables, table), blockedColumns: [...s.blockedColumns] };
}

export function withoutColumn(s: Scoping, entry: string): Scoping {
  return { blockedTables: [...s.blockedTables], blockedColumns: removed(s.blockedColumns, entry) };
}

export const blockedCount = (s: Scoping): number => s.blockedTables.length + s.blockedColumns.length;
