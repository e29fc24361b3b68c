import { fireEvent, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { createFakePlatform } from "../../test/fakePlatform";
import { customersDetail } from "../../test/fixtures";
import { renderWithPlatform } from "../../test/render";
import { ObjectDetailPane } from "./ObjectDetail";

function setup(object: string | null = "customers", handler = () => customersDetail) {
  const fake = createFakePlatform({ get_object: handler });
  const onNavigate = vi.fn();
  renderWithPlatform(<ObjectDetailPane kind="demo_fieldservice" object={object} onNavigate={onNavigate} />, fake.platform);
  return { ...fake, onNavigate };
}

const fieldRow = (name: string) => screen.getAllByTestId("field-row").find((r) => r.dataset.name === name)!;

describe("ObjectDetail", () => {
  it("asks for one object and renders its header", async () => {
    const { callsOf } = setup();
    expect(screen.getByTestId("loading")).toBeInTheDocument();
    const detail = await screen.findByTestId("object-detail");
    expect(callsOf("get_object")).toEqual([{ kind: "demo_fieldservice", object: "customers" }]);
    expect(detail).toHaveAttribute("data-name", "customers");
    expect(within(detail).getByRole("heading", { level: 2 })).toHaveTextContent("customers");
    expect(detail).toHaveTextContent("People and companies that book jobs.");
    expect(detail).toHaveTextContent("main.customers");
    expect(within(detail).getAllByTestId("capability").map((c) => c.textContent)).toEqual(["read", "list", "create", "update"]);
  });

  it("renders fields with type labels, native types, null/required and defaults", async () => {
    setup();
    await screen.findByTestId("object-detail");
    expect(screen.getAllByTestId("field-row").map((r) => r.dataset.name)).toEqual([
      "id",
      "full_name",
      "phone",
      "status",
      "card_token",
      "referred_by",
      "tags",
    ]);
    expect(fieldRow("id")).toHaveTextContent("integer");
    expect(fieldRow("id")).toHaveTextContent("INTEGER");
    expect(fieldRow("phone")).toHaveTextContent("string(e164)");
    expect(fieldRow("phone")).toHaveTextContent("Mobile number, E.164");
    expect(fieldRow("phone")).toHaveTextContent("nullable");
    expect(fieldRow("status")).toHaveTextContent("enum(active|inactive)");
    expect(fieldRow("status")).toHaveTextContent("'active'");
    expect(within(fieldRow("status")).getByTestId("badge-required")).toBeInTheDocument();
    expect(fieldRow("tags")).toHaveTextContent("list<string>");
  });

  it("badges primary keys, foreign keys, PII and sensitive fields", async () => {
    setup();
    await screen.findByTestId("object-detail");
    expect(within(fieldRow("id")).getByTestId("badge-pk")).toHaveTextContent("PK");
    expect(within(fieldRow("id")).queryByTestId("badge-fk")).toBeNull();
    // referred_by is the field of the outgoing relationship; incoming ones do not make FKs here.
    expect(within(fieldRow("referred_by")).getByTestId("badge-fk")).toHaveTextContent("FK");
    expect(screen.getAllByTestId("badge-fk")).toHaveLength(1);
    expect(within(fieldRow("phone")).getByTestId("badge-pii")).toHaveTextContent("PII · contact");
    expect(within(fieldRow("card_token")).getByTestId("badge-pii")).toHaveTextContent("financial");
    expect(within(fieldRow("card_token")).getByTestId("badge-sensitive")).toBeInTheDocument();
    expect(within(fieldRow("status")).queryByTestId("badge-pii")).toBeNull();
    expect(within(fieldRow("phone")).queryByTestId("badge-sensitive")).toBeNull();
  });

  it("lists indexes", async () => {
    setup();
    await screen.findByTestId("object-detail");
    const rows = screen.getAllByTestId("index-row");
    expect(rows.map((r) => r.dataset.name)).toEqual(["customers_pkey", "idx_customers_phone", "idx_customers_status_name"]);
    expect(rows[1]).toHaveTextContent("unique");
    expect(rows[2]).toHaveTextContent("status, full_name");
    expect(rows[2]).not.toHaveTextContent("unique");
  });

  it("renders relationships and navigates to the other object", async () => {
    const { onNavigate } = setup();
    await screen.findByTestId("object-detail");
    const rows = screen.getAllByTestId("relationship-row");
    expect(rows).toHaveLength(3);
    const props = rows.find((r) => r.dataset.other === "properties")!;
    expect(props).toHaveAttribute("data-direction", "incoming");
    expect(props).toHaveTextContent("customer_id");
    expect(props).toHaveTextContent("many");
    expect(props).toHaveTextContent("foreign key");
    expect(props).toHaveTextContent("joinable");
    const jobs = rows.find((r) => r.dataset.other === "jobs")!;
    expect(jobs).toHaveTextContent("inferred");
    expect(jobs).toHaveTextContent("not joinable");
    fireEvent.click(within(props).getByTestId("relationship-link"));
    expect(onNavigate).toHaveBeenCalledWith("properties");
  });

  it("renders operations with class, arguments and limit", async () => {
    setup();
    await screen.findByTestId("object-detail");
    const ops = screen.getAllByTestId("operation-row");
    expect(ops.map((o) => o.dataset.id)).toEqual(["sql:select:main.customers.by_phone", "sql:insert:main.customers"]);
    const [read, create] = ops as [HTMLElement, HTMLElement];
    expect(within(read).getByTestId("operation-class")).toHaveTextContent("read");
    expect(read).toHaveTextContent("Find customer by phone");
    expect(read).toHaveTextContent("limit 10");
    expect(read).toHaveTextContent("idempotent");
    expect(read).toHaveTextContent("list<customers>");
    const phoneArg = within(read).getByTestId("argument");
    expect(phoneArg).toHaveTextContent("phone*");
    expect(phoneArg).toHaveTextContent("column");
    expect(phoneArg).toHaveTextContent("leading index");
    expect(within(create).getByTestId("operation-class")).toHaveTextContent("create");
    expect(within(create).getAllByTestId("argument").map((a) => a.dataset.name)).toEqual(["full_name", "phone"]);
  });

  it("shows the core's error code when the object cannot be read", async () => {
    setup("nope", () => {
      throw { code: "object_not_found", status: 404, message: "No object named nope" };
    });
    const panel = await screen.findByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "object_not_found");
    expect(panel).toHaveTextContent("No object named nope");
    expect(screen.queryByTestId("object-detail")).toBeNull();
  });

  it("shows the provider's operations grouped by tag until an object is picked", async () => {
    const ops = [
      { id: "listPets", title: "List pets", object: "Pet", class: "read", idempotent: true, transport: "native_rest", http: { method: "GET", path: "/pets" }, arguments: [], tags: ["pets"] },
      { id: "createPet", title: "Create a pet", object: "Pet", class: "create", idempotent: false, transport: "native_rest", http: { method: "POST", path: "/pets" }, arguments: [], tags: ["pets"] },
      { id: "getStore", title: "Inventory", class: "read", idempotent: true, transport: "native_rest", http: { method: "GET", path: "/store/inventory" }, arguments: [], tags: ["store"] },
    ];
    const fake = createFakePlatform({ list_operations: () => ops });
    const onNavigate = vi.fn();
    renderWithPlatform(<ObjectDetailPane kind="petstore" object={null} onNavigate={onNavigate} />, fake.platform);
    const groups = await screen.findAllByTestId("operation-group");
    expect(groups.map((g) => g.getAttribute("data-tag"))).toEqual(["pets", "store"]);
    const pets = within(groups[0] as HTMLElement);
    expect(pets.getAllByTestId("http-method").map((b) => b.textContent)).toEqual(["GET", "POST"]);
    expect(pets.getAllByText("/pets")).toHaveLength(2);
    fireEvent.click(pets.getAllByText("Pet")[0] as HTMLElement);
    expect(onNavigate).toHaveBeenCalledWith("Pet");
    expect(fake.callsOf("get_object")).toEqual([]);
    expect(fake.callsOf("list_operations")).toEqual([{ kind: "petstore" }]);
  });
});

