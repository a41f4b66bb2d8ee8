import { defineConfig } from "vitest/config";
import path from "node:path";

// Two projects: `unit` (pure logic, no processes) and `contract` (HTTP against a real sandbox
// started once by the global setup, on free loopback ports and a throw-away state folder).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}", "lib/**/*.test.{ts,tsx}", "sandbox/tests/unit/**/*.test.ts"],
          environment: "node",
          // The BFF's request log stays quiet in unit runs; tests that read it install their own logger.
          env: { LOG_LEVEL: "silent" },
        },
      },
      {
        extends: true,
        test: {
          name: "contract",
          include: ["sandbox/tests/contract/**/*.test.ts", "tests/contract/**/*.test.ts"],
          environment: "node",
          globalSetup: ["sandbox/tests/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
