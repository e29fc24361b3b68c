import { useState, type FormEvent } from "react";
import { useCreateAgent } from "../../api/agentHooks";
import type { Agent } from "../../api/agentTypes";
import { Button, Dialog, ErrorPanel, TextAreaField, TextField } from "../../components/ui";

/** Longest agent name the core accepts. */
const MAX_NAME = 200;

export interface CreateAgentDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (agent: Agent) => void;
}

export function CreateAgentDialog({ open, onClose, onCreated }: CreateAgentDialogProps) {
  if (!open) return null;
  return <CreateAgentForm onClose={onClose} onCreated={onCreated} />;
}

/** Mounted only while open, so each opening starts empty. */
function CreateAgentForm({ onClose, onCreated }: Omit<CreateAgentDialogProps, "open">) {
  const create = useCreateAgent();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const formId = "create-agent-form";
  const ready = name.trim() !== "" && !create.isPending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const body = { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}) };
    create.mutate(body, { onSuccess: onCreated });
  };

  return (
    <Dialog
      open
      title="New agent"
      description="A name people recognize, and what the agent is for. Its skills come next."
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={!ready} loading={create.isPending} data-testid="agent-create-submit">
            Create agent
          </Button>
        </>
      }
    >
      <form id={formId} className="agent-form" onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={MAX_NAME}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Front desk"
          data-testid="agent-name"
        />
        <TextAreaField
          label="Description"
          className="agent-description-input"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="Answers calls for the field-service team: finds the caller, books jobs."
          data-testid="agent-description"
        />
        {create.isError && <ErrorPanel compact error={create.error} title="Could not create the agent" />}
      </form>
    </Dialog>
  );
}
