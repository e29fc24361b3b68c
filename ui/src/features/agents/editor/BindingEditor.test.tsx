import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { SkillView } from "../../../api/agentTypes";
import type { Binding, BindingPreview } from "../../../api/editorTypes";
import type { Command, CommandArgs } from "../../../platform";
import { frontDesk, lookupSkill, lookupView } from "../../../test/agentFixtures";
import { createFakePlatform, type Handler } from "../../../test/fakePlatform";
import { demoIntegration } from "../../../test/fixtures";
import { renderWithPlatform } from "../../../test/render";
import { BindingEditor } from "./BindingEditor";
import { objects, operations } from "./editorFixtures";

const okPreview: BindingPreview = { valid: true, diagnostics: [], skill: lookupSkill };

function editor(handlers: Partial<Record<Command, Handler>> = {}, skill?: SkillView) {
  const fake = createFakePlatform({
    get_agent: () => frontDesk,
    list_integrations: () => [demoIntegration],
    list_operations: () => operations,
    get_object: (args) => objects[args.object as string],
    preview_binding: () => okPreview,
    ...handlers,
  });
  const onSaved = vi.fn();
  renderWithPlatform(<BindingEditor agentId={frontDesk.id} skill={skill} onClose={() => {}} onSaved={onSaved} />, fake.platform);
  return { fake, onSaved };
}

async function pickOperation(id: string) {
  const op = await screen.findByText(id, { selector: "code.editor-op-id" });
  await userEvent.click(op.closest("button")!);
  await screen.findByTestId("editor-canvas");
}

const param = (name: string) => screen.getAllByTestId("editor-param").find((p) => p.dataset.name === name)!;
const target = (name: string) => screen.getAllByTestId("editor-target").find((t) => t.dataset.name === name)!;
const fieldRow = async (node: string) => {
  await waitFor(() => expect(screen.getAllByTestId("editor-field").some((f) => f.dataset.node === node)).toBe(true));
  return screen.getAllByTestId("editor-field").find((f) => f.dataset.node === node)!;
};
const lastPreview = (calls: CommandArgs[]) => calls[calls.length - 1]?.binding as Binding | undefined;

/** A pointer drag from one element to another. */
function drag(from: Element, to: Element) {
  fireEvent.pointerDown(from, { button: 0, clientX: 10, clientY: 10 });
  fireEvent.pointerMove(to, { clientX: 300, clientY: 40 });
  fireEvent.pointerUp(to, { clientX: 300, clientY: 40 });
}

