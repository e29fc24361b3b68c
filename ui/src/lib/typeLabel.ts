import type { FieldType } from "../api/types";

const MAX_ENUM_VALUES = 8;

/**
 * Short label of a normalized type, as the core's `FieldType::label` spells it, except that enums
 * list their values: `string`, `string(email)`, `enum(a|b)`, `Customer`, `list<Customer>`,
 * `unknown(geometry)`.
 */
export function typeLabel(t: FieldType): string {
  switch (t.kind) {
    case "scalar":
      return t.format ? `${t.scalar}(${t.format})` : t.scalar;
    case "enum": {
      const shown = t.values.slice(0, MAX_ENUM_VALUES).join("|");
      const more = t.values.length > MAX_ENUM_VALUES ? `|…+${t.values.length - MAX_ENUM_VALUES}` : "";
      return `enum(${shown}${more})`;
    }
    case "object":
      return t.object;
    case "list":
      return `list<${typeLabel(t.of)}>`;
    case "unknown":
      // A column declared without a type (common in SQLite views) has an empty raw name.
      return t.raw === "" ? "untyped" : `unknown(${t.raw})`;
    default:
      return "unknown";
  }
}

/** The object a type points at (through lists), for linking to it. */
export function referencedObject(t: FieldType): string | null {
  if (t.kind === "object") return t.object;
  if (t.kind === "list") return referencedObject(t.of);
  return null;
}
