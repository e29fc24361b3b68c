import { useState } from "react";
import { useEnableSkill } from "../../api/agentHooks";
import type { SkillView } from "../../api/agentTypes";
import { ErrorCodes } from "../../api/errors";
import { formatRoute, navigate } from "../../app/router";
import { Badge, Button, ErrorPanel, IconPlay, IconShield, IconTrash } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { ApproveSkillDialog, DeleteSkillDialog } from "./SkillDialogs";
import { conditionHelp, conditionOf, conditionTone, shortHash, transportLabel, transportOf, transportTone } from "./skillModel";

type Pending = { kind: "approve" | "delete"; skill: SkillView } | null;

/** An agent's skills with what each does and where it stands; approve, enable, try and delete. */
export function SkillsTable({ agentId, skills }: { agentId: string; skills: SkillView[] }) {
  const [pending, setPending] = useState<Pending>(null);
  return (
    <div className="card skills-card">
      <table className="skills-table" data-testid="skills-table">
        <thead>
          <tr>
            <th scope="col">Skill</th>
            <th scope="col">Kind</th>
            <th scope="col">State and approval</th>
            <th scope="col">Enabled</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {skills.map((s) => (
            <SkillRow
              key={s.id}
              agentId={agentId}
              skill={s}
              onApprove={() => setPending({ kind: "approve", skill: s })}
              onDelete={() => setPending({ kind: "delete", skill: s })}
            />
          ))}
        </tbody>
      </table>
      {pending?.kind === "approve" && <ApproveSkillDialog agentId={agentId} skill={pending.skill} onClose={() => setPending(null)} />}
      {pending?.kind === "delete" && <DeleteSkillDialog agentId={agentId} skill={pending.skill} onClose={() => setPending(null)} />}
    </div>
  );
}

interface SkillRowProps {
  agentId: string;
  skill: SkillView;
  onApprove: () => void;
  onDelete: () => void;
}

function SkillRow({ agentId, skill: s, onApprove, onDelete }: SkillRowProps) {
  const enable = useEnableSkill(agentId);
  const condition = conditionOf(s);
  const transport = transportOf(s);
  const approvedNow = s.approval !== null && s.approval.contentHash === s.contentHash;
  const toSkill = (tab: "overview" | "try") => ({ name: "agents", agent: agentId, skill: s.id, tab }) as const;

  return (
    <>
      <tr className="skill-row" data-testid="skill-row" data-id={s.id} data-name={s.toolName} data-state={condition} data-write={s.isWrite}>
        <td className="skill-cell-name">
          <a href={formatRoute(toSkill("overview"))} className="skill-link" data-testid="skill-link">
            {s.toolName}
          </a>
          <div className="skill-where">
            <code className="skill-operation" title="The operation it calls">
              {s.skill.operation}
            </code>
            <span className="faint"> on </span>
            <code className="skill-provider-kind" title="The provider">
              {s.providerKind}
            </code>
          </div>
        </td>
        <td>
          <div className="skill-kind">
            <Badge tone={transportTone[transport]} data-testid="skill-transport">
              {transportLabel[transport]}
            </Badge>
            <Badge tone={s.isWrite ? "warning" : "success"} data-testid="skill-access" title={s.isWrite ? "Changes data" : "Reads only"}>
              {s.isWrite ? "write" : "read"}
            </Badge>
          </div>
        </td>
        <td className="skill-cell-approval">
          <Badge tone={conditionTone[condition]} data-testid="skill-state" data-state={condition} title={conditionHelp[condition]}>
            {condition}
          </Badge>
          <div className="skill-approval" data-testid="skill-approval">
            {s.approval ? (
              <span title={`Approved ${formatDateTime(s.approval.at)}: ${s.approval.contentHash}`}>
                <span className="skill-approver">{s.approval.by}</span>
                <code className={approvedNow ? "skill-hash" : "skill-hash skill-hash-stale"}>{shortHash(s.approval.contentHash)}</code>
              </span>
            ) : (
              <span className="faint">not approved</span>
            )}
          </div>
        </td>
        <td>
          <label className="switch" title={s.isWrite && !approvedNow ? "A write is enabled only once approved" : undefined}>
            <input
              type="checkbox"
              role="switch"
              checked={s.isEnabled}
              disabled={enable.isPending}
              onChange={(e) => enable.mutate({ skill: s.id, enabled: e.target.checked })}
              aria-label={`Enabled: ${s.toolName}`}
              data-testid="skill-enabled"
            />
            <span className="switch-track" aria-hidden="true" />
          </label>
        </td>
        <td className="skill-cell-actions">
          {!approvedNow && !s.broken && (
            <Button size="sm" icon={<IconShield size={13} />} onClick={onApprove} data-testid="skill-approve">
              Approve
            </Button>
          )}
          <Button size="sm" variant="ghost" icon={<IconPlay size={13} />} onClick={() => navigate(toSkill("try"))} data-testid="skill-try">
            Try
          </Button>
          <Button size="sm" variant="ghost" className="danger-ghost" aria-label={`Delete ${s.toolName}`} icon={<IconTrash size={14} />} onClick={onDelete} data-testid="skill-delete" />
        </td>
      </tr>
      {enable.isError && (
        <tr className="skill-row-error">
          <td colSpan={5}>
            <ErrorPanel
              compact
              error={enable.error}
              title={enable.error.code === ErrorCodes.approvalRequired ? "Approve this write before enabling it" : "Could not change whether it is enabled"}
            >
              <div className="skill-row-error-actions">
                {enable.error.code === ErrorCodes.approvalRequired && (
                  <Button size="sm" variant="primary" icon={<IconShield size={13} />} onClick={onApprove}>
                    Approve…
                  </Button>
                )}
                <Button size="sm" variant="ghost" onClick={() => enable.reset()}>
                  Dismiss
                </Button>
              </div>
            </ErrorPanel>
          </td>
        </tr>
      )}
    </>
  );
}
