import { describe, expect, it } from "vitest";
import { attemptOutcome, backoffDelayMs, backoffSchedule, MAX_ATTEMPTS } from "./backoff";
import { alertMessage, attentionLink } from "./message";
import { webhookUrlSchema } from "./schemas";
import { sealSecret, unsealSecret } from "./seal";
import { newSigningSecret, parseSignatureHeader, signBody, verifySignature } from "./signature";

const KEY = "whsec_fixed-test-key";
const BODY = JSON.stringify({ id: "a1", type: "failure_group.new", tenant: "t1" });
const T = 1_764_600_000;

describe("webhook signature", () => {
  it("signs t.body with HMAC-SHA256 under the secret (values from openssl dgst -sha256 -hmac)", () => {
    // printf '%s' "1764600000.<body>" | openssl dgst -sha256 -hmac whsec_fixed-test-key
    expect(signBody(KEY, BODY, T)).toBe("t=1764600000,v1=6c5ec8a29d9cc322d8f03abaeaa66a9c375234fd2df931acf417cdff5a5ef317");
    // printf '%s' "1.{}" | openssl dgst -sha256 -hmac key
    expect(signBody("key", "{}", 1)).toBe("t=1,v1=1ba6b8171186efc613e8bcc0cbdab2748f24984d7c5a84faa2637afa0e40d224");
  });

  it("verifies with the same key, and fails for a tampered body, another key, another t or an old t", () => {
    const header = signBody(KEY, BODY, T);
    expect(verifySignature(KEY, BODY, header, T)).toBe(true);
    expect(verifySignature(KEY, BODY.replace("t1", "t2"), header, T)).toBe(false);
    expect(verifySignature(KEY, `${BODY} `, header, T)).toBe(false);
    expect(verifySignature("whsec_other", BODY, header, T)).toBe(false);
    expect(verifySignature(KEY, BODY, header.replace(`t=${T}`, `t=${T + 1}`), T)).toBe(false);
    expect(verifySignature(KEY, BODY, header, T + 301)).toBe(false);
    expect(verifySignature(KEY, BODY, header, T + 299)).toBe(true);
  });

  it("rejects malformed headers", () => {
    for (const h of [null, "", "t=1", "v1=abc", `t=x,v1=${"0".repeat(64)}`, `t=${T},v1=${"0".repeat(63)}`]) {
      expect(parseSignatureHeader(h)).toBeNull();
      expect(verifySignature(KEY, BODY, h, T)).toBe(false);
    }
  });

  it("new secrets are random and prefixed", () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(newSigningSecret()).not.toBe(a);
  });
});

describe("retry schedule", () => {
  it("doubles from 1 s over 5 attempts", () => {
    expect(MAX_ATTEMPTS).toBe(5);
    expect(backoffSchedule()).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(backoffDelayMs(1)).toBe(1_000);
    expect(backoffDelayMs(3)).toBe(4_000);
  });

  it("retries network errors, 5xx and 429; other statuses are final", () => {
    expect(attemptOutcome(200)).toBe("delivered");
    expect(attemptOutcome(204)).toBe("delivered");
    expect(attemptOutcome(null)).toBe("retry");
    expect(attemptOutcome(500)).toBe("retry");
    expect(attemptOutcome(503)).toBe("retry");
    expect(attemptOutcome(429)).toBe("retry");
    expect(attemptOutcome(400)).toBe("final");
    expect(attemptOutcome(404)).toBe("final");
    expect(attemptOutcome(301)).toBe("final");
  });
});

describe("sealed signing secret", () => {
  it("round-trips under the same key and fails under another or when altered", () => {
    const sealed = sealSecret("whsec_abc", "auth-secret-1");
    expect(sealed).not.toContain("whsec_abc");
    expect(unsealSecret(sealed, "auth-secret-1")).toBe("whsec_abc");
    expect(unsealSecret(sealed, "auth-secret-2")).toBeNull();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("whsec_abd").toString("base64url");
    expect(unsealSecret(parts.join("."), "auth-secret-1")).toBeNull();
    expect(unsealSecret("garbage", "auth-secret-1")).toBeNull();
  });
});

describe("webhook URL", () => {
  it("accepts absolute http(s) URLs only", () => {
    expect(webhookUrlSchema.safeParse("https://hooks.example.com/p?x=1").success).toBe(true);
    expect(webhookUrlSchema.safeParse("http://127.0.0.1:8080/in").success).toBe(true);
    for (const bad of [
      "",
      "hooks.example.com",
      "ftp://x.example/",
      "javascript:alert(1)",
      "file:///etc/passwd",
      "https://user:pw@x.example/",
      "/relative",
      `https://x.example/${"a".repeat(2_000)}`,
    ]) {
      expect(webhookUrlSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe("alert message", () => {
  it("carries the group's facts, the normalised message and a link, never the raw message", () => {
    const m = alertMessage({
      id: "m1",
      type: "failure_group.new",
      tenant: "t1",
      sentAt: new Date("2026-12-01T10:00:00Z"),
      origin: "https://console.example",
      group: {
        fingerprint: "0123456789abcdef",
        workflowName: "damage-claim-intake",
        status: "FAILED",
        count: 3,
        firstSeen: "2026-12-01T09:00:00.000Z",
        lastSeen: "2026-12-01T09:30:00.000Z",
        signature: "HTTP <n> — NOT_FOUND — Secret not found",
        cause: { title: "Secret CLAIMS_PORTAL_TOKEN is not set", owner: "tenant admin" },
      },
    });
    expect(m.group?.link).toBe("https://console.example/executions/attention?days=7&workflow=damage-claim-intake");
    expect(m).toMatchObject({ id: "m1", type: "failure_group.new", tenant: "t1", sentAt: "2026-12-01T10:00:00.000Z" });
    expect(Object.keys(m.group ?? {}).sort()).toEqual([
      "cause",
      "count",
      "fingerprint",
      "firstSeen",
      "lastSeen",
      "link",
      "message",
      "status",
      "workflowName",
    ]);
    expect(attentionLink("http://localhost:3000", null)).toBe("http://localhost:3000/executions/attention?days=7");
    expect(attentionLink("", "damage-claim-intake")).toBe("/executions/attention?days=7&workflow=damage-claim-intake");
  });
});
