import { describe, expect, it } from "vitest";
import type { IntegrationRequirementsSummary } from "@/lib/schemas/floor";
import type { RequirementsSummary } from "@/lib/schemas/workflow";
import {
  compareGroups,
  consumersOf,
  formatSecretsUrl,
  groupEntries,
  groupProblem,
  indexDeclaredKeys,
  keyProblem,
  listMissingKeys,
  OneTimeValue,
  parseSecretsUrl,
  validateConfigEdit,
  validateConfigForm,
  validateSecretForm,
} from "@/lib/secrets";

type Req = RequirementsSummary["workflows"][number]["requirements"][number];
const req = (kind: Req["kind"], group: string, key: string, present: boolean, description: string | null = null): Req => ({
  kind,
  group,
  key,
  present,
  description,
});

function workflow(id: string, name: string, version: string, requirements: Req[], visibility: "GLOBAL" | "TENANT" = "TENANT") {
  return { workflowId: id, name, version, visibility, requirements, missingCount: requirements.filter((r) => !r.present).length };
}

const workflows: RequirementsSummary = {
  workflows: [
    workflow("w1", "quote-accepted-deposit", "0.3.0", [
      req("SECRET", "billing", "PAYMENTS_API_KEY", true),
      req("CONFIG", "billing", "DEPOSIT_PERCENT", true),
    ]),
    workflow("w2", "quote-accepted-deposit", "0.2.0", [req("SECRET", "billing", "PAYMENTS_API_KEY", true)]),
    workflow("w3", "damage-claim-intake", "0.1.0", [req("SECRET", "claims", "CLAIMS_PORTAL_TOKEN", false, "Claims portal token")]),
    workflow("w4", "order-saved-sms", "0.2.0", [req("CONFIG", "notifications", "QUIET_HOURS", false)]),
    workflow("w5", "move-milestone-notifier", "1.0.0", [req("CONFIG", "global", "REGION", false)], "GLOBAL"),
    workflow("w6", "move-milestone-notifier", "1.0.0", [req("CONFIG", "global", "REGION", false, "Region code")]),
  ],
  totalMissing: 4,
};

const integrations: IntegrationRequirementsSummary = {
  integrations: [
    {
      integrationId: "demo_partner",
      displayName: "Demo Partner",
      requirements: [
        req("SECRET", "billing", "PAYMENTS_API_KEY", true),
        req("CONFIG", "global", "REGION", false),
        req("CONFIG", "", "ACCOUNT", false),
      ],
      missingCount: 2,
    },
    { integrationId: "no_name", displayName: null, requirements: [req("CONFIG", "notifications", "QUIET_HOURS", false)], missingCount: 1 },
  ],
  totalMissing: 3,
};

describe("dependents cross-reference", () => {
  const index = indexDeclaredKeys({ workflows, integrations });

  it("names every workflow version and integration declaring a (kind, group, key), workflows first", () => {
    expect(consumersOf(index, "SECRET", "billing", "PAYMENTS_API_KEY").map((c) => c.label)).toEqual([
      "quote-accepted-deposit@0.2.0",
      "quote-accepted-deposit@0.3.0",
      "Demo Partner",
    ]);
  });

  it("keeps kind and group apart: same key elsewhere has no consumers", () => {
    expect(consumersOf(index, "CONFIG", "billing", "PAYMENTS_API_KEY")).toEqual([]);
    expect(consumersOf(index, "SECRET", "global", "PAYMENTS_API_KEY")).toEqual([]);
  });

  it("labels platform rows and falls back to the integration id without a display name", () => {
    expect(consumersOf(index, "CONFIG", "global", "REGION").map((c) => c.label)).toEqual([
      "move-milestone-notifier@1.0.0",
      "move-milestone-notifier@1.0.0 (platform)",
      "Demo Partner",
    ]);
    expect(consumersOf(index, "CONFIG", "notifications", "QUIET_HOURS").map((c) => `${c.type}:${c.label}`)).toEqual([
      "workflow:order-saved-sms@0.2.0",
      "integration:no_name",
    ]);
  });

  it("treats a missing group as global", () => {
    expect(consumersOf(index, "CONFIG", "global", "ACCOUNT").map((c) => c.id)).toEqual(["demo_partner"]);
  });

  it("works with a summary the user may not read (fail open)", () => {
    const onlyIntegrations = indexDeclaredKeys({ workflows: null, integrations });
    expect(consumersOf(onlyIntegrations, "SECRET", "billing", "PAYMENTS_API_KEY").map((c) => c.id)).toEqual(["demo_partner"]);
    expect(indexDeclaredKeys({ workflows: null, integrations: null }).size).toBe(0);
  });
});

