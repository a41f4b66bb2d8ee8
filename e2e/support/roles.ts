import path from "node:path";

/** Demo users of the sandbox, one per role (emails of sandbox/server/identities.ts, duplicated on purpose). */
export const ROLES = {
  viewer: { email: "viewer@atlas.example", nav: ["Workflows", "Executions"] },
  developer: { email: "dev@atlas.example", nav: ["Workflows", "Executions", "Secrets & config"] },
  publisher: { email: "publisher@atlas.example", nav: ["Integrations"] },
  admin: { email: "admin@atlas.example", nav: ["Workflows", "Executions", "Secrets & config", "Integrations", "Usage", "Activity"] },
} as const;
export type Role = keyof typeof ROLES;

/**
 * Every signed-in user the global setup prepares: the demo tenant's roles plus the tenant admin of
 * a second tenant (isolation checks). Kept apart from ROLES so specs iterating the demo roles are unchanged.
 */
export const SIGNED_IN_USERS = {
  ...ROLES,
  otherAdmin: {
    email: "admin@borealis.example",
    nav: ["Workflows", "Executions", "Secrets & config", "Integrations", "Usage", "Activity"],
  },
} as const;
export type SignedInUser = keyof typeof SIGNED_IN_USERS;

/** Where the global setup saves each signed-in user's browser state. */
export function storageStatePath(user: SignedInUser): string {
  return path.join(import.meta.dirname, "..", ".auth", `${user}.json`);
}

/** Name of the console's session cookie over http. */
export const SESSION_COOKIE = "pegasus.session";
