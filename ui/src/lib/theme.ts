import { useCallback, useSyncExternalStore } from "react";

export type ThemePref = "system" | "light" | "dark";
const KEY = "bindery.theme";
const listeners = new Set<() => void>();

function read(): ThemePref {
  try {
    const v = window.localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

/** Applies a stored preference to <html data-theme>; absent means "follow prefers-color-scheme". */
export function applyTheme(pref: ThemePref = read()): void {
  const root = document.documentElement;
  if (pref === "system") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", pref);
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useTheme(): [ThemePref, (next: ThemePref) => void] {
  const pref = useSyncExternalStore(subscribe, read, () => "system" as ThemePref);
  const set = useCallback((next: ThemePref) => {
    try {
      if (next === "system") window.localStorage.removeItem(KEY);
      else window.localStorage.setItem(KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    applyTheme(next);
    for (const l of [...listeners]) l();
  }, []);
  return [pref, set];
}
