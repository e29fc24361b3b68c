import { useState, type FormEvent } from "react";
import { useApproveSkill, useDeleteSkill } from "../../api/agentHooks";
import type { SkillView } from "../../api/agentTypes";
import { navigate } from "../../app/router";
import { Badge, Button, Dialog, ErrorPanel, TextField } from "../../components/ui";

/** Where the last approver's name is remembered (this browser only; a name, never a secret). */
const APPROVER_KEY = "bindery.approver";

export function rememberedApprover(): string {
  try {
    return window.localStorage.getItem(APPROVER_KEY) ?? "";
  } catch {
    return "";
  }
}

function rememberApprover(name: string) {
  try {
    window.localStorage.setItem(APPROVER_KEY, name);
  } catch {
    /* storage refused: the name is asked for again next time */
  }
}

interface SkillDialogProps {
  agentId: string;
  skill: SkillView;
  onClose: () => void;
}

/** Asks who approves, then records that they approved exactly this content hash. */
export function ApproveSkillDialog({ agentId, skill, onClose }: SkillDialogProps) {
  const approve = useApproveSkill(agentId);
  const [by, setBy] = useState(rememberedApprover);
  const formId = `approve-${skill.id}`;
  const ready = by.trim() !== "" && !approve.isPending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const name = by.trim();
    approve.mutate(
      { skill: skill.id, by: name },
      {
        onSuccess: () => {
          rememberApprover(name);
          onClose();
        },
      },
    );
  };

  return (
    <Dialog
      open
      title={`Approve “${skill.toolName}”`}
      description="An approval records who approved exactly this content. Any change to what the skill does clears it."
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form={formId} variant="primary" disabled={!ready} loading={approve.isPending} data-testid="approve-submit">
            Approve
          </Button>
        </>
      }
    >
      <form id={formId} className="agent-form" onSubmit={submit}>
        <dl className="approve-facts">
          <div>
            <dt>Operation</dt>
            <dd>
              <code>{skill.skill.operation}</code>
            </dd>
          </div>
          <div>
            <dt>Access</dt>
            <dd>
              <Badge tone={skill.isWrite ? "warning" : "success"}>{skill.isWrite ? "write: changes data" : "read only"}</Badge>
            </dd>
          </div>
          <div>
            <dt>Content hash</dt>
            <dd>
              <code className="approve-hash">{skill.contentHash}</code>
            </dd>
          </div>
        </dl>
        <TextField
          label="Approved by"
          required
          value={by}
          onChange={(e) => setBy(e.target.value)}
          placeholder="Your name or e-mail address"
          help="Recorded as given, with the time and the content hash."
          data-testid="approve-by"
        />
        {approve.isError && <ErrorPanel compact error={approve.error} title="Could not approve" />}
      </form>
    </Dialog>
  );
}

/** Deletes a skill after asking; published versions keep their frozen copy. */
export function DeleteSkillDialog({ agentId, skill, onClose, returnToAgent }: SkillDialogProps & { returnToAgent?: boolean }) {
  const remove = useDeleteSkill(agentId);
  return (
    <Dialog
      open
      title={`Delete “${skill.toolName}”?`}
      description="The agent can no longer call it. Published versions keep their frozen copy."
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="danger"
            className="btn-danger-solid"
            loading={remove.isPending}
            data-testid="delete-confirm"
            onClick={() =>
              remove.mutate(
                { skill: skill.id },
                {
                  onSuccess: () => {
                    onClose();
                    if (returnToAgent) navigate({ name: "agents", agent: agentId, skill: null, tab: "overview" });
                  },
                },
              )
            }
          >
            Delete skill
          </Button>
        </>
      }
    >
      <p className="muted">
        <code>{skill.skill.operation}</code> on <code>{skill.providerKind}</code>
        {skill.isEnabled && <> · it is enabled now</>}
      </p>
      {remove.isError && <ErrorPanel compact error={remove.error} title="Could not delete the skill" />}
    </Dialog>
  );
}
