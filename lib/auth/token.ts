import { decodeJwt } from "jose";
import { z } from "zod";

/**
 * What the console keeps in its encrypted session cookie. The ID and refresh tokens live only
 * here (server-side decryption); the browser gets `publicSessionSchema` fields and nothing else.
 */
export const sessionTokenSchema = z.looseObject({
  idToken: z.string().min(1),
  /** Epoch seconds of the ID token's `exp`. */
  idTokenExpiresAt: z.number(),
  refreshToken: z.string().min(1).optional(),
  tenantId: z.string(),
  tenantName: z.string().nullish(),
  roles: z.array(z.string()),
  name: z.string().nullish(),
  email: z.string().nullish(),
  sub: z.string().optional(),
  /** Id of this sign-in; sign-out records it as revoked in the store (lib/auth/revocation.ts). */
  sid: z.string().optional(),
  /** Epoch ms of the sign-in ("sign out everywhere" refuses sessions signed in before it). */
  signedInAt: z.number().optional(),
});
export type SessionToken = z.infer<typeof sessionTokenSchema>;

/** The session as the browser and client components see it. */
export const publicSessionSchema = z.object({
  user: z.object({
    name: z.string().nullable(),
    email: z.string().nullable(),
    tenantId: z.string(),
    tenantName: z.string().nullable(),
    roles: z.array(z.string()),
  }),
  expires: z.string(),
});
export type PublicSession = z.infer<typeof publicSessionSchema>;

/** The browser-visible part of a stored session: name, email, tenant, roles — never a token. */
export function toPublicSession(token: SessionToken, expires: string): PublicSession {
  return {
    expires,
    user: {
      name: token.name ?? null,
      email: token.email ?? null,
      tenantId: token.tenantId,
      tenantName: token.tenantName ?? null,
      roles: token.roles,
    },
  };
}

const idTokenClaimsSchema = z.looseObject({
  sub: z.string(),
  exp: z.number(),
  email: z.string().optional(),
  name: z.string().optional(),
  "custom:tenantId": z.string().optional(),
  "custom:roles": z.string().optional(),
  "custom:tenantName": z.string().optional(),
  tenant_name: z.string().optional(),
});

/** Reads `custom:roles`, a JSON-encoded string array; anything malformed gives no roles (deny by default). */
export function parseRolesClaim(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    const roles = z.array(z.string()).safeParse(parsed);
    return roles.success ? roles.data : [];
  } catch {
    return [];
  }
}

/** Builds the stored session fields from a fresh ID token (and refresh token, when the issuer sent one). */
export function sessionFieldsFromIdToken(idToken: string, refreshToken: string | undefined): SessionToken {
  const claims = idTokenClaimsSchema.parse(decodeJwt(idToken));
  return {
    idToken,
    idTokenExpiresAt: claims.exp,
    refreshToken,
    tenantId: claims["custom:tenantId"] ?? "",
    tenantName: claims["custom:tenantName"] ?? claims.tenant_name ?? null,
    roles: parseRolesClaim(claims["custom:roles"]),
    name: claims.name ?? null,
    email: claims.email ?? null,
    sub: claims.sub,
  };
}

/** Seconds before ID-token expiry at which the console refreshes it. */
export const REFRESH_MARGIN_SECONDS = 30;

/** True when the ID token expires within the refresh margin. */
export function needsRefresh(token: Pick<SessionToken, "idTokenExpiresAt">, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  return token.idTokenExpiresAt - nowSeconds <= REFRESH_MARGIN_SECONDS;
}
