import type { APIRequestContext, APIResponse } from "@playwright/test";
import type { z } from "zod";
import { putWebhookBodySchema } from "../../lib/alerts/schemas";
import { ackFailureBodySchema, failuresQuerySchema } from "../../lib/failures/schemas";
import { createJobBodySchema, jobPreviewBodySchema } from "../../lib/jobs/schemas";
import { auditQuerySchema } from "../../lib/audit/schemas";
import { editableBodySchema } from "../../lib/integrations/body";
import { bundleUploadSchema, forceQuerySchema, publishBodySchema } from "../../lib/integrations/schemas";
import {
  createSavedViewSchema,
  defaultSavedViewSchema,
  peopleQuerySchema,
  runQuerySchema,
  tenantNameBodySchema,
} from "../../lib/people/schemas";
import { runWorkflowSchema } from "../../lib/schemas/execution";
import { createConfigSchema, createSecretSchema } from "../../lib/schemas/secrets";
import { temporalHistoryQuerySchema } from "../../lib/schemas/temporal";
import { createTriggerSchema, patchTriggerSchema } from "../../lib/schemas/trigger";
import { usageQuerySchema } from "../../lib/schemas/usage";
import { createReviewSchema, putReviewSettingsSchema, triggerConfirmQuerySchema } from "../../lib/reviews/state";
import { groupQuerySchema, putConfigBodySchema, rotateSecretSchema } from "../../lib/secrets/schemas";
import type { SignedInUser } from "./roles";

/**
 * THE inventory of BFF routes (every `app/api/**\/route.ts` × exported method), used by the RBAC
 * matrix, the cross-origin and the fuzz specs; `tests/unit/bff-route-inventory.test.ts` fails when a
 * route file or method exists without a row here (or the other way round).
 */

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Cedar actions the BFF routes reach upstream (contract §1.5, §1.7). */
export type CedarAction =
  | "ReadWorkflow"
  | "UploadWorkflow"
  | "RunWorkflow"
  | "ManageWorkflowTriggers"
  | "CancelWorkflowExecution"
  | "RetryWorkflowExecution"
  | "ManageWorkflowSecrets"
  | "ManageWorkflowConfigs"
  | "ReadIntegrationConfig"
  | "PublishIntegrationConfig"
  | "ManageEventTypes"
  | "ReadUsage";

/**
 * Who may call a route: an upstream Cedar action; any session (no upstream permission); the
 * tenant_admin role (console-owned features such as the audit trail); no
 * session at all; or Auth.js's own endpoints (outside bffRoute, with their own CSRF token).
 */
export type Access =
  { kind: "action"; action: CedarAction } | { kind: "session" } | { kind: "tenantAdmin" } | { kind: "public" } | { kind: "authjs" };

/** Contract §1.4 grants of each demo user's roles, limited to the actions above (test-side copy, on purpose). */
export const USER_ACTIONS: Record<SignedInUser, readonly CedarAction[] | "ALL"> = {
  viewer: ["ReadWorkflow"],
  developer: [
    "ReadWorkflow",
    "UploadWorkflow",
    "RunWorkflow",
    "ManageWorkflowTriggers",
    "CancelWorkflowExecution",
    "RetryWorkflowExecution",
    "ManageEventTypes",
    "ManageWorkflowSecrets",
    "ManageWorkflowConfigs",
  ],
  publisher: ["ReadIntegrationConfig", "PublishIntegrationConfig"],
  admin: "ALL",
  otherAdmin: "ALL",
};

/** Matrix columns: every signed-in user plus no session. */
export type MatrixUser = SignedInUser | "anonymous";
export const MATRIX_USERS: readonly MatrixUser[] = ["viewer", "developer", "publisher", "admin", "otherAdmin", "anonymous"];

/** A signed-in BFF client: same-origin headers on mutations, as the console's own fetches send them. */
export class BffClient {
  constructor(
    readonly request: APIRequestContext,
    readonly origin: string,
  ) {}

  /**
   * Sends one request; `headers` replace the same-origin ones (cross-origin tests). Mutations carry
   * a reason, as the console's dialogs send one (cancel, rotate, delete and rollback require it).
   */
  send(method: Method, path: string, body?: unknown, headers?: Record<string, string>): Promise<APIResponse> {
    const sameOrigin: Record<string, string> =
      method === "GET" ? {} : { origin: this.origin, "sec-fetch-site": "same-origin", "x-audit-reason": "e2e%20matrix" };
    return this.request.fetch(path, { method, headers: headers ?? sameOrigin, data: body, failOnStatusCode: false });
  }

