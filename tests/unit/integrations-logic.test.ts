import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bodyFingerprint, bodyFromConfig, editableBodySchema, stableStringify, toUpstreamBody } from "@/lib/integrations/body";
import { bodyFromBundleFiles, bundleFilesFromBody } from "@/lib/integrations/bundle";
import { collapseContext, diffConfigs, diffLines } from "@/lib/integrations/diff";
import { locateWhere, partOfStage } from "@/lib/integrations/locate";
import { checkMapping, parseJsonText } from "@/lib/integrations/mapping-check";
import { flattenMapping } from "@/lib/integrations/mapping-table";
import { describePredicate, describeRules } from "@/lib/integrations/rule-text";
import { formatIntegrationUrl, parseIntegrationUrl } from "@/lib/integrations/url";
import { unzipTextFiles, zipTextFiles } from "@/lib/integrations/zip";
import type { IntegrationConfig } from "@/lib/schemas/integration";

const FIXTURE = path.join(import.meta.dirname, "..", "..", "sandbox", "server", "seed", "integrations-fixtures", "demo_partner-global");

function fixtureFiles(): Record<string, string> {
  return Object.fromEntries(
    readdirSync(FIXTURE)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f, readFileSync(path.join(FIXTURE, f), "utf8")]),
  );
}

