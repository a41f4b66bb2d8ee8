/**
 * Role × route matrix for the core routes, written out by hand from the contract (§1.4, §1.7):
 * a role outside the allowed set gets 403 FORBIDDEN before any other check; an allowed role passes
 * the gate and gets a 2xx or one of the contract's documented 4xx for a dummy id or an empty body
 * (400 VALIDATION_ERROR, 404 NOT_FOUND, 409 CONFLICT): never a 403, never a 5xx.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_TENANT } from "../../server/identities";
import { call } from "../support/api";
import { createKey } from "../support/keys";

const ROLES = ["viewer", "workflow_developer", "integration_publisher", "workflow_runtime", "tenant_admin"] as const;
type Role = (typeof ROLES)[number];

const READERS: Role[] = ["viewer", "workflow_developer", "tenant_admin"];
const DEVS: Role[] = ["workflow_developer", "tenant_admin"];
const RUNTIME: Role[] = ["workflow_runtime", "tenant_admin"];
const id = randomUUID();

const MATRIX: Array<[method: string, path: string, allowed: Role[]]> = [
  ["GET", "/workflows", READERS],
  ["GET", "/workflows/requirements-summary", READERS],
  ["GET", `/workflows/${id}`, READERS],
  ["GET", `/workflows/${id}/download-url`, READERS],
  ["GET", `/workflows/${id}/triggers`, READERS],
  ["POST", "/workflows/upload-url", DEVS],
  ["POST", "/workflows", DEVS],
  ["POST", "/workflows/retire", DEVS],
  ["POST", `/workflows/${id}/retire`, DEVS],
  ["POST", `/workflows/${id}/fork`, DEVS],
  ["POST", `/workflows/${id}/triggers`, DEVS],
  ["PATCH", `/workflows/${id}/triggers/${id}`, DEVS],
  ["DELETE", `/workflows/${id}/triggers/${id}`, DEVS],
  ["GET", "/workflow-secrets-configs/secrets", DEVS],
  ["POST", "/workflow-secrets-configs/secrets", DEVS],
  ["DELETE", "/workflow-secrets-configs/secrets/NOPE", DEVS],
  ["GET", "/workflow-secrets-configs/configs", DEVS],
  ["POST", "/workflow-secrets-configs/configs", DEVS],
  ["PUT", "/workflow-secrets-configs/configs/NOPE", DEVS],
  ["DELETE", "/workflow-secrets-configs/configs/NOPE", DEVS],
  ["GET", "/workflow-secrets-configs/runtime/secrets/NOPE", RUNTIME],
  ["GET", "/workflow-secrets-configs/runtime/configs/NOPE", RUNTIME],
  ["GET", "/event-types", DEVS],
  ["POST", "/event-types", DEVS],
  ["GET", "/event-types/nope", DEVS],
  ["PATCH", "/event-types/nope", DEVS],
  ["DELETE", "/event-types/nope", DEVS],
  ["POST", "/event-types/nope/emit", RUNTIME],
  ["GET", "/usage/summary", ["tenant_admin"]],
];

/** Statuses an allowed role may get for a probe with a dummy id or an empty body. */
const ALLOWED_REFUSALS = new Set([400, 404, 409]);

const keys = {} as Record<Role, string>;
beforeAll(() => {
  for (const role of ROLES) keys[role] = createKey(DEMO_TENANT.id, [role]).key;
});

describe("RBAC matrix (vnd_ keys, one role each)", () => {
  for (const [method, path, allowed] of MATRIX) {
    it(`${method} ${path.replace(id, ":id").replace(id, ":id")}`, async () => {
      for (const role of ROLES) {
        const r = await call(method, path, { token: keys[role], body: method === "GET" || method === "DELETE" ? undefined : {} });
        if (allowed.includes(role)) {
          const passed = (r.status >= 200 && r.status < 300) || ALLOWED_REFUSALS.has(r.status);
          expect(passed, `${role} should pass the gate, got ${r.status} ${String(r.body.code)}`).toBe(true);
        } else expect([r.status, r.body.code], `${role} should be denied`).toEqual([403, "FORBIDDEN"]);
      }
    });
  }
});
