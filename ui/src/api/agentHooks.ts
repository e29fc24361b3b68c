import { useMutation, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { BinderyError } from "../platform";
import type { Agent, AgentVersion, DeletedSkill, NewAgent, PublishRequest, SkillView, TryRequest, TryRun, VersionDiff } from "./agentTypes";
import { useApi } from "./context";

/** Query keys are `[command, args]`, so a cache entry is exactly one core call. */
export const agentKeys = {
  agents: () => ["list_agents", {}] as const,
  agent: (agent: string) => ["get_agent", { agent }] as const,
  skills: (agent: string) => ["list_skills", { agent }] as const,
  skill: (agent: string, skill: string) => ["get_skill", { agent, skill }] as const,
  versions: (agent: string) => ["list_versions", { agent }] as const,
  diff: (agent: string, version: string, against: string) => ["diff_versions", { agent, version, against }] as const,
  /** The last try run of a skill (kept for the session; never fetched). */
  lastTry: (agent: string, skill: string) => ["try_skill", { agent, skill }] as const,
};

export function useAgents() {
  const api = useApi();
  return useQuery<Agent[], BinderyError>({ queryKey: agentKeys.agents(), queryFn: () => api.listAgents() });
}

export function useAgent(agent: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useQuery<Agent, BinderyError>({
    queryKey: agentKeys.agent(agent),
    queryFn: () => api.getAgent({ agent }),
    enabled: agent !== "",
    // The list already holds it: shown at once while its own answer loads.
    placeholderData: () => qc.getQueryData<Agent[]>(agentKeys.agents())?.find((a) => a.id === agent),
  });
}

export function useCreateAgent() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<Agent, BinderyError, NewAgent>({
    mutationFn: (body) => api.createAgent({ body }),
    onSuccess: async (agent) => {
      qc.setQueryData(agentKeys.agent(agent.id), agent);
      await qc.invalidateQueries({ queryKey: agentKeys.agents() });
    },
  });
}

export function useSkills(agent: string) {
  const api = useApi();
  return useQuery<SkillView[], BinderyError>({
    queryKey: agentKeys.skills(agent),
    queryFn: () => api.listSkills({ agent }),
    enabled: agent !== "",
  });
}

/** One skill; shown from the agent's list while its own answer loads. */
export function useSkill(agent: string, skill: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useQuery<SkillView, BinderyError>({
    queryKey: agentKeys.skill(agent, skill),
    queryFn: () => api.getSkill({ agent, skill }),
    enabled: agent !== "" && skill !== "",
    placeholderData: () => qc.getQueryData<SkillView[]>(agentKeys.skills(agent))?.find((s) => s.id === skill),
  });
}

/** A skill the core answered after a change: into its own entry and the agent's list. */
function storeSkill(qc: QueryClient, view: SkillView) {
  qc.setQueryData(agentKeys.skill(view.agentId, view.id), view);
  qc.setQueryData<SkillView[]>(agentKeys.skills(view.agentId), (list) => list?.map((s) => (s.id === view.id ? view : s)));
}

/** Approves a skill's current content as `by`. */
export function useApproveSkill(agent: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<SkillView, BinderyError, { skill: string; by: string }>({
    mutationFn: ({ skill, by }) => api.approveSkill({ agent, skill, body: { by } }),
    onSuccess: (view) => storeSkill(qc, view),
  });
}

/** Enables or disables a skill. A write that is not approved is refused with `approval_required`. */
export function useEnableSkill(agent: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<SkillView, BinderyError, { skill: string; enabled: boolean }>({
    mutationFn: ({ skill, enabled }) => api.enableSkill({ agent, skill, body: { enabled } }),
    onSuccess: (view) => storeSkill(qc, view),
  });
}

export function useDeleteSkill(agent: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<DeletedSkill, BinderyError, { skill: string }>({
    mutationFn: ({ skill }) => api.deleteSkill({ agent, skill }),
    onSuccess: async (_deleted, { skill }) => {
      qc.removeQueries({ queryKey: agentKeys.skill(agent, skill) });
      qc.removeQueries({ queryKey: agentKeys.lastTry(agent, skill) });
      qc.setQueryData<SkillView[]>(agentKeys.skills(agent), (list) => list?.filter((s) => s.id !== skill));
      await Promise.all([
        qc.invalidateQueries({ queryKey: agentKeys.skills(agent) }),
        qc.invalidateQueries({ queryKey: agentKeys.agents() }),
        qc.invalidateQueries({ queryKey: agentKeys.agent(agent) }),
      ]);
    },
  });
}

export function useVersions(agent: string) {
  const api = useApi();
  return useQuery<AgentVersion[], BinderyError>({
    queryKey: agentKeys.versions(agent),
    queryFn: () => api.listVersions({ agent }),
    enabled: agent !== "",
  });
}

/** Freezes the agent's approved skills into its next version. */
export function usePublishAgent(agent: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<AgentVersion, BinderyError, PublishRequest>({
    mutationFn: (body) => api.publishAgent({ agent, body }),
    onSuccess: async () => {
      await Promise.all([
        qc.invalidateQueries({ queryKey: agentKeys.versions(agent) }),
        qc.invalidateQueries({ queryKey: agentKeys.agents() }),
        qc.invalidateQueries({ queryKey: agentKeys.agent(agent) }),
        qc.invalidateQueries({ queryKey: ["diff_versions"] }),
      ]);
    },
  });
}

/** What changed from `version` to the draft; not asked for while `version` is null. */
export function useVersionDiff(agent: string, version: string | null, against = "draft") {
  const api = useApi();
  return useQuery<VersionDiff, BinderyError>({
    queryKey: agentKeys.diff(agent, version ?? "", against),
    queryFn: () => api.diffVersions({ agent, version: version ?? "", against }),
    enabled: agent !== "" && !!version,
    staleTime: 0,
  });
}

/** A try run with the request that produced it, kept per skill for the session. */
export interface LastTry {
  request: TryRequest;
  run: TryRun;
  /** `Date.now()` when it answered. */
  at: number;
}

/** The last try run of a skill, or undefined. Survives leaving the screen (never garbage collected). */
export function useLastTry(agentId: string, skillId: string) {
  const qc = useQueryClient();
  const key = agentKeys.lastTry(agentId, skillId);
  return useQuery<LastTry | null, BinderyError>({
    queryKey: key,
    queryFn: () => qc.getQueryData<LastTry | null>(key) ?? null,
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  }).data;
}

/** Runs a skill with sample inputs; the answer becomes the skill's last run. */
export function useTrySkill(agentId: string, skillId: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<LastTry, BinderyError, TryRequest>({
    mutationFn: async (request) => {
      const run = await api.trySkill({ agent: agentId, skill: skillId, body: request });
      return { request, run, at: Date.now() };
    },
    onSuccess: (last) => {
      qc.setQueryData(agentKeys.lastTry(agentId, skillId), last);
    },
  });
}
