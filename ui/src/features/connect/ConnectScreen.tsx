import { useState, type FormEvent } from "react";
import { Button, Card, ErrorPanel, IconKey, TextField } from "../../components/ui";

export interface ConnectScreenProps {
  onSubmit: (key: string) => void | Promise<void>;
  checking: boolean;
  error: { code: string; status: number; message: string } | null;
}

/**
 * Browser mode without a usable API key. The key goes to this tab's session storage and is never
 * shown again; the input is cleared as soon as it is submitted.
 */
export function ConnectScreen({ onSubmit, checking, error }: ConnectScreenProps) {
  const [key, setKey] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = key.trim();
    if (!value) return;
    setKey("");
    void onSubmit(value);
  };

  return (
    <div className="connect-screen" data-testid="connect-screen">
      <Card className="connect-card">
        <div className="connect-icon" aria-hidden="true">
          <IconKey size={20} />
        </div>
        <h1 className="connect-title">Connect to your local Bindery</h1>
        <p className="connect-lead">
          This page talks to <code>bindery serve</code> on this machine. Open the link it printed (it carries a key for this
          tab), or paste an API key below.
        </p>
        <form className="connect-form" onSubmit={submit}>
          <TextField
            label="API key"
            type="password"
            name="apiKey"
            autoComplete="off"
            spellCheck={false}
            mono
            placeholder="bindery_sk_…"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            data-testid="api-key-input"
            help={
              <>
                Create one with{" "}
                <code className="connect-cmd">bindery keys create --scopes integrations:read,integrations:write</code>
              </>
            }
          />
          {error && (
            <ErrorPanel
              error={error}
              title={error.status === 401 ? "The key was not accepted" : "Could not reach the local Bindery"}
              compact
            />
          )}
          <div className="connect-actions">
            <Button type="submit" variant="primary" loading={checking} disabled={!key.trim() && !checking}>
              Connect
            </Button>
          </div>
        </form>
        <p className="connect-note faint">The key stays in this browser tab only and is forgotten when the tab closes.</p>
      </Card>
    </div>
  );
}
