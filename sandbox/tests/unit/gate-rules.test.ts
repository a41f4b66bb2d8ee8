import { describe, expect, it } from "vitest";
import { analyzeRuleSet, checkRulesFormat, evaluateRules, shipmentStatusUpdateFloor as floor, type Rule } from "../../server/gate";

const rule = (id: string, when: Rule["when"], field = "serviceStatus"): Rule => ({
  id,
  description: id,
  field,
  message: `${id} fired`,
  when,
});
const analyze = (rules: Rule[]) => analyzeRuleSet(rules, floor.canonicalFields, floor.factCatalog);

describe("rules format", () => {
  it("accepts a well-formed rule set, sourceRef and nin included", () => {
    const result = checkRulesFormat([
      {
        id: "r1",
        description: "d",
        field: "serviceStatus",
        message: "m",
        sourceRef: "§4",
        when: [{ fact: "serviceStatus", op: "nin", value: ["Accepted"] }],
      },
    ]);
    expect(result).toHaveProperty("rules");
  });

  it.each([
    ["a non-array", { id: "r" }, "(root)"],
    ["a rule without predicates", [{ id: "r", description: "d", field: "f", message: "m", when: [] }], "[0].when"],
    ["a missing message", [{ id: "r", description: "d", field: "f", when: [{ fact: "a", op: "eq", value: 1 }] }], "[0].message"],
    [
      "an unknown rule key",
      [{ id: "r", description: "d", field: "f", message: "m", severity: "x", when: [{ fact: "a", op: "eq", value: 1 }] }],
      "[0]",
    ],
    [
      "an unknown operator",
      [{ id: "r", description: "d", field: "f", message: "m", when: [{ fact: "a", op: "like", value: "x" }] }],
      "[0].when[0].op",
    ],
    [
      "an object value",
      [{ id: "r", description: "d", field: "f", message: "m", when: [{ fact: "a", op: "eq", value: { x: 1 } }] }],
      "[0].when[0].value",
    ],
    ["an empty id", [{ id: "", description: "d", field: "f", message: "m", when: [{ fact: "a", op: "eq", value: 1 }] }], "[0].id"],
  ])("rejects %s", (_label, doc, where) => {
    const result = checkRulesFormat(doc);
    expect(result).toHaveProperty("problems");
    if ("problems" in result) expect(result.problems.map((p) => p.where)).toContain(where);
  });
});

describe("rule static analysis", () => {
  it("passes a clean rule set (array markers in fields are optional)", () => {
    expect(
      analyze([
        rule("a", [{ fact: "serviceStatus", op: "in", value: ["Awarded"] }]),
        rule("b", [{ fact: "shipmentsMissingLoadActual", op: "gt", value: 0 }], "shipments[].loadDate.actual"),
        rule("c", [{ fact: "hasSurveyDate", op: "eq", value: false }], "shipments.loadDate.planned"),
        rule("d", [{ fact: "estimatedTotalCost", op: "eq", value: null }], "estimatedTotalCost"),
      ]),
    ).toEqual([]);
  });

  it("reports a duplicate id", () => {
    expect(
      analyze([
        rule("a", [{ fact: "serviceStatus", op: "eq", value: "Accepted" }]),
        rule("a", [{ fact: "serviceStatus", op: "eq", value: "Declined" }]),
      ]),
    ).toEqual([{ where: "a", problem: 'duplicate rule id "a"' }]);
  });

  it("reports a field that is not canonical", () => {
    expect(analyze([rule("a", [{ fact: "serviceStatus", op: "eq", value: "x" }], "status")])).toEqual([
      { where: "a", problem: 'field "status" is not a canonical field' },
    ]);
  });

  it("reports an unknown fact", () => {
    expect(analyze([rule("a", [{ fact: "supplierContact", op: "eq", value: "x" }])])).toEqual([
      { where: "a", problem: 'unknown fact "supplierContact"' },
    ]);
    expect(analyze([rule("a", [{ fact: "toString", op: "eq", value: "x" }])])).toEqual([
      { where: "a", problem: 'unknown fact "toString"' },
    ]);
  });

  it("reports an ordered operator on a non-numeric fact", () => {
    expect(analyze([rule("a", [{ fact: "serviceStatus", op: "gt", value: 1 }])])).toEqual([
      { where: "a", problem: 'ordered operator "gt" on non-numeric fact "serviceStatus" (string)' },
    ]);
    expect(analyze([rule("a", [{ fact: "shipmentCount", op: "lte", value: "0" }])])).toEqual([
      { where: "a", problem: 'operator "lte" on fact "shipmentCount" needs a number value' },
    ]);
  });

  it("reports a boolean comparison on a non-boolean fact", () => {
    expect(analyze([rule("a", [{ fact: "shipmentCount", op: "eq", value: true }])])).toEqual([
      { where: "a", problem: 'boolean comparison on non-boolean fact "shipmentCount" (number)' },
    ]);
    expect(analyze([rule("a", [{ fact: "serviceStatus", op: "in", value: ["Accepted", false] }])])).toEqual([
      { where: "a", problem: 'boolean comparison on non-boolean fact "serviceStatus" (string)' },
    ]);
  });

  it("reports list operators without a list and lists on scalar operators", () => {
    expect(analyze([rule("a", [{ fact: "serviceStatus", op: "in", value: "Accepted" }])])).toEqual([
      { where: "a", problem: 'operator "in" on fact "serviceStatus" needs a list value' },
    ]);
    expect(analyze([rule("a", [{ fact: "serviceStatus", op: "eq", value: ["Accepted"] }])])).toEqual([
      { where: "a", problem: 'operator "eq" on fact "serviceStatus" cannot take a list value' },
    ]);
  });

  it("reports a rule shadowed by an earlier rule on the same field", () => {
    const broad = rule("broad", [{ fact: "serviceStatus", op: "in", value: ["Awarded", "Declined"] }]);
    const narrow = rule("narrow", [
      { fact: "serviceStatus", op: "in", value: ["Declined", "Awarded"] },
      { fact: "hasSurveyDate", op: "eq", value: false },
    ]);
    expect(analyze([broad, narrow])).toEqual([{ where: "narrow", problem: 'shadowed by earlier rule "broad" on field "serviceStatus"' }]);
    // Order matters, and so does the field.
    expect(analyze([narrow, broad])).toEqual([]);
    expect(analyze([broad, { ...narrow, field: "surveyDate" }])).toEqual([]);
  });
});

