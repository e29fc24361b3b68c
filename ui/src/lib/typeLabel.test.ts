import { describe, expect, it } from "vitest";
import { referencedObject, typeLabel } from "./typeLabel";

describe("typeLabel", () => {
  it("labels scalars, with their format", () => {
    expect(typeLabel({ kind: "scalar", scalar: "string" })).toBe("string");
    expect(typeLabel({ kind: "scalar", scalar: "integer" })).toBe("integer");
    expect(typeLabel({ kind: "scalar", scalar: "string", format: "email" })).toBe("string(email)");
  });

  it("lists enum values", () => {
    expect(typeLabel({ kind: "enum", values: ["a", "b"] })).toBe("enum(a|b)");
  });

  it("shortens long enums", () => {
    const values = Array.from({ length: 11 }, (_, i) => `v${i}`);
    expect(typeLabel({ kind: "enum", values })).toBe("enum(v0|v1|v2|v3|v4|v5|v6|v7|…+3)");
  });

  it("names objects and nests lists", () => {
    expect(typeLabel({ kind: "object", object: "Customer" })).toBe("Customer");
    expect(typeLabel({ kind: "list", of: { kind: "object", object: "Customer" } })).toBe("list<Customer>");
    expect(typeLabel({ kind: "list", of: { kind: "list", of: { kind: "scalar", scalar: "integer" } } })).toBe("list<list<integer>>");
  });

  it("shows the raw spelling of unknown types", () => {
    expect(typeLabel({ kind: "unknown", raw: "geometry" })).toBe("unknown(geometry)");
    expect(typeLabel({ kind: "unknown", raw: "" })).toBe("untyped");
  });

  it("finds the object behind a reference", () => {
    expect(referencedObject({ kind: "list", of: { kind: "object", object: "Job" } })).toBe("Job");
    expect(referencedObject({ kind: "scalar", scalar: "string" })).toBeNull();
  });
});
