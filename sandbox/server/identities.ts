/**
 * Fixed identities of the sandbox: tenants, demo users (one per role) and the OIDC client the
 * console signs in with. Every part of the sandbox (database seed, OIDC issuer, demo seeding)
 * reads these, so a demo user's `sub` is the same everywhere and survives a reset.
 */

export const PLATFORM_TENANT = {
  id: "00000000-0000-4000-8000-000000000001",
  slug: "pegasus-platform",
  name: "Pegasus Platform",
  isPlatformTenant: true,
} as const;

export const DEMO_TENANT = {
  id: "6f1c2a4e-1b7d-4c1e-9a53-0d7f3e2b9a10",
  slug: "atlas-moving",
  name: "Atlas Moving Co.",
  isPlatformTenant: false,
} as const;

export const OTHER_TENANT = {
  id: "9b8e7d6c-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
  slug: "borealis-relocation",
  name: "Borealis Relocation",
  isPlatformTenant: false,
} as const;

export const TENANTS = [PLATFORM_TENANT, DEMO_TENANT, OTHER_TENANT] as const;

/** Password shared by every demo user (the sandbox is local-only). */
export const DEMO_PASSWORD = "pegasus-demo";

export interface DemoUser {
  /** OIDC `sub` and TenantUser.cognitoSub. */
  sub: string;
  /** TenantUser.id (what createdByUserId and friends hold). */
  userId: string;
  email: string;
  name: string;
  tenantId: string;
  roles: string[];
  /** What this persona is for, shown on the sign-in page. */
  persona: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    sub: "a1000000-0000-4000-8000-000000000001",
    userId: "b1000000-0000-4000-8000-000000000001",
    email: "viewer@atlas.example",
    name: "Vera Viewer",
    tenantId: DEMO_TENANT.id,
    roles: ["viewer"],
    persona: "Business user: reads diagrams and envelopes",
  },
  {
    sub: "a1000000-0000-4000-8000-000000000002",
    userId: "b1000000-0000-4000-8000-000000000002",
    email: "dev@atlas.example",
    name: "Dev Support",
    tenantId: DEMO_TENANT.id,
    roles: ["workflow_developer"],
    persona: "Support / workflow developer: runs, cancels, retries",
  },
  {
    sub: "a1000000-0000-4000-8000-000000000003",
    userId: "b1000000-0000-4000-8000-000000000003",
    email: "publisher@atlas.example",
    name: "Ivy Publisher",
    tenantId: DEMO_TENANT.id,
    roles: ["integration_publisher"],
    persona: "Integration publisher: edits and publishes integration configs",
  },
  {
    sub: "a1000000-0000-4000-8000-000000000004",
    userId: "b1000000-0000-4000-8000-000000000004",
    email: "admin@atlas.example",
    name: "Ada Admin",
    tenantId: DEMO_TENANT.id,
    roles: ["tenant_admin"],
    persona: "Tenant admin: everything, including secrets and config",
  },
  {
    sub: "a2000000-0000-4000-8000-000000000001",
    userId: "b2000000-0000-4000-8000-000000000001",
    email: "admin@borealis.example",
    name: "Otto Other",
    tenantId: OTHER_TENANT.id,
    roles: ["tenant_admin"],
    persona: "Admin of a second tenant (isolation checks)",
  },
];

/** The OIDC client the console uses (confidential, authorization code + PKCE, refresh tokens). */
export const CONSOLE_CLIENT = {
  clientId: "pegasus-console",
  clientSecret: "pegasus-console-sandbox-secret",
  /** Console origins allowed to receive the callback; SANDBOX_CONSOLE_ORIGINS (comma list) adds more. */
  defaultOrigins: ["http://127.0.0.1:3000", "http://localhost:3000"],
  /** Auth.js callback path for a provider with id "pegasus". */
  callbackPath: "/api/auth/callback/pegasus",
} as const;
