/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Relative asset paths: the same build is loaded by the Tauri window (custom protocol) and served
// at `/` by `bindery serve`.
export default defineConfig({
  base: "./",
  plugins: [react()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    port: 5173,
    strictPort: true,
    // The binding editor bundles the core's canonical parameters (`crates/bindery-binding/params`).
    fs: { allow: [".", "../crates/bindery-binding/params"] },
    // `npm run dev` in browser mode: forward the local API to a running `bindery serve`.
    proxy: {
      "/api": { target: "http://127.0.0.1:8787", changeOrigin: false },
    },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
