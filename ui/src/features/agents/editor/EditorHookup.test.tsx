import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { BindingPreview } from "../../../api/editorTypes";
import { App } from "../../../app/App";
import { frontDesk, lookupSkill, lookupView } from "../../../test/agentFixtures";
import { createFakePlatform } from "../../../test/fakePlatform";
import { demoIntegration } from "../../../test/fixtures";
import { testQueryClient } from "../../../test/render";
import { objects, operations } from "./editorFixtures";

const preview: BindingPreview = { valid: true, diagnostics: [], skill: lookupSkill };

function app(hash: string) {
  window.history.replaceState(null, "", hash);
  const fake = createFakePlatform({
    list_agents: () => [frontDesk],
    get_agent: () => frontDesk,
    list_skills: () => [lookupView],
    get_skill: () => lookupView,
    list_versions: () => [],
    catalog: () => [],
    list_integrations: () => [demoIntegration],
    list_operations: () => operations,
    get_object: (args) => objects[args.object as string],
    preview_binding: () => preview,
    bind_skill: () => lookupView,
    update_skill: () => lookupView,
  });
  render(<App platform={fake.platform} queryClient={testQueryClient()} />);
  return fake;
}

describe("binding editor: entries", () => {
  it("“Add skill” on an agent opens the editor; a saved skill opens on its Try tab", async () => {
    const fake = app(`#/agents/${frontDesk.id}`);
    await userEvent.click(await screen.findByTestId("agent-add-skill"));
    await screen.findByTestId("binding-editor");
    await userEvent.click(await screen.findByText("sql:select:customers.by_phone", { selector: "code.editor-op-id" }));
    await userEvent.click(screen.getByTestId("editor-save"));
    await waitFor(() => expect(window.location.hash).toBe(`#/agents/${frontDesk.id}/skills/${lookupView.id}/try`));
    expect(fake.callsOf("bind_skill")).toHaveLength(1);
  });

  it("“Edit binding” on a skill opens the editor on its binding", async () => {
    app(`#/agents/${frontDesk.id}/skills/${lookupView.id}`);
    await userEvent.click(await screen.findByTestId("skill-edit-binding"));
    expect(await screen.findByTestId("editor-operation")).toHaveTextContent(lookupView.skill.operation);
    await userEvent.click(screen.getByTestId("editor-close"));
    expect(await screen.findByTestId("skill-detail")).toBeInTheDocument();
  });
});
