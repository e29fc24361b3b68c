import { useState } from "react";
import { useAgent, useSkill } from "../../api/agentHooks";
import { formatRoute, navigate, type SkillTab } from "../../app/router";
import { Badge, Button, ErrorPanel, IconArrowLeft, IconPlay, IconShield, IconTrash, Loading } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { LazyBindingEditor as BindingEditor } from "./editor/LazyBindingEditor";
import { ApproveSkillDialog, DeleteSkillDialog } from "./SkillDialogs";
import { conditionHelp, conditionOf, conditionTone, shortHash, transportLabel, transportOf, transportTone } from "./skillModel";
import { SkillOverview } from "./SkillOverview";
import { TryPanel } from "./TryPanel";

export interface SkillDetailProps {
  agentId: string;
  skillId: string;
  tab: SkillTab;
}

const tabs: { tab: SkillTab; label: string }[] = [
  { tab: "overview", label: "Compiled skill" },
  { tab: "try", label: "Try it" },
];

/** One skill: what it compiled to, and a live try against its provider. */
export function SkillDetail({ agentId, skillId, tab }: SkillDetailProps) {
  const agent = useAgent(agentId);
  const skill = useSkill(agentId, skillId);
  const [dialog, setDialog] = useState<"approve" | "delete" | null>(null);
  const [editing, setEditing] = useState(false);
  const agentRoute = formatRoute({ name: "agents", agent: agentId, skill: null, tab: "overview" });

  const back = (
    <a href={agentRoute} className="skill-back" data-testid="skill-back">
      <IconArrowLeft size={14} />
      {agent.data?.name ?? "Agent"}
    </a>
  );

  if (skill.isError) {
    return (
      <div className="page">
        <div className="page-inner">
          {back}
          <ErrorPanel error={skill.error} title="Could not load the skill" onRetry={() => void skill.refetch()} retrying={skill.isFetching} />
        </div>
      </div>
    );
  }
  if (!skill.data) return <Loading label="Loading the skill…" lines={6} />;
  const s = skill.data;
  if (editing) {
    return (
      <BindingEditor
        agentId={agentId}
        skill={s}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          navigate({ name: "agents", agent: agentId, skill: skillId, tab: "try" });
        }}
      />
    );
  }
  const condition = conditionOf(s);
  const transport = transportOf(s);
  const approvedNow = s.approval !== null && s.approval.contentHash === s.contentHash;

  return (
    <div className="page">
      <div className="page-inner skill-detail" data-testid="skill-detail" data-id={s.id} data-name={s.toolName}>
        {back}
        <header className="skill-header">
          <div className="skill-header-text">
            <h2 className="page-title">{s.toolName}</h2>
            <div className="skill-badges">
              <Badge tone={transportTone[transport]}>{transportLabel[transport]}</Badge>
              <Badge tone={s.isWrite ? "warning" : "success"}>{s.isWrite ? "write" : "read"}</Badge>
              <Badge tone={conditionTone[condition]} title={conditionHelp[condition]} data-testid="skill-detail-state">
                {condition}
              </Badge>
              <Badge tone={s.isEnabled ? "accent" : "neutral"}>{s.isEnabled ? "enabled" : "disabled"}</Badge>
              <code className="skill-operation">{s.skill.operation}</code>
              <span className="faint">on</span>
              <code>{s.providerKind}</code>
            </div>
            <div className="skill-approval-line faint">
              {s.approval ? (
                <>
                  Approved by <strong className="skill-approver">{s.approval.by}</strong> {formatDateTime(s.approval.at)} ·{" "}
                  <code title={s.approval.contentHash}>{shortHash(s.approval.contentHash)}</code>
                  {!approvedNow && <> · the content changed since</>}
                </>
              ) : (
                <>Not approved</>
              )}
            </div>
          </div>
          <div className="skill-header-actions">
            {!approvedNow && !s.broken && (
              <Button size="sm" icon={<IconShield size={13} />} onClick={() => setDialog("approve")} data-testid="skill-approve">
                Approve
              </Button>
            )}
            <Button size="sm" onClick={() => setEditing(true)} data-testid="skill-edit-binding">
              Edit binding
            </Button>
            <Button size="sm" variant="ghost" className="danger-ghost" icon={<IconTrash size={13} />} onClick={() => setDialog("delete")} data-testid="skill-delete">
              Delete
            </Button>
          </div>
        </header>

        <nav className="skill-tabs" role="tablist" aria-label="Skill views">
          {tabs.map((t) => (
            <a
              key={t.tab}
              role="tab"
              href={formatRoute({ name: "agents", agent: agentId, skill: skillId, tab: t.tab })}
              aria-selected={tab === t.tab}
              className="skill-tab"
              data-testid={`skill-tab-${t.tab}`}
            >
              {t.tab === "try" && <IconPlay size={12} />}
              {t.label}
            </a>
          ))}
        </nav>

        <div role="tabpanel">{tab === "try" ? <TryPanel agentId={agentId} view={s} /> : <SkillOverview view={s} />}</div>

        {dialog === "approve" && <ApproveSkillDialog agentId={agentId} skill={s} onClose={() => setDialog(null)} />}
        {dialog === "delete" && <DeleteSkillDialog agentId={agentId} skill={s} returnToAgent onClose={() => setDialog(null)} />}
      </div>
    </div>
  );
}
