import { useState, type FormEvent } from "react";
import { navigate } from "../../app/router";
import { useConnectAndDiscover, useDiscover } from "../../api/hooks";
import type { CatalogEntry, CatalogField, SourceKind } from "../../api/types";
import { Button, Dialog, ErrorPanel, IconArrowRight, TextAreaField, TextField } from "../../components/ui";
import { plural } from "../../lib/format";
import { DiagnosticsList } from "./DiagnosticsList";

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

const inputType = (f: CatalogField): string => (f.type === "password" ? "password" : f.type === "url" ? "url" : "text");

export function AddProviderDialog({ entry, onClose }: { entry: CatalogEntry; onClose: () => void }) {
  const kindField = entry.fields.find((f) => KIND_FIELDS.has(f.name));
  const nameField = entry.fields.find((f) => NAME_FIELDS.has(f.name));
  const credentialFields = entry.fields.filter((f) => !KIND_FIELDS.has(f.name) && !NAME_FIELDS.has(f.name));

  const [displayName, setDisplayName] = useState("");
  const [kindEdited, setKindEdited] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const connect = useConnectAndDiscover();
  const rediscover = useDiscover();

  const kind = kindEdited ?? slugify(displayName);
  const missing = credentialFields.some((f) => f.required && !(values[f.name] ?? "").trim());
  const canSubmit = kind.trim() !== "" && !missing && !connect.isPending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const credentials: Record<string, string> = {};
    for (const f of credentialFields) {
      const v = (values[f.name] ?? "").trim();
      if (v) credentials[f.name] = v;
    }
    connect.mutate({
      kind: kind.trim(),
      request: {
        sourceKind: entry.sourceKind as SourceKind,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
        credentials,
      },
    });
  };

  const done = connect.data;
  const discovered = rediscover.data ?? done?.discover;
  const discoverError = rediscover.isSuccess ? null : (rediscover.error ?? done?.discoverError ?? null);

  return (
    <Dialog
      open
      onClose={onClose}
      title={done ? `${displayName.trim() || done.kind} added` : `Add ${entry.displayName}`}
      description={done ? undefined : entry.blurb}
      footer={
        done ? (
          <>
            <Button onClick={onClose}>Done</Button>
            <Button
              variant="primary"
              icon={<IconArrowRight size={14} />}
              disabled={!discovered}
              onClick={() => {
                onClose();
                navigate({ name: "browser", kind: done.kind, object: null });
              }}
            >
              Browse schema
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button variant="primary" type="submit" form="add-provider-form" loading={connect.isPending} disabled={!canSubmit} data-testid="add-submit">
              Connect and discover
            </Button>
          </>
        )
      }
    >
      {done ? (
        <div className="add-result" data-testid="add-result">
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
      ) : (
        <form id="add-provider-form" className="add-form" onSubmit={submit} data-testid="add-dialog">
          <TextField
            label={kindField?.label ?? "Kind"}
            help={kindField?.help ?? "The provider's id in URLs, bindings and the API."}
            required
            mono
            value={kind}
            onChange={(e) => setKindEdited(e.target.value)}
            placeholder="shop_db"
            name="kind"
            data-testid="add-field-kind"
          />
          {credentialFields.map((f) =>
            f.type === "textarea" ? (
              <div key={f.name} className="add-textarea">
                <TextAreaField
                  label={f.label}
                  help={f.help}
                  required={f.required}
                  rows={6}
                  spellCheck={false}
                  value={values[f.name] ?? ""}
                  onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
                  name={f.name}
                  data-testid={`add-field-${f.name}`}
                />
                <label className="file-pick">
                  Load a file…
                  <input
                    type="file"
                    accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
                    data-testid={`add-file-${f.name}`}
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) void file.text().then((text) => setValues((v) => ({ ...v, [f.name]: text })));
                    }}
                  />
                </label>
              </div>
            ) : (
            <TextField
              key={f.name}
              label={f.label}
              help={f.help}
              required={f.required}
              type={inputType(f)}
              mono={f.type === "path" || f.type === "url"}
              autoComplete={f.type === "password" ? "new-password" : "off"}
              spellCheck={false}
              placeholder={f.type === "path" ? (entry.sourceKind === "sqlite" ? "/path/to/database.sqlite" : "/path/to/openapi.yaml") : undefined}
              value={values[f.name] ?? ""}
              onChange={(e) => setValues((v) => ({ ...v, [f.name]: e.target.value }))}
              name={f.name}
              data-testid={`add-field-${f.name}`}
            />
            ),
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
          {connect.isError && <ErrorPanel error={connect.error} title="Could not connect" compact />}
        </form>
      )}
    </Dialog>
  );
}
