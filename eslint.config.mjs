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
  {
    // The data layer: components and pages read and change server data through lib/queries (query
    // and mutation options that own their keys and cache updates), never by calling the BFF or the
    // query cache themselves.
    files: ["components/**/*.tsx", "components/**/*.ts", "app/**/*.tsx"],
    ignores: ["**/*.test.ts", "**/*.test.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@/lib/queries/fetcher",
              importNames: ["bffFetch"],
              message: "Fetch through query or mutation options in lib/queries.",
            },
            {
              name: "@tanstack/react-query",
              importNames: ["useQueryClient"],
              message: "Put cache updates in the mutation options (onSuccess gets the client) or a hook in lib/queries.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".sandbox/**",
    "node_modules/**",
    "next-env.d.ts",
    "test-results/**",
    "playwright-report/**",
    "sandbox/runner/**",
    "sandbox/demo/**",
    "bench/results/**",
  ]),
]);
