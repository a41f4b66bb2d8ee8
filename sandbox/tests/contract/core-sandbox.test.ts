/**
 * Lifecycle of `startSandbox` itself, on a private instance (free port, temp state folder):
 * base seed, restart persistence, feature flags, the kill switch, hooks and derived domain events.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANT, DEMO_USERS, OTHER_TENANT, TENANTS } from "../../server/identities";
import type { DomainEventRecord } from "../../server/context";
import { pendingArtifactPath } from "../../server/lib/artifacts";
import { recordDomainEvent } from "../../server/lib/domain-events";
import { sweepStaleUploads } from "../../server/lib/upload-sweeper";
import { startSandbox, type RunningSandbox } from "../../server/sandbox";

const dir = mkdtempSync(path.join(os.tmpdir(), "core-sandbox-"));
let sb: RunningSandbox | null = null;

async function start(opts: Parameters<typeof startSandbox>[0] = {}): Promise<RunningSandbox> {
  sb = await startSandbox({ port: 0, stateDir: dir, temporal: false, seed: false, ...opts });
  return sb;
}

async function get(s: RunningSandbox, p: string, token: string): Promise<{ status: number; body: { code?: string; data?: unknown } }> {
  const res = await fetch(`${s.apiUrl}${p}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { code?: string; data?: unknown } };
}

beforeAll(async () => {
  await start({ customEvents: false, workflowsDisabledTenants: [OTHER_TENANT.id] });
});

afterAll(async () => {
  await sb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("startSandbox", () => {
  it("seeds tenants, demo users, seed service accounts and 0600 key files", () => {
    const s = sb as RunningSandbox;
    expect(s.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(s.issuer).toBe(s.apiUrl.replace("/api/v1", "/oidc"));
    const db = s.ctx.db;
    expect((db.prepare("SELECT id FROM tenants ORDER BY id").all() as Array<{ id: string }>).map((t) => t.id)).toEqual(
      TENANTS.map((t) => t.id).sort(),
    );
    for (const u of DEMO_USERS) {
      const row = db.prepare("SELECT id, role_names FROM tenant_users WHERE cognito_sub = ?").get(u.sub) as {
        id: string;
        role_names: string;
      };
      expect(row).toEqual({ id: u.userId, role_names: JSON.stringify(u.roles) });
    }
    for (const f of ["secret.key", "seed-keys.json"]) expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
    const keys = JSON.parse(readFileSync(path.join(dir, "seed-keys.json"), "utf8")) as typeof s.seedKeys;
    expect(keys).toEqual(s.seedKeys);
    expect(keys.demo.key).toMatch(/^vnd_/);
  });

  it("seed keys authenticate; customEvents=false hides /event-types entirely", async () => {
    const s = sb as RunningSandbox;
    expect((await get(s, "/workflows", s.seedKeys.demo.key)).status).toBe(200);
    const r = await get(s, "/event-types", s.seedKeys.demo.key);
    expect([r.status, r.body.code]).toEqual([404, "NOT_FOUND"]);
    expect((await get(s, "/event-types/x", "garbage")).status).toBe(404);
  });

  it("applies the workflows kill switch from configuration", () => {
    const rows = (sb as RunningSandbox).ctx.db.prepare("SELECT id FROM tenants WHERE workflows_disabled = 1").all() as Array<{
      id: string;
    }>;
    expect(rows.map((r) => r.id)).toEqual([OTHER_TENANT.id]);
  });

  it("recordDomainEvent stores the event, derives matching custom types and notifies listeners", async () => {
    const s = sb as RunningSandbox;
    const seen: DomainEventRecord[] = [];
    s.ctx.onDomainEvent.push((e) => {
      seen.push(e);
    });
    const now = new Date().toISOString();
    const ins = s.ctx.db.prepare(
      "INSERT INTO tenant_event_types (id, tenant_id, name, domain_condition, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    ins.run(
      "et-1",
      DEMO_TENANT.id,
      "quote.big_win",
      JSON.stringify({ sourceEventType: "quote.accepted", filter: { path: "amount", op: "gte", value: 1000 } }),
      1,
      now,
      now,
    );
    ins.run("et-2", DEMO_TENANT.id, "quote.any_disabled", JSON.stringify({ sourceEventType: "quote.accepted" }), 0, now, now);
    recordDomainEvent(s.ctx, { tenantId: DEMO_TENANT.id, eventType: "quote.accepted", payload: { amount: 5000 } });
    recordDomainEvent(s.ctx, { tenantId: DEMO_TENANT.id, eventType: "quote.accepted", payload: { amount: 10 } });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.map((e) => e.eventType)).toEqual(["quote.accepted", "quote.big_win", "quote.accepted"]);
    const count = (s.ctx.db.prepare("SELECT COUNT(*) AS n FROM domain_events WHERE tenant_id = ?").get(DEMO_TENANT.id) as { n: number }).n;
    expect(count).toBe(3);
  });

  it("sweeps upload slots that expired more than a day ago, with their pending zips", () => {
    const s = sb as RunningSandbox;
    const ins = s.ctx.db.prepare(
      "INSERT INTO workflow_uploads (workflow_id, tenant_id, name, version, size_bytes, upload_token, expires_at, uploaded_at, created_at) VALUES (?, ?, 'x', '1.0.0', 3, ?, ?, ?, ?)",
    );
    const old = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString();
    const fresh = new Date(Date.now() + 600_000).toISOString();
    ins.run("00000000-0000-4000-8000-0000000000a1", DEMO_TENANT.id, "tok-old", old, old, old);
    ins.run("00000000-0000-4000-8000-0000000000a2", DEMO_TENANT.id, "tok-new", fresh, fresh, fresh);
    for (const id of ["00000000-0000-4000-8000-0000000000a1", "00000000-0000-4000-8000-0000000000a2"]) {
      const f = pendingArtifactPath(s.ctx, id);
      mkdirSync(path.dirname(f), { recursive: true });
      writeFileSync(f, "zip");
    }
    expect(sweepStaleUploads(s.ctx)).toBe(1);
    expect(existsSync(pendingArtifactPath(s.ctx, "00000000-0000-4000-8000-0000000000a1"))).toBe(false);
    expect(existsSync(pendingArtifactPath(s.ctx, "00000000-0000-4000-8000-0000000000a2"))).toBe(true);
    const left = s.ctx.db.prepare("SELECT upload_token FROM workflow_uploads WHERE upload_token LIKE 'tok-%'").all();
    expect(left).toEqual([{ upload_token: "tok-new" }]);
  });

  it("restarts on the same state: data and seed keys persist, hooks run", async () => {
    const before = (sb as RunningSandbox).seedKeys;
    await (sb as RunningSandbox).stop();
    const s = await start();
    expect(s.seedKeys).toEqual(before);
    expect((await get(s, "/workflows", before.demo.key)).status).toBe(200);
    expect((s.ctx.db.prepare("SELECT COUNT(*) AS n FROM domain_events").get() as { n: number }).n).toBe(3);
    // Kill switch follows the new configuration (none configured now).
    expect((s.ctx.db.prepare("SELECT COUNT(*) AS n FROM tenants WHERE workflows_disabled = 1").get() as { n: number }).n).toBe(0);
    // Custom events on by default.
    expect((await get(s, "/event-types", before.demo.key)).status).toBe(200);
    const calls: string[] = [];
    s.ctx.onStop.push(async () => {
      calls.push("first");
    });
    s.ctx.onStop.push(async () => {
      calls.push("second");
    });
    await s.stop();
    expect(calls).toEqual(["second", "first"]);
    sb = await start();
  });
});
