import { useDisconnect } from "../../api/hooks";
import type { DisconnectResult, Integration } from "../../api/types";
import { Button, Dialog, ErrorPanel, IconX } from "../../components/ui";

/**
 * "Disconnect <provider>?": says what will happen, then `disconnect_integration`. Test ids:
 * `disconnect-dialog` (`data-kind`), `disconnect-confirm`, `disconnect-cancel`.
 */
export function DisconnectDialog({
  integration: i,
  onClose,
  onDone,
}: {
  integration: Pick<Integration, "kind" | "displayName" | "demo">;
  onClose: () => void;
  onDone: (result: DisconnectResult, displayName: string) => void;
}) {
  const disconnect = useDisconnect();
  const confirm = () =>
    disconnect.mutate(
      { kind: i.kind },
      {
        onSuccess: (result) => onDone(result, i.displayName),
      },
    );

  return (
    <Dialog
      open
      onClose={onClose}
      title={`Disconnect ${i.displayName}?`}
      footer={
        <>
          <Button onClick={onClose} disabled={disconnect.isPending} data-testid="disconnect-cancel">
            Keep it
          </Button>
          <Button variant="danger" icon={<IconX size={14} />} onClick={confirm} loading={disconnect.isPending} data-testid="disconnect-confirm">
            Disconnect
          </Button>
        </>
      }
    >
      <div className="disconnect-body" data-testid="disconnect-dialog" data-kind={i.kind}>
        <p>
          Bindery will forget <code>{i.kind}</code>:
        </p>
        <ul className="disconnect-list">
          <li>
            <strong>Revoke its sign-in at the provider</strong>, where the provider allows it (OAuth tokens are revoked through the
            provider&apos;s revocation endpoint).
          </li>
          <li>
            <strong>Delete its credentials</strong> from the vault: passwords, API keys, client secrets and tokens.
          </li>
          <li>
            <strong>Delete its discovered schema</strong>, its scoping and any description pasted into the workspace.
          </li>
        </ul>
        <p className="muted">
          {i.demo
            ? "The demo database file stays where it is."
            : "The database or API itself is not changed. To use it again, connect it again from the catalog."}
        </p>
        {disconnect.isError && <ErrorPanel compact error={disconnect.error} title="Could not disconnect" />}
      </div>
    </Dialog>
  );
}

/** What a disconnect did, for people. */
export function disconnectSummary(result: DisconnectResult, displayName: string): { tone: "ok" | "warning"; text: string } {
  const gone = "its credentials and discovered schema are deleted";
  switch (result.revocation) {
    case "revoked":
      return { tone: "ok", text: `Disconnected ${displayName}: its tokens were revoked at the provider, and ${gone}.` };
    case "notSupported":
      return {
        tone: "warning",
        text: `Disconnected ${displayName}: ${gone}. The provider has no revocation endpoint, so its sign-in may stay valid there until it expires: remove Bindery's access in the provider's own settings to end it now.`,
      };
    case "failed":
      return {
        tone: "warning",
        text: `Disconnected ${displayName}: ${gone}, but the provider did not confirm the revocation${result.revocationError ? ` (${result.revocationError})` : ""}. Remove Bindery's access in the provider's own settings.`,
      };
    case "none":
      return { tone: "ok", text: `Disconnected ${displayName}: ${gone}. It had no sign-in to revoke.` };
  }
}
