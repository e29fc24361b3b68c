import { describe, expect, it } from "vitest";
import { catalog, openapiEntry, postgresEntry } from "../../test/fixtures";
import { authModeOf, isAuthField, isRequired, visibleFields } from "./authFields";
import { formatRemaining, hostOf } from "./SignInWaiting";

const names = (fields: { name: string }[]) => fields.map((f) => f.name);
const credentialFields = openapiEntry.fields.filter((f) => f.name !== "kind");

describe("authentication fields by mode", () => {
  it("shows each mode's fields only", () => {
    const base = ["path", "url", "text", "authMode"];
    expect(names(visibleFields(credentialFields, {}))).toEqual(base);
    expect(names(visibleFields(credentialFields, { authMode: "none" }))).toEqual(base);
    expect(names(visibleFields(credentialFields, { authMode: "api_key" }))).toEqual([...base, "authHeader", "apiKey"]);
    expect(names(visibleFields(credentialFields, { authMode: "bearer" }))).toEqual([...base, "apiKey"]);
    expect(names(visibleFields(credentialFields, { authMode: "basic" }))).toEqual([...base, "username", "password"]);
    expect(names(visibleFields(credentialFields, { authMode: "oauth2" }))).toEqual([
      ...base,
      "authorizeUrl",
      "tokenUrl",
      "revokeUrl",
      "scopes",
      "clientId",
      "clientSecret",
    ]);
  });

  it("leaves entries without an authMode field alone (a database's password always shows)", () => {
    expect(names(visibleFields(postgresEntry.fields, {}))).toEqual(names(postgresEntry.fields));
    const password = postgresEntry.fields.find((f) => f.name === "password")!;
    expect(isRequired(password, postgresEntry.fields, {})).toBe(false);
    expect(authModeOf({ ...postgresEntry, authMode: "sql" }, {})).toBe("sql");
    expect(authModeOf(catalog[0]!, {})).toBe("none");
  });

  it("requires what the chosen mode cannot do without", () => {
    const field = (name: string) => credentialFields.find((f) => f.name === name)!;
    expect(isRequired(field("apiKey"), credentialFields, { authMode: "api_key" })).toBe(true);
    expect(isRequired(field("apiKey"), credentialFields, { authMode: "none" })).toBe(false);
    expect(isRequired(field("clientId"), credentialFields, { authMode: "oauth2" })).toBe(true);
    expect(isRequired(field("clientSecret"), credentialFields, { authMode: "oauth2" })).toBe(false);
    expect(isRequired(field("revokeUrl"), credentialFields, { authMode: "oauth2" })).toBe(false);
    expect(isRequired(field("password"), credentialFields, { authMode: "basic" })).toBe(true);
    expect(isAuthField(field("text"))).toBe(false);
    expect(isAuthField(field("authMode"))).toBe(true);
    expect(authModeOf(openapiEntry, { authMode: "oauth2" })).toBe("oauth2");
  });
});

describe("sign-in waiting helpers", () => {
  it("formats the time left and the sign-in page's host", () => {
    expect(formatRemaining(300_000)).toBe("5:00");
    expect(formatRemaining(61_001)).toBe("1:02");
    expect(formatRemaining(-5)).toBe("0:00");
    expect(hostOf("https://accounts.google.com/o/oauth2/v2/auth?x=1")).toBe("accounts.google.com");
    expect(hostOf("not a url")).toBe("not a url");
  });
});