describe("binding editor: mapping", () => {
  it("drag a parameter onto the search column and a field to the outputs: the binding JSON and one line per mapping", async () => {
    const { fake } = editor();
    await pickOperation("sql:select:customers.by_phone");
    expect(screen.queryAllByTestId("editor-line")).toHaveLength(0);

    drag(param("caller_phone"), target("phone"));
    expect(target("phone").dataset.bound).toBe("true");
    expect(within(target("phone")).getByTestId("editor-target-source-summary")).toHaveTextContent("call context");

    const first = await fieldRow("first_name");
    drag(within(first).getByTestId("editor-field-handle"), screen.getByTestId("editor-outputs"));
    expect(screen.getAllByTestId("editor-leaf").map((l) => l.dataset.leaf)).toEqual(["first_name"]);
    expect(screen.getAllByTestId("editor-line").map((l) => l.dataset.key)).toEqual(["in:t:phone", "out:0"]);

    await waitFor(() =>
      expect(lastPreview(fake.callsOf("preview_binding"))).toEqual({
        toolName: "Find a row of customers by phone",
        operation: "sql:select:customers.by_phone",
        sqlSearch: { column: "phone", param: "caller_phone" },
        projection: [{ path: ["first_name"], leaf: "first_name" }],
      }),
    );
    expect(fake.callsOf("preview_binding").at(-1)).toMatchObject({ agent: frontDesk.id, kind: "demo_fieldservice" });
  });

  it("every drag has a keyboard equivalent: Enter on a parameter, Enter on the argument; Add as output", async () => {
    const { fake } = editor();
    await pickOperation("sql:select:customers.by_phone");
    param("caller_phone").focus();
    await userEvent.keyboard("{Enter}");
    expect(param("caller_phone")).toHaveAttribute("aria-pressed", "true");
    within(target("phone")).getByTestId("editor-target-drop").focus();
    await userEvent.keyboard("{Enter}");
    expect(target("phone").dataset.bound).toBe("true");
    expect(param("caller_phone")).toHaveAttribute("aria-pressed", "false");

    await userEvent.click(within(await fieldRow("last_name")).getByTestId("editor-field-add"));
    await userEvent.clear(screen.getByTestId("editor-leaf-name"));
    await userEvent.type(screen.getByTestId("editor-leaf-name"), "surname{Enter}");
    await waitFor(() =>
      expect(lastPreview(fake.callsOf("preview_binding"))).toMatchObject({
        sqlSearch: { column: "phone", param: "caller_phone" },
        projection: [{ path: ["last_name"], leaf: "surname" }],
      }),
    );
  });

  it("highlights required arguments until bound; the source popover sets a constant, a transform and a default", async () => {
    const { fake } = editor();
    await pickOperation("sql:insert:jobs");
    const required = () => screen.getAllByTestId("editor-target").filter((t) => t.dataset.requiredUnbound === "true").map((t) => t.dataset.name);
    expect(required()).toEqual(["customer_id", "property_id", "description"]);
    expect(target("status")).not.toHaveClass("is-required");

    await userEvent.click(within(target("property_id")).getByTestId("editor-target-source"));
    await userEvent.click(screen.getByTestId("editor-source-mode-const"));
    await userEvent.type(screen.getByTestId("editor-source-const"), "1");
    await userEvent.click(screen.getByTestId("editor-source-apply"));

    await userEvent.click(within(target("customer_id")).getByTestId("editor-target-source"));
    await userEvent.selectOptions(screen.getByTestId("editor-source-param"), "customer_id");
    await userEvent.selectOptions(screen.getByTestId("editor-source-transform"), "to_integer");
    await userEvent.type(screen.getByTestId("editor-source-default"), "7");
    await userEvent.click(screen.getByTestId("editor-source-apply"));

    expect(required()).toEqual(["description"]);
    expect(within(target("customer_id")).getByTestId("editor-target-source-summary")).toHaveTextContent("→ to_integer");
    await waitFor(() =>
      expect(lastPreview(fake.callsOf("preview_binding"))).toMatchObject({
        operation: "sql:insert:jobs",
        isWrite: true,
        sqlWrite: { mode: "insert" },
        inputObjectMap: [
          { field: "property_id", const: 1 },
          { field: "customer_id", param: "customer_id", transform: "to_integer", default: 7 },
        ],
      }),
    );
  });

  it("a list's cardinality picker writes items[first], then items[*]", async () => {
    const { fake } = editor();
    await pickOperation("GetOrder");
    await userEvent.click(within(await fieldRow("items")).getByTestId("editor-field-expand"));
    await userEvent.click(within(await fieldRow("items.sku")).getByTestId("editor-field-add"));
    expect(screen.getByTestId("editor-leaf-path")).toHaveTextContent("items[first].sku");
    const picker = within(await fieldRow("items")).getAllByTestId("editor-cardinality-select")[0]!;
    await userEvent.selectOptions(picker, "all");
    await waitFor(() => expect(lastPreview(fake.callsOf("preview_binding"))?.projection).toEqual([{ path: ["items[*]", "sku"], leaf: "items_sku" }]));
  });
});

