import { describe, expect, it } from "vitest";
import {
  analyzeMapping,
  applyMapping,
  checkMappingFormat,
  coerceValue,
  compileMapping,
  inputRootsCheck,
  missingRequiredTargets,
  parsePath,
  readPath,
  shipmentStatusUpdateFloor as floor,
  type JsonObject,
} from "../../server/gate";

const analyze = (doc: JsonObject) =>
  analyzeMapping(doc, {
    targetSchema: floor.canonicalJsonSchema,
    targetLabel: "canonical",
    checkSource: inputRootsCheck(floor.inputFieldRoots ?? []),
  });
const apply = (doc: JsonObject, input: unknown) => applyMapping(compileMapping(doc), input);

describe("source paths", () => {
  it("parses dots, array positions and the root", () => {
    expect(parsePath(".")).toEqual({ steps: [] });
    expect(parsePath("A.B[0][2].C")).toEqual({
      steps: [
        { kind: "key", name: "A" },
        { kind: "key", name: "B" },
        { kind: "index", index: 0 },
        { kind: "index", index: 2 },
        { kind: "key", name: "C" },
      ],
    });
    expect(parsePath("[1].Id")).toEqual({
      steps: [
        { kind: "index", index: 1 },
        { kind: "key", name: "Id" },
      ],
    });
  });

  it("rejects malformed paths", () => {
    for (const bad of ["", "a..b", "a.", "a[x]", "a[0", "a]b"]) expect(parsePath(bad)).toHaveProperty("error");
  });

  it("reads own properties only", () => {
    const steps = (p: string) => {
      const r = parsePath(p);
      if ("error" in r) throw new Error(r.error);
      return r.steps;
    };
    expect(readPath({ a: [{ b: 1 }, { b: 2 }] }, steps("a[1].b"))).toBe(2);
    expect(readPath({ a: 1 }, steps("a.b"))).toBeUndefined();
    expect(readPath({}, steps("constructor"))).toBeUndefined();
    expect(readPath({}, steps("__proto__"))).toBeUndefined();
    expect(readPath([5, 6], steps("[1]"))).toBe(6);
  });
});

describe("mapping format", () => {
  it("accepts every leaf form", () => {
    expect(
      checkMappingFormat({
        a: "X.Y[0]",
        b: { $from: ["A", "B"], default: "", coerce: "toString" },
        c: { $from: "S", $map: { "1": "one", "2": null } },
        d: { nested: "N" },
        e: { $from: ".", $each: { id: "Id" } },
        f: { $from: "Tags", $each: "." },
      }),
    ).toEqual([]);
  });

  it.each([
    ["a non-object root", "x", "(root)", "a mapping must be an object"],
    ["a directive root", { $from: "." }, "(root)", "a mapping must be an object"],
    ["a number leaf", { a: 1 }, "a", "a leaf must be"],
    ["a null leaf", { a: null }, "a", "a leaf must be"],
    ["an array leaf", { a: ["x"] }, "a", "a leaf must be"],
    ["an unknown directive", { a: { $from: "x", $fromm: "y" } }, "a", 'unknown directive "$fromm"'],
    ["a stray key in a directive", { a: { $from: "x", fallback: 1 } }, "a", 'unexpected key "fallback" in a directive'],
    ["a directive without $from", { a: { $map: { x: "y" } } }, "a", 'a directive needs "$from"'],
    ["an empty $from chain", { a: { $from: [] } }, "a", '"$from" must be a path'],
    ["a bad path", { a: { b: "x..y" } }, "a.b", 'invalid source path "x..y"'],
    ["a bad path in a chain", { a: { $from: ["ok", "a["] } }, "a", 'invalid source path "a["'],
    ["a bad coercion", { a: { $from: "x", coerce: "toBoolean" } }, "a", '"coerce" must be one of'],
    ["a non-object $map", { a: { $from: "x", $map: ["y"] } }, "a", '"$map" must be an object'],
    ["a $map entry to an object", { a: { $from: "x", $map: { k: { v: 1 } } } }, "a", '"$map" entry "k"'],
    ["a bad $each body", { a: { $from: "x", $each: { id: 3 } } }, "a.$each.id", "a leaf must be"],
  ])("rejects %s", (_label, doc, where, text) => {
    const problems = checkMappingFormat(doc);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.where).toBe(where);
    expect(problems[0]?.problem).toContain(text);
  });

  it("limits nesting depth instead of exhausting the stack", () => {
    let deep: JsonObject | string = "Id";
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    const problems = checkMappingFormat({ x: deep });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.problem).toBe("a mapping may nest at most 32 levels");
  });

  it("refuses to compile an ill-formed mapping", () => {
    expect(() => compileMapping({ a: { $from: "x", $bogus: 1 } })).toThrow(/not well-formed/);
  });
});

