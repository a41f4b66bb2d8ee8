// The business-review BFF routes against the real seeded sandbox (real ID tokens from its issuer,
// real upstream reads) and a real embedded store. Only the cookie step is replaced: the route
// wrapper is bound to a caller chosen per request, exactly as lib/api binds it to the session.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { DEMO_USERS } from "../../sandbox/server/identities";
import { getIdToken } from "../../sandbox/tests/support/tokens";
import { publishTestWorkflow } from "../../e2e/support/publish";

vi.mock("server-only", () => ({}));

const apiUrl = inject("apiUrl");
const issuer = inject("issuer");
const storeDir = mkdtempSync(path.join(os.tmpdir(), "reviews-store-"));
process.env.CONSOLE_STORE_DIR = storeDir;
delete process.env.DATABASE_URL;

const { makeBffRoute } = await import("@/lib/api/route");
const errors = await import("@/lib/api/errors");
const { createPegasusClient } = await import("@/lib/pegasus/transport");
const { getStore, listAuditEvents, recordAuditEvent, storeDb } = await import("@/lib/store");

type Caller = Awaited<ReturnType<Parameters<typeof makeBffRoute>[0]>>;
let caller: Caller = null;
vi.mock("@/lib/api", () => ({
  bffRoute: makeBffRoute(
    async () => caller,
    async (record) => recordAuditEvent(await storeDb(), record),
  ),
  BffRequestError: errors.BffRequestError,
  bffStatusFor: errors.bffStatusFor,
  errorResponse: errors.errorResponse,
}));
const reviewsRoute = await import("@/app/api/workflows/[id]/reviews/route");
const summaryRoute = await import("@/app/api/reviews/route");
const settingsRoute = await import("@/app/api/settings/review/route");
const triggersRoute = await import("@/app/api/workflows/[id]/triggers/route");
const triggerRoute = await import("@/app/api/workflows/[id]/triggers/[triggerId]/route");

const ORIGIN = "http://console.test";
type Who = "viewer@atlas.example" | "dev@atlas.example" | "admin@atlas.example" | "admin@borealis.example" | "publisher@atlas.example";

