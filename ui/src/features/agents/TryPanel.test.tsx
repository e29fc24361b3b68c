import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { SkillView, TryRequest, TryRun } from "../../api/agentTypes";
import { App } from "../../app/App";
import type { CommandArgs } from "../../platform";
import {
  bookJobDryRun,
  bookJobRun,
  bookJobView,
  createIssueSkill,
  findCustomersSkill,
  frontDesk,
  lookupRun,
  lookupView,
  skillView,
} from "../../test/agentFixtures";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { renderWithPlatform, testQueryClient } from "../../test/render";
import { TryPanel } from "./TryPanel";

function tryPanel(view: SkillView, trySkill: Handler) {
  const fake = createFakePlatform({ try_skill: trySkill });
  renderWithPlatform(<TryPanel agentId={frontDesk.id} view={view} />, fake.platform);
  return fake;
}

const field = (name: string) => screen.getAllByTestId("try-field").find((f) => f.dataset.name === name)!;
const input = (name: string) => within(field(name)).getByTestId("try-input");
const requests = (calls: CommandArgs[]) => calls.map((c) => c.body as TryRequest);

describe("try panel: the form", () => {
  it("SQL write: one input per parameter, with who supplies it", () => {
    tryPanel(bookJobView, () => bookJobDryRun);
    const fields = screen.getAllByTestId("try-field");
    expect(fields.map((f) => [f.dataset.name, f.dataset.from, f.dataset.kind])).toEqual([
      ["customer_id", "caller", "string"],
      ["notes", "caller", "string"],
      ["call_started_at", "callContext", "string"],
    ]);
    expect(within(field("customer_id")).getByTestId("try-provenance")).toHaveTextContent("from the caller");
    expect(within(field("call_started_at")).getByTestId("try-provenance")).toHaveTextContent("call context");
    expect(field("customer_id")).toHaveTextContent("The provider's id of the customer");
    expect(field("customer_id")).toHaveTextContent("→ to_integer");
    // A write: no plain "Run"; a dry run and a distinct danger button.
    expect(screen.queryByTestId("try-run")).toBeNull();
    expect(screen.getByTestId("try-dry-run")).toBeInTheDocument();
    expect(screen.getByTestId("try-run-write")).toHaveClass("btn-danger");
  });

  it("REST: caller, operator; integers are numeric inputs with their default", () => {
    tryPanel(skillView(findCustomersSkill), () => lookupRun);
    expect(within(field("location_id")).getByTestId("try-provenance")).toHaveTextContent("operator");
    expect(input("limit")).toHaveAttribute("type", "number");
    expect(input("limit")).toHaveAttribute("placeholder", "default 5");
    expect(input("caller_email")).toHaveAttribute("type", "text");
    expect(field("caller_email")).toHaveTextContent("Goes to query:email.");
    expect(screen.getByTestId("try-run")).toBeInTheDocument();
  });

  it("GraphQL: input-object fields and a boolean as a checkbox", () => {
    tryPanel(skillView(createIssueSkill), () => lookupRun);
    expect(screen.getAllByTestId("try-field").map((f) => f.dataset.name)).toEqual(["reason", "party_size", "call_id", "urgent_flag"]);
    expect(input("urgent_flag")).toHaveAttribute("type", "checkbox");
    expect(field("urgent_flag")).toHaveTextContent("operator");
    expect(field("call_id")).toHaveTextContent("Goes to variable:input.callId.");
  });
});

