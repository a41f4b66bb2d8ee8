import { expect, test, type APIResponse } from "@playwright/test";
import { z } from "zod";
import { bffErrorSchema } from "../lib/schemas/common";
import { mePermissionsSchema } from "../lib/schemas/permissions";
import { workflowSchema } from "../lib/schemas/workflow";
import { storageStatePath } from "./support/roles";

async function envelope(res: APIResponse) {
  return bffErrorSchema.parse(await res.json()).error;
}

test.describe("BFF contract (tenant admin)", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("GET /api/workflows and /api/workflows/:id return schema-valid {data}", async ({ request }) => {
    const list = await request.get("/api/workflows");
    expect(list.status()).toBe(200);
    const rows = z.object({ data: z.array(workflowSchema) }).parse(await list.json()).data;
    expect(rows.length).toBeGreaterThan(0);
    const first = rows[0];
    if (!first) throw new Error("no workflows seeded");
    const one = await request.get(`/api/workflows/${first.id}`);
    expect(one.status()).toBe(200);
    expect(z.object({ data: workflowSchema }).parse(await one.json()).data.id).toBe(first.id);
  });

  test("bad input is a 400 envelope, never a 5xx", async ({ request }) => {
    const badId = await request.get("/api/workflows/not-a-uuid");
    expect(badId.status()).toBe(400);
    expect(await envelope(badId)).toMatchObject({ code: "VALIDATION_ERROR" });
    const badQuery = await request.get("/api/workflows?includeRetired=maybe");
    expect(badQuery.status()).toBe(400);
  });

  test("an upstream 404 keeps its status and code", async ({ request }) => {
    const res = await request.get("/api/workflows/00000000-0000-4000-8000-00000000dead");
    expect(res.status()).toBe(404);
    const error = await envelope(res);
    expect(error.code).toBe("NOT_FOUND");
    expect(error.requestId.length).toBeGreaterThan(0);
  });

  test("GET /api/me returns the caller's roles and permission strings", async ({ request }) => {
    const res = await request.get("/api/me");
    const me = z.object({ data: mePermissionsSchema }).parse(await res.json()).data;
    expect(me.roles).toEqual(["tenant_admin"]);
    expect(me.permissions).toEqual(expect.arrayContaining(["workflow:read", "workflow_secret:manage", "integration_config:read"]));
  });
});

test.describe("BFF contract (integration publisher)", () => {
  test.use({ storageState: storageStatePath("publisher") });

  test("an upstream Cedar deny is a 403 FORBIDDEN envelope", async ({ request }) => {
    const res = await request.get("/api/workflows");
    expect(res.status()).toBe(403);
    expect(await envelope(res)).toMatchObject({ code: "FORBIDDEN" });
  });
});
