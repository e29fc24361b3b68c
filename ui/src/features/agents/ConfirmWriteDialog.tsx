import type { TryRun } from "../../api/agentTypes";
import { Button, Dialog, IconAlert } from "../../components/ui";
import { ResolvedRequestView } from "./ResolvedRequestView";

export interface ConfirmWriteDialogProps {
  toolName: string;
  providerKind: string;
  /** The dry run of the inputs to send: its request is exactly what the write will send. */
  dryRun: TryRun;
  onCancel: () => void;
  onConfirm: () => void;
}

/** The explicit confirmation of a write: the exact request, and a button that sends it. */
export function ConfirmWriteDialog({ toolName, providerKind, dryRun, onCancel, onConfirm }: ConfirmWriteDialogProps) {
  return (
    <Dialog
      open
      title={`Run “${toolName}” for real?`}
      description={
        <span className="confirm-write-warning">
          <IconAlert size={14} /> This changes data in <code>{providerKind}</code> now. It is not undone.
        </span>
      }
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel} data-testid="confirm-write-cancel">
            Cancel
          </Button>
          <Button variant="danger" className="btn-danger-solid" onClick={onConfirm} data-testid="confirm-write">
            Run the write
          </Button>
        </>
      }
    >
      <div className="confirm-write" data-testid="confirm-write-dialog">
        <p className="muted">Exactly this will be sent:</p>
        <ResolvedRequestView request={dryRun.request} />
      </div>
    </Dialog>
  );
}
