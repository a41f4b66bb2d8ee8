/**
 * Direct-db helpers for contract tests: create `vnd_` keys with any roles, tenants in any state,
 * and ID tokens signed with the issuer's real key carrying arbitrary claims.
 */
import { randomUUID } from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import { importJWK, SignJWT } from "jose";
import { inject } from "vitest";
import { CONSOLE_CLIENT } from "../../server/identities";
import { createApiKey, createServiceAccountWithKey } from "../../server/lib/api-keys";
import { readSigningKeys } from "../../server/oidc/keys";

let db: Database.Database | null = null;

/** A connection to the running sandbox's SQLite file (WAL: safe alongside the server). */
export function testDb(): Database.Database {
  if (!db) {
    db = new Database(path.join(inject("stateDir"), "pegasus.db"));
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
  }
  return db;
}

/** A fresh service account with `roles` in `tenantId`, and its plaintext `vnd_` key. */
export function createKey(tenantId: string, roles: string[]): { key: string; userId: string; apiClientId: string } {
  const id = randomUUID();
  return createServiceAccountWithKey(testDb(), {
    tenantId,
    email: `svc-test-${id}@svc.invalid`,
    name: "test key",
    roleNames: roles,
    clientName: `test-${id}`,
  });
}

/** A key whose ApiClient is bound to no user (API_CLIENT_MISCONFIGURED). */
export function createUnboundKey(tenantId: string): string {
  return createApiKey(testDb(), { tenantId, actsAsUserId: null, name: "unbound" }).key;
}

/** A new tenant in the given state (for suspended/offboarded checks without touching shared tenants). */
export function createTenant(status: "ACTIVE" | "SUSPENDED" | "OFFBOARDED"): string {
  const id = randomUUID();
  const now = new Date().toISOString();
  testDb()
    .prepare("INSERT INTO tenants (id, slug, name, status, is_platform_tenant, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)")
    .run(id, `t-${id.slice(0, 8)}`, `Test ${status}`, status, now, now);
  return id;
}

/** An ID token signed with the issuer's real key; `claims` override the defaults (undefined removes). */
export async function mintIdToken(claims: Record<string, unknown>): Promise<string> {
  const issuer = inject("issuer");
  const [jwk] = readSigningKeys(inject("stateDir"));
  if (!jwk) throw new Error("no OIDC signing key in the state dir");
  const now = Math.floor(Date.now() / 1000);
  const base: Record<string, unknown> = {
    sub: randomUUID(),
    token_use: "id",
    iss: issuer,
    aud: CONSOLE_CLIENT.clientId,
    iat: now,
    exp: now + 600,
  };
  const merged = { ...base, ...claims };
  for (const k of Object.keys(merged)) if (merged[k] === undefined) delete merged[k];
  return new SignJWT(merged).setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "JWT" }).sign(await importJWK(jwk, "RS256"));
}
