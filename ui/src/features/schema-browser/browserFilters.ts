import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { ObjectHideFilter } from "../../api/types";

/** The schema browser's noise filters for one provider (GraphQL schemas are full of wrappers). */
export interface BrowserFilters {
  /** Leave Relay connection / edge / pageInfo types out of the object list (server side). */
  hideRelay: boolean;
  /** Leave input types out of the object list (server side). */
  hideInput: boolean;
  /** Leave deprecated fields out of the object detail (client side). */
  hideDeprecated: boolean;
}

export const DEFAULT_BROWSER_FILTERS: BrowserFilters = { hideRelay: true, hideInput: true, hideDeprecated: true };

/** localStorage key of one provider's filters. */
export const browserFiltersKey = (kind: string) => `bindery.browser.filters.${kind}`;

const listeners = new Set<() => void>();
/** Where the filters live when localStorage is disabled or full: this page only. */
const inMemory = new Map<string, string>();

function readRaw(kind: string): string | null {
  const key = browserFiltersKey(kind);
  try {
    return window.localStorage.getItem(key) ?? inMemory.get(key) ?? null;
  } catch {
    return inMemory.get(key) ?? null;
  }
}

function writeRaw(kind: string, value: string) {
  const key = browserFiltersKey(kind);
  try {
    window.localStorage.setItem(key, value);
    inMemory.delete(key);
  } catch {
    inMemory.set(key, value);
  }
}

/** Stored filters over the defaults; anything unreadable falls back to the defaults. */
export function parseBrowserFilters(raw: string | null): BrowserFilters {
  if (!raw) return DEFAULT_BROWSER_FILTERS;
  try {
    const stored: unknown = JSON.parse(raw);
    if (!stored || typeof stored !== "object") return DEFAULT_BROWSER_FILTERS;
    const s = stored as Record<string, unknown>;
    const flag = (k: keyof BrowserFilters) => (typeof s[k] === "boolean" ? (s[k] as boolean) : DEFAULT_BROWSER_FILTERS[k]);
    return { hideRelay: flag("hideRelay"), hideInput: flag("hideInput"), hideDeprecated: flag("hideDeprecated") };
  } catch {
    return DEFAULT_BROWSER_FILTERS;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another window of the same origin changed them.
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** The server-side part of the filters, as `hide=` wants it. */
export function hiddenObjectKinds(f: BrowserFilters): ObjectHideFilter[] {
  const hide: ObjectHideFilter[] = [];
  if (f.hideRelay) hide.push("relay");
  if (f.hideInput) hide.push("input");
  return hide;
}

/**
 * One provider's filters, remembered in localStorage. Every component that uses them for the
 * same provider sees a change at once.
 */
export function useBrowserFilters(kind: string): [BrowserFilters, (patch: Partial<BrowserFilters>) => void] {
  const raw = useSyncExternalStore(
    subscribe,
    () => readRaw(kind),
    () => null,
  );
  const filters = useMemo(() => parseBrowserFilters(raw), [raw]);
  const update = useCallback(
    (patch: Partial<BrowserFilters>) => {
      const next = { ...parseBrowserFilters(readRaw(kind)), ...patch };
      writeRaw(kind, JSON.stringify(next));
      for (const l of [...listeners]) l();
    },
    [kind],
  );
  return [filters, update];
}