describe("binding editor: diagnostics, history, preview and save", () => {
  it("places the core's diagnostics on the row their bindingPath names, with their help", async () => {
    editor({
      preview_binding: (args) => {
        const b = args.binding as Binding;
        if (!b.sqlSearch) return okPreview;
        return {
          valid: false,
          skill: null,
          diagnostics: [
            { code: "binding/type-mismatch", severity: "error", message: "`phone` is a string", bindingPath: "sqlSearch.param", help: "use caller_phone" },
            { code: "binding/invalid-leaf", severity: "error", message: "bad leaf", bindingPath: "projection[0].leaf" },
          ],
        } satisfies BindingPreview;
      },
    });
    await pickOperation("sql:select:customers.by_phone");
    drag(param("call_id"), target("phone"));
    await userEvent.click(within(await fieldRow("email")).getByTestId("editor-field-add"));
    const onPhone = await within(target("phone")).findByTestId("editor-diagnostic");
    expect(onPhone).toHaveAttribute("data-code", "binding/type-mismatch");
    expect(onPhone).toHaveTextContent("use caller_phone");
    expect(within(screen.getByTestId("editor-leaf")).getByTestId("editor-diagnostic")).toHaveAttribute("data-code", "binding/invalid-leaf");
    expect(screen.getByTestId("editor-preview-state")).toHaveTextContent("2 errors");
  });

  it("undo and redo with the buttons and with Ctrl+Z / Ctrl+Shift+Z", async () => {
    editor();
    await pickOperation("sql:select:customers.by_phone");
    drag(param("caller_phone"), target("phone"));
    expect(target("phone").dataset.bound).toBe("true");
    await userEvent.click(screen.getByTestId("editor-undo"));
    expect(target("phone").dataset.bound).toBe("false");
    await userEvent.click(screen.getByTestId("editor-redo"));
    expect(target("phone").dataset.bound).toBe("true");
    fireEvent.keyDown(screen.getByTestId("binding-editor"), { key: "z", ctrlKey: true });
    expect(target("phone").dataset.bound).toBe("false");
    fireEvent.keyDown(screen.getByTestId("binding-editor"), { key: "Z", ctrlKey: true, shiftKey: true });
    expect(target("phone").dataset.bound).toBe("true");
    // Typing in one field is one step.
    await userEvent.clear(screen.getByTestId("editor-tool-name"));
    await userEvent.type(screen.getByTestId("editor-tool-name"), "Find the caller");
    await userEvent.click(screen.getByTestId("editor-undo"));
    expect(screen.getByTestId("editor-tool-name")).toHaveValue("Find a row of customers by phone");
    expect(target("phone").dataset.bound).toBe("true");
  });

  it("previews only once the edits settle (~250 ms), with the current binding", async () => {
    const { fake } = editor();
    await pickOperation("sql:select:customers.by_phone");
    await waitFor(() => expect(fake.callsOf("preview_binding")).toHaveLength(1));
    vi.useFakeTimers();
    try {
      drag(param("caller_phone"), target("phone"));
      act(() => vi.advanceTimersByTime(100));
      drag(param("called_number"), target("phone"));
      act(() => vi.advanceTimersByTime(200));
      expect(fake.callsOf("preview_binding")).toHaveLength(1);
      act(() => vi.advanceTimersByTime(100));
    } finally {
      vi.useRealTimers();
    }
    await waitFor(() => expect(fake.callsOf("preview_binding")).toHaveLength(2));
    expect(lastPreview(fake.callsOf("preview_binding"))?.sqlSearch).toEqual({ column: "phone", param: "called_number" });
    expect(await screen.findByTestId("plan-statement")).toHaveTextContent("SELECT");
  });

  it("saves as a draft (enabled: false) with bind_skill; a refused save shows its diagnostics inline", async () => {
    let refuse = true;
    const { fake, onSaved } = editor({
      bind_skill: () => {
        if (refuse) {
          refuse = false;
          throw {
            code: "binding_invalid",
            status: 422,
            message: "The binding is not valid.",
            diagnostics: [{ code: "binding/required-arg-unbound", severity: "error", message: "needs phone", bindingPath: "sqlSearch", schemaPath: "operation x argument phone" }],
          };
        }
        return lookupView;
      },
    });
    await pickOperation("sql:select:customers.by_phone");
    await userEvent.click(screen.getByTestId("editor-save-draft"));
    expect(await within(target("phone")).findByTestId("editor-diagnostic")).toHaveAttribute("data-code", "binding/required-arg-unbound");
    drag(param("caller_phone"), target("phone"));
    await userEvent.click(screen.getByTestId("editor-save-draft"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(lookupView));
    expect(fake.callsOf("bind_skill").at(-1)).toEqual({
      agent: frontDesk.id,
      kind: "demo_fieldservice",
      binding: {
        toolName: "Find a row of customers by phone",
        operation: "sql:select:customers.by_phone",
        sqlSearch: { column: "phone", param: "caller_phone" },
        enabled: false,
      },
    });
  });

  it("edits an existing skill's binding with update_skill", async () => {
    const binding: Binding = { toolName: "Look up the caller", operation: "sql:select:customers.by_phone", sqlSearch: { column: "phone", param: "caller_phone" } };
    const view: SkillView = { ...lookupView, binding: { ...binding } };
    const { fake } = editor({ update_skill: () => view }, view);
    await screen.findByTestId("editor-canvas");
    expect(target("phone").dataset.bound).toBe("true");
    await userEvent.click(within(await fieldRow("first_name")).getByTestId("editor-field-add"));
    await userEvent.click(screen.getByTestId("editor-save"));
    await waitFor(() => expect(fake.callsOf("update_skill")).toHaveLength(1));
    expect(fake.callsOf("update_skill")[0]).toEqual({
      agent: frontDesk.id,
      skill: view.id,
      binding: { ...binding, projection: [{ path: ["first_name"], leaf: "first_name" }] },
    });
  });
});
