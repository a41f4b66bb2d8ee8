import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { AppEnv, Principal, SandboxContext } from "../context";
import { ApiError } from "../http";
import { CONSOLE_CLIENT } from "../identities";
import { hashApiKey, KEY_PREFIX_LENGTH } from "../lib/api-keys";
import { isAllowed, type ActionId } from "./rbac";

const FORBIDDEN_MESSAGE = "Forbidden: insufficient permissions for this action";

interface TenantRow {
  id: string;
  status: "ACTIVE" | "SUSPENDED" | "OFFBOARDED";
}

interface ApiClientRow {
  id: string;
  tenant_id: string;
  key_hash: string;
  acts_as_user_id: string | null;
  revoked_at: string | null;
}

interface UserRow {
  id: string;
  role_names: string;
  is_service_account: number;
  status: string;
}

const jwksByIssuer = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function jwksFor(issuer: string): ReturnType<typeof createRemoteJWKSet> {
  let set = jwksByIssuer.get(issuer);
  if (!set) {
    set = createRemoteJWKSet(new URL(`${issuer}/jwks`), { cooldownDuration: 1_000, timeoutDuration: 5_000 });
    jwksByIssuer.set(issuer, set);
  }
  return set;
}

/** Parse `custom:roles` (a JSON-encoded string array); anything malformed yields no roles. */
export function parseRolesClaim(value: unknown): string[] {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (Array.isArray(parsed) && parsed.every((r): r is string => typeof r === "string")) return parsed;
  return [];
}

/** Tenant state gate shared by both credentials. */
function checkTenant(ctx: SandboxContext, tenantId: string): void {
  const tenant = ctx.db.prepare("SELECT id, status FROM tenants WHERE id = ?").get(tenantId) as TenantRow | undefined;
  if (!tenant || tenant.status === "OFFBOARDED") throw new ApiError(404, "TENANT_NOT_FOUND", "Tenant not found");
  if (tenant.status === "SUSPENDED") throw new ApiError(403, "TENANT_SUSPENDED", "Tenant is suspended");
}

/** Resolve a `vnd_` key to its service-account principal (m2m-app-auth semantics). */
export function authenticateApiKey(ctx: SandboxContext, key: string): Principal {
  const invalid = new ApiError(401, "UNAUTHORIZED", "Invalid API key");
  if (key.length <= KEY_PREFIX_LENGTH) throw invalid;
  const row = ctx.db
    .prepare("SELECT id, tenant_id, key_hash, acts_as_user_id, revoked_at FROM api_clients WHERE key_prefix = ?")
    .get(key.slice(0, KEY_PREFIX_LENGTH)) as ApiClientRow | undefined;
  const expected = Buffer.from(row?.key_hash ?? "0".repeat(64), "hex");
  const actual = Buffer.from(hashApiKey(key), "hex");
  // Compare even when no row matched so timing does not reveal which prefixes exist.
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  if (!row || !same) throw invalid;
  if (row.revoked_at) throw new ApiError(403, "FORBIDDEN", "API key has been revoked");
  checkTenant(ctx, row.tenant_id);
  if (!row.acts_as_user_id) throw new ApiError(403, "API_CLIENT_MISCONFIGURED", "API client is not bound to a service account");
  const user = ctx.db
    .prepare("SELECT id, role_names, is_service_account, status FROM tenant_users WHERE id = ? AND tenant_id = ?")
    .get(row.acts_as_user_id, row.tenant_id) as UserRow | undefined;
  if (!user || user.is_service_account !== 1) {
    throw new ApiError(403, "API_CLIENT_MISCONFIGURED", "API client is not bound to a service account");
  }
  if (user.status !== "ACTIVE") throw new ApiError(403, "SERVICE_ACCOUNT_INACTIVE", "Service account is inactive");
  ctx.db.prepare("UPDATE api_clients SET last_used_at = ? WHERE id = ?").run(new Date().toISOString(), row.id);
  return {
    sub: user.id,
    tenantId: row.tenant_id,
    roleNames: parseRolesClaim(user.role_names),
    userId: user.id,
    credential: "api_key",
  };
}

/** Verify a Cognito-style ID token against the sandbox issuer's JWKS (tenant middleware semantics). */
export async function authenticateIdToken(ctx: SandboxContext, token: string): Promise<Principal> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwksFor(ctx.config.issuer), {
      issuer: ctx.config.issuer,
      audience: CONSOLE_CLIENT.clientId,
      algorithms: ["RS256"],
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw new ApiError(401, "TOKEN_EXPIRED", "Token has expired");
    throw new ApiError(401, "UNAUTHORIZED", "Invalid token");
  }
  if (payload["token_use"] !== "id") throw new ApiError(401, "UNAUTHORIZED", "Only ID tokens are accepted");
  const tenantId = payload["custom:tenantId"];
  const rolesClaim = payload["custom:roles"];
  if (typeof tenantId !== "string" || tenantId === "" || rolesClaim === undefined) {
    throw new ApiError(403, "FORBIDDEN", "Token lacks custom:tenantId or custom:roles");
  }
  const sub = typeof payload.sub === "string" ? payload.sub : "";
  if (!sub) throw new ApiError(401, "UNAUTHORIZED", "Invalid token");
  checkTenant(ctx, tenantId);
  const user = ctx.db.prepare("SELECT id FROM tenant_users WHERE tenant_id = ? AND cognito_sub = ?").get(tenantId, sub) as
    { id: string } | undefined;
  return { sub, tenantId, roleNames: parseRolesClaim(rolesClaim), userId: user?.id ?? sub, credential: "id_token" };
}

function bearer(header: string | undefined): string {
  const m = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? "");
  if (!m?.[1]) throw new ApiError(401, "UNAUTHORIZED", "Missing or malformed Authorization header");
  return m[1];
}

/**
 * Authenticate the request and set `principal`. Default: dual auth (`vnd_` key or ID token);
 * `cognitoOnly` treats every bearer as an ID token (so a `vnd_` key is a 401).
 */
export function authenticate(ctx: SandboxContext, opts: { cognitoOnly?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = bearer(c.req.header("authorization"));
    const principal =
      !opts.cognitoOnly && token.startsWith("vnd_") ? authenticateApiKey(ctx, token) : await authenticateIdToken(ctx, token);
    c.set("principal", principal);
    await next();
  };
}

/** Deny with 403 FORBIDDEN unless the principal's roles grant `action`. Use after `authenticate`. */
export function requireAction(action: ActionId): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const principal = c.get("principal");
    if (!isAllowed(principal.roleNames, action)) throw new ApiError(403, "FORBIDDEN", FORBIDDEN_MESSAGE);
    await next();
  };
}
