import { useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { useSetVaultKeySource } from "../../api/hooks";
import type { VaultInfo } from "../../api/types";
import { Badge, Button, ErrorPanel, IconKey, TextField } from "../../components/ui";
import { plural } from "../../lib/format";
import {
  describeKeySource,
  envNameProblem,
  formatKeySource,
  keyFileProblem,
  parseKeySource,
  suggestedKeyFile,
  type KeySourceKind,
} from "./vaultSource";

export interface VaultPanelProps {
  /** The vault's status (`vault_status`); undefined while it loads. */
  info: VaultInfo | undefined;
  /** Called with the new status once the choice is saved. */
  onSaved?: (info: VaultInfo) => void;
  /** The save button's label ("Save", "Save and connect"). */
  saveLabel?: string;
}

/** The first choice to show: the one in use when it works, else a key file when no keyring answers. */
function initialKind(info: VaultInfo | undefined): KeySourceKind {
  if (!info) return "file";
  const current = parseKeySource(info.keySource).kind;
  if (info.ready) return current;
  if (current === "keyring" && !info.keyringReachable) return "file";
  return current;
}

/**
 * Where the vault's master key lives: the OS keyring (when one answers), a key file (created 0600
 * by the core), or an environment variable the person sets. Saving calls `set_vault_key_source`.
 * Test ids: `vault-panel` (`data-ready`), `vault-current`, `vault-choice-<keyring|file|env>` (the
 * radio inputs), `vault-file-path`, `vault-env-name`, `vault-save`, `vault-env-override`,
 * `vault-sealed-count`, `vault-saved`.
 */
export function VaultPanel({ info, onSaved, saveLabel = "Save" }: VaultPanelProps) {
  const name = useId();
  const save = useSetVaultKeySource();
  const [kind, setKind] = useState<KeySourceKind>(() => initialKind(info));
  const [path, setPath] = useState(() => suggestedKeyFile(info));
  const [envName, setEnvName] = useState(() => {
    const current = info ? parseKeySource(info.keySource) : null;
    return current?.kind === "env" ? current.value : "BINDERY_VAULT_KEY";
  });
  const [touched, setTouched] = useState(false);

  const problem = kind === "file" ? keyFileProblem(path) : kind === "env" ? envNameProblem(envName) : null;
  const keyringOff = info !== undefined && !info.keyringReachable;
  const canSave = problem === null && !(kind === "keyring" && keyringOff) && !save.isPending;

  const submit = () => {
    setTouched(true);
    if (!canSave) return;
    const keySource = formatKeySource({ kind, value: kind === "file" ? path : kind === "env" ? envName : "" });
    save.mutate({ keySource }, { onSuccess: (saved) => onSaved?.(saved) });
  };
  const onEnter = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      submit();
    }
  };
  const result = save.data;
  const shown = result ?? info;

  return (
    <section className="vault-panel" data-testid="vault-panel" data-ready={shown ? String(shown.ready) : undefined} aria-label="Where the vault key lives">
      <div className="vault-panel-head">
        <IconKey size={16} className="vault-panel-icon" />
        <div>
          <h3 className="vault-panel-title">Where the vault key lives</h3>
          <p className="muted">
            Bindery seals every password, API key and token with one master key, kept outside the workspace. Without it the secrets
            cannot be opened; with it, by anyone who has it.
          </p>
        </div>
      </div>

      {shown && (
        <p className="vault-current" data-testid="vault-current">
          Now: {describeKeySource(shown)}{" "}
          {shown.ready ? <Badge tone="success">ready</Badge> : <Badge tone="warning">not usable</Badge>}
          {shown.problem && (
            <span className="vault-current-problem">
              {" "}
              <code>{shown.problem.code}</code> {shown.problem.message}
            </span>
          )}
        </p>
      )}

      <fieldset className="vault-choices">
        <legend className="sr-only">Keep the master key in</legend>
        <Choice
          name={name}
          kind="keyring"
          checked={kind === "keyring"}
          onSelect={setKind}
          disabled={keyringOff}
          title={info?.keyringStore ? `The OS keyring (${info.keyringStore})` : "The OS keyring"}
        >
          {keyringOff ? (
            <span className="vault-choice-off" data-testid="vault-keyring-unreachable">
              No keyring service answers on this machine{info?.keyringDetail ? ` (${info.keyringDetail})` : ""}. Choose a key file or
              an environment variable instead.
            </span>
          ) : (
            <>Recommended on a desktop: the key is stored by your system and unlocked when you log in.</>
          )}
        </Choice>
        <Choice name={name} kind="file" checked={kind === "file"} onSelect={setKind} title="A key file">
          <>Bindery creates it if it is missing, readable by you only (0600). Keep it out of shared backups.</>
          {kind === "file" && (
            <TextField
              label="Key file"
              mono
              value={path}
              onChange={(e) => setPath(e.target.value)}
              onKeyDown={onEnter}
              placeholder="/home/you/.config/bindery/vault.key"
              spellCheck={false}
              autoComplete="off"
              error={touched && problem ? problem : undefined}
              data-testid="vault-file-path"
            />
          )}
        </Choice>
        <Choice name={name} kind="env" checked={kind === "env"} onSelect={setKind} title="An environment variable">
          <>Bindery reads the key (base64 of 32 bytes) from it when it runs and never creates it: set it where Bindery starts.</>
          {kind === "env" && (
            <TextField
              label="Variable name"
              mono
              value={envName}
              onChange={(e) => setEnvName(e.target.value)}
              onKeyDown={onEnter}
              spellCheck={false}
              autoComplete="off"
              error={touched && problem ? problem : undefined}
              data-testid="vault-env-name"
            />
          )}
        </Choice>
      </fieldset>

      {info?.chosenBy === "environment" && (
        <p className="vault-note" data-testid="vault-env-override">
          <code>BINDERY_VAULT_KEY_SOURCE</code> chooses the key for this run of Bindery; a choice saved here applies when it is not set.
        </p>
      )}
      {info !== undefined && info.credentialCount > 0 && (
        <p className="vault-note" data-testid="vault-sealed-count">
          {plural(info.credentialCount, "credential")} sealed with the current key: moving the key elsewhere is refused until those
          providers are disconnected.
        </p>
      )}

      {save.isError && <ErrorPanel compact error={save.error} title="Could not use that key" />}
      {result && !save.isPending && (
        <p className={result.ready ? "vault-saved vault-saved-ok" : "vault-saved vault-saved-bad"} data-testid="vault-saved" data-ready={String(result.ready)} role="status">
          {result.ready ? (
            <>Saved: the vault opens with {describeKeySource(result)}.</>
          ) : (
            <>
              Saved, but the vault does not open with {describeKeySource(result)}
              {result.problem ? (
                <>
                  : <code>{result.problem.code}</code> {result.problem.message}
                </>
              ) : (
                "."
              )}
            </>
          )}
        </p>
      )}

      <div className="vault-actions">
        <Button variant="primary" size="sm" onClick={submit} loading={save.isPending} disabled={touched && !canSave} data-testid="vault-save">
          {saveLabel}
        </Button>
      </div>
    </section>
  );
}

function Choice({
  name,
  kind,
  checked,
  disabled,
  title,
  onSelect,
  children,
}: {
  name: string;
  kind: KeySourceKind;
  checked: boolean;
  disabled?: boolean;
  title: string;
  onSelect: (kind: KeySourceKind) => void;
  children: ReactNode;
}) {
  return (
    <div className={["vault-choice", checked && "vault-choice-checked", disabled && "vault-choice-disabled"].filter(Boolean).join(" ")}>
      <label className="vault-choice-label">
        <input
          type="radio"
          name={name}
          value={kind}
          checked={checked}
          disabled={disabled}
          onChange={() => onSelect(kind)}
          data-testid={`vault-choice-${kind}`}
        />
        <span className="vault-choice-title">{title}</span>
      </label>
      <div className="vault-choice-body">{children}</div>
    </div>
  );
}
