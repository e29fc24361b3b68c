import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

// jsdom does no layout: give scroll containers a size so the virtualized list renders rows.
Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 520 });
Object.defineProperty(HTMLElement.prototype, "clientWidth", { configurable: true, get: () => 340 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
  delete document.body.dataset.firstPaint;
  window.history.replaceState(null, "", "/");
});
