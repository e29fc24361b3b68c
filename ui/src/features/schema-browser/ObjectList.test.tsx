import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createFakePlatform } from "../../test/fakePlatform";
import { demoObjects, hit, pagedObjects } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { ObjectList } from "./ObjectList";

const fields = { customers: ["phone", "full_name"], technicians: ["phone"] };

function setup(handler = pagedObjects(demoObjects, fields), selected: string | null = null) {
  const fake = createFakePlatform({ list_objects: handler });
  const onOpen = vi.fn();
  const view = renderWithPlatform(<ObjectList kind="demo_fieldservice" selected={selected} onOpen={onOpen} />, fake.platform);
  return { ...fake, onOpen, view };
}

const rowNames = () => screen.getAllByTestId("object-row").map((r) => r.getAttribute("data-name"));

describe("ObjectList", () => {
  it("shows a loading state, then the first page with counts and the total", async () => {
    const { callsOf } = setup();
    expect(screen.getByTestId("loading")).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("object-row")).toHaveLength(demoObjects.length));
    expect(screen.getByTestId("object-total")).toHaveTextContent("7");
    expect(callsOf("list_objects")).toEqual([{ kind: "demo_fieldservice", q: "", cursor: null, limit: 100 }]);

    const customers = screen.getAllByTestId("object-row").find((r) => r.dataset.name === "customers")!;
    expect(customers).toHaveTextContent("9 fields");
    expect(customers).toHaveTextContent("3 rel");
    expect(customers).toHaveTextContent("6 ops");
    expect(within(customers).getByText("table")).toBeInTheDocument();
    const view = screen.getAllByTestId("object-row").find((r) => r.dataset.name === "open_jobs")!;
    expect(within(view).getByText("view")).toBeInTheDocument();
  });

  it("marks first paint once rows are on screen", async () => {
    setup();
    await screen.findAllByTestId("object-row");
    await waitFor(() => expect(document.body.dataset.firstPaint).toBeDefined());
    expect(Number(document.body.dataset.firstPaint)).toBeGreaterThan(0);
  });

  it("asks the core for each search, with q, and shows matched fields", async () => {
    const { callsOf } = setup();
    await screen.findAllByTestId("object-row");
    fireEvent.change(screen.getByTestId("object-search"), { target: { value: "phone" } });
    await waitFor(() => expect(rowNames()).toEqual(["customers", "technicians"]));
    expect(callsOf("list_objects").at(-1)).toEqual({ kind: "demo_fieldservice", q: "phone", cursor: null, limit: 100 });
    expect(screen.getByTestId("object-total")).toHaveTextContent("2");
    const matched = screen.getAllByTestId("matched-fields");
    expect(matched[0]).toHaveTextContent("phone");
  });

  it("debounces keystrokes: fast typing sends only the final query", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { callsOf } = setup();
      await screen.findAllByTestId("object-row");
      const input = screen.getByTestId("object-search");
      for (const v of ["j", "jo", "job"]) {
        fireEvent.change(input, { target: { value: v } });
        await act(async () => {
          vi.advanceTimersByTime(20);
        });
      }
      await act(async () => {
        vi.advanceTimersByTime(200);
      });
      await waitFor(() => expect(rowNames()).toEqual(["jobs", "open_jobs"]));
      expect(callsOf("list_objects").map((a) => a.q)).toEqual(["", "job"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows an empty state when nothing matches", async () => {
    setup();
    await screen.findAllByTestId("object-row");
    fireEvent.change(screen.getByTestId("object-search"), { target: { value: "zzz" } });
    expect(await screen.findByText("No matches")).toBeInTheDocument();
    expect(screen.getByTestId("object-total")).toHaveTextContent("0");
  });

  it("loads the next page by cursor when the end of the list is reached", async () => {
    const many = Array.from({ length: 130 }, (_, i) => hit(`table_${String(i).padStart(3, "0")}`));
    const { callsOf } = setup(pagedObjects(many));
    await screen.findAllByTestId("object-row");
    expect(screen.getByTestId("object-total")).toHaveTextContent("130");
    // The list is virtualized: only a window of rows is in the DOM.
    expect(screen.getAllByTestId("object-row").length).toBeLessThan(40);
    expect(screen.getByText(/100 loaded/)).toBeInTheDocument();

    const list = screen.getByTestId("object-list");
    list.scrollTop = 100 * 52;
    fireEvent.scroll(list);
    await waitFor(() => expect(callsOf("list_objects")).toHaveLength(2));
    expect(callsOf("list_objects")[1]).toEqual({ kind: "demo_fieldservice", q: "", cursor: "100", limit: 100 });
    await waitFor(() => expect(screen.queryByText(/loaded/)).toBeNull());
    list.scrollTop = 125 * 52;
    fireEvent.scroll(list);
    await waitFor(() => expect(rowNames()).toContain("table_129"));
    expect(callsOf("list_objects")).toHaveLength(2);
  });

  it("moves with arrow keys and opens with Enter", async () => {
    const { onOpen } = setup();
    await screen.findAllByTestId("object-row");
    const input = screen.getByTestId("object-search");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(screen.getAllByTestId("object-row").find((r) => r.dataset.active)?.dataset.name).toBe("customers");
    fireEvent.keyDown(input, { key: "ArrowUp" });
    expect(screen.getAllByTestId("object-row").find((r) => r.dataset.active)?.dataset.name).toBe("appointments");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledWith("customers");
    // The same keys work with focus on the list itself.
    const list = screen.getByTestId("object-list");
    fireEvent.keyDown(list, { key: "ArrowDown" });
    fireEvent.keyDown(list, { key: "Enter" });
    expect(onOpen).toHaveBeenLastCalledWith("invoices");
  });

  it("focuses the search on /", async () => {
    setup();
    await screen.findAllByTestId("object-row");
    screen.getByTestId("object-list").focus();
    fireEvent.keyDown(screen.getByTestId("object-list"), { key: "/" });
    expect(screen.getByTestId("object-search")).toHaveFocus();
  });

  it("opens a row on click and highlights the selected one", async () => {
    const { onOpen } = setup(undefined, "jobs");
    await screen.findAllByTestId("object-row");
    const jobs = screen.getAllByTestId("object-row").find((r) => r.dataset.name === "jobs")!;
    expect(jobs).toHaveAttribute("aria-selected", "true");
    fireEvent.click(screen.getAllByTestId("object-row").find((r) => r.dataset.name === "invoices")!);
    expect(onOpen).toHaveBeenCalledWith("invoices");
  });

  it("shows the core's error with its code, and retries", async () => {
    let fail = true;
    const ok = pagedObjects(demoObjects);
    const { callsOf } = setup((args) => {
      if (fail) throw { code: "workspace_unavailable", status: 503, message: "workspace is locked" };
      return ok(args);
    });
    const panel = await screen.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "workspace_unavailable");
    expect(panel).toHaveTextContent("workspace is locked");
    fail = false;
    fireEvent.click(within(panel).getByRole("button", { name: /retry/i }));
    await screen.findAllByTestId("object-row");
    expect(callsOf("list_objects")).toHaveLength(2);
  });
});

describe("ObjectList on a provider without a schema", () => {
  it("offers discovery when the core says provider_not_discovered, then lists objects", async () => {
    let discovered = false;
    const ok = pagedObjects(demoObjects);
    const fake = createFakePlatform({
      list_objects: (args) => {
        if (!discovered) throw { code: "provider_not_discovered", status: 404, message: "shop_db was never discovered" };
        return ok(args);
      },
      discover_integration: () => {
        discovered = true;
        return { objectCount: 7, fieldCount: 50, edgeCount: 4, operationCount: 20, discoveredAt: "2025-11-26T08:00:00Z", fingerprint: "x", diagnostics: [] };
      },
    });
    renderWithPlatform(<ObjectList kind="shop_db" selected={null} onOpen={() => {}} />, fake.platform);
    const button = await screen.findByTestId("discover-now");
    expect(screen.queryByTestId("error-panel")).toBeNull();
    fireEvent.click(button);
    await waitFor(() => expect(screen.getAllByTestId("object-row")).toHaveLength(demoObjects.length));
    expect(fake.callsOf("discover_integration")).toEqual([{ kind: "shop_db" }]);
  });
});
