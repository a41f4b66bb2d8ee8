import { describe, expect, it } from "vitest";
import { addKeyHref, classifyFailure, FAILURE_RULE_IDS, type FailureRuleId } from "./index";
import { parseSecretsUrl } from "@/lib/secrets/url";
import { CAPTURED, captured } from "./fixtures/captured";

// Rules whose shape the sandbox cannot produce from a run (see the report in the test below).
const NOT_FROM_A_RUN: readonly FailureRuleId[] = ["email-provider-not-connected", "input-not-decoded", "stuck"];

describe("the cause catalog on captured real failures", () => {
  it.each(CAPTURED.map((c) => [c.case, c] as const))("%s", (_name, c) => {
    const cause = classifyFailure({ status: c.status, code: c.code, message: c.message, missing: c.missing });
    expect(cause.rule).toBe(c.rule);
    if (c.rule === "unknown") {
      expect(cause.explanation).toBe(c.message);
      expect(cause.owner).toBeNull();
    } else {
      expect(cause.owner).not.toBeNull();
      expect(cause.fix).toBeTruthy();
    }
  });

  it("every rule but the ones no run can produce has a captured case", () => {
    for (const rule of FAILURE_RULE_IDS) {
      if (NOT_FROM_A_RUN.includes(rule)) continue;
      expect(
        CAPTURED.some((c) => c.rule === rule),
        `rule ${rule} has no captured failure`,
      ).toBe(true);
    }
  });

  it("names the unset secret from the workflow's missing requirements, with a link that opens the prefilled add form", () => {
    const c = captured("damage-claim-intake unset secret");
    const cause = classifyFailure({ status: c.status, message: c.message, missing: c.missing });
    expect(cause.title).toContain("CLAIMS_PORTAL_TOKEN");
    expect(cause.owner).toBe("tenant admin");
    expect(cause.fixes).toEqual([{ label: "Add CLAIMS_PORTAL_TOKEN", href: "/secrets?group=claims&add=CLAIMS_PORTAL_TOKEN&kind=secret" }]);
    const href = cause.fixes[0]?.href ?? "";
    expect(parseSecretsUrl(new URL(href, "http://x").searchParams)).toEqual({
      group: "claims",
      add: { key: "CLAIMS_PORTAL_TOKEN", kind: "secret" },
    });
  });

  it("names a config key the same way, and a key the message names wins over the declared ones", () => {
    const c = captured("unset config");
    const cause = classifyFailure({ status: c.status, message: c.message, missing: c.missing });
    expect(cause.fixes[0]).toEqual({ label: "Add FAILURE_PROBE_SETTING", href: addKeyHref("CONFIG", "FAILURE_PROBE_SETTING", "probe") });
    const named = classifyFailure({ status: "FAILED", message: 'HTTP 404 — NOT_FOUND — Secret "OTHER_KEY" not found', missing: c.missing });
    expect(named.fixes.map((f) => f.label)).toEqual(["Add OTHER_KEY"]);
  });

  it("without a name and without declared keys, says so instead of guessing a key", () => {
    const c = captured("unset secret");
    const cause = classifyFailure({ status: c.status, message: c.message, missing: [] });
    expect(cause.rule).toBe("secret-missing");
    expect(cause.fixes).toEqual([]);
    expect(cause.explanation).toContain("does not name the key");
  });

  it("e-mail provider, undecodable input and stuck runs (shapes no sandbox run produces)", () => {
    expect(classifyFailure({ status: "FAILED", message: "PegasusApiError: HTTP 404 — NOT_FOUND — SendGrid is not connected" }).rule).toBe(
      "email-provider-not-connected",
    );
    expect(classifyFailure({ status: "FAILED", message: "Failed decoding arguments: payload could not be converted" }).rule).toBe(
      "input-not-decoded",
    );
    expect(classifyFailure({ status: "STUCK", message: null }).rule).toBe("stuck");
  });

  it("a run Temporal could not start is Pegasus support's, refused (code) or as a FAILED row (message only)", () => {
    const c = captured("temporal down at start");
    const refused = classifyFailure({ status: c.status, code: c.code, message: c.message });
    expect(refused).toMatchObject({ rule: "temporal-start-failed", owner: "Pegasus support", fixes: [] });
    expect(refused.fix).toMatch(/Retry/);
    expect(classifyFailure({ status: "FAILED", message: c.message }).rule).toBe("temporal-start-failed");
  });

  it("an unknown shape keeps its raw message, never a guess", () => {
    const cause = classifyFailure({ status: "FAILED", message: "KeyError: 'moveId'" });
    expect(cause).toMatchObject({ rule: "unknown", explanation: "KeyError: 'moveId'", owner: null, fix: null, fixes: [] });
  });
});