function fullConfig(): IntegrationConfig {
  const read = bodyFromBundleFiles(fixtureFiles());
  if (!read.ok) throw new Error("fixture unreadable");
  const b = read.body;
  return {
    id: "c1",
    integrationId: "demo_partner",
    version: 4,
    visibility: "GLOBAL",
    status: "PUBLISHED",
    mapping: b.mapping,
    rules: b.rules,
    corpus: b.corpus,
    floor: b.floor ?? null,
    displayName: b.displayName ?? null,
    externalShape: b.externalShape ?? null,
    externalMapping: b.externalMapping ?? null,
    inbound: b.inbound ?? null,
    requiredSecrets: b.requiredSecrets ?? null,
    requiredConfigs: b.requiredConfigs ?? null,
    publishedBy: "u1",
    forkedFromConfigId: null,
    forkedFromVersion: null,
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

describe("config body", () => {
  it("carries every optional field of a stored config forward", () => {
    const body = toUpstreamBody(bodyFromConfig(fullConfig()));
    expect(Object.keys(body).sort()).toEqual(
      [
        "corpus",
        "displayName",
        "externalMapping",
        "externalShape",
        "floor",
        "inbound",
        "mapping",
        "requiredConfigs",
        "requiredSecrets",
        "rules",
      ].sort(),
    );
    expect(body.requiredConfigs).toEqual(fullConfig().requiredConfigs);
  });

  it("drops null optional fields from the upstream body and keeps extra corpus keys", () => {
    const parsed = editableBodySchema.parse({
      mapping: {},
      rules: [],
      corpus: [{ name: "a", note: "kept", input: { order: {} }, expected: { valid: true, ruleIds: [], why: "kept too" } }],
      inbound: null,
      floor: null,
    });
    const body = toUpstreamBody(parsed);
    expect(body).not.toHaveProperty("inbound");
    expect(body).not.toHaveProperty("floor");
    expect(body.corpus[0]).toMatchObject({ note: "kept", expected: { why: "kept too" } });
  });

  it("fingerprints ignore key order but not content", () => {
    const a = editableBodySchema.parse({ mapping: { x: "A", y: "B" }, rules: [], corpus: [] });
    const b = editableBodySchema.parse({ mapping: { y: "B", x: "A" }, rules: [], corpus: [] });
    const c = editableBodySchema.parse({ mapping: { y: "B", x: "C" }, rules: [], corpus: [] });
    expect(bodyFingerprint(a)).toBe(bodyFingerprint(b));
    expect(bodyFingerprint(a)).not.toBe(bodyFingerprint(c));
    expect(stableStringify({ b: 1, a: [{ d: 1, c: 2 }] }, 0)).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});

describe("bundle layout", () => {
  it("writes the CLI's file names and meta keys, sorted-key JSON with a trailing newline", () => {
    const files = bundleFilesFromBody(bodyFromConfig(fullConfig()));
    expect(Object.keys(files).sort()).toEqual(
      ["corpus.json", "external-mapping.json", "external-shape.json", "inbound.json", "mapping.json", "meta.json", "rules.json"].sort(),
    );
    const meta = JSON.parse(files["meta.json"] ?? "") as Record<string, unknown>;
    expect(Object.keys(meta).sort()).toEqual(["displayName", "floor", "requiredConfigs", "requiredSecrets"]);
    expect(files["mapping.json"]?.endsWith("}\n")).toBe(true);
    expect(files["mapping.json"]).toBe(`${stableStringify(fullConfig().mapping)}\n`);
  });

  it("omits optional files that are not set", () => {
    const files = bundleFilesFromBody(editableBodySchema.parse({ mapping: {}, rules: [], corpus: [] }));
    expect(Object.keys(files).sort()).toEqual(["corpus.json", "mapping.json", "rules.json"]);
    const escaped = bundleFilesFromBody(editableBodySchema.parse({ mapping: { a: "§ é 😀" }, rules: [], corpus: [] }));
    expect(escaped["mapping.json"]).toBe('{\n  "a": "\\u00a7 \\u00e9 \\ud83d\\ude00"\n}\n');
  });

  it("round-trips through a zip, also when zipped as a folder", async () => {
    const original = bodyFromConfig(fullConfig());
    const files = bundleFilesFromBody(original);
    const back = bodyFromBundleFiles(await unzipTextFiles(await zipTextFiles(files)));
    expect(back.ok && bodyFingerprint(back.body)).toBe(bodyFingerprint(original));
    const nested = Object.fromEntries(Object.entries(files).map(([k, v]) => [`demo_partner/${k}`, v]));
    const back2 = bodyFromBundleFiles(await unzipTextFiles(await zipTextFiles({ ...nested, "demo_partner/README.md": "hi" })));
    expect(back2.ok).toBe(true);
    if (back2.ok) expect(back2.ignored).toEqual(["README.md"]);
  });

  it("names the file of each problem", () => {
    const result = bodyFromBundleFiles({ "mapping.json": "{", "rules.json": "[]" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.map((p) => p.file).sort()).toEqual(["corpus.json", "mapping.json"]);
      expect(result.problems.find((p) => p.file === "mapping.json")?.problem).toMatch(/invalid JSON/);
    }
    const badCorpus = bodyFromBundleFiles({ "mapping.json": "{}", "rules.json": "[]", "corpus.json": '[{"name":""}]' });
    expect(!badCorpus.ok && badCorpus.problems[0]?.file).toBe("corpus.json");
  });

  it("rejects a file that is not a zip", async () => {
    await expect(unzipTextFiles(Buffer.from("plain text"))).rejects.toThrow(/zip/);
  });
});

describe("mapping table and check", () => {
  it("flattens fallback chains, lookups, coercions, defaults and $each", () => {
    const rows = flattenMapping(fullConfig().mapping);
    const number = rows.find((r) => r.output === "serviceOrderNumber");
    expect(number?.sources).toEqual(["ServiceOrder.Number", "Id"]);
    expect(number?.transforms).toEqual(["as text"]);
    expect(rows.find((r) => r.output === "serviceStatus")?.transforms[0]).toMatch(/^look up: REQ → Requested/);
    expect(rows.find((r) => r.output === "supplierContactName")?.transforms).toContain('default "" when missing');
    const each = rows.find((r) => r.output === "shipments");
    expect(each?.isEach).toBe(true);
    expect(rows.find((r) => r.output === "shipments[].supplierShipmentId")?.depth).toBe(1);
    expect(flattenMapping({ a: { b: "X.y" } })).toEqual([{ output: "a.b", sources: ["X.y"], transforms: [], isEach: false, depth: 0 }]);
  });

  it("finds format problems with their place and accepts the fixture", () => {
    expect(checkMapping(fullConfig().mapping)).toEqual([]);
    const issues = checkMapping({ a: { $from: "X", coerce: "toBool" }, b: 3, c: { $form: "Y" }, d: { $from: "Z", $map: {}, $each: {} } });
    expect(issues).toEqual(
      expect.arrayContaining([
        { where: "a", problem: expect.stringMatching(/coerce/) as string },
        { where: "b", problem: expect.stringMatching(/leaf/) as string },
        { where: "c", problem: 'unknown directive "$form"' },
        { where: "d", problem: '"$map" cannot be combined with "$each"' },
      ]),
    );
    expect(checkMapping([])).toHaveLength(1);
  });

  it("reports the line of a JSON syntax error", () => {
    const result = parseJsonText('{\n  "a": 1,\n  "b": \n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.line).toBe(4);
    const cut = parseJsonText('{"a":1,"b":2,"c":3,\n"d":4,"e":5,\n"f": x}');
    expect(!cut.ok && cut.line).toBe(3);
    const end = parseJsonText("[1,\n2");
    expect(!end.ok && end.line).toBe(2);
  });
});

describe("rules in plain words", () => {
  it("words each operator and lists", () => {
    expect(describePredicate({ fact: "serviceStatus", op: "in", value: ["A", "B", "C"] })).toBe("serviceStatus is one of “A”, “B” or “C”");
    expect(describePredicate({ fact: "hasEmail", op: "eq", value: false })).toBe("hasEmail is false");
    expect(describePredicate({ fact: "w", op: "gte", value: 10 }, { w: "weight in lbs" })).toBe("w (weight in lbs) is at least 10");
    expect(describePredicate({ fact: "s", op: "nin", value: ["x"] })).toBe("s is none of “x”");
    expect(describePredicate({ fact: "s", op: "eq", value: null })).toBe("s is empty");
  });

  it("makes one card per rule", () => {
    const cards = describeRules(fullConfig().rules);
    expect(cards[0]?.id).toBe("service-status-not-supplier-settable");
    expect(cards[1]?.clauses).toEqual(["serviceStatus is “Submitted”", "hasSupplierContactEmail is false"]);
    expect(describeRules("nope")).toEqual([]);
  });
});

describe("version diff", () => {
  it("diffs lines with additions and removals in place", () => {
    expect(diffLines("a\nb\nc", "a\nx\nc")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "added", text: "x" },
      { kind: "same", text: "c" },
    ]);
  });

  it("compares part by part and marks unchanged parts", () => {
    const before = fullConfig();
    const rules = (before.rules as Array<Record<string, unknown>>).map((r, i) => (i === 0 ? { ...r, message: "changed" } : r));
    const parts = diffConfigs(before, { ...before, rules, inbound: null });
    const byPart = Object.fromEntries(parts.map((p) => [p.part, p]));
    expect(byPart.rules?.changed).toBe(true);
    expect(byPart.rules?.added).toBe(1);
    expect(byPart.mapping?.changed).toBe(false);
    expect(byPart.inbound?.lines.at(-1)).toEqual({ kind: "added", text: "(not set)" });
    const collapsed = collapseContext(byPart.rules?.lines ?? [], 1);
    expect(collapsed.filter((l) => l === null).length).toBeGreaterThan(0);
    expect(collapsed.filter((l) => l !== null).length).toBe(4);
  });
});

describe("locating gate problems", () => {
  const rules = stableStringify([
    { id: "r1", when: [{ fact: "a" }] },
    { id: "r2", when: [{ fact: "b" }, { fact: "c" }] },
  ]);
  it("finds a rule by id and an index path", () => {
    expect(locateWhere(rules, "r2")).toBe(rules.split("\n").findIndex((l) => l.includes('"r2"')) + 1);
    const line = locateWhere(rules, "[1].when[1].fact");
    expect(rules.split("\n")[(line ?? 0) - 1]).toContain('"c"');
  });
  it("finds a dotted output path in a mapping", () => {
    const mapping = stableStringify(fullConfig().mapping);
    const line = locateWhere(mapping, "shipments.shipmentStatus");
    expect(mapping.split("\n")[(line ?? 0) - 1]).toContain('"shipmentStatus"');
    expect(partOfStage("rules-format")).toBe("rules");
    expect(partOfStage("external-shape")).toBe("externalShape");
  });
});

describe("integration URLs", () => {
  it("round-trips tab and diff pair, ignoring junk", () => {
    const state = parseIntegrationUrl(new URLSearchParams("tab=versions&diff=5..3"));
    expect(state).toEqual({ tab: "versions", diff: [3, 5] });
    expect(formatIntegrationUrl(state)).toBe("?tab=versions&diff=3..5");
    expect(parseIntegrationUrl(new URLSearchParams("tab=evil&diff=1..1"))).toEqual({ tab: "mapping", diff: null });
  });
});
