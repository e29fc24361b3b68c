import { useQueryClient } from "@tanstack/react-query";
import { useState, useSyncExternalStore, type ReactNode } from "react";
import { useApi, usePlatform } from "../api/context";
import type { AuthSession } from "../platform";
import { toBinderyError, type BinderyError } from "../platform";
import { ConnectScreen } from "../features/connect/ConnectScreen";

const noop = () => () => {};
const yes = () => true;

/** Browser mode only: without an accepted API key, the app is the connect screen. */
export function AuthGate({ children }: { children: ReactNode }) {
  const platform = usePlatform();
  const auth: AuthSession | null = platform.auth;
  const hasToken = useSyncExternalStore(
    auth ? (l) => auth.subscribe(l) : noop,
    auth ? () => auth.hasToken() : yes,
    auth ? () => auth.hasToken() : yes,
  );
  const api = useApi();
  const qc = useQueryClient();
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<BinderyError | null>(null);

  if (!auth || (hasToken && !checking)) return <>{children}</>;

  const submit = async (key: string) => {
    setChecking(true);
    setCheckError(null);
    auth.setToken(key);
    try {
      await api.listIntegrations();
      qc.clear();
    } catch (e) {
      const err = toBinderyError(e);
      // A 401 already dropped the key (see the transport); anything else keeps it out too.
      auth.clear();
      setCheckError(err);
    } finally {
      setChecking(false);
    }
  };

  const rejection = auth.rejection();
  return (
    <ConnectScreen
      onSubmit={submit}
      checking={checking}
      error={checkError ?? (rejection ? { code: rejection.code, status: 401, message: rejection.message } : null)}
    />
  );
}
