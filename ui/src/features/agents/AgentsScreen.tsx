import { useEffect } from "react";
import { useAgents } from "../../api/agentHooks";
import { navigate, type SkillTab } from "../../app/router";
import { EmptyState, IconBot } from "../../components/ui";
import { AgentDetail } from "./AgentDetail";
import { AgentList } from "./AgentList";
import { SkillDetail } from "./SkillDetail";

export interface AgentsScreenProps {
  agent: string | null;
  skill: string | null;
  tab: SkillTab;
}

/**
 * Agents and their skills: the agents on the left; on the right the selected agent (its skills
 * and versions) or one of its skills (the compiled preview, and the try panel).
 */
export function AgentsScreen({ agent, skill, tab }: AgentsScreenProps) {
  const agents = useAgents();

  // No agent in the route: the first one, when there is one.
  const first = agents.data?.[0]?.id;
  useEffect(() => {
    if (!agent && first) navigate({ name: "agents", agent: first, skill: null, tab: "overview" }, { replace: true });
  }, [agent, first]);

  return (
    <div className="agents" data-testid="agents-screen">
      <AgentList agents={agents} selected={agent} />
      <div className="agents-main">
        {agent && skill ? (
          <SkillDetail key={`${agent}/${skill}`} agentId={agent} skillId={skill} tab={tab} />
        ) : agent ? (
          <AgentDetail key={agent} agentId={agent} />
        ) : (
          <div className="page">
            <EmptyState icon={<IconBot />} title="No agent selected">
              An agent is a set of skills: operations of your providers, bound to the values a call gives them. Create one to
              start.
            </EmptyState>
          </div>
        )}
      </div>
    </div>
  );
}
