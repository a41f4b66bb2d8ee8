import { describe, expect, it } from "vitest";
import type { Execution } from "@/lib/schemas/execution";
import {
  failureCode,
  failureFingerprint,
  failureStatus,
  groupFailures,
  normalizeFailureMessage,
  parseSdkApiError,
  scanFailures,
  STUCK_GRACE_MS,
} from "./index";
import { captured } from "./fixtures/captured";

let seq = 0;
function exec(over: Partial<Execution>): Execution {
  seq++;
  const at = over.queuedAt ?? "2026-12-01T10:00:00.000Z";
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, "0")}`,
    tenantId: "t",
    workflowId: "wf-1",
    workflowName: "damage-claim-intake",
    workflowVersion: "0.1.0",
    status: "FAILED",
    input: {},
    result: null,
    errorMessage: null,
    temporalWorkflowId: null,
    temporalRunId: null,
    triggeredByUserId: null,
    triggerSource: "USER",
    triggeredByTriggerId: null,
    dryRun: false,
    queuedAt: at,
    startedAt: at,
    finishedAt: at,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

describe("normalizeFailureMessage", () => {
  it("replaces ids, numbers, phone numbers, e-mails, UUIDs and quoted values", () => {
    const tenantError = captured("tenant code error").message;
    expect(normalizeFailureMessage(tenantError)).not.toMatch(/C-7002|\d/);
    expect(normalizeFailureMessage("send to +15550100004 and 555-0100 failed for ops@atlas.example")).toBe(
      "send to <phone> and <phone> failed for <email>",
    );
    expect(normalizeFailureMessage('order "O-3002" of 3f2b9c1e-8a4d-4e6f-9b1a-2c3d4e5f6a7b: 3 items')).toBe(
      'order "<value>" of <uuid>: <n> items',
    );
    expect(normalizeFailureMessage("move M-2003 and quote q-17 in case-C-4001")).toBe("move <id> and quote <id> in <id>");
    expect(normalizeFailureMessage("HTTP 500 — INTERNAL_ERROR — boom — correlationId=abc-123")).toBe(
      "HTTP <n> — INTERNAL_ERROR — boom — correlationId=<id>",
    );
  });

  it("keeps words, codes and keys that tell causes apart", () => {
    expect(normalizeFailureMessage(captured("unset secret").message)).toContain("Secret not found");
    expect(normalizeFailureMessage("Secret CLAIMS_PORTAL_TOKEN not found")).toContain("CLAIMS_PORTAL_TOKEN");
    expect(normalizeFailureMessage(null)).toBe("");
  });
});

describe("failureCode and parseSdkApiError", () => {
  it("reads the API error out of the SDK's message", () => {
    const secret = captured("unset secret").message;
    expect(parseSdkApiError(secret)).toEqual({ status: 404, code: "NOT_FOUND", message: "Secret not found" });
    expect(failureCode({ status: "FAILED", message: secret })).toBe("NOT_FOUND");
  });
  it("falls back to the exception type, then the status", () => {
    expect(failureCode({ status: "FAILED", message: captured("tenant code error").message })).toBe("CoverageLimitExceeded");
    const t = captured("run past its time limit");
    expect(failureCode({ status: t.status, message: t.message })).toBe("TIMED_OUT");
    expect(failureCode({ status: "REFUSED", code: "CONCURRENCY_LIMIT", message: "x" })).toBe("CONCURRENCY_LIMIT");
  });
});

describe("failureFingerprint", () => {
  it("is stable, and differs by workflow, code or normalised message", () => {
    const a = failureFingerprint({ workflowName: "w", code: "NOT_FOUND", signature: "s" });
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(failureFingerprint({ workflowName: "w", code: "NOT_FOUND", signature: "s" })).toBe(a);
    expect(failureFingerprint({ workflowName: "v", code: "NOT_FOUND", signature: "s" })).not.toBe(a);
    expect(failureFingerprint({ workflowName: "w", code: "FORBIDDEN", signature: "s" })).not.toBe(a);
    expect(failureFingerprint({ workflowName: "w", code: "NOT_FOUND", signature: "t" })).not.toBe(a);
  });
});

describe("failureStatus", () => {
  const now = Date.parse("2026-12-01T12:00:00.000Z");
  it("counts FAILED and TIMED_OUT, not COMPLETED or CANCELLED", () => {
    expect(failureStatus(exec({ status: "FAILED" }), now, null)).toBe("FAILED");
    expect(failureStatus(exec({ status: "TIMED_OUT" }), now, null)).toBe("TIMED_OUT");
    expect(failureStatus(exec({ status: "COMPLETED" }), now, null)).toBeNull();
    expect(failureStatus(exec({ status: "CANCELLED" }), now, null)).toBeNull();
  });
  it("an open run is stuck only past its time limit plus the platform's grace", () => {
    const startedAt = new Date(now - 300_000 - STUCK_GRACE_MS + 1_000).toISOString();
    expect(failureStatus(exec({ status: "RUNNING", startedAt }), now, 300)).toBeNull();
    expect(
      failureStatus(exec({ status: "RUNNING", startedAt: new Date(now - 300_000 - STUCK_GRACE_MS - 1_000).toISOString() }), now, 300),
    ).toBe("STUCK");
    expect(failureStatus(exec({ status: "QUEUED", startedAt: null, queuedAt: new Date(now - 60_000).toISOString() }), now, 300)).toBeNull();
    expect(
      failureStatus(exec({ status: "QUEUED", startedAt: null, queuedAt: new Date(now - STUCK_GRACE_MS - 1).toISOString() }), now, 300),
    ).toBe("STUCK");
  });
});

describe("groupFailures", () => {
  const now = Date.parse("2026-12-03T00:00:00.000Z");
  const secret = captured("damage-claim-intake unset secret");
  const coverage = captured("tenant code error").message;
  const facts = new Map([["wf-1", { timeoutSeconds: 300, missing: secret.missing }]]);

  it("puts runs that differ only in ids and amounts into one group, with counts, days, versions and samples", () => {
    const runs = [
      exec({
        errorMessage: secret.message,
        queuedAt: "2026-12-02T09:00:00.000Z",
        finishedAt: "2026-12-02T09:00:05.000Z",
        workflowVersion: "0.2.0",
      }),
      exec({ errorMessage: coverage, queuedAt: "2026-12-02T08:00:00.000Z", finishedAt: "2026-12-02T08:00:03.000Z" }),
      exec({
        errorMessage: coverage.replace("C-7002", "C-9"),
        queuedAt: "2026-12-01T08:00:00.000Z",
        finishedAt: "2026-12-01T08:00:03.000Z",
      }),
      exec({ errorMessage: secret.message, queuedAt: "2026-12-01T07:00:00.000Z", finishedAt: "2026-12-01T07:00:05.000Z" }),
      exec({
        errorMessage: secret.message,
        queuedAt: "2026-12-01T06:00:00.000Z",
        finishedAt: "2026-12-01T06:00:05.000Z",
        workflowVersion: "0.10.0",
      }),
      exec({ status: "COMPLETED", errorMessage: null }),
      exec({ status: "FAILED", errorMessage: secret.message, workflowName: "other-workflow", workflowId: "wf-2" }),
    ];
    const groups = groupFailures(runs, { now, facts });
    expect(groups).toHaveLength(3);
    const [first, second] = groups;
    expect(first).toMatchObject({
      workflowName: "damage-claim-intake",
      code: "NOT_FOUND",
      count: 3,
      versions: ["0.1.0", "0.2.0", "0.10.0"],
      firstSeen: "2026-12-01T06:00:05.000Z",
      lastSeen: "2026-12-02T09:00:05.000Z",
      sampleExecutionIds: [runs[0]?.id, runs[3]?.id, runs[4]?.id],
      perDay: [
        { day: "2026-12-01", count: 2 },
        { day: "2026-12-02", count: 1 },
      ],
    });
    expect(first?.cause.title).toContain("CLAIMS_PORTAL_TOKEN");
    expect(second).toMatchObject({ code: "CoverageLimitExceeded", count: 2, cause: { rule: "unknown" } });
    // the same error in another workflow is another group, without this workflow's missing key
    expect(groups[2]).toMatchObject({ workflowName: "other-workflow", count: 1, cause: { rule: "secret-missing", fixes: [] } });
  });

  it("keeps at most five samples, newest first", () => {
    const runs = Array.from({ length: 8 }, (_, i) =>
      exec({
        errorMessage: secret.message,
        queuedAt: new Date(now - (i + 1) * 60_000).toISOString(),
        finishedAt: new Date(now - (i + 1) * 60_000).toISOString(),
      }),
    );
    const [g] = groupFailures(runs, { now, facts });
    expect(g?.count).toBe(8);
    expect(g?.sampleExecutionIds).toEqual(runs.slice(0, 5).map((r) => r.id));
    expect(g?.samples[0]).toEqual({ id: runs[0]?.id, workflowId: "wf-1", version: "0.1.0" });
  });
});

describe("scanFailures", () => {
  const now = Date.parse("2026-12-03T00:00:00.000Z");
  const secret = captured("damage-claim-intake unset secret");
  // Two workflows with 300 runs each, one every 10 minutes, every third one failed.
  const byWorkflow = new Map<string, Execution[]>();
  for (const wf of ["wf-a", "wf-b"]) {
    byWorkflow.set(
      wf,
      Array.from({ length: 300 }, (_, i) => {
        const at = new Date(now - (i + 1) * 600_000).toISOString();
        return exec({
          workflowId: wf,
          workflowName: wf,
          status: i % 3 === 0 ? "FAILED" : "COMPLETED",
          errorMessage: i % 3 === 0 ? secret.message : null,
          queuedAt: at,
          finishedAt: at,
        });
      }),
    );
  }
  const fetchPage = async (r: { workflowId: string; before?: string; limit: number }) => {
    const rows = byWorkflow.get(r.workflowId) ?? [];
    const start = r.before ? rows.findIndex((x) => x.id === r.before) + 1 : 0;
    return rows.slice(start, start + r.limit);
  };

  it("reads the whole window when it fits the budget", async () => {
    const since = new Date(now - 24 * 3_600_000).toISOString();
    const scan = await scanFailures({ workflowIds: ["wf-a", "wf-b"], since, now, fetchPage });
    expect(scan).toMatchObject({ complete: true, scanned: 2 * 144 });
    expect(scan.groups.map((g) => [g.workflowName, g.count])).toEqual([
      ["wf-a", 48],
      ["wf-b", 48],
    ]);
  });

  it("stops at the budget and says how far back it got", async () => {
    const since = new Date(now - 10 * 24 * 3_600_000).toISOString();
    const scan = await scanFailures({ workflowIds: ["wf-a", "wf-b"], since, now, fetchPage, maxRuns: 100 });
    expect(scan.complete).toBe(false);
    expect(scan.scanned).toBe(100);
    expect(scan.oldestScanned).toBe(new Date(now - 50 * 600_000).toISOString());
  });
});
