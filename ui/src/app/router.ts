import { useSyncExternalStore } from "react";

/**
 * Hash routes, so one build works from the Tauri custom protocol and from `bindery serve` at `/`
 * without server-side fallbacks:
 *   #/providers
 *   #/browser                     (first integration)
 *   #/browser/<kind>[/<object>]   (both URL-encoded)
 */
export type Route =
  | { name: "providers" }
  | { name: "browser"; kind: string | null; object: string | null };

const dec = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, "").split("?")[0] ?? "";
  const parts = path.split("/").filter(Boolean);
  if (parts[0] === "browser") {
    return {
      name: "browser",
      kind: parts[1] ? dec(parts[1]) : null,
      object: parts[2] ? dec(parts.slice(2).join("/")) : null,
    };
  }
  return { name: "providers" };
}

export function formatRoute(route: Route): string {
  if (route.name === "browser") {
    let h = "#/browser";
    if (route.kind) {
      h += `/${encodeURIComponent(route.kind)}`;
      if (route.object) h += `/${encodeURIComponent(route.object)}`;
    }
    return h;
  }
  return "#/providers";
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("hashchange", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("hashchange", listener);
  };
}

const getHash = () => window.location.hash;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getHash, getHash);
  return parseHash(hash);
}

export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const hash = formatRoute(route);
  if (window.location.hash === hash) return;
  if (opts.replace) {
    window.history.replaceState(window.history.state, "", hash);
  } else {
    window.history.pushState(window.history.state, "", hash);
  }
  for (const l of [...listeners]) l();
}
