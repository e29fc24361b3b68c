import { useState, type ReactNode } from "react";
import { usePlatform } from "../api/context";
import { Badge, IconBook, IconBot, IconDatabase, IconMonitor, IconMoon, IconPlug, IconSun } from "../components/ui";
import { useTheme, type ThemePref } from "../lib/theme";
import { formatRoute, type Route } from "./router";

const nextTheme: Record<ThemePref, ThemePref> = { system: "light", light: "dark", dark: "system" };
const themeLabel: Record<ThemePref, string> = {
  system: "Theme: follows the system",
  light: "Theme: light",
  dark: "Theme: dark",
};

export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const platform = usePlatform();
  const [theme, setTheme] = useTheme();
  // "Schema browser" returns to the provider and object last looked at.
  const [lastBrowser, setLastBrowser] = useState<Route>({ name: "browser", kind: null, object: null });
  if (route.name === "browser" && route.kind && formatRoute(route) !== formatRoute(lastBrowser)) {
    setLastBrowser(route);
  }
  // "Agents" returns to the agent and skill last looked at.
  const [lastAgents, setLastAgents] = useState<Route>({ name: "agents", agent: null, skill: null, tab: "overview" });
  if (route.name === "agents" && route.agent && formatRoute(route) !== formatRoute(lastAgents)) {
    setLastAgents(route);
  }

  return (
    <div className="shell">
      <header className="shell-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            <IconBook size={15} />
          </span>
          <span className="brand-name">Bindery</span>
        </div>
        <div className="shell-header-end">
          <Badge tone="neutral" title={platform.mode === "tauri" ? "Desktop app" : "Browser, talking to bindery serve"}>
            {platform.mode === "tauri" ? "Desktop" : "Local API"}
          </Badge>
          <button
            type="button"
            className="icon-button"
            data-testid="theme-toggle"
            aria-label={`${themeLabel[theme]}. Switch.`}
            title={themeLabel[theme]}
            onClick={() => setTheme(nextTheme[theme])}
          >
            {theme === "light" ? <IconSun /> : theme === "dark" ? <IconMoon /> : <IconMonitor />}
          </button>
        </div>
      </header>
      <nav className="shell-sidebar" aria-label="Main">
        <a
          href={formatRoute({ name: "providers" })}
          className="nav-item"
          data-testid="nav-providers"
          aria-current={route.name === "providers" ? "page" : undefined}
        >
          <IconPlug />
          Providers
        </a>
        <a
          href={formatRoute(lastBrowser)}
          className="nav-item"
          data-testid="nav-browser"
          aria-current={route.name === "browser" ? "page" : undefined}
        >
          <IconDatabase />
          Schema browser
        </a>
        <a
          href={formatRoute(lastAgents)}
          className="nav-item"
          data-testid="nav-agents"
          aria-current={route.name === "agents" ? "page" : undefined}
        >
          <IconBot />
          Agents
        </a>
      </nav>
      <main className="shell-main">{children}</main>
    </div>
  );
}
