import { readdirSync, readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getFloor, runGate, type CorpusCase } from "../../server/gate";

const ROOT = path.resolve(import.meta.dirname, "../../server/seed/integrations-fixtures");
const folders = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const read = (folder: string, file: string): unknown => {
  const p = path.join(ROOT, folder, file);
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as unknown) : undefined;
};

describe("integration-config fixtures", () => {
  it("holds the GLOBAL config and at least two tenant overlays", () => {
    expect(folders).toEqual(["demo_partner-atlas-v1", "demo_partner-atlas-v2", "demo_partner-global"]);
  });

  it("the GLOBAL fixture exercises every optional field and has at least 8 corpus cases", () => {
    for (const f of [
      "mapping.json",
      "rules.json",
      "corpus.json",
      "meta.json",
      "external-shape.json",
      "external-mapping.json",
      "inbound.json",
    ]) {
      expect(read("demo_partner-global", f), f).toBeDefined();
    }
    const meta = read("demo_partner-global", "meta.json") as Record<string, unknown>;
    expect(Object.keys(meta).sort()).toEqual(["displayName", "floor", "requiredConfigs", "requiredSecrets"]);
    expect(meta["displayName"]).toBe("Demo Partner");
    expect((read("demo_partner-global", "corpus.json") as unknown[]).length).toBeGreaterThanOrEqual(8);
  });

  it.each(folders)("%s passes the gate with every corpus case", (folder) => {
    const meta = read(folder, "meta.json") as { floor: string };
    const floor = getFloor(meta.floor);
    expect(floor).toBeDefined();
    const corpus = read(folder, "corpus.json") as CorpusCase[];
    const report = runGate(floor!, {
      mapping: read(folder, "mapping.json"),
      rules: read(folder, "rules.json"),
      corpus,
      externalShape: read(folder, "external-shape.json"),
      externalMapping: read(folder, "external-mapping.json"),
    });
    expect(report).toEqual({ ok: true, problems: [], corpus: { total: corpus.length, passed: corpus.length, failures: [] } });
  });

  it("the GLOBAL corpus covers every rule, valid and invalid outcomes", () => {
    const rules = read("demo_partner-global", "rules.json") as Array<{ id: string }>;
    const corpus = read("demo_partner-global", "corpus.json") as CorpusCase[];
    const fired = new Set(corpus.flatMap((c) => c.expected.ruleIds));
    for (const r of rules) expect(fired.has(r.id), r.id).toBe(true);
    expect(corpus.some((c) => c.expected.valid)).toBe(true);
    expect(corpus.some((c) => c.input.prior !== undefined && c.input.action === "cancel")).toBe(true);
  });
});
