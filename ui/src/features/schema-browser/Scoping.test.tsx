import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { useRoute } from "../../app/router";
import type { ObjectDetail, Scoping } from "../../api/types";
import { createFakePlatform, type Handler } from "../../test/fakePlatform";
import { customersDetail, demoIntegration, demoObjects, pagedObjects } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { splitColumn, withColumn, withTable, withoutColumn } from "./scoping";
import { SchemaBrowser } from "./SchemaBrowser";

const KIND = "demo_fieldservice";

/** The browser as the app mounts it: kind and object come from the hash route. */
function Routed() {
  const route = useRoute();
  return route.name === "browser" ? <SchemaBrowser kind={route.kind} object={route.object} /> : null;
}

/** A core that keeps scoping and leaves blocked tables and columns out of what it serves. */
function scopedCore(initial: Scoping, overrides: Record<string, Handler> = {}) {
  let scoping = initial;
  const blocked = (object: string, field: string) => scoping.blockedColumns.includes(`${object}.${field}`);
  return createFakePlatform({
    list_integrations: () => [demoIntegration],
    get_scoping: () => scoping,
    set_scoping: (args) => {
      scoping = args.scoping as Scoping;
      return { ...scoping, objectCount: 9 - scoping.blockedTables.length, fieldCount: 74 - scoping.blockedColumns.length };
    },
    list_objects: (args) => pagedObjects(demoObjects.filter((o) => !scoping.blockedTables.includes(o.name)))(args),
    get_object: (args): ObjectDetail => {
      const name = String(args.object);
      if (scoping.blockedTables.includes(name)) throw { code: "object_not_found", status: 404, message: `No object named ${name}` };
      return { ...customersDetail, object: { ...customersDetail.object, fields: customersDetail.object.fields.filter((f) => !blocked(name, f.name)) } };
    },
    list_operations: () => [],
    ...overrides,
  });
}

function open(hash: string, fake: ReturnType<typeof scopedCore>) {
  window.history.replaceState(null, "", hash);
  return renderWithPlatform(<Routed />, fake.platform);
}

const fieldNames = () => screen.getAllByTestId("field-row").map((r) => r.dataset.name);
const rowNames = () => screen.getAllByTestId("object-row").map((r) => r.dataset.name);

