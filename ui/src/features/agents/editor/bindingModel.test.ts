import { describe, expect, it } from "vitest";
import type { Binding } from "../../../api/editorTypes";
import {
  addLeaf,
  bindParam,
  bindingForOperation,
  defaultLeaf,
  forSave,
  pathOf,
  rowOf,
  setCardinality,
  setSource,
  snakeCase,
  targetsOf,
} from "./bindingModel";
import { getOrderOp, insertJobOp, listJobsOp, lookupOp } from "./editorFixtures";

const base: Binding = { toolName: "t", operation: lookupOp.id };

describe("binding model", () => {
  it("targets: a SQL read's search column, a write's input fields, REST arguments", () => {
    expect(targetsOf(lookupOp).map((t) => [t.section, t.name, t.required])).toEqual([["sqlSearch", "phone", true]]);
    expect(targetsOf(insertJobOp).map((t) => [t.section, t.name, t.required])).toEqual([
      ["inputObjectMap", "customer_id", true],
      ["inputObjectMap", "property_id", true],
      ["inputObjectMap", "description", true],
      ["inputObjectMap", "status", false],
    ]);
    expect(targetsOf(getOrderOp).map((t) => t.section)).toEqual(["inputs"]);
  });

  it("binds parameters and constants into the platform's shape", () => {
    const [phone] = targetsOf(lookupOp);
    expect(bindParam(base, phone!, "caller_phone").sqlSearch).toEqual({ column: "phone", param: "caller_phone" });
    const write = bindingForOperation(insertJobOp, { toolName: "", operation: "" });
    expect(write).toMatchObject({ toolName: "Add a row to jobs", isWrite: true, sqlWrite: { mode: "insert" } });
    const [customer, property] = targetsOf(insertJobOp);
    let b = setSource(write, customer!, { param: "customer_id", transform: "to_integer" });
    b = setSource(b, property!, { const: 1 });
    expect(b.inputObjectMap).toEqual([
      { field: "customer_id", param: "customer_id", transform: "to_integer" },
      { field: "property_id", const: 1 },
    ]);
    expect(setSource(b, property!, null).inputObjectMap).toHaveLength(1);
    // Re-binding keeps the transform.
    expect(bindParam(b, customer!, "notes").inputObjectMap?.[0]).toEqual({ field: "customer_id", param: "notes", transform: "to_integer" });
  });

  it("projection paths: cardinalities, default leaf names, and re-crossing a list", () => {
    const b: Binding = { toolName: "t", operation: listJobsOp.id };
    const path = pathOf(b, [{ name: "", list: true }, { name: "property_id", list: false }, { name: "street", list: false }]);
    expect(path).toEqual(["[first]", "property_id", "street"]);
    const one = addLeaf(b, path);
    expect(one.projection).toEqual([{ path, leaf: "property_id_street" }]);
    expect(defaultLeaf(one, path)).toBe("property_id_street_2");
    const all = setCardinality(one, "", "[*]");
    expect(all.projection?.[0]?.path).toEqual(["[*]", "property_id", "street"]);
    // The next field under that list is crossed the same way.
    expect(pathOf(all, [{ name: "", list: true }, { name: "status", list: false }])).toEqual(["[*]", "status"]);
    expect(snakeCase("lineItems.unitPrice")).toBe("line_items_unit_price");
  });

  it("places diagnostics on rows by bindingPath (and schemaPath for a missing argument)", () => {
    const b: Binding = {
      ...base,
      inputs: [{ arg: "limit", const: 5 }],
      inputObjectMap: [{ field: "notes", param: "notes" }],
      sqlSearch: { column: "phone", param: "caller_phon" },
      projection: [{ path: ["id"], leaf: "x" }],
    };
    expect(rowOf(b, { bindingPath: "inputs[0].const" })).toBe("t:limit");
    expect(rowOf(b, { bindingPath: "inputObjectMap[0].param" })).toBe("t:notes");
    expect(rowOf(b, { bindingPath: "sqlSearch.param" })).toBe("t:phone");
    expect(rowOf(b, { bindingPath: "projection[0].path[0]" })).toBe("leaf:0");
    expect(rowOf(b, { bindingPath: "inputObjectMap", schemaPath: "operation sql:insert:jobs argument description" })).toBe("t:description");
    expect(rowOf(b, { bindingPath: "toolName" })).toBe("toolName");
    expect(rowOf(b, { bindingPath: "isWrite" })).toBe("general");
  });

  it("a draft is saved with enabled: false", () => {
    expect(forSave(base, true)).toEqual({ ...base, enabled: false });
    expect(forSave({ ...base, enabled: false }, false)).toEqual(base);
  });
});
