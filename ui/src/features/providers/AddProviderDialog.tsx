import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { navigate } from "../../app/router";
import { useApi, usePlatform } from "../../api/context";
import { ErrorCodes } from "../../api/errors";
import { useCancelSignIn, useConnectAndDiscover, useDiscover, useVault, type SignInStarted } from "../../api/hooks";
import type { CatalogEntry, CatalogField, ConnectRequest, Integration, SourceKind } from "../../api/types";
import {
  Button,
  Dialog,
  ErrorPanel,
  IconArrowRight,
  IconCheck,
  IconRefresh,
  IconX,
  Loading,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/ui";
import { plural } from "../../lib/format";
import { authModeLabel, authModeOf, AUTH_MODE_FIELD, hasAuthModeField, isAuthField, isRequired, isSecret, visibleFields } from "./authFields";
import { DiagnosticsList } from "./DiagnosticsList";
import { SignInWaiting } from "./SignInWaiting";
import { SqlScriptsSection } from "./SqlScriptsSection";
import { SQL_TEST_REQUIRED, SqlTestSection } from "./SqlTestSection";
import { VaultPanel } from "./VaultPanel";

const KIND_FIELDS = new Set(["kind"]);
const NAME_FIELDS = new Set(["displayName", "name"]);

/** A suggestion only; the core decides what a valid kind is and says so with a code. */
export function slugify(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 48);
}

/** What the form starts with: each field's `default`, or a select's first option. */
export function initialValues(fields: CatalogField[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of fields) {
    const v = f.default ?? (f.type === "select" ? f.options?.[0] : undefined);
    if (v !== undefined) values[f.name] = v;
  }
  return values;
}

/**
 * The credentials of the form, as strings (a port too). Passwords are sent as typed; other values
 * trimmed; empty ones left out. Pass the fields shown: what the chosen auth mode hides is not sent.
 */
export function credentialsOf(fields: CatalogField[], values: Record<string, string>): Record<string, string> {
  const credentials: Record<string, string> = {};
  for (const f of fields) {
    const raw = values[f.name] ?? "";
    const v = f.type === "password" ? raw : raw.trim();
    if (v.trim()) credentials[f.name] = v;
  }
  return credentials;
}

const isDatabase = (source: SourceKind | null): source is "postgres" | "mysql" => source === "postgres" || source === "mysql";

const inputType = (f: CatalogField): string => (f.type === "password" ? "password" : f.type === "url" ? "url" : "text");

/** Example of a path field, by source. */
function pathPlaceholder(source: SourceKind | null): string {
  switch (source) {
    case "sqlite":
      return "/path/to/database.sqlite";
    case "graphql":
      return "/path/to/schema.graphql";
    case "google-discovery":
      return "/path/to/discovery.json";
    default:
      return "/path/to/openapi.yaml";
  }
}

/** Files the "Load a file…" picker offers, by source. */
const fileAccept = (source: SourceKind | null): string =>
  source === "graphql"
    ? ".graphql,.graphqls,.gql,.json,application/json,application/graphql"
    : ".json,.yaml,.yml,application/json,application/yaml,text/yaml";

export interface AddProviderDialogProps {
  entry: CatalogEntry;
  onClose: () => void;
  /** Connect this provider again (it needs a new sign-in): its name is fixed, its display name prefilled. */
  reconnect?: Pick<Integration, "kind" | "displayName">;
}

/** A connect request as sent, secrets included: held only to retry once the vault is set up. */
interface HeldRequest {
  kind: string;
  request: ConnectRequest;
}

const copyRequest = ({ kind, request }: HeldRequest): HeldRequest => ({ kind, request: { ...request, credentials: { ...request.credentials } } });

