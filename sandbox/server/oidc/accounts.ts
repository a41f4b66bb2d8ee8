import { timingSafeEqual } from "node:crypto";
import { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from "../identities";

/** Scope → claims table given to oidc-provider; the custom claims ride on `openid` like Cognito's. */
export const SCOPE_CLAIMS = {
  openid: ["sub", "token_use", "custom:tenantId", "custom:roles"],
  email: ["email", "email_verified"],
  profile: ["name"],
} as const;

export const SUPPORTED_SCOPES = ["openid", "email", "profile", "offline_access"] as const;

/** Claims about a demo user that an ID token carries (Cognito names; roles JSON-encoded). */
export function userClaims(user: DemoUser): Record<string, string | boolean> {
  return {
    sub: user.sub,
    email: user.email,
    email_verified: true,
    name: user.name,
    "custom:tenantId": user.tenantId,
    "custom:roles": JSON.stringify(user.roles),
  };
}

/** Finds a demo user by `sub`. */
export function findUserBySub(sub: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.sub === sub);
}

/** Finds a demo user by e-mail, case-insensitively. */
export function findUserByEmail(email: string): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  return DEMO_USERS.find((u) => u.email.toLowerCase() === wanted);
}

function samePassword(given: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(DEMO_PASSWORD, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Checks an e-mail/password pair against the demo users; returns the user or undefined. */
export function authenticate(email: string, password: string): DemoUser | undefined {
  const user = findUserByEmail(email);
  // Compare even for unknown users so both failures cost the same.
  const ok = samePassword(password);
  return user && ok ? user : undefined;
}
