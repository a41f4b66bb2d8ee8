import path from "node:path";

/** Demo users of the sandbox, one per role (emails of sandbox/server/identities.ts, duplicated on purpose). */
export const ROLES = {
  viewer: { email: "viewer@atlas.example", nav: ["Workflows", "Executions"] },
  developer: { email: "dev@atlas.example", nav: ["Workflows", "Executions", "Secrets & config"] },
  publisher: { email: "publisher@atlas.example", nav: ["Integrations"] },
  admin: { email: "admin@atlas.example", nav: ["Workflows", "Executions", "Secrets & config", "Integrations"] },
} as const;
export type Role = keyof typeof ROLES;

/** Where the global setup saves each role's signed-in browser state. */
export function storageStatePath(role: Role): string {
  return path.join(import.meta.dirname, "..", ".auth", `${role}.json`);
}

/** Name of the console's session cookie over http. */
export const SESSION_COOKIE = "pegasus.session";
