import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ACTION_PERMISSIONS, ALL_ACTIONS, isAllowed, listAllowedPermissions } from "../../server/auth/rbac";
import { parseRolesClaim } from "../../server/auth/middleware";
import { decryptValue, encryptValue, loadOrCreateSecretKey } from "../../server/lib/crypto";

const dir = mkdtempSync(path.join(os.tmpdir(), "core-crypto-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("secret crypto", () => {
  it("creates a 0600 key file once and reuses it", () => {
    const k1 = loadOrCreateSecretKey(dir);
    const k2 = loadOrCreateSecretKey(dir);
    expect(k1.equals(k2)).toBe(true);
    expect(k1.length).toBe(32);
    expect(statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
  });

  it("round-trips, randomizes IVs and binds the tenant id as AAD", () => {
    const key = loadOrCreateSecretKey(dir);
    const a = encryptValue(key, "s3cr3t ✓", "tenant-a");
    expect(a).not.toContain("s3cr3t");
    expect(encryptValue(key, "s3cr3t ✓", "tenant-a")).not.toBe(a);
    expect(decryptValue(key, a, "tenant-a")).toBe("s3cr3t ✓");
    expect(() => decryptValue(key, a, "tenant-b")).toThrow();
    const tampered = Buffer.from(a, "base64");
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    expect(() => decryptValue(key, tampered.toString("base64"), "tenant-a")).toThrow();
  });
});

describe("role → action table", () => {
  it("tenant_admin holds every action", () => {
    expect(listAllowedPermissions(["tenant_admin"])).toEqual(ALL_ACTIONS.map((a) => ACTION_PERMISSIONS[a]));
  });

  it("workflow_developer: workflows, secrets, configs, event types; no integration config, usage or runtime reads", () => {
    const p = listAllowedPermissions(["workflow_developer"]);
    expect(p).toEqual(
      expect.arrayContaining([
        "workflow:read",
        "workflow:upload",
        "workflow:run",
        "workflow:manage_triggers",
        "workflow:cancel_execution",
        "workflow:retry_execution",
        "workflow_secret:manage",
        "workflow_config:manage",
        "event_type:manage",
        "ingress:manage",
      ]),
    );
    for (const denied of [
      "integration_config:read",
      "integration_config:publish",
      "usage:read",
      "workflow_secret:read",
      "event_type:emit",
    ]) {
      expect(p).not.toContain(denied);
    }
  });

  it("viewer reads workflows only; integration_publisher only integration config", () => {
    expect(isAllowed(["viewer"], "ReadWorkflow")).toBe(true);
    expect(isAllowed(["viewer"], "RunWorkflow")).toBe(false);
    expect(listAllowedPermissions(["integration_publisher"])).toEqual(["integration_config:read", "integration_config:publish"]);
  });

  it("workflow_runtime reads secrets/configs and emits events but cannot manage or read workflows", () => {
    expect(isAllowed(["workflow_runtime"], "ReadWorkflowSecret")).toBe(true);
    expect(isAllowed(["workflow_runtime"], "ReadWorkflowConfig")).toBe(true);
    expect(isAllowed(["workflow_runtime"], "EmitTenantEvent")).toBe(true);
    expect(isAllowed(["workflow_runtime"], "ManageWorkflowSecrets")).toBe(false);
    expect(isAllowed(["workflow_runtime"], "ReadWorkflow")).toBe(false);
  });

  it("unknown or malformed roles grant nothing", () => {
    expect(listAllowedPermissions(["root", "__proto__", "constructor"])).toEqual([]);
    expect(parseRolesClaim('["viewer"]')).toEqual(["viewer"]);
    expect(parseRolesClaim("viewer")).toEqual([]);
    expect(parseRolesClaim('{"a":1}')).toEqual([]);
    expect(parseRolesClaim('["viewer", 3]')).toEqual([]);
  });
});