export function AddProviderDialog({ entry, onClose, reconnect }: AddProviderDialogProps) {
  const kindField = entry.fields.find((f) => KIND_FIELDS.has(f.name));
  const nameField = entry.fields.find((f) => NAME_FIELDS.has(f.name));
  const credentialFields = entry.fields.filter((f) => !KIND_FIELDS.has(f.name) && !NAME_FIELDS.has(f.name));

  const [displayName, setDisplayName] = useState(reconnect?.displayName ?? "");
  const [kindEdited, setKindEdited] = useState<string | null>(reconnect?.kind ?? null);
  const [values, setValues] = useState<Record<string, string>>(() => initialValues(credentialFields));
  // Bumped on every change of a credential: a connection test of an older revision is dropped.
  const [revision, setRevision] = useState(0);
  const changeValues = (change: (v: Record<string, string>) => Record<string, string>) => {
    setValues(change);
    setRevision((r) => r + 1);
  };
  const scriptsId = useId();
  const api = useApi();
  const platform = usePlatform();

  // The OAuth sign-in waiting for the browser, and whether the person asked to stop it.
  const [signIn, setSignIn] = useState<SignInStarted | null>(null);
  const [cancelRequested, setCancelRequested] = useState(false);
  // The secret fields the last connect sent: the form forgot them, so a retry asks for them again.
  const [sentSecrets, setSentSecrets] = useState<string[]>([]);
  const [retypeNotice, setRetypeNotice] = useState(false);
  // Secrets never stay in the form once sent. The request is held here (memory only, never a
  // cache, a URL or storage) for one purpose: connecting again right after the person chose where
  // the vault key lives, when connect answered vault_unavailable. Dropped on any other outcome,
  // when the retry is sent, and with the dialog.
  const heldRequest = useRef<HeldRequest | null>(null);
  // The kind whose sign-in waits: closing the dialog (or leaving the screen) cancels it.
  const waiting = useRef<string | null>(null);
  const alive = useRef(true);

  const connect = useConnectAndDiscover({
    onSignIn: (started) => {
      if (!alive.current) {
        // The dialog closed while connect was on its way: nobody waits for this sign-in.
        void api.cancelConnect({ kind: started.kind }).catch(() => {});
        return;
      }
      waiting.current = started.kind;
      setSignIn(started);
    },
  });
  const cancel = useCancelSignIn();
  const rediscover = useDiscover();

  useEffect(() => {
    alive.current = true;
    const waitingNow = waiting;
    const held = heldRequest;
    const isAlive = alive;
    return () => {
      isAlive.current = false;
      held.current = null;
      if (waitingNow.current) {
        void api.cancelConnect({ kind: waitingNow.current }).catch(() => {});
        waitingNow.current = null;
      }
    };
  }, [api]);

  const kind = kindEdited ?? slugify(displayName);
  const shown = visibleFields(credentialFields, values);
  const mode = authModeOf(entry, values);
  const oauth = mode === "oauth2";
  const withAuthMode = hasAuthModeField(credentialFields);
  const missing = shown.some((f) => isRequired(f, credentialFields, values) && !(values[f.name] ?? "").trim());
  const canSubmit = kind.trim() !== "" && !missing && !connect.isPending;
  const vaultProblem = connect.error?.code === ErrorCodes.vaultUnavailable;
  const vault = useVault({ enabled: vaultProblem });
  // The way forward from vault_unavailable is below a long form: bring it into view.
  const vaultSection = useRef<HTMLDivElement>(null);
  const vaultShown = vaultProblem && vault.data !== undefined;
  useEffect(() => {
    if (vaultShown) vaultSection.current?.scrollIntoView?.({ block: "start" });
  }, [vaultShown]);

  const send = (held: HeldRequest) => {
    const retry = copyRequest(held);
    connect.mutate(copyRequest(held), {
      onSettled: (_data, error) => {
        waiting.current = null;
        heldRequest.current = error?.code === ErrorCodes.vaultUnavailable ? retry : null;
      },
    });
  };

  const sendForm = () => {
    const credentials = credentialsOf(shown, values);
    // A secret is not kept once sent: the form forgets it (a retry means typing it again).
    const secretNames = credentialFields.filter(isSecret).map((f) => f.name);
    setSentSecrets(shown.filter((f) => isSecret(f) && (values[f.name] ?? "") !== "").map((f) => f.name));
    if (secretNames.some((name) => values[name])) changeValues((v) => ({ ...v, ...Object.fromEntries(secretNames.map((name) => [name, ""])) }));
    setRetypeNotice(false);
    setSignIn(null);
    setCancelRequested(false);
    send({
      kind: kind.trim(),
      request: {
        sourceKind: entry.sourceKind as SourceKind,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        ...(describesOwnApi(entry) ? { catalog: entry.kind } : {}),
        credentials,
      },
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit) sendForm();
  };

  /** Back to the form after a sign-in that failed or was cancelled; the secrets it sent are asked for again. */
  const backToForm = () => {
    setSignIn(null);
    setCancelRequested(false);
    connect.reset();
    cancel.reset();
    if (sentSecrets.length > 0) setRetypeNotice(true);
  };

  /** Retry a sign-in: at once when the form still holds everything it sent, else back to the form. */
  const retrySignIn = () => {
    if (sentSecrets.length > 0) {
      backToForm();
      return;
    }
    setSignIn(null);
    setCancelRequested(false);
    cancel.reset();
    sendForm();
  };

  const retryAfterVault = () => {
    const held = heldRequest.current;
    heldRequest.current = null;
    if (held) send(held);
    else connect.reset();
  };

  const cancelSignIn = () => {
    if (!signIn) return;
    setCancelRequested(true);
    cancel.mutate({ kind: signIn.kind });
  };

  const close = () => {
    if (waiting.current) {
      const k = waiting.current;
      waiting.current = null;
      void api.cancelConnect({ kind: k }).catch(() => {});
    }
    heldRequest.current = null;
    onClose();
  };

  const done = connect.data;
  const discovered = rediscover.data ?? done?.discover;
  const discoverError = rediscover.isSuccess ? null : (rediscover.error ?? done?.discoverError ?? null);
  const name = displayName.trim() || kind.trim() || entry.displayName;
  const phase: "form" | "waiting" | "failed" | "cancelled" | "done" = connect.isSuccess
    ? "done"
    : signIn && connect.isPending
      ? "waiting"
      : signIn && connect.isError
        ? cancelRequested && connect.error.code === ErrorCodes.oauthNotApproved
          ? "cancelled"
          : "failed"
        : "form";
  const retypeLabels = retypeNotice
    ? credentialFields.filter((f) => sentSecrets.includes(f.name) && !(values[f.name] ?? "")).map((f) => f.label)
    : [];

  const title =
    phase === "done" && done
      ? `${displayName.trim() || done.kind} ${done.status === "reconnected" || reconnect ? "reconnected" : "added"}`
      : reconnect
        ? `Reconnect ${reconnect.displayName}`
        : `Add ${entry.displayName}`;

  // Each phase's buttons are their own elements (keyed below): a reused <button> that turns into
  // the form's submit button during a click would submit the form as the click's default action.
  const footerButtons = (() => {
    switch (phase) {
      case "done":
        return (
          <>
            <Button onClick={close}>Done</Button>
            <Button
              variant="primary"
              icon={<IconArrowRight size={14} />}
              disabled={!discovered}
              onClick={() => {
                close();
                if (done) navigate({ name: "browser", kind: done.kind, object: null });
              }}
            >
              Browse schema
            </Button>
          </>
        );
      case "waiting":
        return (
          <Button variant="danger" onClick={cancelSignIn} loading={cancelRequested} data-testid="oauth-cancel">
            Cancel sign-in
          </Button>
        );
      case "failed":
        return (
          <>
            <Button onClick={close}>Close</Button>
            <Button variant="primary" icon={<IconRefresh size={14} />} onClick={retrySignIn} data-testid="oauth-retry">
              Retry
            </Button>
          </>
        );
      case "cancelled":
        return (
          <>
            <Button onClick={close}>Close</Button>
            <Button variant="primary" onClick={backToForm} data-testid="oauth-back">
              Back to the form
            </Button>
          </>
        );
      case "form":
        return (
          <>
            <Button onClick={close}>Cancel</Button>
            <Button variant="primary" type="submit" form="add-provider-form" loading={connect.isPending} disabled={!canSubmit} data-testid="add-submit">
              {oauth ? "Sign in and discover" : "Connect and discover"}
            </Button>
          </>
        );
    }
  })();
  const footer = <Fragment key={phase}>{footerButtons}</Fragment>;

  const fieldOf = (f: CatalogField) => (
    <CredentialField
      key={f.name}
      field={f}
      source={entry.sourceKind}
      required={isRequired(f, credentialFields, values)}
      value={values[f.name] ?? ""}
      onChange={(value) => changeValues((v) => ({ ...v, [f.name]: value }))}
    />
  );
  const plainFields = withAuthMode ? shown.filter((f) => !isAuthField(f)) : shown;
  const authFields = withAuthMode ? shown.filter(isAuthField) : [];

  return (
    <Dialog open onClose={close} title={title} description={phase === "form" ? (reconnect ? reconnectBlurb : entry.blurb) : undefined} footer={footer}>
      {phase === "done" && done ? (
        <div className="add-result" data-testid="add-result" data-status={done.status} data-signed-in={String(done.signedIn)}>
          {done.signedIn ? (
            <p className="add-signed-in" data-testid="oauth-connected">
              <IconCheck size={14} /> Signed in{done.accountLabel ? <> as <strong>{done.accountLabel}</strong></> : null}: the tokens are sealed in the
              vault.
            </p>
          ) : (
            done.accountLabel && (
              <p className="add-signed-in" data-testid="add-account">
                <IconCheck size={14} /> Verified: connected as <strong>{done.accountLabel}</strong>.
              </p>
            )
          )}
          {discovered && (
            <>
              <p>
                Connected <code>{done.kind}</code> and discovered {plural(discovered.objectCount, "object")},{" "}
                {plural(discovered.fieldCount, "field")}, {plural(discovered.edgeCount, "relationship")} and{" "}
                {plural(discovered.operationCount, "operation")}.
              </p>
              <p className="muted" data-testid="diagnostics-count">
                {discovered.diagnostics.length === 0 ? "No diagnostics." : plural(discovered.diagnostics.length, "diagnostic")}
              </p>
              <DiagnosticsList diagnostics={discovered.diagnostics} />
            </>
          )}
          {discoverError && (
            <ErrorPanel
              error={discoverError}
              title="Connected, but discovery failed"
              onRetry={() => rediscover.mutate({ kind: done.kind })}
              retrying={rediscover.isPending}
            />
          )}
        </div>
      ) : phase === "waiting" && signIn ? (
        <>
          <SignInWaiting
            started={signIn}
            providerName={name}
            cancelling={cancelRequested}
            onOpenAgain={() => void platform.openSignIn(signIn.kind, signIn.url).catch(() => false)}
          />
          {cancel.isError && <ErrorPanel compact error={cancel.error} title="Could not cancel the sign-in" />}
        </>
      ) : phase === "failed" && connect.error ? (
        <div className="oauth-failed" data-testid="oauth-failed">
          <ErrorPanel error={connect.error} title="The sign-in did not complete" />
          {sentSecrets.length > 0 && (
            <p className="muted">Retry takes you back to the form: type the client secret again (Bindery never keeps a secret in the form).</p>
          )}
        </div>
      ) : phase === "cancelled" ? (
        <div className="oauth-cancelled" data-testid="oauth-cancelled" role="status">
          <IconX size={16} />
          <div>
            <strong>Sign-in cancelled.</strong> Nothing was stored: no provider, no token, no secret.
          </div>
        </div>
      ) : (
        <>
          <form id="add-provider-form" className="add-form" onSubmit={submit} data-testid="add-dialog" data-auth-mode={mode}>
            <TextField
              label={kindField?.label ?? "Kind"}
              help={reconnect ? "The provider being connected again." : (kindField?.help ?? "The provider's id in URLs, bindings and the API.")}
              required
              mono
              readOnly={reconnect !== undefined}
              value={kind}
              onChange={(e) => setKindEdited(e.target.value)}
              placeholder="shop_db"
              name="kind"
              data-testid="add-field-kind"
            />
            {plainFields.map((f) => (
              <Fragment key={f.name}>
                {f.name === "user" && isDatabase(entry.sourceKind) && (
                  <SqlScriptsSection id={scriptsId} engine={entry.sourceKind} database={values.database ?? ""} />
                )}
                {fieldOf(f)}
              </Fragment>
            ))}
            {isDatabase(entry.sourceKind) && !credentialFields.some((f) => f.name === "user") && (
              <SqlScriptsSection id={scriptsId} engine={entry.sourceKind} database={values.database ?? ""} />
            )}
            {authFields.length > 0 && (
              <fieldset className="add-auth" data-testid="add-auth" data-mode={mode}>
                <legend className="add-auth-legend">Credentials</legend>
                {authFields.map(fieldOf)}
                {oauth && <OAuthNote />}
              </fieldset>
            )}
            {oauth && !withAuthMode && <OAuthNote />}
            {isDatabase(entry.sourceKind) && (
              <SqlTestSection
                engine={entry.sourceKind}
                credentials={credentialsOf(shown, values)}
                required={SQL_TEST_REQUIRED.filter((name) => credentialFields.some((f) => f.name === name))}
                revision={revision}
                scriptsId={scriptsId}
              />
            )}
            <TextField
              label={nameField?.label ?? (kindField ? "Display name" : "Name")}
              help={nameField?.help ?? "Optional. How this provider is shown in Bindery; defaults to its name."}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              placeholder="Shop database"
              name="displayName"
              data-testid="add-field-displayName"
            />
            {retypeLabels.length > 0 && (
              <p className="add-retype" data-testid="add-retype-secrets" role="status">
                Type the {retypeLabels.join(" and ")} again: Bindery never keeps a secret in the form once it is sent.
              </p>
            )}
            {connect.isError && !vaultProblem && (
              <ErrorPanel
                error={connect.error}
                title="Could not connect"
                compact
                hint={connect.error.code === ErrorCodes.oauthFlowInProgress ? signInBusyHint : undefined}
              />
            )}
          </form>
          {vaultProblem && (
            <div className="add-vault" data-testid="add-vault" ref={vaultSection}>
              {connect.error && <ErrorPanel error={connect.error} title="Could not connect" compact />}
              {vault.data ? (
                <VaultPanel info={vault.data} saveLabel="Save and connect" onSaved={(info) => info.ready && retryAfterVault()} />
              ) : vault.isError ? (
                <ErrorPanel compact error={vault.error} title="Could not read the vault's status" onRetry={() => void vault.refetch()} />
              ) : (
                <Loading label="Reading the vault's status…" lines={2} />
              )}
            </div>
          )}
        </>
      )}
    </Dialog>
  );
}

/** A curated entry that says where its own API is (Google Calendar, Shopify): connect names it. */
export const describesOwnApi = (entry: CatalogEntry): boolean => !!entry.schema && (entry.authMode === "oauth2" || entry.authMode === "api_key");

/** How the browser sign-in works, for an OAuth provider's form. */
function OAuthNote() {
  return (
    <p className="add-auth-note" data-testid="add-oauth-note">
      When you connect, Bindery opens the provider&apos;s sign-in page in your browser and receives the answer on this computer (
      <code>http://127.0.0.1</code>, any port): register the client as a desktop or native app with that redirect URI. The client
      secret and the tokens are sealed in the vault.
    </p>
  );
}

const reconnectBlurb =
  "Connect it again with its credentials (for OAuth: sign in again in your browser). Its scoping and discovered schema are kept.";

const signInBusyHint =
  "Bindery runs one sign-in at a time: another one is waiting for its approval (in this or another Bindery window). Finish or cancel it, then try again.";

/** One catalog field of the form, by its type. Test id: `add-field-<name>` (and `add-file-<name>`). */
function CredentialField({
  field: f,
  source,
  required,
  value,
  onChange,
}: {
  field: CatalogField;
  source: SourceKind | null;
  /** The catalog's `required`, or required by the chosen auth mode. */
  required: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  if (f.type === "select") {
    const options = f.options ?? [];
    const values = options.includes(value) || value === "" ? options : [value, ...options];
    return (
      <SelectField
        label={f.label}
        help={f.help}
        required={required}
        options={f.name === AUTH_MODE_FIELD ? values.map((v) => ({ value: v, label: authModeLabel[v] ?? v })) : values}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        name={f.name}
        data-testid={`add-field-${f.name}`}
      />
    );
  }
  if (f.type === "textarea") {
    return (
      <div className="add-textarea">
        <TextAreaField
          label={f.label}
          help={f.help}
          required={required}
          rows={6}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          name={f.name}
          data-testid={`add-field-${f.name}`}
        />
        <label className="file-pick">
          Load a file…
          <input
            type="file"
            accept={fileAccept(source)}
            data-testid={`add-file-${f.name}`}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void file.text().then(onChange);
            }}
          />
        </label>
      </div>
    );
  }
  return (
    <TextField
      label={f.label}
      help={f.help}
      required={required}
      type={inputType(f)}
      mono={f.type === "path" || f.type === "url"}
      autoComplete={f.type === "password" ? "new-password" : "off"}
      spellCheck={false}
      inputMode={f.name === "port" ? "numeric" : undefined}
      placeholder={
        f.type === "path" ? pathPlaceholder(source) : f.type === "url" && source === "graphql" ? "https://api.example.com/graphql" : undefined
      }
      value={value}
      onChange={(e) => onChange(e.target.value)}
      name={f.name}
      data-secret={isSecret(f) || undefined}
      data-testid={`add-field-${f.name}`}
    />
  );
}