describe("try panel: runs", () => {
  it("runs a read: the output, the statement with its bound value, the raw rows and the latency", async () => {
    const fake = tryPanel(lookupView, () => lookupRun);
    expect(screen.getByTestId("try-no-run")).toBeInTheDocument();
    await userEvent.type(input("caller_phone"), "+15035555144");
    await userEvent.click(screen.getByTestId("try-run"));

    const result = await screen.findByTestId("try-result");
    expect(fake.callsOf("try_skill")).toEqual([
      { agent: frontDesk.id, skill: lookupView.id, body: { inputs: { caller_phone: "+15035555144" }, confirm: false } },
    ]);
    expect(result).toHaveAttribute("data-status", "ok");
    expect(screen.getByTestId("try-latency")).toHaveTextContent("3.4 ms");
    const out = screen.getAllByTestId("output-row");
    expect(out.map((r) => [r.dataset.leaf, within(r).getByTestId("output-value").textContent])).toEqual([["customer_first_name", "Diane"]]);

    await userEvent.click(screen.getByTestId("try-tab-request"));
    expect(screen.getByTestId("request-statement")).toHaveTextContent('WHERE t0."phone" = ?1 LIMIT 1');
    expect(screen.getByTestId("request-parameter")).toHaveTextContent('?1phonestring"+15035555144"');

    await userEvent.click(screen.getByTestId("try-tab-response"));
    expect(screen.getByTestId("raw-response")).toHaveTextContent('"customer_first_name": "Diane"');
    expect(screen.getByTestId("response-bytes")).toHaveTextContent("33 bytes");
    expect(screen.queryByTestId("response-truncated")).toBeNull();
  });

  it("a write: the dry run shows what would be sent; the write runs only after the explicit confirmation", async () => {
    const fake = tryPanel(bookJobView, (args) => ((args.body as TryRequest).confirm ? bookJobRun : bookJobDryRun));
    await userEvent.type(input("customer_id"), "1");
    await userEvent.type(input("notes"), "Leaking tap");
    await userEvent.type(input("call_started_at"), "2025-11-26T10:00:00Z");
    const inputs = { customer_id: "1", notes: "Leaking tap", call_started_at: "2025-11-26T10:00:00Z" };

    await userEvent.click(screen.getByTestId("try-dry-run"));
    expect(await screen.findByTestId("try-not-executed")).toHaveTextContent("nothing was executed");
    expect(screen.getByTestId("try-executed")).toHaveAttribute("data-executed", "false");
    expect(screen.getByTestId("request-statement")).toHaveTextContent('INSERT INTO "main"."jobs"');
    expect(requests(fake.callsOf("try_skill"))).toEqual([{ inputs, confirm: false }]);

    // The button asks first, with exactly the dry run's request; cancelling sends nothing.
    await userEvent.click(screen.getByTestId("try-run-write"));
    const dialog = await screen.findByTestId("confirm-write-dialog");
    expect(within(dialog).getByTestId("request-statement")).toHaveTextContent('INSERT INTO "main"."jobs"');
    expect(within(dialog).getAllByTestId("request-parameter")[3]).toHaveTextContent("Leaking tap");
    await userEvent.click(screen.getByTestId("confirm-write-cancel"));
    expect(screen.queryByTestId("confirm-write-dialog")).toBeNull();
    expect(requests(fake.callsOf("try_skill"))).toEqual([{ inputs, confirm: false }]);

    await userEvent.click(screen.getByTestId("try-run-write"));
    expect(await screen.findByTestId("confirm-write-dialog")).toHaveTextContent("Exactly this will be sent");
    expect(requests(fake.callsOf("try_skill"))).toHaveLength(1);
    await userEvent.click(screen.getByTestId("confirm-write"));

    await waitFor(() => expect(screen.getByTestId("try-result")).toHaveAttribute("data-status", "ok"));
    expect(requests(fake.callsOf("try_skill"))).toEqual([
      { inputs, confirm: false },
      { inputs, confirm: true },
    ]);
    expect(screen.getByTestId("try-rows-affected")).toHaveAttribute("data-rows", "1");
    expect(screen.getByTestId("try-executed")).toHaveAttribute("data-executed", "true");
    expect(screen.getAllByTestId("output-row")[0]).toHaveTextContent("4001");
  });

  it("a write with changed inputs is dry-run again before it is confirmed; Enter never runs it", async () => {
    const fake = tryPanel(bookJobView, (args) => ((args.body as TryRequest).confirm ? bookJobRun : bookJobDryRun));
    await userEvent.type(input("notes"), "First{Enter}");
    await screen.findByTestId("try-not-executed");
    await userEvent.type(input("notes"), " and more");
    await userEvent.click(screen.getByTestId("try-run-write"));
    await screen.findByTestId("confirm-write-dialog");
    expect(requests(fake.callsOf("try_skill"))).toEqual([
      { inputs: { notes: "First" }, confirm: false },
      { inputs: { notes: "First and more" }, confirm: false },
    ]);
  });

  it("a failed run shows its diagnostics by code, prominently", async () => {
    const failed: TryRun = {
      ...lookupRun,
      status: "failed",
      executed: false,
      request: null,
      response: null,
      output: null,
      latencyMs: null,
      diagnostics: [
        { code: "runtime/input-missing", severity: "error", message: "caller_phone is required", at: "inputs.caller_phone" },
        { code: "runtime/some-note", severity: "info", message: "a note", at: null },
      ],
    };
    tryPanel(lookupView, () => failed);
    await userEvent.click(screen.getByTestId("try-run"));
    const failure = await screen.findByTestId("try-failure");
    expect(failure).toHaveAttribute("role", "alert");
    const shown = within(failure).getAllByTestId("try-diagnostic");
    expect(shown.map((d) => [d.dataset.code, d.dataset.severity])).toEqual([["runtime/input-missing", "error"]]);
    expect(shown[0]).toHaveTextContent("inputs.caller_phone");
    // Nothing could be built: the diagnostics tab is open and lists all of them.
    expect(screen.getByTestId("try-panel-diagnostics")).toBeInTheDocument();
    expect(screen.getByTestId("try-tab-diagnostics")).toHaveTextContent("Diagnostics (2)");
    await userEvent.click(screen.getByTestId("try-tab-request"));
    expect(screen.getByTestId("request-none")).toBeInTheDocument();
  });

  it("a refused run (skill_broken) shows the code", async () => {
    tryPanel(lookupView, () => {
      throw { code: "skill_broken", status: 409, message: "broken by a schema change" };
    });
    await userEvent.click(screen.getByTestId("try-run"));
    expect(await screen.findByTestId("error-panel")).toHaveAttribute("data-code", "skill_broken");
  });

  it("REST: headers as the core returns them, secrets redacted; the truncated answer says so", async () => {
    const rest: TryRun = {
      ...lookupRun,
      request: {
        transport: "native_rest",
        method: "GET",
        url: "http://127.0.0.1:9/v1/customers?email=a%40b.c",
        headers: [
          { name: "Authorization", value: "<redacted>", secret: true },
          { name: "Accept", value: "application/json", secret: false },
        ],
        body: null,
        bodyMediaType: null,
      },
      response: { httpStatus: 200, body: { data: [{ name: "Ann" }] }, bytes: 120000, truncated: true, rowsAffected: null },
      output: { customer_name: "Ann" },
    };
    tryPanel(skillView(findCustomersSkill), () => rest);
    await userEvent.type(input("caller_email"), "A@B.C");
    fireEvent.change(input("limit"), { target: { value: "2" } });
    await userEvent.click(screen.getByTestId("try-run"));
    expect(await screen.findByTestId("try-http-status")).toHaveTextContent("200");

    await userEvent.click(screen.getByTestId("try-tab-request"));
    expect(screen.getByTestId("request-url")).toHaveTextContent("http://127.0.0.1:9/v1/customers?email=a%40b.c");
    const headers = screen.getAllByTestId("request-header");
    expect(headers.map((h) => [h.dataset.name, h.dataset.secret, within(h).getByTestId("request-header-value").textContent])).toEqual([
      ["Authorization", "true", "<redacted>"],
      ["Accept", "false", "application/json"],
    ]);
    expect(within(headers[0]!).getByText("secret")).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("try-tab-response"));
    expect(screen.getByTestId("response-truncated")).toBeInTheDocument();
  });
});

