import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Db } from "../db";
import { nowIso } from "../db";

/** Length of the lookup prefix stored in `api_clients.key_prefix`. */
export const KEY_PREFIX_LENGTH = 12;

/** A new random `vnd_` key (48 chars). */
export function generateApiKey(): string {
  return "vnd_" + randomBytes(33).toString("base64url");
}

/** Hex SHA-256 of a whole key. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export interface ServiceAccountInput {
  tenantId: string;
  email: string;
  name: string;
  roleNames: string[];
  clientName: string;
  /** Fixed ids (seed) or random. */
  userId?: string;
}

/** Create a service-account TenantUser plus an ApiClient bound to it; returns the plaintext key once. */
export function createServiceAccountWithKey(db: Db, input: ServiceAccountInput): { userId: string; apiClientId: string; key: string } {
  const now = nowIso();
  const userId = input.userId ?? randomUUID();
  db.prepare(
    `INSERT INTO tenant_users (id, tenant_id, cognito_sub, email, name, role_names, is_service_account, status, created_at, updated_at)
     VALUES (?, ?, NULL, ?, ?, ?, 1, 'ACTIVE', ?, ?)`,
  ).run(userId, input.tenantId, input.email, input.name, JSON.stringify(input.roleNames), now, now);
  const { apiClientId, key } = createApiKey(db, { tenantId: input.tenantId, actsAsUserId: userId, name: input.clientName });
  return { userId, apiClientId, key };
}

/** Create an ApiClient row for an existing user (null = misconfigured key, for tests). */
export function createApiKey(
  db: Db,
  input: { tenantId: string; actsAsUserId: string | null; name: string },
): { apiClientId: string; key: string } {
  const key = generateApiKey();
  const apiClientId = randomUUID();
  db.prepare(
    `INSERT INTO api_clients (id, tenant_id, name, key_prefix, key_hash, acts_as_user_id, scopes, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '[]', ?)`,
  ).run(apiClientId, input.tenantId, input.name, key.slice(0, KEY_PREFIX_LENGTH), hashApiKey(key), input.actsAsUserId, nowIso());
  return { apiClientId, key };
}
