import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// One lint config for the whole repository: console, sandbox (TypeScript side), tests, scripts.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // The React Compiler is not enabled, so hook APIs it cannot memoize (TanStack Virtual's
      // useVirtualizer) are fine here; the rule only warns about compiler skips.
      "react-hooks/incompatible-library": "off",
    },
  },
  globalIgnores([".next/**", ".sandbox/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "sandbox/runner/**", "sandbox/demo/**", "bench/results/**"]),
]);
