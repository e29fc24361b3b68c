import { describe, expect, it } from "vitest";
import { DEFAULT_BROWSER_FILTERS, hiddenObjectKinds, parseBrowserFilters } from "./browserFilters";

describe("browser filters", () => {
  it("hide everything noisy by default", () => {
    expect(parseBrowserFilters(null)).toEqual({ hideRelay: true, hideInput: true, hideDeprecated: true });
    expect(hiddenObjectKinds(DEFAULT_BROWSER_FILTERS)).toEqual(["relay", "input"]);
  });

  it("take what is stored over the defaults, and ignore what is not a boolean", () => {
    expect(parseBrowserFilters(JSON.stringify({ hideInput: false, hideDeprecated: "no" }))).toEqual({
      hideRelay: true,
      hideInput: false,
      hideDeprecated: true,
    });
    expect(hiddenObjectKinds({ hideRelay: false, hideInput: true, hideDeprecated: true })).toEqual(["input"]);
    expect(hiddenObjectKinds({ hideRelay: false, hideInput: false, hideDeprecated: true })).toEqual([]);
  });

  it("fall back to the defaults on garbage", () => {
    expect(parseBrowserFilters("{not json")).toEqual(DEFAULT_BROWSER_FILTERS);
    expect(parseBrowserFilters("42")).toEqual(DEFAULT_BROWSER_FILTERS);
    expect(parseBrowserFilters("null")).toEqual(DEFAULT_BROWSER_FILTERS);
  });
});
