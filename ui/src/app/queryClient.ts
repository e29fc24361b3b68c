import { QueryClient } from "@tanstack/react-query";
import { ClientErrorCode, isBinderyError } from "../platform";

/** Retries only what may pass on a second try: a dropped connection or a 5xx. Never 4xx. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!isBinderyError(error)) return false;
  if (error.code === ClientErrorCode.network) return true;
  return error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
