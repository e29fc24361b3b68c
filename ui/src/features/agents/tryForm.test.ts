import { describe, expect, it } from "vitest";
import { bookJobSkill, createIssueSkill, findCustomersSkill, lookupSkill } from "../../test/agentFixtures";
import { initialValues, sameInputs, toInputs, tryParameters } from "./tryForm";

const summary = (skill: Parameters<typeof tryParameters>[0]) =>
  tryParameters(skill).map((p) => ({ name: p.name, from: p.from, kind: p.kind, required: p.required, uses: p.uses }));

describe("try form: one input per parameter the skill uses", () => {
  it("SQL: every bound parameter, constants left out, call context included", () => {
    expect(summary(lookupSkill)).toEqual([
      { name: "caller_phone", from: "callContext", kind: "string", required: true, uses: ["column:phone"] },
    ]);
    expect(summary(bookJobSkill)).toEqual([
      { name: "customer_id", from: "caller", kind: "string", required: true, uses: ["column:customer_id"] },
      { name: "notes", from: "caller", kind: "string", required: true, uses: ["column:description"] },
      { name: "call_started_at", from: "callContext", kind: "string", required: true, uses: ["column:created_at"] },
    ]);
    const [customer] = tryParameters(bookJobSkill);
    expect(customer).toMatchObject({ transform: "to_integer", description: expect.stringContaining("earlier lookup") });
  });

  it("REST: arguments with their placement; caller types and defaults from parametersSchema", () => {
    const params = tryParameters(findCustomersSkill);
    expect(params.map((p) => [p.name, p.from, p.kind, p.required, p.uses[0]])).toEqual([
      ["caller_email", "caller", "string", true, "query:email"],
      ["limit", "caller", "integer", false, "query:limit"],
      ["location_id", "operator", "string", true, "header:X-Location"],
    ]);
    expect(params[1]!.default).toBe(5);
  });

  it("GraphQL: scalar variables and the fields of an input-object variable", () => {
    const params = tryParameters(createIssueSkill);
    expect(params.map((p) => [p.name, p.from, p.kind, p.required, p.uses])).toEqual([
      ["reason", "caller", "string", true, ["variable:input.title"]],
      ["party_size", "caller", "integer", false, ["variable:input.people"]],
      ["call_id", "callContext", "string", true, ["variable:input.callId"]],
      ["urgent_flag", "operator", "boolean", false, ["variable:urgent"]],
    ]);
  });

  it("a caller parameter only the schema lists still gets an input", () => {
    const skill = {
      ...lookupSkill,
      parametersSchema: { type: "object" as const, properties: { caller_name: { type: "string", format: "name" } }, required: [] },
    };
    expect(tryParameters(skill).map((p) => [p.name, p.from, p.uses])).toEqual([
      ["caller_phone", "callContext", ["column:phone"]],
      ["caller_name", "caller", []],
    ]);
  });

  it("sends typed values and leaves empty fields out", () => {
    const params = tryParameters(createIssueSkill);
    const values = { ...initialValues(params), reason: "Leaking tap", party_size: "3", call_id: "" };
    expect(toInputs(params, values)).toEqual({ reason: "Leaking tap", party_size: 3, urgent_flag: false });
    // Not a number: sent as typed, for the core to say what is wrong.
    expect(toInputs(params, { ...values, party_size: "three" })).toMatchObject({ party_size: "three" });
  });

  it("starts from the last run's inputs", () => {
    const params = tryParameters(findCustomersSkill);
    expect(initialValues(params, { caller_email: "a@b.c", limit: 2 })).toEqual({ caller_email: "a@b.c", limit: "2", location_id: "" });
    expect(sameInputs({ a: 1, b: "x" }, { b: "x", a: 1 })).toBe(true);
    expect(sameInputs({ a: 1 }, { a: 2 })).toBe(false);
  });
});