describe("rule evaluation", () => {
  const facts = { serviceStatus: "Submitted", shipmentCount: 2, hasSurveyDate: false, estimatedTotalCost: null };
  const fires = (when: Rule["when"]) => evaluateRules([rule("r", when)], facts).length === 1;

  it("fires only when every predicate holds", () => {
    expect(
      fires([
        { fact: "serviceStatus", op: "eq", value: "Submitted" },
        { fact: "hasSurveyDate", op: "eq", value: false },
      ]),
    ).toBe(true);
    expect(
      fires([
        { fact: "serviceStatus", op: "eq", value: "Submitted" },
        { fact: "hasSurveyDate", op: "eq", value: true },
      ]),
    ).toBe(false);
  });

  it("implements every operator", () => {
    expect(fires([{ fact: "serviceStatus", op: "ne", value: "Accepted" }])).toBe(true);
    expect(fires([{ fact: "shipmentCount", op: "gt", value: 1 }])).toBe(true);
    expect(fires([{ fact: "shipmentCount", op: "gt", value: 2 }])).toBe(false);
    expect(fires([{ fact: "shipmentCount", op: "gte", value: 2 }])).toBe(true);
    expect(fires([{ fact: "shipmentCount", op: "lt", value: 2 }])).toBe(false);
    expect(fires([{ fact: "shipmentCount", op: "lte", value: 2 }])).toBe(true);
    expect(fires([{ fact: "serviceStatus", op: "in", value: ["Submitted", "Accepted"] }])).toBe(true);
    expect(fires([{ fact: "serviceStatus", op: "nin", value: ["Submitted"] }])).toBe(false);
    expect(fires([{ fact: "serviceStatus", op: "nin", value: ["Accepted"] }])).toBe(true);
  });

  it("treats a null or missing fact as null: equal to null, never ordered, not in a list", () => {
    expect(fires([{ fact: "estimatedTotalCost", op: "eq", value: null }])).toBe(true);
    expect(fires([{ fact: "estimatedTotalCost", op: "lt", value: 100 }])).toBe(false);
    expect(fires([{ fact: "notDerived", op: "eq", value: null }])).toBe(true);
    expect(fires([{ fact: "notDerived", op: "in", value: ["x"] }])).toBe(false);
    expect(fires([{ fact: "notDerived", op: "nin", value: ["x"] }])).toBe(true);
  });

  it("reports a behavioral issue carrying the rule's field and message", () => {
    expect(evaluateRules([rule("r", [{ fact: "shipmentCount", op: "gt", value: 0 }], "shipments")], facts)).toEqual([
      { ruleId: "r", field: "shipments", message: "r fired", kind: "behavioral", severity: "error" },
    ]);
  });
});
