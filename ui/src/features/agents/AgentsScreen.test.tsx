import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Agent, AgentVersion, SkillView } from "../../api/agentTypes";
import { App } from "../../app/App";
import type { Command } from "../../platform";
import { bookJobView, frontDesk, lookupView } from "../../test/agentFixtures";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { testQueryClient } from "../../test/render";

const approvedLookup: SkillView = {
  ...lookupView,
  state: "approved",
  approval: { by: "Ann", at: "2025-11-26T09:10:00Z", contentHash: lookupView.contentHash },
};

/** The app on `hash`, answering from handlers (agents, skills and versions by default). */
function agentsApp(hash: string, handlers: Partial<Record<Command, Handler>> = {}) {
  window.history.replaceState(null, "", hash);
  const fake = createFakePlatform({
    list_agents: () => [frontDesk],
    get_agent: () => frontDesk,
    list_skills: () => [approvedLookup, bookJobView],
    list_versions: () => [],
    ...handlers,
  });
  render(<App platform={fake.platform} queryClient={testQueryClient()} />);
  return fake;
}

const row = (name: string) => screen.getAllByTestId("skill-row").find((r) => r.dataset.name === name)!;

describe("agents", () => {
  it("lists agents, opens the first, and creates one", async () => {
    const created: Agent = { ...frontDesk, id: "agt_new", name: "Night line", description: "After hours.", skillCount: 0 };
    let agents: Agent[] = [frontDesk];
    const fake = agentsApp("#/agents", {
      list_agents: () => agents,
      get_agent: (args) => agents.find((a) => a.id === args.agent),
      list_skills: (args) => (args.agent === frontDesk.id ? [approvedLookup, bookJobView] : []),
      create_agent: () => {
        agents = [...agents, created];
        return created;
      },
    });
    expect(screen.getByTestId("nav-agents")).toHaveAttribute("aria-current", "page");
    expect(await screen.findByTestId("agent-detail")).toHaveAttribute("data-id", frontDesk.id);
    expect(window.location.hash).toBe(`#/agents/${frontDesk.id}`);
    const first = screen.getByTestId("agent-row");
    expect(first).toHaveAttribute("aria-current", "page");
    expect(first).toHaveTextContent("2 skills");
    expect(first).toHaveTextContent("not published");

    await userEvent.click(screen.getByTestId("agent-create"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("agent-create-submit")).toBeDisabled();
    await userEvent.type(within(dialog).getByTestId("agent-name"), "  Night line ");
    await userEvent.type(within(dialog).getByTestId("agent-description"), "After hours.");
    await userEvent.click(within(dialog).getByTestId("agent-create-submit"));

    await waitFor(() => expect(window.location.hash).toBe("#/agents/agt_new"));
    expect(fake.callsOf("create_agent")).toEqual([{ body: { name: "Night line", description: "After hours." } }]);
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("agent-detail")).toHaveAttribute("data-id", "agt_new"));
    expect(screen.getByTestId("agent-title")).toHaveTextContent("Night line");
    await waitFor(() => expect(screen.getAllByTestId("agent-row")).toHaveLength(2));
    expect(await screen.findByText("No skills yet")).toBeInTheDocument();
  });

  it("shows a refused agent by its code", async () => {
    agentsApp("#/agents", {
      create_agent: () => {
        throw { code: "validation_error", status: 400, message: "give the agent a name of 1 to 200 characters" };
      },
    });
    await userEvent.click(await screen.findByTestId("agent-create"));
    await userEvent.type(screen.getByTestId("agent-name"), "x");
    await userEvent.click(screen.getByTestId("agent-create-submit"));
    expect(await within(screen.getByRole("dialog")).findByTestId("error-panel")).toHaveAttribute("data-code", "validation_error");
  });

  it("lists skills: operation, provider, transport, read/write, state and approval", async () => {
    agentsApp(`#/agents/${frontDesk.id}`);
    await screen.findAllByTestId("skill-row");
    const lookup = row("Look up the caller");
    expect(lookup).toHaveTextContent("sql:select:customers.by_phone");
    expect(lookup).toHaveTextContent("demo_fieldservice");
    expect(within(lookup).getByTestId("skill-transport")).toHaveTextContent("SQL");
    expect(within(lookup).getByTestId("skill-access")).toHaveTextContent("read");
    expect(within(lookup).getByTestId("skill-state")).toHaveAttribute("data-state", "approved");
    expect(within(lookup).getByTestId("skill-approval")).toHaveTextContent("Ann84cbafd3d67e");
    expect(within(lookup).getByTestId("skill-enabled")).toBeChecked();
    expect(within(lookup).queryByTestId("skill-approve")).toBeNull();

    const book = row("Book a job");
    expect(within(book).getByTestId("skill-access")).toHaveTextContent("write");
    expect(within(book).getByTestId("skill-state")).toHaveAttribute("data-state", "valid");
    expect(within(book).getByTestId("skill-approval")).toHaveTextContent("not approved");
    expect(within(book).getByTestId("skill-enabled")).not.toBeChecked();
  });

  it("a broken skill says so and cannot be approved", async () => {
    const broken: SkillView = { ...lookupView, broken: { diagnostics: [] }, isEnabled: false };
    agentsApp(`#/agents/${frontDesk.id}`, { list_skills: () => [broken] });
    const r = await screen.findByTestId("skill-row");
    expect(within(r).getByTestId("skill-state")).toHaveAttribute("data-state", "broken");
    expect(within(r).queryByTestId("skill-approve")).toBeNull();
  });

  it("enabling an unapproved write is refused by code; approving asks who, then it enables", async () => {
    let book: SkillView = bookJobView;
    const fake = agentsApp(`#/agents/${frontDesk.id}`, {
      list_skills: () => [approvedLookup, book],
      enable_skill: (args) => {
        const enabled = (args.body as { enabled: boolean }).enabled;
        if (enabled && book.state !== "approved") {
          throw { code: "approval_required", status: 409, message: '"Book a job" changes data: approve it before enabling it' };
        }
        book = { ...book, isEnabled: enabled };
        return book;
      },
      approve_skill: (args) => {
        book = {
          ...book,
          state: "approved",
          approval: { by: (args.body as { by: string }).by, at: "2025-11-26T10:00:00Z", contentHash: book.contentHash },
        };
        return book;
      },
    });
    await screen.findAllByTestId("skill-row");
    await userEvent.click(within(row("Book a job")).getByTestId("skill-enabled"));
    const refusal = await screen.findByTestId("error-panel");
    expect(refusal).toHaveAttribute("data-code", "approval_required");
    expect(refusal).toHaveTextContent("Approve this write before enabling it");
    expect(within(row("Book a job")).getByTestId("skill-enabled")).not.toBeChecked();

    await userEvent.click(within(refusal).getByRole("button", { name: "Approve…" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent(bookJobView.contentHash);
    await userEvent.type(within(dialog).getByTestId("approve-by"), "Ann");
    await userEvent.click(within(dialog).getByTestId("approve-submit"));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(fake.callsOf("approve_skill")).toEqual([{ agent: frontDesk.id, skill: bookJobView.id, body: { by: "Ann" } }]);
    expect(within(row("Book a job")).getByTestId("skill-state")).toHaveAttribute("data-state", "approved");
    expect(within(row("Book a job")).getByTestId("skill-approval")).toHaveTextContent("Ann");

    await userEvent.click(within(row("Book a job")).getByTestId("skill-enabled"));
    await waitFor(() => expect(within(row("Book a job")).getByTestId("skill-enabled")).toBeChecked());
    expect(fake.callsOf("enable_skill").at(-1)).toEqual({ agent: frontDesk.id, skill: bookJobView.id, body: { enabled: true } });
  });

  it("deletes a skill only after confirmation", async () => {
    let skills = [approvedLookup, bookJobView];
    const fake = agentsApp(`#/agents/${frontDesk.id}`, {
      list_skills: () => skills,
      delete_skill: (args) => {
        skills = skills.filter((s) => s.id !== args.skill);
        return { id: args.skill, toolName: "Book a job", deleted: true };
      },
    });
    await screen.findAllByTestId("skill-row");
    await userEvent.click(within(row("Book a job")).getByTestId("skill-delete"));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("Delete “Book a job”?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(fake.callsOf("delete_skill")).toEqual([]);

    await userEvent.click(within(row("Book a job")).getByTestId("skill-delete"));
    await userEvent.click(within(await screen.findByRole("dialog")).getByTestId("delete-confirm"));
    await waitFor(() => expect(screen.getAllByTestId("skill-row")).toHaveLength(1));
    expect(fake.callsOf("delete_skill")).toEqual([{ agent: frontDesk.id, skill: bookJobView.id }]);
  });

  it("publishes the approved skills and lists the version", async () => {
    let versions: AgentVersion[] = [];
    const v1: AgentVersion = {
      id: "ver_1",
      agentId: frontDesk.id,
      version: 1,
      note: "First",
      publishedAt: "2025-11-26T11:00:00Z",
      publishedBy: "Ann",
      skills: [
        {
          skillId: approvedLookup.id,
          toolName: approvedLookup.toolName,
          providerKind: "demo_fieldservice",
          isEnabled: true,
          approval: approvedLookup.approval!,
          skill: approvedLookup.skill,
        },
      ],
    };
    const fake = agentsApp(`#/agents/${frontDesk.id}`, {
      list_versions: () => versions,
      publish_agent: () => {
        versions = [v1];
        return v1;
      },
    });
    expect(await screen.findByText("Not published yet")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("publish-summary")).toHaveTextContent("1 of 2 skills approved"));
    await userEvent.click(screen.getByTestId("publish-open"));
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByTestId("publish-count")).toHaveTextContent("1 approved skill of 2");
    await userEvent.type(within(dialog).getByTestId("publish-note"), "First");
    await userEvent.clear(within(dialog).getByTestId("publish-by"));
    await userEvent.type(within(dialog).getByTestId("publish-by"), "Ann");
    await userEvent.click(within(dialog).getByTestId("publish-submit"));

    const version = await screen.findByTestId("version");
    expect(fake.callsOf("publish_agent")).toEqual([{ agent: frontDesk.id, body: { note: "First", by: "Ann" } }]);
    expect(version).toHaveAttribute("data-version", "1");
    expect(version).toHaveTextContent("Look up the caller");
    expect(version).toHaveTextContent("by Ann");
  });

  it("a skill's page shows the compiled skill: parameters with provenance, statement, egress and hash", async () => {
    agentsApp(`#/agents/${frontDesk.id}/skills/${bookJobView.id}`, { get_skill: () => bookJobView });
    const detail = await screen.findByTestId("skill-detail");
    expect(detail).toHaveAttribute("data-name", "Book a job");
    expect(screen.getByTestId("skill-description")).toHaveTextContent("Create a job for the caller at their home.");
    const params = screen.getAllByTestId("skill-parameter");
    expect(params.map((p) => [p.dataset.name, p.dataset.from])).toEqual([
      ["customer_id", "caller"],
      ["notes", "caller"],
      ["call_started_at", "callContext"],
    ]);
    expect(params[2]).toHaveTextContent("call context");
    expect(screen.getByTestId("plan-statement")).toHaveTextContent('INSERT INTO "main"."jobs"');
    expect(screen.getAllByTestId("plan-parameter")[1]).toHaveTextContent("const 1");
    expect(screen.getAllByTestId("egress-row")).toHaveLength(5);
    expect(screen.getByTestId("skill-content-hash")).toHaveTextContent(bookJobView.contentHash);

    await userEvent.click(screen.getByTestId("skill-tab-try"));
    expect(window.location.hash).toBe(`#/agents/${frontDesk.id}/skills/${bookJobView.id}/try`);
    expect(await screen.findByTestId("try-panel")).toHaveAttribute("data-write", "true");
  });
});
