import { describe, expect, it } from "vitest";
import { manifestSchema, type Workflow } from "@/lib/schemas/workflow";
import { compareVersions, executabilityOf, groupWorkflowsByName, searchCatalog } from "./index";

let n = 0;
function wf(name: string, version: string, over: Partial<Workflow> & { description?: string } = {}): Workflow {
  n++;
  const { description, ...rest } = over;
  return {
    id: `wf-${n}`,
    tenantId: "t",
    name,
    version,
    visibility: "TENANT",
    manifest: manifestSchema.parse({ name, version, entryPoints: ["m:W"], diagram: "flowchart TD", description }),
    createdByUserId: null,
    forkedFromWorkflowId: null,
    forkedFromVersion: null,
    artifactSha256: null,
    artifactSizeBytes: null,
    executable: true,
    status: "ACTIVE",
    retiredAt: null,
    createdAt: `2026-06-${String(10 + (n % 20)).padStart(2, "0")}T00:00:00.000Z`,
    updatedAt: "2026-06-01T00:00:00.000Z",
    ...rest,
  };
}

describe("compareVersions", () => {
  it("orders by semver with pre-releases below releases", () => {
    const versions = [
      "1.0.0",
      "0.10.0",
      "0.9.1",
      "1.0.0-rc.1",
      "1.0.0-beta.11",
      "1.0.0-beta.2",
      "1.0.0-beta",
      "1.0.0-alpha.beta",
      "1.0.0-alpha.1",
      "1.0.0-alpha",
      "2.0.0",
      "not-a-version",
    ];
    expect([...versions].sort(compareVersions)).toEqual([
      "not-a-version",
      "0.9.1",
      "0.10.0",
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
      "2.0.0",
    ]);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
  });
});

describe("groupWorkflowsByName", () => {
  it("makes one row per (visibility, name) with the latest version and older ones behind", () => {
    const rows = [
      wf("order-saved-sms", "0.1.0", { description: "old" }),
      wf("order-saved-sms", "0.10.0", { description: "newest" }),
      wf("order-saved-sms", "0.2.0"),
      wf("order-saved-sms", "0.11.0-beta.1"),
      wf("move-milestone-notifier", "1.0.0", { visibility: "GLOBAL" }),
      wf("move-milestone-notifier", "1.1.0", { visibility: "GLOBAL", description: "Platform library: text the customer" }),
      // A tenant fork with the same name stays a separate row.
      wf("move-milestone-notifier", "1.0.0", { forkedFromWorkflowId: "x", executable: false }),
      wf("crew-dispatch", "0.1.0"),
    ];
    const c = groupWorkflowsByName(rows);
    expect(c.platform.map((r) => `${r.name}@${r.latest.version}`)).toEqual(["move-milestone-notifier@1.1.0"]);
    expect(c.tenant.map((r) => `${r.name}@${r.latest.version}`)).toEqual([
      "crew-dispatch@0.1.0",
      "move-milestone-notifier@1.0.0",
      "order-saved-sms@0.11.0-beta.1",
    ]);
    const sms = c.tenant[2];
    expect(sms?.older.map((w) => w.version)).toEqual(["0.10.0", "0.2.0", "0.1.0"]);
    expect(sms?.key).toBe("TENANT:order-saved-sms");
    expect(c.platform[0]?.description).toBe("Platform library: text the customer");
    expect(c.platform[0]?.executability.label).toBe("Curated");
    expect(c.tenant[1]?.executability).toMatchObject({ label: "Not executable", kind: "not-executable" });
    expect(c.tenant[1]?.executability.hint).toMatch(/^Re-upload the artifact/);
  });

  it("prefers an active version as latest and flags fully retired names", () => {
    const c = groupWorkflowsByName([
      wf("a", "2.0.0", { status: "RETIRED", retiredAt: "2026-06-20T00:00:00.000Z" }),
      wf("a", "1.0.0"),
      wf("b", "1.0.0", { status: "RETIRED" }),
    ]);
    expect(c.tenant.map((r) => [r.name, r.latest.version, r.older.map((o) => o.version), r.retired])).toEqual([
      ["a", "1.0.0", ["2.0.0"], false],
      ["b", "1.0.0", [], true],
    ]);
    // A fully retired name says "Retired" only, never "Executable" beside it.
    expect(c.tenant[1]?.executability.label).toBe("Retired");
    expect(c.tenant[0]?.executability.label).toBe("Executable");
  });

  it("handles an empty list", () => {
    expect(groupWorkflowsByName([])).toEqual({ platform: [], tenant: [] });
  });
});

describe("executabilityOf", () => {
  it("follows contract §13.1", () => {
    expect(executabilityOf({ visibility: "GLOBAL", executable: false }).label).toBe("Curated");
    expect(executabilityOf({ visibility: "TENANT", executable: true }).label).toBe("Executable");
    expect(executabilityOf({ visibility: "TENANT", executable: false }).label).toBe("Not executable");
  });

  it("puts Retired before any other state", () => {
    expect(executabilityOf({ visibility: "TENANT", executable: true, status: "RETIRED" })).toMatchObject({
      kind: "retired",
      label: "Retired",
    });
    expect(executabilityOf({ visibility: "GLOBAL", executable: true, status: "RETIRED" }).label).toBe("Retired");
    expect(executabilityOf({ visibility: "TENANT", executable: true, status: "ACTIVE" }).label).toBe("Executable");
  });
});

describe("searchCatalog", () => {
  const c = groupWorkflowsByName([
    wf("order-saved-sms", "0.1.0", { description: "Text the customer a confirmation" }),
    wf("crew-dispatch", "0.1.0", { description: "Assign a crew and text the customer" }),
    wf("sms-digest", "1.0.0", { description: "Morning digest" }),
    wf("quote-accepted-deposit", "0.1.0", { description: "Charge the deposit" }),
    wf("quote-accepted-deposit", "0.2.0", { description: "Charge the deposit and text a receipt" }),
  ]);
  const names = (q: string) => searchCatalog(c.tenant, q).map((r) => r.name);

  it("matches names (with - and _ as spaces) and descriptions, name matches first", () => {
    expect(names("sms")).toEqual(["sms-digest", "order-saved-sms"]);
    expect(names("order saved")).toEqual(["order-saved-sms"]);
    expect(names("ORDER_SAVED")).toEqual(["order-saved-sms"]);
    expect(names("text customer")).toEqual(["crew-dispatch", "order-saved-sms"]);
    expect(names("receipt")).toEqual(["quote-accepted-deposit"]);
    expect(names("nothing-like-this")).toEqual([]);
    expect(names("  ")).toHaveLength(4);
  });
});
