import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { nowIso } from "../db";
import { DEMO_TENANT, DEMO_USERS, PLATFORM_TENANT, TENANTS } from "../identities";
import { createServiceAccountWithKey } from "../lib/api-keys";

/** One seeded service-account key (sandbox dev credential, written to `<stateDir>/seed-keys.json`). */
export interface SeedKey {
  tenantId: string;
  userId: string;
  roles: string[];
  key: string;
}

/** `<stateDir>/seed-keys.json`: `demo` publishes the demo tenant's workflows, `platform` the GLOBAL ones. */
export interface SeedKeys {
  demo: SeedKey;
  platform: SeedKey;
}

export const SEED_KEYS_FILE = "seed-keys.json";

/** Fixed ids of the seeded service accounts (stable across resets, like the demo users). */
export const SEED_SERVICE_ACCOUNTS = {
  demo: { userId: "c1000000-0000-4000-8000-000000000001", email: "svc-seed-developer@svc.invalid" },
  platform: { userId: "c0000000-0000-4000-8000-000000000001", email: "svc-platform-publisher@svc.invalid" },
} as const;

/** Seed tenants, demo users, the usage plan and the two seed service accounts into an empty db. */
export function seedBase(db: Db, stateDir: string): SeedKeys {
  const now = nowIso();
  const keys = db.transaction((): SeedKeys => {
    const insertTenant = db.prepare(
      `INSERT INTO tenants (id, slug, name, status, is_platform_tenant, workflows_disabled, created_at, updated_at)
       VALUES (?, ?, ?, 'ACTIVE', ?, 0, ?, ?)`,
    );
    for (const t of TENANTS) insertTenant.run(t.id, t.slug, t.name, t.isPlatformTenant ? 1 : 0, now, now);

    const insertUser = db.prepare(
      `INSERT INTO tenant_users (id, tenant_id, cognito_sub, email, name, role_names, is_service_account, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 'ACTIVE', ?, ?)`,
    );
    for (const u of DEMO_USERS) insertUser.run(u.userId, u.tenantId, u.sub, u.email, u.name, JSON.stringify(u.roles), now, now);

    const year = new Date().getUTCFullYear();
    db.prepare(
      `INSERT INTO tenant_plans (tenant_id, plan_code, name, monthly_price_cents, annual_pool_actions, overage_cents_per_action, effective_from, term_start_month_day)
       VALUES (?, 'growth', 'Growth', 49900, 120000, 2, ?, '01-01')`,
    ).run(DEMO_TENANT.id, `${year}-01-01`);

    const demoRoles = ["workflow_developer", "tenant_admin"];
    const demo = createServiceAccountWithKey(db, {
      tenantId: DEMO_TENANT.id,
      email: SEED_SERVICE_ACCOUNTS.demo.email,
      name: "Seed developer key",
      roleNames: demoRoles,
      clientName: "seed-developer",
      userId: SEED_SERVICE_ACCOUNTS.demo.userId,
    });
    const platformRoles = ["workflow_developer", "tenant_admin"];
    const platform = createServiceAccountWithKey(db, {
      tenantId: PLATFORM_TENANT.id,
      email: SEED_SERVICE_ACCOUNTS.platform.email,
      name: "Platform publisher key",
      roleNames: platformRoles,
      clientName: "platform-publisher",
      userId: SEED_SERVICE_ACCOUNTS.platform.userId,
    });
    return {
      demo: { tenantId: DEMO_TENANT.id, userId: demo.userId, roles: demoRoles, key: demo.key },
      platform: { tenantId: PLATFORM_TENANT.id, userId: platform.userId, roles: platformRoles, key: platform.key },
    };
  })();
  const file = path.join(stateDir, SEED_KEYS_FILE);
  writeFileSync(file, JSON.stringify(keys, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return keys;
}