describe("ObjectDetail of a REST object", () => {
  it("badges references as ref (not FK), shows field origins and leaves out indexes", async () => {
    const pet = {
      object: {
        name: "Pet",
        kind: "resource",
        capabilities: ["read"],
        origin: "openapi:#/components/schemas/Pet",
        fields: [
          { name: "id", type: { kind: "scalar", scalar: "integer" }, required: false, nullable: false, pii: "none", sensitive: false, origin: "openapi:#/components/schemas/Pet/properties/id" },
          { name: "category", type: { kind: "object", object: "Category" }, required: false, nullable: false, pii: "none", sensitive: false, origin: "openapi:#/components/schemas/Pet/properties/category" },
        ],
      },
      relationships: [
        { direction: "outgoing", fields: ["category"], otherObject: "Category", otherFields: [], cardinality: "one", source: "ref", joinable: false, name: "category" },
      ],
      operations: [],
    };
    const fake = createFakePlatform({ get_object: () => pet });
    renderWithPlatform(<ObjectDetailPane kind="petstore" object="Pet" onNavigate={vi.fn()} />, fake.platform);
    await screen.findByTestId("object-detail");
    const category = screen.getAllByTestId("field-row").find((r) => r.getAttribute("data-name") === "category") as HTMLElement;
    expect(within(category).getByTestId("badge-ref")).toBeInTheDocument();
    expect(within(category).queryByTestId("badge-fk")).toBeNull();
    expect(within(category).getByTestId("field-origin").textContent).toBe("openapi:#/components/schemas/Pet/properties/category");
    expect(screen.queryByText("No indexes.")).toBeNull();
  });
});