describe("mapping static analysis", () => {
  it("passes a clean mapping", () => {
    expect(
      analyze({
        serviceOrderNumber: "Id",
        serviceStatus: { $from: "Status.Code", $map: { ACC: "Accepted" } },
        surveyDate: { $from: ["KeyDates.Survey", "Legacy.survey_received"], coerce: "toDateOnly" },
        shipments: { $from: "Shipments", $each: { supplierShipmentId: "ShipmentNo", loadDate: { actual: "Load.Actual" } } },
      }),
    ).toEqual([]);
  });

  it("reports a target outside the canonical schema, nested or inside $each", () => {
    const problems = analyze({ bogus: "Id", shipments: { $from: "Shipments", $each: { loadDate: { when: "Load.Actual" } } } });
    expect(problems).toEqual([
      { where: "bogus", problem: 'maps to unknown canonical field "bogus"' },
      { where: "shipments[].loadDate.when", problem: 'maps to unknown canonical field "shipments[].loadDate.when"' },
    ]);
  });

  it("reports reads outside the floor's input roots; a dotted root opens only that path", () => {
    const problems = analyze({
      serviceOrderNumber: "Internal.Secret",
      partnerReference: "Legacy.internal_code",
      surveyDate: "Legacy.survey_received",
      contactMadeDate: { $from: ["KeyDates.ContactMade", "Audit[0].At"] },
    });
    expect(problems).toEqual([
      { where: "serviceOrderNumber", problem: 'reads undeclared input field "Internal.Secret"' },
      { where: "partnerReference", problem: 'reads undeclared input field "Legacy.internal_code"' },
      { where: "contactMadeDate", problem: 'reads undeclared input field "Audit.At"' },
    ]);
  });

  it("composes element reads with the $each source before checking them", () => {
    expect(analyze({ shipments: { $from: "Shipments", $each: { supplierShipmentId: "Secret" } } })).toEqual([]);
    expect(analyze({ shipments: { $from: ".", $each: { supplierShipmentId: "Secret" } } })).toEqual([
      { where: "shipments[].supplierShipmentId", problem: 'reads undeclared input field "Secret"' },
    ]);
    expect(analyze({ shipments: { $from: "Legacy", $each: { supplierShipmentId: "survey_received" } } })).toEqual([
      { where: "shipments", problem: 'reads undeclared input field "Legacy"' },
    ]);
  });

  it("reports a whole-document read outside $each", () => {
    expect(analyze({ serviceOrderNumber: "." })).toEqual([{ where: "serviceOrderNumber", problem: 'reads undeclared input field "."' }]);
  });

  it("checks $map outputs against the target enum", () => {
    expect(analyze({ serviceStatus: { $from: "Status.Code", $map: { ACC: "Accepted", X: "Bogus", N: null } } })).toEqual([
      { where: "serviceStatus", problem: '"$map" output "Bogus" (for "X") is not an allowed value of "serviceStatus"' },
    ]);
    // Free-text targets take any output.
    expect(analyze({ serviceOrderNumber: { $from: "Id", $map: { a: "anything" } } })).toEqual([]);
  });

  it("rejects $map combined with $each and $each on a non-array", () => {
    expect(analyze({ shipments: { $from: "Shipments", $map: { a: "b" }, $each: { supplierShipmentId: "ShipmentNo" } } })).toEqual([
      { where: "shipments", problem: '"$map" cannot be combined with "$each"' },
    ]);
    expect(analyze({ serviceOrderNumber: { $from: "Shipments", $each: "ShipmentNo" } })).toEqual([
      { where: "serviceOrderNumber", problem: '"$each" targets "serviceOrderNumber", which is not an array' },
    ]);
  });
});

describe("required canonical fields", () => {
  const required = floor.requiredCanonicalFields;
  const full = {
    serviceOrderNumber: "Id",
    serviceStatus: "Status.Code",
    supplierContactName: "Coordinator.Name",
    supplierContactEmail: "Coordinator.Email",
    shipments: { $from: "Shipments", $each: { supplierShipmentId: "ShipmentNo" } },
  };

  it("accepts a mapping writing every required field", () => {
    expect(missingRequiredTargets(full, required)).toEqual([]);
  });

  it("reports each required field left out, element fields included", () => {
    const { supplierContactEmail: _e, ...noEmail } = full;
    expect(missingRequiredTargets({ ...noEmail, shipments: { $from: "Shipments", $each: { comments: "Notes" } } }, required)).toEqual([
      { where: "supplierContactEmail", problem: 'does not map required canonical field "supplierContactEmail"' },
      { where: "shipments[].supplierShipmentId", problem: 'does not map required canonical field "shipments[].supplierShipmentId"' },
    ]);
  });

  it("leaves a copied array to the corpus replay", () => {
    expect(missingRequiredTargets({ ...full, shipments: "Shipments" }, required)).toEqual([]);
  });
});

