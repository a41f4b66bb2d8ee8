import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { checkMappingFormat, inboundJsonSchema, mappingJsonSchema } from "../../server/gate";

const FIXTURES = path.resolve(import.meta.dirname, "../../server/seed/integrations-fixtures/demo_partner-global");
const fixture = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8")) as unknown;
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validateMapping = ajv.compile(mappingJsonSchema);
const validateInbound = ajv.compile(inboundJsonSchema);

describe("published mapping JSON Schema", () => {
  it("is a valid 2020-12 schema with the documented id", () => {
    expect(mappingJsonSchema["$id"]).toBe("https://pegasus.dolas.dev/schemas/integration-mapping/v3.json");
    expect(ajv.validateSchema(mappingJsonSchema)).toBe(true);
  });

  it("accepts the fixture mappings", () => {
    expect(validateMapping(fixture("mapping.json"))).toBe(true);
    expect(validateMapping(fixture("external-mapping.json"))).toBe(true);
  });

  // The schema and the gate's format check must agree on every case.
  it.each([
    ["a valid document", { a: "X", b: { $from: ["A", "B"], default: 0, coerce: "toNumber" }, c: { d: "Y[0]" } }, true],
    ["an unknown directive", { a: { $from: "x", $unknown: 1 } }, false],
    ["a stray key in a directive", { a: { $from: "x", fallback: 1 } }, false],
    ["a missing $from", { a: { $map: { x: "y" } } }, false],
    ["a bad coercion", { a: { $from: "x", coerce: "toBool" } }, false],
    ["a number leaf", { a: 1 }, false],
    ["a malformed path", { a: "x..y" }, false],
    ["a $map to an object", { a: { $from: "x", $map: { k: {} } } }, false],
    ["a non-object root", ["a"], false],
  ])("%s", (_label, doc, valid) => {
    expect(validateMapping(doc)).toBe(valid);
    expect(checkMappingFormat(doc).length === 0).toBe(valid);
  });

  it("also forbids $map with $each (a static-analysis problem in the gate)", () => {
    expect(validateMapping({ a: { $from: "x", $map: { k: "v" }, $each: "." } })).toBe(false);
  });
});

describe("published inbound JSON Schema", () => {
  it("is a valid 2020-12 schema that accepts the fixture", () => {
    expect(ajv.validateSchema(inboundJsonSchema)).toBe(true);
    expect(validateInbound(fixture("inbound.json"))).toBe(true);
  });

  it("rejects a block without eventType or with unknown keys", () => {
    expect(validateInbound({ dedupKeyPath: "Id" })).toBe(false);
    expect(validateInbound({ eventType: "x", extra: true })).toBe(false);
    expect(validateInbound({ eventType: "x", validation: { requiredPaths: "Id" } })).toBe(false);
  });
});
