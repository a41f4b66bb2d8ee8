/**
 * The console's as-you-type mapping check against the sandbox's real mapping JSON Schema, fetched
 * over HTTP (never copied): the published demo mapping passes; each broken variant is flagged at
 * the right line, and the verdict agrees with the gate's own mapping stages.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { checkMappingWithSchema } from "@/lib/integrations/draft";
import { stableStringify } from "@/lib/integrations/body";
import { PLATFORM_TENANT } from "../../sandbox/server/identities";
import { createKey } from "../../sandbox/tests/support/keys";

const FIXTURE = path.resolve(import.meta.dirname, "../../sandbox/server/seed/integrations-fixtures/demo_partner-global");
const readFixture = (name: string): unknown => JSON.parse(readFileSync(path.join(FIXTURE, name), "utf8"));

let schema: Record<string, unknown>;
let key: string;

async function gateMappingProblems(mapping: unknown): Promise<string[]> {
  const res = await fetch(`${inject("apiUrl")}/integrations/demo_partner/config/validate`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ mapping, rules: readFixture("rules.json"), corpus: [] }),
  });
  expect(res.status).toBe(200);
  const report = ((await res.json()) as { data: { problems: Array<{ stage: string; problem: string }> } }).data;
  // "$map with $each" is a mapping-analysis finding on the gate (contract §9.6), the rest are format.
  return report.problems.filter((p) => p.stage === "mapping-format" || p.stage === "mapping").map((p) => p.problem);
}

beforeAll(async () => {
  const res = await fetch(`${inject("apiUrl")}/integrations/mapping-schema`);
  expect(res.status).toBe(200);
  schema = (await res.json()) as Record<string, unknown>;
  key = createKey(PLATFORM_TENANT.id, ["integration_publisher"]).key;
});

type Mapping = Record<string, unknown>;
const base = () => readFixture("mapping.json") as Mapping;

// Each variant breaks one rule of the DSL; `at` is a text the flagged line must contain.
const broken: Array<{ name: string; edit: (m: Mapping) => Mapping; at: string; says: RegExp }> = [
  {
    name: "unknown coercion",
    edit: (m) => ({ ...m, partnerReference: { $from: "Id", coerce: "toText" } }),
    at: '"coerce": "toText"',
    says: /"toText" is not one of/,
  },
  {
    name: "unknown directive key",
    edit: (m) => ({ ...m, partnerReference: { $from: "Id", $fromm: "X" } }),
    at: '"$fromm"',
    says: /\$fromm/,
  },
  {
    name: "$map with $each",
    edit: (m) => ({ ...m, partnerReference: { $from: "Id", $map: { a: "b" }, $each: { x: "y" } } }),
    at: '"partnerReference"',
    says: /may not combine "\$map", "\$each"/,
  },
  {
    name: "bad source path",
    edit: (m) => ({ ...m, partnerReference: "Id..Number" }),
    at: '"Id..Number"',
    says: /"Id\.\.Number" is not valid here/,
  },
  {
    name: "number leaf",
    edit: (m) => ({ ...m, partnerReference: 7 }),
    at: '"partnerReference": 7',
    says: /expected string or object, got integer/,
  },
  { name: "empty $from list", edit: (m) => ({ ...m, partnerReference: { $from: [] } }), at: '"$from": []', says: /too few items/ },
  {
    name: "non-scalar $map value",
    edit: (m) => ({ ...m, partnerReference: { $from: "Id", $map: { a: { b: 1 } } } }),
    at: '"a"',
    says: /expected string or number or boolean or null, got object/,
  },
];

describe("mapping checked against the API's mapping schema", () => {
  it("is the published schema, and the published demo mapping passes it and the gate", async () => {
    expect(schema.$id).toBe("https://pegasus.dolas.dev/schemas/integration-mapping/v3.json");
    const mapping = base();
    expect(checkMappingWithSchema(stableStringify(mapping), mapping, schema)).toEqual([]);
    expect(await gateMappingProblems(mapping)).toEqual([]);
  });

  it.each(broken)("flags $name at its line, as the gate does", async ({ edit, at, says }) => {
    const mapping = edit(base());
    const text = stableStringify(mapping);
    const issues = checkMappingWithSchema(text, mapping, schema);
    expect(issues.length, JSON.stringify(issues)).toBeGreaterThan(0);
    const [first] = issues;
    expect(first?.message).toMatch(says);
    const lines = text.split("\n");
    expect(lines[(first?.line ?? 0) - 1], `line ${first?.line} of\n${text}`).toContain(at);
    expect(first?.from).toBeTypeOf("number");
    expect(await gateMappingProblems(mapping)).not.toEqual([]);
  });
});
