import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { PlatformProvider } from "../api/context";
import { AgentsScreen } from "../features/agents/AgentsScreen";
import { ProvidersScreen } from "../features/providers/ProvidersScreen";
import { SchemaBrowser } from "../features/schema-browser/SchemaBrowser";
import type { Platform } from "../platform";
import { AuthGate } from "./AuthGate";
import { ErrorBoundary } from "./ErrorBoundary";
import { createQueryClient } from "./queryClient";
import { useRoute } from "./router";
import { Shell } from "./Shell";

export function App({ platform, queryClient }: { platform: Platform; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <PlatformProvider platform={platform}>
        <ErrorBoundary>
          <AuthGate>
            <Routes />
          </AuthGate>
        </ErrorBoundary>
      </PlatformProvider>
    </QueryClientProvider>
  );
}

function Routes() {
  const route = useRoute();
  return (
    <Shell route={route}>
      <ErrorBoundary>
        {route.name === "browser" ? (
          <SchemaBrowser kind={route.kind} object={route.object} />
        ) : route.name === "agents" ? (
          <AgentsScreen agent={route.agent} skill={route.skill} tab={route.tab} />
        ) : (
          <ProvidersScreen />
        )}
      </ErrorBoundary>
    </Shell>
  );
}
