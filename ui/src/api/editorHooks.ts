import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
// The canonical parameters are the core's own file, bundled at build time (no copy in the UI; no
// endpoint serves them yet).
import canonicalFile from "../../../crates/bindery-binding/params/canonical.json";
import type { BinderyError } from "../platform";
import { agentKeys } from "./agentHooks";
import type { AgentParameter, Provenance, SkillView } from "./agentTypes";
import { useApi } from "./context";
import type { Binding, BindingPreview, CanonicalParam } from "./editorTypes";

export const editorKeys = {
  preview: (agent: string, kind: string, binding: Binding) => ["preview_binding", { agent, kind, binding }] as const,
};

const provenances: readonly Provenance[] = ["caller", "callContext", "operator"];
const isProvenance = (v: unknown): v is Provenance => provenances.includes(v as Provenance);

/** The canonical parameters shipped with the core, in file order. */
export const canonicalParams: readonly CanonicalParam[] = canonicalFile.parameters.map((p) => ({
  name: p.name,
  type: p.type,
  format: "format" in p && typeof p.format === "string" ? p.format : undefined,
  provenance: isProvenance(p.provenance) ? p.provenance : "caller",
  description: p.description,
  example: "example" in p ? p.example : undefined,
}));

/** The canonical parameters, then the agent's own (an own parameter of a canonical name replaces it). */
export function parametersFor(own: readonly AgentParameter[] | undefined): CanonicalParam[] {
  const mine: CanonicalParam[] = (own ?? []).map((p) => ({
    name: p.name,
    type: p.type ?? "string",
    format: p.format,
    provenance: p.from ?? "caller",
    description: p.description,
  }));
  const names = new Set(mine.map((p) => p.name));
  return [...canonicalParams.filter((p) => !names.has(p.name)), ...mine];
}

/** The core's validation and compilation of `binding` (null: nothing asked). Keeps the last answer while the next loads. */
export function usePreviewBinding(agent: string, kind: string, binding: Binding | null) {
  const api = useApi();
  return useQuery<BindingPreview, BinderyError>({
    queryKey: editorKeys.preview(agent, kind, binding ?? { toolName: "", operation: "" }),
    queryFn: () => api.previewBinding({ agent, kind, binding: binding ?? { toolName: "", operation: "" } }),
    enabled: agent !== "" && kind !== "" && binding !== null && binding.operation !== "",
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Saves a binding: a new skill (`bind_skill`), or a new content of `skillId` (`update_skill`). */
export function useSaveBinding(agent: string, kind: string, skillId: string | null) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation<SkillView, BinderyError, Binding>({
    mutationFn: (binding) =>
      skillId
        ? api.updateSkill({ agent, skill: skillId, binding: { ...binding } })
        : api.bindSkill({ agent, kind, binding: { ...binding } }),
    onSuccess: async (view) => {
      qc.setQueryData(agentKeys.skill(view.agentId, view.id), view);
      await Promise.all([
        qc.invalidateQueries({ queryKey: agentKeys.skills(agent) }),
        qc.invalidateQueries({ queryKey: agentKeys.agents() }),
        qc.invalidateQueries({ queryKey: agentKeys.agent(agent) }),
      ]);
    },
  });
}