describe("Scoping in the schema browser", () => {
  it("blocks a column with the full lists, then the object refreshes without it", async () => {
    const fake = scopedCore({ blockedTables: ["invoices"], blockedColumns: [] });
    open(`#/browser/${KIND}/customers`, fake);
    await screen.findByTestId("object-detail");
    await waitFor(() => expect(screen.getByTestId("scoping-open")).toHaveAttribute("data-count", "1"));
    const phone = screen.getAllByTestId("field-row").find((r) => r.dataset.name === "phone")!;
    await userEvent.click(within(phone).getByTestId("scoping-block-column"));

    await waitFor(() => expect(fieldNames()).not.toContain("phone"));
    expect(fake.callsOf("set_scoping")).toEqual([{ kind: KIND, scoping: { blockedTables: ["invoices"], blockedColumns: ["customers.phone"] } }]);
    expect(fake.callsOf("get_object").length).toBeGreaterThanOrEqual(2);
    expect(fieldNames()).toContain("full_name");
    expect(screen.getByTestId("scoping-notice")).toHaveTextContent("Blocked customers.phone");
    expect(screen.getByTestId("scoping-open")).toHaveAttribute("data-count", "2");
  });

  it("blocks the open table: back to the list, which no longer has it; Undo brings it back", async () => {
    const fake = scopedCore({ blockedTables: [], blockedColumns: ["jobs.notes"] });
    open(`#/browser/${KIND}/customers`, fake);
    await screen.findByTestId("object-detail");
    await waitFor(() => expect(screen.getByTestId("scoping-block-table")).toBeEnabled());
    expect(screen.getByTestId("scoping-block-table")).toHaveTextContent("Block table");
    const listCalls = fake.callsOf("list_objects").length;
    const objectCalls = fake.callsOf("get_object").length;
    await userEvent.click(screen.getByTestId("scoping-block-table"));

    await waitFor(() => expect(window.location.hash).toBe(`#/browser/${KIND}`));
    expect(fake.callsOf("set_scoping")).toEqual([{ kind: KIND, scoping: { blockedTables: ["customers"], blockedColumns: ["jobs.notes"] } }]);
    await waitFor(() => expect(rowNames()).not.toContain("customers"));
    expect(fake.callsOf("list_objects").length).toBeGreaterThan(listCalls);
    expect(screen.queryByTestId("object-detail")).toBeNull();
    expect(screen.queryByTestId("error-panel")).toBeNull();
    // The blocked object was left before the refresh: it was not asked for again (a 404).
    expect(fake.callsOf("get_object")).toHaveLength(objectCalls);
    expect(screen.getByTestId("scoping-notice")).toHaveTextContent("Blocked customers");

    await userEvent.click(screen.getByTestId("scoping-undo"));
    await waitFor(() => expect(window.location.hash).toBe(`#/browser/${KIND}/customers`));
    expect(fake.callsOf("set_scoping").at(-1)).toEqual({ kind: KIND, scoping: { blockedTables: [], blockedColumns: ["jobs.notes"] } });
    expect(await screen.findByTestId("object-detail")).toHaveAttribute("data-name", "customers");
    await waitFor(() => expect(rowNames()).toContain("customers"));
    expect(screen.queryByTestId("scoping-notice")).toBeNull();
  });

  it("lists what is blocked and unblocks one item, then all", async () => {
    const fake = scopedCore({ blockedTables: ["invoices"], blockedColumns: ["public.customer.email", "customers.phone"] });
    open(`#/browser/${KIND}`, fake);
    await screen.findAllByTestId("object-row");
    await waitFor(() => expect(screen.getByTestId("scoping-open")).toHaveTextContent("Blocked (3)"));
    await userEvent.click(screen.getByTestId("scoping-open"));
    const panel = screen.getByTestId("scoping-panel");
    const items = () => within(panel).getAllByTestId("scoping-blocked-item");
    expect(items().map((i) => [i.dataset.type, i.dataset.name])).toEqual([
      ["table", "invoices"],
      ["column", "customers.phone"],
      ["column", "public.customer.email"],
    ]);
    // Split at the last dot: the object is public.customer, the column email.
    const email = items()[2]!;
    expect(within(email).getByRole("button", { name: "public.customer" })).toBeInTheDocument();
    expect(email).toHaveTextContent(".email");

    await userEvent.click(within(items()[1]!).getByTestId("scoping-unblock"));
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(fake.callsOf("set_scoping")).toEqual([
      { kind: KIND, scoping: { blockedTables: ["invoices"], blockedColumns: ["public.customer.email"] } },
    ]);

    await userEvent.click(within(panel).getByTestId("scoping-unblock-all"));
    expect(await within(panel).findByTestId("scoping-empty")).toBeInTheDocument();
    expect(fake.callsOf("set_scoping").at(-1)).toEqual({ kind: KIND, scoping: { blockedTables: [], blockedColumns: [] } });
    expect(within(panel).getByTestId("scoping-unblock-all")).toBeDisabled();
    await waitFor(() => expect(rowNames()).toContain("invoices"));
  });

  it("opens an object from a blocked column's entry", async () => {
    const fake = scopedCore({ blockedTables: [], blockedColumns: ["customers.phone"] });
    open(`#/browser/${KIND}`, fake);
    await userEvent.click(await screen.findByTestId("scoping-open"));
    const item = await within(screen.getByTestId("scoping-panel")).findByTestId("scoping-blocked-item");
    await userEvent.click(within(item).getByRole("button", { name: "customers" }));
    expect(window.location.hash).toBe(`#/browser/${KIND}/customers`);
    expect(await screen.findByTestId("object-detail")).toBeInTheDocument();
  });

  it("shows the core's code when a change is refused, and keeps the object open", async () => {
    const fake = scopedCore(
      { blockedTables: [], blockedColumns: [] },
      {
        set_scoping: () => {
          throw { code: "validation_error", status: 400, message: 'demo_fieldservice has no object named "customers"' };
        },
      },
    );
    open(`#/browser/${KIND}/customers`, fake);
    await screen.findByTestId("object-detail");
    await waitFor(() => expect(screen.getByTestId("scoping-block-table")).toBeEnabled());
    await userEvent.click(screen.getByTestId("scoping-block-table"));
    const panel = await screen.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "validation_error");
    expect(window.location.hash).toBe(`#/browser/${KIND}/customers`);
    expect(screen.getByTestId("object-detail")).toBeInTheDocument();
  });

  it("offers no block actions when the blocked lists cannot be read", async () => {
    const fake = scopedCore(
      { blockedTables: [], blockedColumns: [] },
      {
        get_scoping: () => {
          throw { code: "route_not_found", status: 404, message: "no such route" };
        },
      },
    );
    open(`#/browser/${KIND}/customers`, fake);
    await screen.findByTestId("object-detail");
    await waitFor(() => expect(screen.getByTestId("scoping-open")).toHaveTextContent("Blocked (?)"));
    expect(screen.queryByTestId("scoping-block-table")).toBeNull();
    expect(screen.queryByTestId("scoping-block-column")).toBeNull();
    await userEvent.click(screen.getByTestId("scoping-open"));
    expect(within(screen.getByTestId("scoping-panel")).getByTestId("error-panel")).toHaveAttribute("data-code", "route_not_found");
  });
});

describe("scoping lists", () => {
  it("splits a column entry at its last dot", () => {
    expect(splitColumn("public.customer.email")).toEqual(["public.customer", "email"]);
    expect(splitColumn("customers.phone")).toEqual(["customers", "phone"]);
    expect(splitColumn("nodot")).toEqual(["nodot", ""]);
  });

  it("always makes the full lists, without duplicates", () => {
    const s = { blockedTables: ["a"], blockedColumns: ["b.c"] };
    expect(withTable(s, "a")).toEqual(s);
    expect(withTable(s, "x")).toEqual({ blockedTables: ["a", "x"], blockedColumns: ["b.c"] });
    expect(withColumn(s, "public.t", "f")).toEqual({ blockedTables: ["a"], blockedColumns: ["b.c", "public.t.f"] });
    expect(withoutColumn(s, "b.c")).toEqual({ blockedTables: ["a"], blockedColumns: [] });
    expect(s).toEqual({ blockedTables: ["a"], blockedColumns: ["b.c"] });
  });
});
