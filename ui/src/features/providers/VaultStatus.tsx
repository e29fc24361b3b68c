import { useState } from "react";
import { useVault } from "../../api/hooks";
import { Button, Dialog, IconKey, Loading } from "../../components/ui";
import type { VaultInfo } from "../../api/types";
import { describeKeySource, parseKeySource } from "./vaultSource";
import { VaultPanel } from "./VaultPanel";

/**
 * One line in the providers header: where the vault's master key lives and whether it opens, with
 * a way to choose (a dialog holding {@link VaultPanel}). Test ids: `vault-status` (`data-ready`:
 * true | false, `data-source`: keyring | file | env), `vault-status-open`, `vault-dialog`.
 */
export function VaultStatus() {
  const vault = useVault();
  const [open, setOpen] = useState(false);

  if (vault.isPending) return null;
  if (vault.isError) {
    return (
      <div className="vault-status" data-testid="vault-status" data-ready="unknown" title={vault.error.message}>
        <IconKey size={14} />
        <span className="faint">
          Vault status unavailable <code>{vault.error.code}</code>
        </span>
      </div>
    );
  }
  const info = vault.data;
  const source = parseKeySource(info.keySource).kind;
  return (
    <>
      <div
        className={["vault-status", info.ready ? "vault-status-ready" : "vault-status-problem"].join(" ")}
        data-testid="vault-status"
        data-ready={String(info.ready)}
        data-source={source}
        role="status"
      >
        <IconKey size={14} className="vault-status-icon" />
        <span className="vault-status-text">
          {info.ready ? (
            <>
              <strong className="vault-status-label">Vault ready</strong>: the key is in <KeyPlace info={info} />
            </>
          ) : (
            <>
              Vault not ready: {info.problem ? <code title={info.problem.message}>{info.problem.code}</code> : "no usable key"}. Choose
              where the key lives before connecting anything with a secret.
            </>
          )}
        </span>
        <Button size="sm" variant={info.ready ? "ghost" : "primary"} onClick={() => setOpen(true)} data-testid="vault-status-open">
          {info.ready ? "Change…" : "Choose…"}
        </Button>
      </div>
      {open && (
        <Dialog open title="Vault" description="Where the master key that seals your credentials lives." onClose={() => setOpen(false)}>
          <div data-testid="vault-dialog">{vault.data ? <VaultPanel info={vault.data} /> : <Loading />}</div>
        </Dialog>
      )}
    </>
  );
}

/** Where the key is, the path or variable name set in code. */
function KeyPlace({ info }: { info: VaultInfo }) {
  const { kind, value } = parseKeySource(info.keySource);
  if (kind === "keyring") return <>{describeKeySource(info)}</>;
  return (
    <>
      {kind === "file" ? "the key file " : "the environment variable "}
      <span className="vault-status-where">{value}</span>
    </>
  );
}
