// Captures the failure string of a run Pegasus could not start because Temporal is down, from a
// private sandbox whose Temporal cannot start (its gRPC port is held by a socket that never speaks
// gRPC, as in sandbox/tests/contract/exec-temporal-down.test.ts), and checks the cause catalog
// classifies it. `CAPTURE_FAILURES=1` writes the case into lib/failures/fixtures/captured-failures.json
// (the unit tests replay it); without it, a live string whose fingerprint differs from the
// committed one fails the test.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RunningSandbox } from "../../sandbox/server/sandbox";
import { apiClient } from "../../sandbox/tests/runner/exec-helpers";
import { startTemporalDownSandbox, type TemporalDownSandbox } from "../../sandbox/tests/runner/temporal-down";
import { classifyFailure, failureCode, normalizeFailureMessage } from "@/lib/failures";
import type { Captured } from "@/lib/failures/fixtures/captured";

const venv = inject("venv");
const FIXTURE = path.join(import.meta.dirname, "../../lib/failures/fixtures/captured-failures.json");
const CASE = "temporal down at start";

let down: TemporalDownSandbox;
let sandbox: RunningSandbox;
let stateDir = "";
let wfId = "";

beforeAll(async () => {
  down = await startTemporalDownSandbox(venv, "temporal-down-probe");
  ({ sandbox, stateDir, wfId } = down);
}, 180_000);

afterAll(async () => {
  await down?.stop();
});

describe("a run Temporal cannot start", () => {
  it("is refused with TEMPORAL_START_FAILED and classified as temporal-start-failed", async () => {
    const api = apiClient(sandbox.apiUrl, sandbox.seedKeys.demo.key);
    const r = await api("POST", `/workflows/${wfId}/run`, { input: {} });
    expect(r.status).toBe(502);
    // The reason names this sandbox's throw-away folder (random letters): kept out of the capture so
    // the committed fingerprint does not depend on it.
    const c: Captured = {
      case: CASE,
      rule: "temporal-start-failed",
      workflowName: "temporal-down-probe",
      status: "REFUSED",
      code: r.body.code ?? null,
      message: String(r.body.error).replaceAll(stateDir, "<state-dir>"),
      missing: [],
    };
    const cause = classifyFailure({ status: c.status, code: c.code, message: c.message });
    expect(cause.rule, c.message).toBe("temporal-start-failed");
    // The message alone (a FAILED row carries no separate code) is enough too.
    expect(classifyFailure({ status: "FAILED", message: c.message }).rule).toBe("temporal-start-failed");

    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as { note: string; failures: Captured[] };
    if (process.env.CAPTURE_FAILURES === "1") {
      fixture.failures = [...fixture.failures.filter((f) => f.case !== CASE), c];
      writeFileSync(FIXTURE, JSON.stringify(fixture, null, 2) + "\n");
      return;
    }
    const before = fixture.failures.find((f) => f.case === CASE);
    expect(before, `${CASE} is in the fixture (re-capture with CAPTURE_FAILURES=1)`).toBeDefined();
    const sig = (x: Captured) => [x.status, failureCode(x), normalizeFailureMessage(x.message)];
    expect(sig(c), "the sandbox's wording changed; re-capture and review the catalog").toEqual(sig(before as Captured));
  }, 60_000);
});