describe("missing-variable list", () => {
  const index = indexDeclaredKeys({ workflows, integrations });

  it("is key-centric, global first, with the first description any declarer gave", () => {
    const missing = listMissingKeys(index);
    expect(missing.map((m) => `${m.kind} ${m.group}/${m.key}`)).toEqual([
      "CONFIG global/ACCOUNT",
      "CONFIG global/REGION",
      "SECRET claims/CLAIMS_PORTAL_TOKEN",
      "CONFIG notifications/QUIET_HOURS",
    ]);
    expect(missing.find((m) => m.key === "REGION")?.description).toBe("Region code");
    expect(missing.find((m) => m.key === "REGION")?.consumers).toHaveLength(3);
  });

  it("drops keys present upstream and keys the page already holds", () => {
    const missing = listMissingKeys(index, [
      { kind: "SECRET", group: "claims", key: "CLAIMS_PORTAL_TOKEN" },
      // A CONFIG with the secret's identity does not satisfy a SECRET requirement, and vice versa.
      { kind: "SECRET", group: "notifications", key: "QUIET_HOURS" },
    ]);
    expect(missing.map((m) => m.key)).toEqual(["ACCOUNT", "REGION", "QUIET_HOURS"]);
    expect(missing.some((m) => m.key === "PAYMENTS_API_KEY")).toBe(false);
  });
});

describe("grouping", () => {
  it("puts global first, then groups alphabetically, keys sorted", () => {
    const rows = [
      { group: "notifications", key: "B" },
      { group: "billing", key: "Z" },
      { group: "global", key: "Y" },
      { group: "billing", key: "A" },
    ];
    expect(groupEntries(rows).map((g) => `${g.group}:${g.entries.map((e) => e.key).join(",")}`)).toEqual([
      "global:Y",
      "billing:A,Z",
      "notifications:B",
    ]);
    expect(["b", "global", "a"].sort(compareGroups)).toEqual(["global", "a", "b"]);
  });
});

describe("form validation (contract patterns from lib/schemas)", () => {
  const base = { key: "STRIPE_KEY", group: "billing", value: "v", description: "" };

  it("accepts a valid secret, defaults an empty group to global and drops an empty description", () => {
    expect(validateSecretForm({ ...base, group: "  " })).toEqual({
      ok: true,
      data: { key: "STRIPE_KEY", group: "global", value: "v", description: undefined },
    });
  });

  it.each([
    ["9LIVES", "key"],
    ["has-dash", "key"],
    ["a".repeat(129), "key"],
    ["", "key"],
  ])("rejects key %s with a reason on the key field", (key, field) => {
    const result = validateSecretForm({ ...base, key });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toEqual([field]);
  });

  it("rejects bad groups and an empty secret value, each on its own field", () => {
    const result = validateSecretForm({ key: "K", group: "has space", value: "", description: "x".repeat(501) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.group).toMatch(/group must match/);
      expect(result.errors.value).toBe("A secret needs a value");
      expect(result.errors.description).toBeDefined();
      expect(result.errors.key).toBeUndefined();
    }
    expect(validateSecretForm({ ...base, group: "g".repeat(65) }).ok).toBe(false);
  });

  it("never quotes the rejected value in a message", () => {
    const marker = "MARKER-9f2c-should-not-echo";
    const result = validateSecretForm({ ...base, value: marker + "x".repeat(65536) });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(marker);
  });

  it("lets a config value be empty but not too long; edit keeps the group and nulls a cleared description", () => {
    expect(validateConfigForm({ ...base, value: "" }).ok).toBe(true);
    expect(validateConfigForm({ ...base, value: "x".repeat(65537) }).ok).toBe(false);
    expect(validateConfigEdit({ group: "billing", value: "3", description: " " })).toEqual({
      ok: true,
      data: { group: "billing", value: "3", description: null },
    });
  });

  it("gives live feedback for one field", () => {
    expect(keyProblem("OK_KEY")).toBeNull();
    expect(keyProblem("1bad")).toMatch(/key must match/);
    expect(groupProblem("")).toBeNull();
    expect(groupProblem("a/b")).toMatch(/group must match/);
  });
});

describe("shareable URLs", () => {
  const params = (q: string) => new URLSearchParams(q);

  it("round-trips group and add", () => {
    const state = parseSecretsUrl(params("group=claims&add=CLAIMS_PORTAL_TOKEN&kind=secret"));
    expect(state).toEqual({ group: "claims", add: { key: "CLAIMS_PORTAL_TOKEN", kind: "secret" } });
    expect(parseSecretsUrl(params(formatSecretsUrl(state).slice(1)))).toEqual(state);
    expect(formatSecretsUrl({ group: null, add: null })).toBe("");
  });

  it("ignores values that break the contract patterns and defaults kind to secret", () => {
    expect(parseSecretsUrl(params("group=a b&add=1x"))).toEqual({ group: null, add: null });
    expect(parseSecretsUrl(params("add=K&kind=nonsense"))).toEqual({ group: null, add: { key: "K", kind: "secret" } });
    expect(parseSecretsUrl(params("add=K&kind=config")).add?.kind).toBe("config");
  });
});

describe("OneTimeValue", () => {
  it("gives the value once, then forgets it, and never serialises it", () => {
    const v = new OneTimeValue("s3cr3t-marker");
    expect(JSON.stringify({ v })).not.toContain("s3cr3t");
    expect(String(v)).not.toContain("s3cr3t");
    expect(v.take()).toBe("s3cr3t-marker");
    expect(v.isSpent).toBe(true);
    expect(() => v.take()).toThrow(/already sent/);
  });
});
