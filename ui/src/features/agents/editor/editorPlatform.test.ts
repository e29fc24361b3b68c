import { describe, expect, it, vi } from "vitest";
import { createHttpPlatform, routeFor } from "../../../platform/http";
import { BinderyError, toBinderyError } from "../../../platform/errors";
import { SessionTokenStore } from "../../../platform/token";
import { errorDiagnostics } from "./BindingEditor";

const binding = { toolName: "Look up the caller", operation: "sql:select:customers.by_phone" };

describe("binding editor: the preview command and refused bodies", () => {
  it("preview_binding posts the binding to .../bindings/preview", () => {
    expect(routeFor("preview_binding", { agent: "agt_1", kind: "demo_fieldservice", binding })).toEqual({
      method: "POST",
      path: "/agents/agt_1/integrations/demo_fieldservice/bindings/preview",
      body: binding,
    });
  });

  it("a 400 validation_error keeps its errors (HTTP), shown as inline diagnostics on their fields", async () => {
    const tokens = new SessionTokenStore(window.sessionStorage);
    tokens.setToken("bindery_sk_test");
    const problem = {
      type: "about:blank",
      title: "Invalid request",
      status: 400,
      code: "validation_error",
      detail: "The body is not a binding.",
      errors: [{ field: "projection[0].path", message: "expected a list of strings" }],
    };
    const fetch = vi.fn<typeof globalThis.fetch>().mockResolvedValue(
      new Response(JSON.stringify(problem), { status: 400, headers: { "Content-Type": "application/problem+json" } }),
    );
    const platform = createHttpPlatform({ tokens, fetch });
    const err = await platform.call("preview_binding", { agent: "agt_1", kind: "demo_fieldservice", binding }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BinderyError);
    expect(errorDiagnostics(err as BinderyError)).toEqual([
      { code: "validation_error", severity: "error", message: "expected a list of strings", bindingPath: "projection[0].path" },
    ]);
  });

  it("a 422 binding_invalid from Tauri keeps its diagnostics; a 409 duplicate name lands on the tool name", () => {
    const diagnostics = [{ code: "binding/unknown-param", severity: "error", message: "no such parameter", bindingPath: "sqlSearch.param" }];
    expect(errorDiagnostics(toBinderyError({ code: "binding_invalid", status: 422, message: "invalid", diagnostics }))).toEqual(diagnostics);
    expect(errorDiagnostics(new BinderyError("duplicate_tool_name", 409, "taken"))).toEqual([
      { code: "duplicate_tool_name", severity: "error", message: "taken", bindingPath: "toolName" },
    ]);
    expect(errorDiagnostics(new BinderyError("internal_error", 500, "boom"))).toEqual([]);
  });
});
