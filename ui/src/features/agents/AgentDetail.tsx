import { useState } from "react";
import { useAgent, useSkills } from "../../api/agentHooks";
import { navigate } from "../../app/router";
import { Badge, Button, CopyButton, EmptyState, ErrorPanel, IconBot, IconPlus, Loading } from "../../components/ui";
import { formatDateTime, plural } from "../../lib/format";
import { LazyBindingEditor as BindingEditor } from "./editor/LazyBindingEditor";
import { SkillsTable } from "./SkillsTable";
import { VersionsSection } from "./VersionsSection";

/** One agent: who it is, its skills (approve, enable, delete, try) and its published versions. */
export function AgentDetail({ agentId }: { agentId: string }) {
  const agent = useAgent(agentId);
  const skills = useSkills(agentId);
  const [adding, setAdding] = useState(false);

  if (agent.isError) {
    return (
      <div className="page">
        <ErrorPanel error={agent.error} title="Could not load the agent" onRetry={() => void agent.refetch()} retrying={agent.isFetching} />
      </div>
    );
  }
  if (!agent.data) return <Loading label="Loading the agent…" lines={5} />;
  if (adding) {
    return (
      <BindingEditor
        agentId={agentId}
        onClose={() => setAdding(false)}
        onSaved={(view) => navigate({ name: "agents", agent: agentId, skill: view.id, tab: "try" })}
      />
    );
  }
  const a = agent.data;
  const approved = skills.data?.filter((s) => s.state === "approved" && !s.broken).length ?? 0;

  return (
    <div className="page">
      <div className="page-inner agent-detail" data-testid="agent-detail" data-id={a.id}>
        <header className="agent-header">
          <div className="agent-header-icon" aria-hidden="true">
            <IconBot size={20} />
          </div>
          <div className="agent-header-text">
            <h2 className="page-title" data-testid="agent-title">
              {a.name}
            </h2>
            {a.description ? <p className="page-subtitle">{a.description}</p> : <p className="page-subtitle faint">No description.</p>}
            <div className="agent-meta">
              <code title="Agent id">{a.id}</code>
              <CopyButton text={a.id} label="Copy id" variant="ghost" />
              <span aria-hidden="true">·</span>
              <span>Created {formatDateTime(a.createdAt)}</span>
              <span aria-hidden="true">·</span>
              <span>{plural(a.skillCount, "skill")}</span>
              {a.latestVersion !== null && (
                <Badge tone="success" title="The newest published version">
                  v{a.latestVersion}
                </Badge>
              )}
            </div>
          </div>
        </header>

        <section className="section" aria-labelledby="skills-title">
          <div className="section-header">
            <h3 className="section-title" id="skills-title">
              Skills
            </h3>
            {skills.data && <Badge>{skills.data.length}</Badge>}
            <div className="section-header-end">
              <Button size="sm" icon={<IconPlus size={13} />} onClick={() => setAdding(true)} data-testid="agent-add-skill">
                Add skill
              </Button>
            </div>
          </div>
          {skills.isPending ? (
            <Loading label="Loading skills…" lines={3} className="card" />
          ) : skills.isError ? (
            <ErrorPanel error={skills.error} title="Could not load skills" onRetry={() => void skills.refetch()} retrying={skills.isFetching} />
          ) : skills.data.length === 0 ? (
            <div className="card">
              <EmptyState title="No skills yet">
                A skill binds one operation of a provider to the values a call gives it. Build one with <strong>Add skill</strong>, or
                bind one through the local API (
                <code>POST /api/v1/agents/{a.id}/integrations/&#123;kind&#125;/bindings</code>); it shows up here to review,
                try, approve and enable.
              </EmptyState>
            </div>
          ) : (
            <SkillsTable agentId={a.id} skills={skills.data} />
          )}
        </section>

        <VersionsSection agentId={a.id} approvedCount={approved} skillCount={skills.data?.length ?? a.skillCount} />
      </div>
    </div>
  );
}