describe("apply", () => {
  const input = {
    Id: "DP-1",
    Dates: ["2026-05-20", "2026-05-21"],
    Nested: { Empty: null, Code: "B", Num: "1,250.50" },
    List: [{ N: 1 }, { N: "2" }],
  };

  it("reads plain paths, positions and the root; missing paths give null", () => {
    expect(apply({ a: "Id", b: "Dates[1]", c: "Missing.Path", d: { e: "Nested.Code" }, whole: "List[0]" }, input)).toEqual({
      a: "DP-1",
      b: "2026-05-21",
      c: null,
      d: { e: "B" },
      whole: { N: 1 },
    });
  });

  it("walks a $from fallback chain, skipping missing and null sources, then the default", () => {
    expect(apply({ a: { $from: ["Nested.Empty", "Missing", "Id"] } }, input)).toEqual({ a: "DP-1" });
    expect(apply({ a: { $from: ["Nested.Empty", "Missing"], default: "none" } }, input)).toEqual({ a: "none" });
    expect(apply({ a: { $from: "Missing" } }, input)).toEqual({ a: null });
  });

  it("applies $map before coerce and passes unmapped values through", () => {
    expect(apply({ a: { $from: "Nested.Code", $map: { B: "42" }, coerce: "toNumber" } }, input)).toEqual({ a: 42 });
    expect(apply({ a: { $from: "Nested.Code", $map: { Z: "zed" } } }, input)).toEqual({ a: "B" });
    expect(apply({ a: { $from: "List[0].N", $map: { "1": "one" } } }, input)).toEqual({ a: "one" });
  });

  it("maps each element with $each; a single object is one element; missing gives []", () => {
    expect(apply({ items: { $from: "List", $each: { n: { $from: "N", coerce: "toNumber" } } } }, input)).toEqual({
      items: [{ n: 1 }, { n: 2 }],
    });
    expect(apply({ items: { $from: ".", $each: { id: "Id" } } }, input)).toEqual({ items: [{ id: "DP-1" }] });
    expect(apply({ items: { $from: "Nope", $each: { id: "Id" } } }, input)).toEqual({ items: [] });
    expect(apply({ items: { $from: "Nope", default: null, $each: { id: "Id" } } }, input)).toEqual({ items: null });
    expect(apply({ dates: { $from: "Dates", $each: { $from: ".", coerce: "toIsoDateTime" } } }, input)).toEqual({
      dates: ["2026-05-20T00:00:00", "2026-05-21T00:00:00"],
    });
  });

  it("never writes through __proto__", () => {
    const out = apply({ ["__proto__"]: { polluted: "Id" } } as JsonObject, input) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("coercions", () => {
  it("converts numbers; toNumber keeps junk for the contract to report, toNumberOrNull nulls it", () => {
    expect(coerceValue("1,250.50", "toNumber")).toBe(1250.5);
    expect(coerceValue("abc", "toNumber")).toBe("abc");
    expect(coerceValue("abc", "toNumberOrNull")).toBeNull();
    expect(coerceValue("", "toNumberOrNull")).toBeNull();
    expect(coerceValue(null, "toNumber")).toBeNull();
    expect(coerceValue(7, "toString")).toBe("7");
    expect(coerceValue(null, "toString")).toBeNull();
    expect(coerceValue({ a: 1 }, "identity")).toEqual({ a: 1 });
  });

  it("cuts wall-clock date fields without converting time zones", () => {
    expect(coerceValue("2026-05-25T23:30:00-05:00", "toDateOnly")).toBe("2026-05-25");
    expect(coerceValue("2026-05-25T23:30:00.123+09:30", "toIsoDateTime")).toBe("2026-05-25T23:30:00");
    expect(coerceValue("2026-05-25", "toIsoDateTime")).toBe("2026-05-25T00:00:00");
    expect(coerceValue("06/08/2026", "toDateOnly")).toBe("2026-06-08");
    expect(coerceValue("2026-05-25T01:02Z", "toIsoDateTime")).toBe("2026-05-25T01:02:00");
  });

  it("returns null for junk dates", () => {
    for (const junk of ["soon", "2026-02-30", "2026-13-01", "2026-05-25T25:00:00", "", 20260525, true, null]) {
      expect(coerceValue(junk, "toDateOnly")).toBeNull();
      expect(coerceValue(junk, "toIsoDateTime")).toBeNull();
    }
  });
});
