import { QueryClient } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { PlatformProvider } from "../api/context";
import type { Platform } from "../platform";

export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity, gcTime: Infinity }, mutations: { retry: false } },
  });
}

export function renderWithPlatform(ui: ReactElement, platform: Platform, client = testQueryClient()) {
  const result = render(
    <QueryClientProvider client={client}>
      <PlatformProvider platform={platform}>{ui}</PlatformProvider>
    </QueryClientProvider>,
  );
  return { ...result, client };
}