describe("try panel: the last run", () => {
  it("is kept per skill while navigating within the session", async () => {
    window.history.replaceState(null, "", `#/agents/${frontDesk.id}/skills/${lookupView.id}/try`);
    const fake = createFakePlatform({
      list_agents: () => [frontDesk],
      get_agent: () => frontDesk,
      list_skills: () => [lookupView, bookJobView],
      list_versions: () => [],
      get_skill: (args) => (args.skill === lookupView.id ? lookupView : bookJobView),
      try_skill: () => lookupRun,
    });
    render(<App platform={fake.platform} queryClient={testQueryClient()} />);
    await userEvent.type(await screen.findByTestId("try-input"), "+15035555144");
    await userEvent.click(screen.getByTestId("try-run"));
    await screen.findByTestId("try-result");

    await userEvent.click(screen.getByTestId("skill-back"));
    await screen.findByTestId("agent-detail");
    await userEvent.click(screen.getAllByTestId("skill-try").at(-1)!);
    expect(await screen.findByTestId("try-no-run")).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("skill-back"));
    await userEvent.click((await screen.findAllByTestId("skill-try"))[0]!);
    expect(await screen.findByTestId("try-result")).toHaveAttribute("data-status", "ok");
    expect(screen.getByTestId("try-input")).toHaveValue("+15035555144");
    expect(fake.callsOf("try_skill")).toHaveLength(1);
  });
});