  /** Sends and returns `data` of a 2xx, or throws with the status and body. */
  async data<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const res = await this.send(method, path, body);
    const text = await res.text();
    if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()} ${text.slice(0, 300)}`);
    return (JSON.parse(text) as { data: T }).data;
  }
}

/** Seeded ids the rows build their requests from, read once through the admin's session. */
export interface Fixtures {
  /** Unique per run, so throw-away keys never collide with other specs or an earlier run. */
  prefix: string;
  admin: BffClient;
  other: BffClient;
  /** quote-accepted-deposit v0.3.0 (TENANT, executable, has an enabled trigger). */
  ownWorkflowId: string;
  /** move-milestone-notifier 1.0.0, a GLOBAL row the demo tenant has already forked (fork → 409). */
  forkedGlobalId: string;
  /** A COMPLETED execution (real Temporal) or null without one (then execution rows expect 404). */
  execution: { workflowId: string; id: string } | null;
  /** The demo tenant's own integration (has its TENANT lineage) and its active version. */
  integrationId: string;
  activeVersion: number;
  /** A bundle zip of the active config and the editable body read from it. */
  bundleZipBase64: string;
  editableBody: Record<string, unknown>;
}

interface WorkflowRow {
  id: string;
  name: string;
  version: string;
  visibility: string;
}

/** Reads the fixtures; fails loudly when the seed is not what the rows rely on. */
export async function loadFixtures(admin: BffClient, other: BffClient): Promise<Fixtures> {
  const workflows = await admin.data<WorkflowRow[]>("GET", "/api/workflows");
  const find = (name: string, version: string, visibility: string) => {
    const row = workflows.find((w) => w.name === name && w.version === version && w.visibility === visibility);
    if (!row) throw new Error(`seed lacks ${name}@${version} (${visibility})`);
    return row.id;
  };
  const executions = await admin.data<{ items: Array<{ id: string; workflowId: string; status: string }> }>(
    "GET",
    "/api/executions?limit=100",
  );
  const completed = executions.items.find((e) => e.status === "COMPLETED");
  const config = await admin.data<{ integrationId: string; version: number }>("GET", "/api/integrations/demo_partner/config");
  const bundle = await admin.data<{ zipBase64: string }>("GET", `/api/integrations/${config.integrationId}/bundle`);
  const read = await admin.data<{ ok: boolean; body?: Record<string, unknown> }>(
    "POST",
    `/api/integrations/${config.integrationId}/bundle/read`,
    {
      zipBase64: bundle.zipBase64,
    },
  );
  if (!read.ok || !read.body) throw new Error("the active bundle of demo_partner did not read back into a body");
  return {
    prefix: `MX${Date.now().toString(36).toUpperCase()}`,
    admin,
    other,
    ownWorkflowId: find("quote-accepted-deposit", "0.3.0", "TENANT"),
    forkedGlobalId: find("move-milestone-notifier", "1.0.0", "GLOBAL"),
    execution: completed ? { workflowId: completed.workflowId, id: completed.id } : null,
    integrationId: config.integrationId,
    activeVersion: config.version,
    bundleZipBase64: bundle.zipBase64,
    editableBody: read.body,
  };
}

/** One concrete request of a row for one user, with what undoes its effect. */
export interface Prepared {
  path: string;
  body?: unknown;
  /** Runs after the request whatever it answered (`data` of a 2xx, else null). */
  cleanup?: (data: unknown) => Promise<void>;
}

type Statuses = readonly number[] | ((fx: Fixtures) => readonly number[]);

export interface BffRouteRow {
  /** Route file under app/api. */
  file: string;
  method: Method;
  /** Path template with `:param` segments. */
  path: string;
  access: Access;
  mutates: boolean;
  /** Statuses a demo-tenant user holding the action gets for `build`'s request. */
  allowed: Statuses;
  /** Statuses the other tenant's admin gets for the same request (demo-tenant ids → 404). */
  otherTenant: Statuses;
  /** Builds the request for one user (creating throw-away objects as needed). */
  build: (fx: Fixtures, user: MatrixUser) => Promise<Prepared>;
  /** Schemas the BFF parses (fuzz keeps only inputs they reject); `query: "strict"` = unknown keys refused. */
  bodySchema?: z.ZodType;
  querySchema?: z.ZodType;
  strictQuery?: boolean;
  /** A well-formed id that exists nowhere may still answer 200 (a list that is simply empty). */
  emptyForUnknownIds?: boolean;
}

/** A valid-looking id that exists nowhere (fuzz targets, cross-origin targets that must not exist). */
export const NOWHERE = {
  id: "00000000-0000-4000-8000-00000000f022",
  executionId: "00000000-0000-4000-8000-00000000f023",
  triggerId: "00000000-0000-4000-8000-00000000f024",
  key: "ZZ_MATRIX_NOWHERE",
  integrationId: "zz_matrix_nowhere",
  version: "987654",
  eventId: "987654",
  fingerprint: "fffffffffffffff0",
} as const;

/** Which tenant's admin cleans up after a user (the other tenant writes into its own tenant). */
function ownerOf(fx: Fixtures, user: MatrixUser): BffClient {
  return user === "otherAdmin" ? fx.other : fx.admin;
}

const ignore = async (p: Promise<unknown>) => {
  await p.catch(() => undefined);
};

async function throwAwayVariable(fx: Fixtures, kind: "secrets" | "configs", tag: string, user: MatrixUser): Promise<string> {
  const key = `${fx.prefix}_${tag}_${user}`;
  await fx.admin.data("POST", `/api/${kind}`, { key, group: "matrix", value: "throw-away", description: "rbac matrix" });
  return key;
}

async function throwAwayTrigger(fx: Fixtures, enabled: boolean): Promise<string> {
  // Fires on 1 January at 03:00 only: never during a test run.
  const trigger = await fx.admin.data<{ id: string }>("POST", `/api/workflows/${fx.ownWorkflowId}/triggers`, {
    kind: "SCHEDULE",
    cronExpression: "0 3 1 1 *",
    enabled,
  });
  return trigger.id;
}

/** Integration ids are free-form slugs: a TENANT lineage can be published under any of them. */
export function throwAwayIntegrationId(fx: Fixtures, tag: string): string {
  return `${fx.prefix.toLowerCase()}_${tag.toLowerCase()}`;
}

async function throwAwayLineage(fx: Fixtures, tag: string): Promise<string> {
  const id = throwAwayIntegrationId(fx, tag);
  await fx.admin.data("POST", `/api/integrations/${id}/config`, fx.editableBody);
  return id;
}

const deleteTrigger = (fx: Fixtures, id: string) => ignore(fx.admin.send("DELETE", `/api/workflows/${fx.ownWorkflowId}/triggers/${id}`));
const execPath = (fx: Fixtures, suffix = "") =>
  `/api/workflows/${fx.execution?.workflowId ?? fx.ownWorkflowId}/executions/${fx.execution?.id ?? NOWHERE.executionId}${suffix}`;
const execStatuses = (found: number) => (fx: Fixtures) => (fx.execution ? [found] : [404]);
const dataId = (data: unknown): string | null =>
  data && typeof data === "object" && "id" in data && typeof data.id === "string" ? data.id : null;

const read = (action: CedarAction): Access => ({ kind: "action", action });

export const BFF_ROUTES: readonly BffRouteRow[] = [
  // --- any /api path no route serves: the 404 envelope, with or without a session ---------------
  ...(["GET", "POST", "PUT", "PATCH", "DELETE"] as const).map((method): BffRouteRow => ({
    file: "[...path]/route.ts",
    method,
    path: "/api/[...path]",
    access: { kind: "public" },
    mutates: false,
    allowed: [404],
    otherTenant: [404],
    build: async () => ({ path: "/api/matrix/no/such/route" }),
  })),
  // --- session, health, Auth.js ---------------------------------------------------------------
  {
    file: "auth/[...nextauth]/route.ts",
    method: "GET",
    path: "/api/auth/session",
    access: { kind: "authjs" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/auth/session" }),
  },
  {
    file: "auth/[...nextauth]/route.ts",
    method: "POST",
    path: "/api/auth/signout",
    access: { kind: "authjs" },
    mutates: true,
    allowed: [200, 302],
    otherTenant: [200, 302],
    build: async () => ({ path: "/api/auth/signout" }),
  },
  {
    file: "health/route.ts",
    method: "GET",
    path: "/api/health",
    access: { kind: "public" },
    mutates: false,
    allowed: [200, 503],
    otherTenant: [200, 503],
    build: async () => ({ path: "/api/health" }),
  },
  {
    file: "health/live/route.ts",
    method: "GET",
    path: "/api/health/live",
    access: { kind: "public" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/health/live" }),
  },
  {
    file: "health/ready/route.ts",
    method: "GET",
    path: "/api/health/ready",
    access: { kind: "public" },
    mutates: false,
    allowed: [200, 503],
    otherTenant: [200, 503],
    build: async () => ({ path: "/api/health/ready" }),
  },
  {
    file: "audit/route.ts",
    method: "GET",
    path: "/api/audit",
    access: { kind: "tenantAdmin" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    querySchema: auditQuerySchema,
    strictQuery: true,
    build: async () => ({ path: "/api/audit?limit=5" }),
  },
  {
    file: "me/route.ts",
    method: "GET",
    path: "/api/me",
    access: { kind: "session" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/me" }),
  },
  // Both summaries are optional: a side the user may not read comes back null, never a 403.
  {
    file: "requirements/route.ts",
    method: "GET",
    path: "/api/requirements",
    access: { kind: "session" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/requirements" }),
  },
  {
    file: "event-types/route.ts",
    method: "GET",
    path: "/api/event-types",
    access: read("ManageEventTypes"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/event-types" }),
  },
  // Each tenant admin reads its own tenant's usage; the year is the only query the route takes.
  {
    file: "usage/route.ts",
    method: "GET",
    path: "/api/usage",
    access: read("ReadUsage"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    querySchema: usageQuerySchema,
    build: async () => ({ path: "/api/usage" }),
  },

  // --- people (issue #16): names, the tenant's display name, saved executions views (console store) ---
  {
    file: "people/route.ts",
    method: "GET",
    path: "/api/people",
    access: { kind: "session" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    querySchema: peopleQuerySchema,
    strictQuery: true,
    emptyForUnknownIds: true,
    build: async () => ({ path: `/api/people?ids=${NOWHERE.id}` }),
  },
  {
    file: "tenant/route.ts",
    method: "GET",
    path: "/api/tenant",
    access: { kind: "session" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/tenant" }),
  },
  {
    // Sets the tenant's current name again (null stays null), so the matrix leaves the header as it found it.
    file: "tenant/route.ts",
    method: "PUT",
    path: "/api/tenant",
    access: { kind: "tenantAdmin" },
    mutates: true,
    allowed: [200],
    otherTenant: [200],
    bodySchema: tenantNameBodySchema,
    build: async (fx, user) => {
      const current = await ownerOf(fx, user).data<{ displayName: string | null }>("GET", "/api/tenant");
      return { path: "/api/tenant", body: { displayName: current.displayName } };
    },
  },
  {
    file: "saved-views/route.ts",
    method: "GET",
    path: "/api/saved-views",
    access: { kind: "session" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/saved-views" }),
  },
  {
    // Shared, so the tenant's admin can remove it afterwards whoever saved it.
    file: "saved-views/route.ts",
    method: "POST",
    path: "/api/saved-views",
    access: { kind: "session" },
    mutates: true,
    allowed: [201],
    otherTenant: [201],
    bodySchema: createSavedViewSchema,
    build: async (fx, user) => ({
      path: "/api/saved-views",
      body: { name: `${fx.prefix} matrix ${user}`, query: "status=FAILED", shared: true },
      cleanup: async (data) => {
        const id = dataId(data);
        if (id) await ignore(ownerOf(fx, user).send("DELETE", `/api/saved-views/${id}`));
      },
    }),
  },
  {
    // A shared view the demo admin saved: its owner (a tenant admin) deletes it; other roles may not (403), the
    // other tenant cannot see it (404). Its owner or any tenant admin may delete a shared view; here both are the admin.
    file: "saved-views/[viewId]/route.ts",
    method: "DELETE",
    path: "/api/saved-views/:viewId",
    access: { kind: "tenantAdmin" },
    mutates: true,
    allowed: [200],
    otherTenant: [404],
    build: async (fx, user) => {
      const view = await fx.admin.data<{ id: string }>("POST", "/api/saved-views", {
        name: `${fx.prefix} delete ${user}`,
        query: "status=FAILED",
        shared: true,
      });
      return { path: `/api/saved-views/${view.id}`, cleanup: () => ignore(fx.admin.send("DELETE", `/api/saved-views/${view.id}`)) };
    },
  },
  {
    file: "saved-views/default/route.ts",
    method: "PUT",
    path: "/api/saved-views/default",
    access: { kind: "session" },
    mutates: true,
    allowed: [200],
    otherTenant: [200],
    bodySchema: defaultSavedViewSchema,
    build: async () => ({ path: "/api/saved-views/default", body: { viewId: null } }),
  },

  // --- configs ---------------------------------------------------------------------------------
  {
    file: "configs/route.ts",
    method: "GET",
    path: "/api/configs",
    access: read("ManageWorkflowConfigs"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    querySchema: groupQuerySchema,
    strictQuery: true,
    build: async () => ({ path: "/api/configs" }),
  },
  {
    file: "configs/route.ts",
    method: "POST",
    path: "/api/configs",
    access: read("ManageWorkflowConfigs"),
    mutates: true,
    allowed: [201],
    otherTenant: [201],
    bodySchema: createConfigSchema,
    build: async (fx, user) => {
      const key = `${fx.prefix}_CN_${user}`;
      return {
        path: "/api/configs",
        body: { key, group: "matrix", value: "v" },
        cleanup: () => ignore(ownerOf(fx, user).send("DELETE", `/api/configs/${key}?group=matrix`)),
      };
    },
  },
  {
    file: "configs/[key]/route.ts",
    method: "PUT",
    path: "/api/configs/:key",
    access: read("ManageWorkflowConfigs"),
    mutates: true,
    allowed: [200],
    otherTenant: [200],
    bodySchema: putConfigBodySchema,
    build: async (fx, user) => {
      const key = `${fx.prefix}_CP_${user}`;
      return {
        path: `/api/configs/${key}`,
        body: { group: "matrix", value: "v" },
        cleanup: () => ignore(ownerOf(fx, user).send("DELETE", `/api/configs/${key}?group=matrix`)),
      };
    },
  },
  {
    file: "configs/[key]/route.ts",
    method: "DELETE",
    path: "/api/configs/:key",
    access: read("ManageWorkflowConfigs"),
    mutates: true,
    allowed: [200],
    otherTenant: [404],
    querySchema: groupQuerySchema,
    strictQuery: true,
    build: async (fx, user) => {
      const key = await throwAwayVariable(fx, "configs", "CD", user);
      return {
        path: `/api/configs/${key}?group=matrix`,
        cleanup: () => ignore(fx.admin.send("DELETE", `/api/configs/${key}?group=matrix`)),
      };
    },
  },

  // --- secrets ---------------------------------------------------------------------------------
  {
    file: "secrets/route.ts",
    method: "GET",
    path: "/api/secrets",
    access: read("ManageWorkflowSecrets"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    querySchema: groupQuerySchema,
    strictQuery: true,
    build: async () => ({ path: "/api/secrets" }),
  },
  {
    file: "secrets/route.ts",
    method: "POST",
    path: "/api/secrets",
    access: read("ManageWorkflowSecrets"),
    mutates: true,
    allowed: [201],
    otherTenant: [201],
    bodySchema: createSecretSchema,
    build: async (fx, user) => {
      const key = `${fx.prefix}_SN_${user}`;
      return {
        path: "/api/secrets",
        body: { key, group: "matrix", value: "matrix-value" },
        cleanup: () => ignore(ownerOf(fx, user).send("DELETE", `/api/secrets/${key}?group=matrix`)),
      };
    },
  },
  {
    file: "secrets/[key]/route.ts",
    method: "DELETE",
    path: "/api/secrets/:key",
    access: read("ManageWorkflowSecrets"),
    mutates: true,
    allowed: [200],
    otherTenant: [404],
    querySchema: groupQuerySchema,
    strictQuery: true,
    build: async (fx, user) => {
      const key = await throwAwayVariable(fx, "secrets", "SD", user);
      return {
        path: `/api/secrets/${key}?group=matrix`,
        cleanup: () => ignore(fx.admin.send("DELETE", `/api/secrets/${key}?group=matrix`)),
      };
    },
  },
  {
    // The other tenant's rotate finds nothing to delete, so it simply creates the key in its own tenant.
    file: "secrets/[key]/rotate/route.ts",
    method: "POST",
    path: "/api/secrets/:key/rotate",
    access: read("ManageWorkflowSecrets"),
    mutates: true,
    allowed: [201],
    otherTenant: [201],
    bodySchema: rotateSecretSchema,
    build: async (fx, user) => {
      const key = await throwAwayVariable(fx, "secrets", "SR", user);
      return {
        path: `/api/secrets/${key}/rotate`,
        body: { group: "matrix", value: "rotated" },
        cleanup: async () => {
          await ignore(fx.admin.send("DELETE", `/api/secrets/${key}?group=matrix`));
          if (user === "otherAdmin") await ignore(fx.other.send("DELETE", `/api/secrets/${key}?group=matrix`));
        },
      };
    },
  },

  // --- workflows -------------------------------------------------------------------------------
  {
    file: "workflows/route.ts",
    method: "GET",
    path: "/api/workflows",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    strictQuery: true,
    build: async () => ({ path: "/api/workflows?includeRetired=true" }),
  },
  {
    file: "workflows/[id]/route.ts",
    method: "GET",
    path: "/api/workflows/:id",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [404],
    build: async (fx) => ({ path: `/api/workflows/${fx.ownWorkflowId}` }),
  },
  // Business review (issue #18): any reader of workflows may review; the summary covers the caller's own tenant.
  {
    file: "workflows/[id]/reviews/route.ts",
    method: "GET",
    path: "/api/workflows/:id/reviews",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [404],
    build: async (fx) => ({ path: `/api/workflows/${fx.ownWorkflowId}/reviews` }),
  },
  {
    file: "workflows/[id]/reviews/route.ts",
    method: "POST",
    path: "/api/workflows/:id/reviews",
    access: read("ReadWorkflow"),
    mutates: true,
    allowed: [201],
    otherTenant: [404],
    bodySchema: createReviewSchema,
    build: async (fx) => ({ path: `/api/workflows/${fx.ownWorkflowId}/reviews`, body: { verdict: "matches", note: "rbac matrix" } }),
  },
  {
    file: "reviews/route.ts",
    method: "GET",
    path: "/api/reviews",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/reviews" }),
  },
  {
    file: "settings/review/route.ts",
    method: "GET",
    path: "/api/settings/review",
    access: { kind: "session" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/settings/review" }),
  },
  // Left off: the matrix must not change how other specs' trigger requests are answered.
  {
    file: "settings/review/route.ts",
    method: "PUT",
    path: "/api/settings/review",
    access: { kind: "tenantAdmin" },
    mutates: true,
    allowed: [200],
    otherTenant: [200],
    bodySchema: putReviewSettingsSchema,
    build: async () => ({ path: "/api/settings/review", body: { requireReviewBeforeTriggers: false } }),
  },
  // Failure alerts (issue #17): tenant admins only. The PUT points at a loopback port nothing listens
  // on and puts back what it found (the previous URL, or no webhook), so no message leaves the machine.
  {
    file: "alerts/webhook/route.ts",
    method: "GET",
    path: "/api/alerts/webhook",
    access: { kind: "tenantAdmin" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/alerts/webhook" }),
  },
  {
    file: "alerts/webhook/route.ts",
    method: "PUT",
    path: "/api/alerts/webhook",
    access: { kind: "tenantAdmin" },
    mutates: true,
    allowed: [200],
    otherTenant: [200],
    bodySchema: putWebhookBodySchema,
    build: async (fx, user) => {
      const owner = ownerOf(fx, user);
      const before = await owner.data<{ webhook: { url: string } | null }>("GET", "/api/alerts/webhook");
      return {
        path: "/api/alerts/webhook",
        body: { url: "http://127.0.0.1:9/rbac-matrix" },
        cleanup: async () => {
          await ignore(
            before.webhook
              ? owner.send("PUT", "/api/alerts/webhook", { url: before.webhook.url })
              : owner.send("DELETE", "/api/alerts/webhook"),
          );
        },
      };
    },
  },
  // 404 when no webhook is set (the matrix's own PUT puts the tenant back as it was).
  {
    file: "alerts/webhook/route.ts",
    method: "DELETE",
    path: "/api/alerts/webhook",
    access: { kind: "tenantAdmin" },
    mutates: true,
    allowed: [200, 404],
    otherTenant: [200, 404],
    build: async () => ({ path: "/api/alerts/webhook" }),
  },
  {
    file: "alerts/webhook/test/route.ts",
    method: "POST",
    path: "/api/alerts/webhook/test",
    access: { kind: "tenantAdmin" },
    mutates: true,
    allowed: [200, 404],
    otherTenant: [200, 404],
    build: async () => ({ path: "/api/alerts/webhook/test" }),
  },
  {
    file: "workflows/[id]/download/route.ts",
    method: "GET",
    path: "/api/workflows/:id/download",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [404],
    build: async (fx) => ({ path: `/api/workflows/${fx.ownWorkflowId}/download` }),
  },
  {
    // The demo tenant already forked this GLOBAL row: an allowed caller gets the business 409 (no write);
    // the other tenant really forks it (201; 409 when an earlier run left its fork) and retires the copy.
    file: "workflows/[id]/fork/route.ts",
    method: "POST",
    path: "/api/workflows/:id/fork",
    access: read("UploadWorkflow"),
    mutates: true,
    allowed: [409],
    otherTenant: [201, 409],
    build: async (fx, user) => ({
      path: `/api/workflows/${fx.forkedGlobalId}/fork`,
      cleanup: async (data) => {
        const id = dataId(data);
        if (user === "otherAdmin" && id) await ignore(fx.other.send("POST", `/api/workflows/${id}/retire`));
      },
    }),
  },
  {
    // Guarded by a throw-away ENABLED trigger, an allowed retire is always the business 409 WORKFLOW_IN_USE.
    file: "workflows/[id]/retire/route.ts",
    method: "POST",
    path: "/api/workflows/:id/retire",
    access: read("UploadWorkflow"),
    mutates: true,
    allowed: [409],
    otherTenant: [404],
    build: async (fx) => {
      const guard = await throwAwayTrigger(fx, true);
      return { path: `/api/workflows/${fx.ownWorkflowId}/retire`, cleanup: () => deleteTrigger(fx, guard) };
    },
  },
  {
    file: "workflows/[id]/run/route.ts",
    method: "POST",
    path: "/api/workflows/:id/run",
    access: read("RunWorkflow"),
    mutates: true,
    bodySchema: runWorkflowSchema,
    querySchema: runQuerySchema,
    strictQuery: true,
    // Without Temporal the contract's 502 (TEMPORAL_START_FAILED) is the allowed answer.
    allowed: () => (process.env.E2E_TEMPORAL === "1" ? [201] : [502]),
    otherTenant: [404],
    build: async (fx) => ({
      path: `/api/workflows/${fx.ownWorkflowId}/run`,
      body: { input: { quoteId: "q-matrix", totalCents: 1 }, mode: "dry_run" },
    }),
  },
  {
    file: "workflows/[id]/triggers/route.ts",
    method: "GET",
    path: "/api/workflows/:id/triggers",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [404],
    build: async (fx) => ({ path: `/api/workflows/${fx.ownWorkflowId}/triggers` }),
  },
  {
    file: "workflows/[id]/triggers/route.ts",
    method: "POST",
    path: "/api/workflows/:id/triggers",
    access: read("ManageWorkflowTriggers"),
    mutates: true,
    allowed: [201],
    otherTenant: [404],
    bodySchema: createTriggerSchema,
    querySchema: triggerConfirmQuerySchema,
    strictQuery: true,
    build: async (fx) => ({
      path: `/api/workflows/${fx.ownWorkflowId}/triggers`,
      body: { kind: "SCHEDULE", cronExpression: "0 3 1 1 *", enabled: false },
      cleanup: async (data) => {
        const id = dataId(data);
        if (id) await deleteTrigger(fx, id);
      },
    }),
  },
  {
    file: "workflows/[id]/triggers/[triggerId]/route.ts",
    method: "PATCH",
    path: "/api/workflows/:id/triggers/:triggerId",
    access: read("ManageWorkflowTriggers"),
    mutates: true,
    allowed: [200],
    otherTenant: [404],
    bodySchema: patchTriggerSchema,
    querySchema: triggerConfirmQuerySchema,
    strictQuery: true,
    build: async (fx) => {
      const id = await throwAwayTrigger(fx, false);
      return {
        path: `/api/workflows/${fx.ownWorkflowId}/triggers/${id}`,
        body: { cronExpression: "0 4 1 1 *" },
        cleanup: () => deleteTrigger(fx, id),
      };
    },
  },
  {
    file: "workflows/[id]/triggers/[triggerId]/route.ts",
    method: "DELETE",
    path: "/api/workflows/:id/triggers/:triggerId",
    access: read("ManageWorkflowTriggers"),
    mutates: true,
    allowed: [200],
    otherTenant: [404],
    build: async (fx) => {
      const id = await throwAwayTrigger(fx, false);
      return { path: `/api/workflows/${fx.ownWorkflowId}/triggers/${id}`, cleanup: () => deleteTrigger(fx, id) };
    },
  },

  // --- executions ------------------------------------------------------------------------------
  {
    file: "failures/route.ts",
    method: "GET",
    path: "/api/failures",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    querySchema: failuresQuerySchema,
    strictQuery: true,
    build: async () => ({ path: "/api/failures" }),
  },
  // Bulk jobs: creating one needs the single action's permission (retry here); the fixture's run is
  // COMPLETED, so a retry job of it has nothing to do (422) and nothing is stored.
  {
    file: "jobs/route.ts",
    method: "GET",
    path: "/api/jobs",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    strictQuery: true,
    build: async () => ({ path: "/api/jobs" }),
  },
  {
    file: "jobs/route.ts",
    method: "POST",
    path: "/api/jobs",
    access: read("RetryWorkflowExecution"),
    mutates: true,
    bodySchema: createJobBodySchema,
    allowed: execStatuses(422),
    otherTenant: [404],
    build: async (fx) => ({
      path: "/api/jobs",
      body: {
        kind: "retry",
        expectedCount: 1,
        selection: {
          type: "executions",
          executions: [{ workflowId: fx.execution?.workflowId ?? fx.ownWorkflowId, executionId: fx.execution?.id ?? NOWHERE.executionId }],
        },
      },
    }),
  },
  {
    file: "jobs/preview/route.ts",
    method: "POST",
    path: "/api/jobs/preview",
    access: read("RetryWorkflowExecution"),
    mutates: false,
    bodySchema: jobPreviewBodySchema,
    allowed: execStatuses(200),
    otherTenant: [404],
    build: async (fx) => ({
      path: "/api/jobs/preview",
      body: {
        kind: "retry",
        selection: {
          type: "executions",
          executions: [{ workflowId: fx.execution?.workflowId ?? fx.ownWorkflowId, executionId: fx.execution?.id ?? NOWHERE.executionId }],
        },
      },
    }),
  },
  {
    file: "jobs/[id]/route.ts",
    method: "GET",
    path: "/api/jobs/:id",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [404],
    otherTenant: [404],
    build: async () => ({ path: `/api/jobs/${NOWHERE.id}` }),
  },
  {
    file: "jobs/[id]/abort/route.ts",
    method: "POST",
    path: "/api/jobs/:id/abort",
    access: read("RetryWorkflowExecution"),
    mutates: true,
    allowed: [404],
    otherTenant: [404],
    build: async () => ({ path: `/api/jobs/${NOWHERE.id}/abort` }),
  },
  // Acknowledging is support work (retry permission); each tenant acknowledges in its own store rows.
  {
    file: "failures/acks/route.ts",
    method: "POST",
    path: "/api/failures/acks",
    access: read("RetryWorkflowExecution"),
    mutates: true,
    bodySchema: ackFailureBodySchema,
    allowed: [200],
    otherTenant: [200],
    build: async (fx, user) => ({
      path: "/api/failures/acks",
      body: { fingerprint: NOWHERE.fingerprint, lastSeen: new Date().toISOString() },
      cleanup: () => ignore(ownerOf(fx, user).send("DELETE", `/api/failures/acks/${NOWHERE.fingerprint}`)),
    }),
  },
  {
    file: "failures/acks/[fingerprint]/route.ts",
    method: "DELETE",
    path: "/api/failures/acks/:fingerprint",
    access: read("RetryWorkflowExecution"),
    mutates: true,
    allowed: [404],
    otherTenant: [404],
    build: async () => ({ path: "/api/failures/acks/ffffffffffffff01" }),
  },
  {
    file: "executions/route.ts",
    method: "GET",
    path: "/api/executions",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    strictQuery: true,
    build: async () => ({ path: "/api/executions?limit=5" }),
  },
  {
    file: "workflows/[id]/executions/[executionId]/route.ts",
    method: "GET",
    path: "/api/workflows/:id/executions/:executionId",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: execStatuses(200),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx) }),
  },
  {
    file: "workflows/[id]/executions/[executionId]/history/route.ts",
    method: "GET",
    path: "/api/workflows/:id/executions/:executionId/history",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: execStatuses(200),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx, "/history") }),
  },
  // Temporal reads (issue #15): ids come from the execution row read as the user; another tenant's ids are 404.
  {
    file: "workflows/[id]/executions/[executionId]/temporal/history/route.ts",
    method: "GET",
    path: "/api/workflows/:id/executions/:executionId/temporal/history",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: execStatuses(200),
    otherTenant: [404],
    querySchema: temporalHistoryQuerySchema,
    strictQuery: true,
    build: async (fx) => ({ path: execPath(fx, "/temporal/history") }),
  },
  {
    file: "workflows/[id]/executions/[executionId]/temporal/state/route.ts",
    method: "GET",
    path: "/api/workflows/:id/executions/:executionId/temporal/state",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: execStatuses(200),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx, "/temporal/state") }),
  },
  {
    file: "workflows/[id]/executions/[executionId]/temporal/events/[eventId]/route.ts",
    method: "GET",
    path: "/api/workflows/:id/executions/:executionId/temporal/events/:eventId",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: execStatuses(200),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx, "/temporal/events/1") }),
  },
  // The export carries every payload: it needs RunWorkflow (checked before the row is looked up).
  {
    file: "workflows/[id]/executions/[executionId]/history/export/route.ts",
    method: "GET",
    path: "/api/workflows/:id/executions/:executionId/history/export",
    access: read("RunWorkflow"),
    mutates: false,
    allowed: execStatuses(200),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx, "/history/export") }),
  },
  // Lineage and who cancelled: read through the execution row as the caller, so another tenant gets 404.
  {
    file: "workflows/[id]/executions/[executionId]/accountability/route.ts",
    method: "GET",
    path: "/api/workflows/:id/executions/:executionId/accountability",
    access: read("ReadWorkflow"),
    mutates: false,
    allowed: execStatuses(200),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx, "/accountability") }),
  },
  // A COMPLETED execution: cancel and retry are refused by business rule (409), after the permission check.
  {
    file: "workflows/[id]/executions/[executionId]/cancel/route.ts",
    method: "POST",
    path: "/api/workflows/:id/executions/:executionId/cancel",
    access: read("CancelWorkflowExecution"),
    mutates: true,
    allowed: execStatuses(409),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx, "/cancel") }),
  },
  {
    file: "workflows/[id]/executions/[executionId]/retry/route.ts",
    method: "POST",
    path: "/api/workflows/:id/executions/:executionId/retry",
    access: read("RetryWorkflowExecution"),
    mutates: true,
    allowed: execStatuses(409),
    otherTenant: [404],
    build: async (fx) => ({ path: execPath(fx, "/retry") }),
  },

  // --- integrations ----------------------------------------------------------------------------
  // Integration ids are global slugs: the other tenant sees the GLOBAL config and works on its own lineage.
  // The upstream serves the mapping DSL's JSON Schema without a permission; the BFF still wants a session.
  {
    file: "integrations/mapping-schema/route.ts",
    method: "GET",
    path: "/api/integrations/mapping-schema",
    access: { kind: "session" },
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/integrations/mapping-schema" }),
  },
  {
    file: "integrations/route.ts",
    method: "GET",
    path: "/api/integrations",
    access: read("ReadIntegrationConfig"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async () => ({ path: "/api/integrations" }),
  },
  {
    file: "integrations/[integrationId]/config/route.ts",
    method: "GET",
    path: "/api/integrations/:integrationId/config",
    access: read("ReadIntegrationConfig"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async (fx) => ({ path: `/api/integrations/${fx.integrationId}/config` }),
  },
  {
    file: "integrations/[integrationId]/bundle/route.ts",
    method: "GET",
    path: "/api/integrations/:integrationId/bundle",
    access: read("ReadIntegrationConfig"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    build: async (fx) => ({ path: `/api/integrations/${fx.integrationId}/bundle` }),
  },
  // Reads an uploaded zip locally (nothing is sent upstream); inflating is work on the console, so the BFF asks for the publish permission itself.
  {
    file: "integrations/[integrationId]/bundle/read/route.ts",
    method: "POST",
    path: "/api/integrations/:integrationId/bundle/read",
    access: read("PublishIntegrationConfig"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    bodySchema: bundleUploadSchema,
    build: async (fx) => ({ path: `/api/integrations/${fx.integrationId}/bundle/read`, body: { zipBase64: fx.bundleZipBase64 } }),
  },
  {
    file: "integrations/[integrationId]/config/versions/route.ts",
    method: "GET",
    path: "/api/integrations/:integrationId/config/versions",
    access: read("ReadIntegrationConfig"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    emptyForUnknownIds: true,
    build: async (fx) => ({ path: `/api/integrations/${fx.integrationId}/config/versions` }),
  },
  {
    file: "integrations/[integrationId]/config/versions/[version]/route.ts",
    method: "GET",
    path: "/api/integrations/:integrationId/config/versions/:version",
    access: read("ReadIntegrationConfig"),
    mutates: false,
    allowed: [200],
    otherTenant: [404],
    build: async (fx) => ({ path: `/api/integrations/${fx.integrationId}/config/versions/${fx.activeVersion}` }),
  },
  {
    file: "integrations/[integrationId]/config/validate/route.ts",
    method: "POST",
    path: "/api/integrations/:integrationId/config/validate",
    access: read("PublishIntegrationConfig"),
    mutates: false,
    allowed: [200],
    otherTenant: [200],
    bodySchema: editableBodySchema,
    build: async (fx) => ({ path: `/api/integrations/${fx.integrationId}/config/validate`, body: fx.editableBody }),
  },
  {
    // Any integration id may get a TENANT lineage: publishes go to a throw-away id, deleted afterwards.
    file: "integrations/[integrationId]/config/route.ts",
    method: "POST",
    path: "/api/integrations/:integrationId/config",
    access: read("PublishIntegrationConfig"),
    mutates: true,
    allowed: [201],
    otherTenant: [201],
    bodySchema: publishBodySchema,
    build: async (fx, user) => {
      const id = throwAwayIntegrationId(fx, `p_${user}`);
      return {
        path: `/api/integrations/${id}/config`,
        body: fx.editableBody,
        cleanup: () => ignore(ownerOf(fx, user).send("DELETE", `/api/integrations/${id}/config`)),
      };
    },
  },
  {
    // Version 1 of a throw-away lineage the demo admin publishes; the other tenant has no such lineage (404).
    file: "integrations/[integrationId]/config/rollback/[version]/route.ts",
    method: "POST",
    path: "/api/integrations/:integrationId/config/rollback/:version",
    access: read("PublishIntegrationConfig"),
    mutates: true,
    allowed: [201],
    otherTenant: [404],
    build: async (fx, user) => {
      const id = await throwAwayLineage(fx, `r_${user}`);
      return {
        path: `/api/integrations/${id}/config/rollback/1`,
        cleanup: () => ignore(fx.admin.send("DELETE", `/api/integrations/${id}/config`)),
      };
    },
  },
  {
    // The demo tenant has its overlay (409 CONFLICT without force); the other tenant forks for real and deletes it.
    file: "integrations/[integrationId]/config/fork/route.ts",
    method: "POST",
    path: "/api/integrations/:integrationId/config/fork",
    access: read("PublishIntegrationConfig"),
    mutates: true,
    allowed: [409],
    otherTenant: [201],
    querySchema: forceQuerySchema,
    build: async (fx, user) => ({
      path: `/api/integrations/${fx.integrationId}/config/fork`,
      cleanup: async (data) => {
        if (user === "otherAdmin" && data) await ignore(fx.other.send("DELETE", `/api/integrations/${fx.integrationId}/config`));
      },
    }),
  },
  {
    // A throw-away lineage of the demo tenant: its users delete it (200); the other tenant cannot see it (404).
    file: "integrations/[integrationId]/config/route.ts",
    method: "DELETE",
    path: "/api/integrations/:integrationId/config",
    access: read("PublishIntegrationConfig"),
    mutates: true,
    allowed: [200],
    otherTenant: [404],
    querySchema: forceQuerySchema,
    build: async (fx, user) => {
      const id = await throwAwayLineage(fx, `d_${user}`);
      return { path: `/api/integrations/${id}/config`, cleanup: () => ignore(fx.admin.send("DELETE", `/api/integrations/${id}/config`)) };
    },
  },
];

/** Statuses `user` must get from `row` (contract grants; 401 without a session). */
export function expectedStatuses(row: BffRouteRow, user: MatrixUser, fx: Fixtures): readonly number[] {
  const resolve = (s: Statuses) => (typeof s === "function" ? s(fx) : s);
  if (row.access.kind === "public") return resolve(row.allowed);
  if (user === "anonymous") return [401];
  if (row.access.kind === "action") {
    const grants = USER_ACTIONS[user];
    if (grants !== "ALL" && !grants.includes(row.access.action)) return [403];
  }
  if (row.access.kind === "tenantAdmin" && user !== "admin" && user !== "otherAdmin") return [403];
  return resolve(user === "otherAdmin" ? row.otherTenant : row.allowed);
}

/** `:param` names of a path template, in order. */
export function paramNames(row: BffRouteRow): string[] {
  return [...row.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? "");
}

/** Fills a path template; `values` override the nowhere ids, and are used as given (already encoded). */
export function fillPath(row: BffRouteRow, values: Partial<Record<string, string>> = {}): string {
  return row.path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? (NOWHERE as Record<string, string>)[name] ?? "x");
}

/** The rows the BFF wrapper serves (the Auth.js endpoints and health are outside it). */
export const BFF_WRAPPED_ROUTES = BFF_ROUTES.filter((r) => r.access.kind !== "authjs" && r.access.kind !== "public");

/** The catch-all's rows (one per method). */
export const FALLBACK_ROUTES = BFF_ROUTES.filter((r) => r.file === "[...path]/route.ts");

/**
 * Everything a BFF write could change, read through both tenants' admins: variables, workflows
 * (retired too), the own workflow's triggers and executions, integration lineages. Equal
 * snapshots before and after a batch of refused requests mean they wrote nothing.
 */
export async function stateSnapshot(fx: Fixtures): Promise<Record<string, unknown>> {
  const snap: Record<string, unknown> = {};
  for (const [tenant, client] of [
    ["demo", fx.admin],
    ["other", fx.other],
  ] as const) {
    snap[`${tenant} secrets`] = await client.data("GET", "/api/secrets");
    snap[`${tenant} configs`] = await client.data("GET", "/api/configs");
    snap[`${tenant} workflows`] = await client.data("GET", "/api/workflows?includeRetired=true");
    snap[`${tenant} integrations`] = await client.data("GET", "/api/integrations");
    snap[`${tenant} lineage`] = await client.data("GET", `/api/integrations/${fx.integrationId}/config/versions`);
  }
  snap["demo triggers"] = await fx.admin.data("GET", `/api/workflows/${fx.ownWorkflowId}/triggers`);
  const runs = await fx.admin.data<{ items: Array<{ id: string }> }>("GET", `/api/executions?workflow=${fx.ownWorkflowId}&limit=100`);
  snap["demo executions"] = runs.items.map((e) => e.id).sort();
  return snap;
}
