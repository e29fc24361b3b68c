import { createContext, useContext, useMemo, type ReactNode } from "react";
import type { Platform } from "../platform";
import { createApi, type Api } from "./client";

interface Ctx {
  platform: Platform;
  api: Api;
}

const PlatformContext = createContext<Ctx | null>(null);

export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  const value = useMemo(() => ({ platform, api: createApi(platform) }), [platform]);
  return <PlatformContext.Provider value={value}>{children}</PlatformContext.Provider>;
}

function useCtx(): Ctx {
  const ctx = useContext(PlatformContext);
  if (!ctx) throw new Error("PlatformProvider is missing");
  return ctx;
}

export function usePlatform(): Platform {
  return useCtx().platform;
}

export function useApi(): Api {
  return useCtx().api;
}