async function as(email: Who): Promise<void> {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(email);
  const { idToken } = await getIdToken(issuer, email);
  caller = {
    session: {
      expires: "2099-01-01",
      user: { name: user.name, email: user.email, tenantId: user.tenantId, tenantName: null, roles: user.roles },
    },
    pegasus: createPegasusClient({ baseUrl: apiUrl, timeoutMs: 20_000, idToken }),
    sub: user.sub,
  };
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
async function call(
  handler: Handler,
  method: string,
  url: string,
  params: Record<string, string> = {},
  body?: unknown,
): Promise<{ status: number; json: { data?: unknown; error?: { code: string; message: string } } }> {
  const headers: Record<string, string> =
    method === "GET"
      ? {}
      : {
          origin: ORIGIN,
          "sec-fetch-site": "same-origin",
          "content-type": "application/json",
          host: "console.test",
          "x-audit-reason": "contract%20test",
        };
  const res = await handler(
    new Request(`${ORIGIN}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, json: (await res.json()) as { data?: unknown; error?: { code: string; message: string } } };
}

interface ReviewOut {
  verdict: string;
  note: string | null;
  reviewer: { name: string | null; email: string | null };
  diagramSha256: string;
  envelopeDigest: string;
  current: boolean;
}
interface SummaryOut {
  items: Array<{ workflowId: string; version: string; state: string; lastReviewedVersion: { workflowId: string; version: string } | null }>;
}

const name = `review-ct-${Date.now().toString(36)}`;
const diagram = "flowchart TD\n  A[Quote accepted] --> B[Charge deposit]";
let v1 = "";
let v2 = "";

beforeAll(async () => {
  const { idToken } = await getIdToken(issuer, "dev@atlas.example");
  v1 = await publishTestWorkflow(apiUrl, idToken, {
    name,
    version: "0.1.0",
    diagram,
    requiredActions: ["ReadQuote"],
    requiredConfigs: [{ key: "DEPOSIT_PERCENT" }],
  });
  v2 = await publishTestWorkflow(apiUrl, idToken, {
    name,
    version: "0.2.0",
    diagram,
    requiredActions: ["ReadQuote", "SendSms"],
    requiredConfigs: [{ key: "DEPOSIT_PERCENT" }],
  });
});

afterAll(async () => {
  await (await getStore()).close();
  rmSync(storeDir, { recursive: true, force: true });
});

describe("sign-off per version", () => {
  it("a viewer records a review bound to digests the BFF computes; the list marks it current", async () => {
    await as("viewer@atlas.example");
    expect(await call(reviewsRoute.GET, "GET", `/api/workflows/${v1}/reviews`, { id: v1 })).toEqual({ status: 200, json: { data: [] } });
    const created = await call(
      reviewsRoute.POST,
      "POST",
      `/api/workflows/${v1}/reviews`,
      { id: v1 },
      { verdict: "matches", note: "  Deposit is 25 %, as agreed.  " },
    );
    expect(created.status).toBe(201);
    const review = created.json.data as ReviewOut;
    expect(review).toMatchObject({
      verdict: "matches",
      note: "Deposit is 25 %, as agreed.",
      reviewer: { name: "Vera Viewer", email: "viewer@atlas.example" },
      current: true,
    });
    expect(review.diagramSha256).toBe(createHash("sha256").update(diagram).digest("hex"));
    expect(review.envelopeDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const listed = (await call(reviewsRoute.GET, "GET", `/api/workflows/${v1}/reviews`, { id: v1 })).json.data as ReviewOut[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ verdict: "matches", current: true, envelopeDigest: review.envelopeDigest });

    const audit = await listAuditEvents(await storeDb(), DEMO_USERS[0]!.tenantId, { action: "workflow.review" });
    expect(audit.items[0]).toMatchObject({
      target: `workflow:${v1} (matches)`,
      outcome: { status: 201, code: null },
      actor: { email: "viewer@atlas.example" },
    });
  });

  it("refuses bad input with 400 and changes nothing; an unknown id is 404; another tenant gets 404", async () => {
    await as("viewer@atlas.example");
    for (const body of [
      { verdict: "maybe" },
      { verdict: "matches", digest: "x" },
      { note: "no verdict" },
      { verdict: "matches", note: "x".repeat(2001) },
      { verdict: "matches", note: "a\u0000b" },
      "matches",
    ]) {
      const res = await call(reviewsRoute.POST, "POST", `/api/workflows/${v1}/reviews`, { id: v1 }, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error?.code).toBe("VALIDATION_ERROR");
    }
    expect((await call(reviewsRoute.POST, "POST", "/api/workflows/nope/reviews", { id: "nope" }, { verdict: "matches" })).status).toBe(400);
    const unknown = "00000000-0000-4000-8000-00000000abcd";
    expect(
      (await call(reviewsRoute.POST, "POST", `/api/workflows/${unknown}/reviews`, { id: unknown }, { verdict: "matches" })).status,
    ).toBe(404);
    expect((await call(reviewsRoute.GET, "GET", `/api/workflows/${unknown}/reviews`, { id: unknown })).status).toBe(404);
    expect(((await call(reviewsRoute.GET, "GET", `/api/workflows/${v1}/reviews`, { id: v1 })).json.data as ReviewOut[]).length).toBe(1);

    await as("admin@borealis.example");
    expect((await call(reviewsRoute.GET, "GET", `/api/workflows/${v1}/reviews`, { id: v1 })).status).toBe(404);
    expect((await call(reviewsRoute.POST, "POST", `/api/workflows/${v1}/reviews`, { id: v1 }, { verdict: "does_not_match" })).status).toBe(
      404,
    );
    const other = (await call(summaryRoute.GET, "GET", "/api/reviews")).json.data as SummaryOut;
    expect(other.items.some((i) => i.workflowId === v1)).toBe(false);

    await as("publisher@atlas.example");
    expect((await call(reviewsRoute.POST, "POST", `/api/workflows/${v1}/reviews`, { id: v1 }, { verdict: "matches" })).status).toBe(403);
  });

  it("the summary says reviewed, then not yet reviewed for the next version (naming the reviewed one), then out of date when a trigger is added", async () => {
    await as("viewer@atlas.example");
    let summary = (await call(summaryRoute.GET, "GET", "/api/reviews")).json.data as SummaryOut;
    expect(summary.items.find((i) => i.workflowId === v1)).toMatchObject({ state: "reviewed", lastReviewedVersion: null });
    expect(summary.items.find((i) => i.workflowId === v2)).toMatchObject({
      state: "not-reviewed",
      lastReviewedVersion: { workflowId: v1, version: "0.1.0" },
    });

    await as("dev@atlas.example");
    const added = await call(
      triggersRoute.POST,
      "POST",
      `/api/workflows/${v1}/triggers`,
      { id: v1 },
      { kind: "SCHEDULE", cronExpression: "0 3 1 1 *", enabled: false },
    );
    expect(added.status).toBe(201);
    await as("viewer@atlas.example");
    summary = (await call(summaryRoute.GET, "GET", "/api/reviews")).json.data as SummaryOut;
    expect(summary.items.find((i) => i.workflowId === v1)?.state).toBe("out-of-date");
    const listed = (await call(reviewsRoute.GET, "GET", `/api/workflows/${v1}/reviews`, { id: v1 })).json.data as ReviewOut[];
    expect(listed[0]?.current).toBe(false);

    // Taking the added trigger away again restores what was reviewed.
    await as("dev@atlas.example");
    await call(triggerRoute.DELETE, "DELETE", `/api/workflows/${v1}/triggers/x`, {
      id: v1,
      triggerId: (added.json.data as { id: string }).id,
    });
    await as("viewer@atlas.example");
    summary = (await call(summaryRoute.GET, "GET", "/api/reviews")).json.data as SummaryOut;
    expect(summary.items.find((i) => i.workflowId === v1)?.state).toBe("reviewed");
  });
});

describe("require review before enabling a trigger", () => {
  it("only tenant admins change the setting; each change is audited", async () => {
    await as("viewer@atlas.example");
    expect((await call(settingsRoute.GET, "GET", "/api/settings/review")).json.data).toMatchObject({ requireReviewBeforeTriggers: false });
    expect((await call(settingsRoute.PUT, "PUT", "/api/settings/review", {}, { requireReviewBeforeTriggers: true })).status).toBe(403);
    await as("admin@atlas.example");
    expect((await call(settingsRoute.PUT, "PUT", "/api/settings/review", {}, { requireReviewBeforeTriggers: "yes" })).status).toBe(400);
    const on = await call(settingsRoute.PUT, "PUT", "/api/settings/review", {}, { requireReviewBeforeTriggers: true });
    expect(on.status).toBe(200);
    expect(on.json.data).toMatchObject({ requireReviewBeforeTriggers: true, updatedBy: "Ada Admin" });
    const audit = await listAuditEvents(await storeDb(), DEMO_USERS[0]!.tenantId, { action: "settings.review-required" });
    expect(audit.items.map((e) => e.outcome.status)).toEqual([200, 400, 403]);
    // Another tenant's setting is its own.
    await as("admin@borealis.example");
    expect((await call(settingsRoute.GET, "GET", "/api/settings/review")).json.data).toMatchObject({ requireReviewBeforeTriggers: false });
  });

  it("with the setting on, enabling a trigger on an unreviewed version is 409 REVIEW_REQUIRED until confirmed (audited as such); reviewed versions and disabled triggers pass", async () => {
    await as("dev@atlas.example");
    const schedule = { kind: "SCHEDULE", cronExpression: "0 3 1 1 *" };
    const refused = await call(triggersRoute.POST, "POST", `/api/workflows/${v2}/triggers`, { id: v2 }, schedule);
    expect(refused.status).toBe(409);
    expect(refused.json.error?.code).toBe("REVIEW_REQUIRED");
    expect(((await call(triggersRoute.GET, "GET", `/api/workflows/${v2}/triggers`, { id: v2 })).json.data as unknown[]).length).toBe(0);

    const off = await call(triggersRoute.POST, "POST", `/api/workflows/${v2}/triggers`, { id: v2 }, { ...schedule, enabled: false });
    expect(off.status).toBe(201);
    const offId = (off.json.data as { id: string }).id;
    const enable = await call(
      triggerRoute.PATCH,
      "PATCH",
      `/api/workflows/${v2}/triggers/${offId}`,
      { id: v2, triggerId: offId },
      { enabled: true },
    );
    expect(enable.json.error?.code).toBe("REVIEW_REQUIRED");
    expect(
      (
        await call(
          triggerRoute.PATCH,
          "PATCH",
          `/api/workflows/${v2}/triggers/${offId}?confirmUnreviewed=maybe`,
          { id: v2, triggerId: offId },
          { enabled: true },
        )
      ).status,
    ).toBe(400);
    const confirmed = await call(
      triggerRoute.PATCH,
      "PATCH",
      `/api/workflows/${v2}/triggers/${offId}?confirmUnreviewed=true`,
      { id: v2, triggerId: offId },
      { enabled: true },
    );
    expect(confirmed.status).toBe(200);
    expect((confirmed.json.data as { enabled: boolean }).enabled).toBe(true);
    const audit = await listAuditEvents(await storeDb(), DEMO_USERS[0]!.tenantId, { target: offId });
    expect(audit.items.map((e) => [e.action, e.outcome.status])).toEqual([
      ["trigger.enable-unreviewed", 200],
      ["trigger.update", 400],
      ["trigger.update", 409],
    ]);
    await call(triggerRoute.DELETE, "DELETE", `/api/workflows/${v2}/triggers/${offId}`, { id: v2, triggerId: offId });

    // v1 carries a current "matches": no confirmation needed.
    const onReviewed = await call(triggersRoute.POST, "POST", `/api/workflows/${v1}/triggers`, { id: v1 }, schedule);
    expect(onReviewed.status).toBe(201);
    await call(triggerRoute.DELETE, "DELETE", `/api/workflows/${v1}/triggers/x`, {
      id: v1,
      triggerId: (onReviewed.json.data as { id: string }).id,
    });

    await as("admin@atlas.example");
    expect((await call(settingsRoute.PUT, "PUT", "/api/settings/review", {}, { requireReviewBeforeTriggers: false })).status).toBe(200);
    await as("dev@atlas.example");
    const free = await call(triggersRoute.POST, "POST", `/api/workflows/${v2}/triggers`, { id: v2 }, schedule);
    expect(free.status).toBe(201);
    await call(triggerRoute.DELETE, "DELETE", `/api/workflows/${v2}/triggers/x`, {
      id: v2,
      triggerId: (free.json.data as { id: string }).id,
    });
  });
});
