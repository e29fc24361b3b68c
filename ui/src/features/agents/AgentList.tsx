import type { UseQueryResult } from "@tanstack/react-query";
import { useState } from "react";
import type { Agent } from "../../api/agentTypes";
import { formatRoute, navigate } from "../../app/router";
import { Badge, Button, EmptyState, ErrorPanel, IconBot, IconPlus, Loading } from "../../components/ui";
import type { BinderyError } from "../../platform";
import { plural } from "../../lib/format";
import { CreateAgentDialog } from "./CreateAgentDialog";

export interface AgentListProps {
  agents: UseQueryResult<Agent[], BinderyError>;
  selected: string | null;
}

/** The workspace's agents, oldest first, and the way to create one. */
export function AgentList({ agents, selected }: AgentListProps) {
  const [creating, setCreating] = useState(false);

  return (
    <aside className="agent-list-pane" aria-label="Agents">
      <div className="agent-list-head">
        <h1 className="agent-list-title">Agents</h1>
        {agents.data && <Badge>{agents.data.length}</Badge>}
        <Button size="sm" variant="primary" icon={<IconPlus size={14} />} onClick={() => setCreating(true)} data-testid="agent-create">
          New agent
        </Button>
      </div>
      <div className="agent-list">
        {agents.isPending ? (
          <Loading label="Loading agents…" lines={4} />
        ) : agents.isError ? (
          <div className="agent-list-state">
            <ErrorPanel compact error={agents.error} title="Could not load agents" onRetry={() => void agents.refetch()} retrying={agents.isFetching} />
          </div>
        ) : agents.data.length === 0 ? (
          <EmptyState
            icon={<IconBot />}
            title="No agents yet"
            action={
              <Button variant="primary" icon={<IconPlus size={14} />} onClick={() => setCreating(true)}>
                Create an agent
              </Button>
            }
          >
            An agent holds the skills a voice agent may call.
          </EmptyState>
        ) : (
          <ul className="agent-rows" role="list">
            {agents.data.map((a) => (
              <li key={a.id}>
                <a
                  href={formatRoute({ name: "agents", agent: a.id, skill: null, tab: "overview" })}
                  className="agent-row"
                  aria-current={a.id === selected ? "page" : undefined}
                  data-testid="agent-row"
                  data-id={a.id}
                  data-name={a.name}
                >
                  <span className="agent-row-name">{a.name}</span>
                  {a.description && <span className="agent-row-description">{a.description}</span>}
                  <span className="agent-row-meta">
                    <span data-testid="agent-skill-count">{plural(a.skillCount, "skill")}</span>
                    {a.latestVersion !== null ? (
                      <Badge tone="success" title={`Published: version ${a.latestVersion} is the newest`}>
                        v{a.latestVersion}
                      </Badge>
                    ) : (
                      <span className="faint">not published</span>
                    )}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
      <CreateAgentDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(a) => {
          setCreating(false);
          navigate({ name: "agents", agent: a.id, skill: null, tab: "overview" });
        }}
      />
    </aside>
  );
}
