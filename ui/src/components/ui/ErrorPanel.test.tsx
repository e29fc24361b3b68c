import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { BinderyError } from "../../platform";
import { ErrorPanel } from "./ErrorPanel";

describe("ErrorPanel", () => {
  it("shows the error code, status and message, and retries", async () => {
    const retry = vi.fn();
    render(<ErrorPanel error={new BinderyError("object_not_found", 404, "No object named nope")} title="Could not open nope" onRetry={retry} />);
    const panel = screen.getByTestId("error-panel");
    expect(panel).toHaveAttribute("data-code", "object_not_found");
    expect(panel).toHaveTextContent("object_not_found");
    expect(panel).toHaveTextContent("HTTP 404");
    expect(panel).toHaveTextContent("No object named nope");
    expect(panel).toHaveTextContent("Could not open nope");
    await userEvent.click(screen.getByRole("button", { name: /retry/i }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it("gives a code to anything that is not a BinderyError", () => {
    render(<ErrorPanel error={new Error("boom")} />);
    expect(screen.getByTestId("error-panel")).toHaveAttribute("data-code", "client/invoke");
    expect(screen.queryByRole("button", { name: /retry/i })).toBeNull();
  });

  it("says what to do about the database errors, by code", () => {
    for (const [code, status, text] of [
      ["credentials_missing", 409, "Connect it again"],
      ["source_refused", 422, "check the user and password"],
      ["source_unreachable", 502, "check the host and port"],
    ] as const) {
      const { unmount } = render(<ErrorPanel error={new BinderyError(code, status, "from the core")} />);
      expect(screen.getByTestId("error-panel")).toHaveAttribute("data-code", code);
      expect(screen.getByTestId("error-hint")).toHaveTextContent(text);
      unmount();
    }
  });

  it("shows no hint for other codes, and a given hint over the default", () => {
    const { unmount } = render(<ErrorPanel error={new BinderyError("object_not_found", 404, "No object")} />);
    expect(screen.queryByTestId("error-hint")).toBeNull();
    unmount();
    render(<ErrorPanel error={new BinderyError("source_refused", 422, "denied")} hint="Ask your DBA." />);
    expect(screen.getByTestId("error-hint")).toHaveTextContent("Ask your DBA.");
  });
});
