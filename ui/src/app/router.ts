import { useSyncExternalStore } from "react";

/**
 * Hash routes, so one build works from the Tauri custom protocol and from `bindery serve` at `/`
 * without server-side fallbacks:
 *   #/providers
 *   #/browser                     (first integration)
 *   #/browser/<kind>[/<object>]   (both URL-encoded)
 *   #/agents[/<agent>[/skills/<skill>[/try]]]
 */
export type SkillTab = "overview" | "try";

export type Route =
  | { name: "providers" }
  | { name: "browser"; kind: string | null; object: string | null }
  | { name: "agents"; agent: string | null; skill: string | null; tab: SkillTab };

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
  if (parts[0] === "agents") {
    const agent = parts[1] ? dec(parts[1]) : null;
    const skill = agent && parts[2] === "skills" && parts[3] ? dec(parts[3]) : null;
    return { name: "agents", agent, skill, tab: skill && parts[4] === "try" ? "try" : "overview" };
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
  if (route.name === "agents") {
    let h = "#/agents";
    if (route.agent) {
      h += `/${encodeURIComponent(route.agent)}`;
      if (route.skill) {
        h += `/skills/${encodeURIComponent(route.skill)}`;
        if (route.tab === "try") h += "/try";
      }
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
