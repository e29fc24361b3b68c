import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { applyTheme } from "../lib/theme";
import { createPlatform } from "../platform";
import { App } from "./App";

import "../styles/tokens.css";
import "../styles/base.css";
import "../components/ui/ui.css";
import "./shell.css";
import "../features/connect/connect.css";
import "../features/providers/providers.css";
import "../features/schema-browser/browser.css";
import "../features/schema-browser/graphql.css";
import "../features/schema-browser/operations.css";
import "../features/schema-browser/scoping.css";
import "../features/agents/agents.css";
import "../features/agents/skill.css";
import "../features/agents/try.css";

applyTheme();
// Before anything renders: moves a `#token=` out of the address bar into this tab's session.
const platform = createPlatform();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App platform={platform} />
  </StrictMode>,
);
