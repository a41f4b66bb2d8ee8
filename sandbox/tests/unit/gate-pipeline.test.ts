import { describe, expect, it } from "vitest";
import {
  compileMapping,
  runGate,
  shipmentStatusUpdateFloor as floor,
  validateWithDefinition,
  type CorpusCase,
  type GateCandidate,
  type IntegrationDefinition,
  type Rule,
  type TypeFloor,
} from "../../server/gate";

const mapping = {
  serviceOrderNumber: "Id",
  serviceStatus: { $from: "Status.Code", $map: { ACC: "Accepted", SUB: "Submitted", AWD: "Awarded" } },
  supplierContactName: { $from: "Coordinator.Name", default: "" },
  supplierContactEmail: { $from: "Coordinator.Email", default: "" },
  shipments: { $from: "Shipments", $each: { supplierShipmentId: { $from: "ShipmentNo", coerce: "toString" } } },
};
const rules: Rule[] = [
  {
    id: "no-awarded",
    description: "d",
    field: "serviceStatus",
    message: "m",
    when: [{ fact: "serviceStatus", op: "eq", value: "Awarded" }],
  },
  { id: "needs-shipments", description: "d", field: "shipments", message: "m", when: [{ fact: "shipmentCount", op: "lte", value: 0 }] },
];
const order = (status: string, extra: Record<string, unknown> = {}) => ({
  Id: "SO-1",
  Status: { Code: status },
  Coordinator: { Email: "a@b.example" },
  Shipments: [{ ShipmentNo: 1 }],
  ...extra,
});
const corpus: CorpusCase[] = [
  { name: "accepted", input: { order: order("ACC") }, expected: { valid: true, ruleIds: [] } },
  { name: "awarded", input: { order: order("AWD") }, expected: { valid: false, ruleIds: ["no-awarded"] } },
  {
    name: "awarded without shipments",
    input: { order: order("AWD", { Shipments: [] }) },
    expected: { valid: false, ruleIds: ["needs-shipments", "no-awarded"] },
  },
];
const candidate = (over: Partial<GateCandidate> = {}): GateCandidate => ({ mapping, rules, corpus, ...over });

describe("runGate", () => {
  it("passes a good candidate and reports exactly the GateReport shape", () => {
    const report = runGate(floor, candidate());
    expect(report).toEqual({ ok: true, problems: [], corpus: { total: 3, passed: 3, failures: [] } });
  });

  it("stops before the corpus when the mapping does not parse", () => {
    const report = runGate(floor, candidate({ mapping: { serviceOrderNumber: { $from: "Id", $bad: 1 } } }));
    expect(report).toEqual({
      ok: false,
      problems: [{ stage: "mapping-format", where: "serviceOrderNumber", problem: 'unknown directive "$bad"' }],
      corpus: { total: 3, passed: 0, failures: [] },
    });
  });

  it("stops before the corpus when the rules do not parse, still reporting mapping analysis", () => {
    const report = runGate(floor, candidate({ mapping: { ...mapping, bogus: "Id" }, rules: [{ id: "x" }] }));
    expect(report.ok).toBe(false);
    expect(report.corpus).toEqual({ total: 3, passed: 0, failures: [] });
    expect(report.problems.map((p) => p.stage)).toEqual(["mapping", "rules-format", "rules-format", "rules-format", "rules-format"]);
    expect(report.problems[0]).toEqual({ stage: "mapping", where: "bogus", problem: 'maps to unknown canonical field "bogus"' });
  });

  it("replays the corpus when only static analysis failed, and is still not ok", () => {
    const report = runGate(floor, candidate({ rules: [...rules, { ...rules[0]!, id: "no-awarded" }] }));
    expect(report.problems).toEqual([{ stage: "rules", where: "no-awarded", problem: 'duplicate rule id "no-awarded"' }]);
    expect(report.corpus.total).toBe(3);
    expect(report.ok).toBe(false);
  });

  it("reports a required canonical field the mapping never writes", () => {
    const { supplierContactEmail: _dropped, ...withoutEmail } = mapping;
    const report = runGate(floor, candidate({ mapping: withoutEmail, corpus: [] }));
    expect(report).toEqual({
      ok: false,
      problems: [
        { stage: "mapping", where: "supplierContactEmail", problem: 'does not map required canonical field "supplierContactEmail"' },
      ],
      corpus: { total: 0, passed: 0, failures: [] },
    });
  });

  it("reports a structural failure with the contract issues as detail", () => {
    const report = runGate(
      floor,
      candidate({ corpus: [{ name: "unknown status", input: { order: order("ZZZ") }, expected: { valid: true, ruleIds: [] } }] }),
    );
    expect(report.ok).toBe(false);
    expect(report.corpus.passed).toBe(0);
    const failure = report.corpus.failures[0];
    expect(failure?.name).toBe("unknown status");
    expect(failure?.reason).toBe("structural");
    expect(failure).not.toHaveProperty("expected");
    expect(Array.isArray(failure?.detail)).toBe(true);
    expect(failure?.detail).toEqual([expect.objectContaining({ path: ["serviceStatus"], code: "invalid_value" })]);
  });

  it("reports a behavioral failure with expected and actual", () => {
    const report = runGate(
      floor,
      candidate({ corpus: [{ name: "awarded thought ok", input: { order: order("AWD") }, expected: { valid: true, ruleIds: [] } }] }),
    );
    expect(report.corpus).toEqual({
      total: 1,
      passed: 0,
      failures: [
        {
          name: "awarded thought ok",
          reason: "behavioral",
          detail: "validation outcome did not match the expected corpus result",
          expected: { valid: true, ruleIds: [] },
          actual: { valid: false, ruleIds: ["no-awarded"], degraded: false },
        },
      ],
    });
  });

  it("compares rule ids as sorted sets", () => {
    const c = corpus[2]!;
    const report = runGate(
      floor,
      candidate({ corpus: [{ ...c, expected: { valid: false, ruleIds: ["no-awarded", "needs-shipments"] } }] }),
    );
    expect(report.ok).toBe(true);
    const wrong = runGate(floor, candidate({ corpus: [{ ...c, expected: { valid: false, ruleIds: ["no-awarded"] } }] }));
    expect(wrong.corpus.failures[0]?.reason).toBe("behavioral");
  });

  it("fails a case whose validation degraded", () => {
    const broken: TypeFloor = {
      ...floor,
      deriveFacts: () => {
        throw new Error("boom");
      },
    };
    const report = runGate(broken, candidate({ corpus: [corpus[0]!] }));
    expect(report.corpus.failures[0]).toMatchObject({ reason: "behavioral", actual: { valid: true, ruleIds: [], degraded: true } });
  });

  describe("external projection", () => {
    const externalShape = {
      type: "object",
      properties: {
        ref: { type: "string" },
        state: { type: "string", enum: ["Accepted", "Submitted", "Awarded"] },
        legs: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } },
      },
    };
    const externalMapping = {
      ref: "serviceOrderNumber",
      state: "serviceStatus",
      legs: { $from: "shipments", $each: { id: "supplierShipmentId" } },
    };

    it("passes a projection that reads canonical fields into the external shape", () => {
      expect(runGate(floor, candidate({ externalShape, externalMapping })).ok).toBe(true);
    });

    it("requires externalShape when externalMapping is present", () => {
      const report = runGate(floor, candidate({ externalMapping }));
      expect(report.problems).toEqual([
        {
          stage: "external-shape",
          where: "externalShape",
          problem: "externalShape (a JSON Schema) is required when externalMapping is present",
        },
      ]);
      expect(report.corpus.passed).toBe(3);
      expect(report.ok).toBe(false);
    });

    it("rejects a shape without properties", () => {
      expect(runGate(floor, candidate({ externalMapping, externalShape: { type: "string" } })).problems[0]?.stage).toBe("external-shape");
    });

    it("checks targets against the shape and sources against the canonical fields (element reads composed)", () => {
      const report = runGate(
        floor,
        candidate({
          externalShape,
          externalMapping: {
            ...externalMapping,
            extra: "serviceOrderNumber",
            ref: "orderNo",
            legs: { $from: "shipments", $each: { id: "shipmentRef" } },
          },
        }),
      );
      expect(report.problems).toEqual([
        { stage: "external-mapping", where: "ref", problem: 'reads unknown canonical field "orderNo"' },
        { stage: "external-mapping", where: "legs[].id", problem: 'reads unknown canonical field "shipments.shipmentRef"' },
        { stage: "external-mapping", where: "extra", problem: 'maps to unknown external field "extra"' },
      ]);
    });

    it("checks $map outputs against the external enum", () => {
      const report = runGate(
        floor,
        candidate({ externalShape, externalMapping: { ...externalMapping, state: { $from: "serviceStatus", $map: { Accepted: "OK" } } } }),
      );
      expect(report.problems).toEqual([
        { stage: "external-mapping", where: "state", problem: '"$map" output "OK" (for "Accepted") is not an allowed value of "state"' },
      ]);
    });

    it("stops when the external mapping does not parse", () => {
      const report = runGate(floor, candidate({ externalShape, externalMapping: { ref: 5 } }));
      expect(report).toEqual({
        ok: false,
        problems: [{ stage: "external-mapping-format", where: "ref", problem: expect.stringContaining("a leaf must be") }],
        corpus: { total: 3, passed: 0, failures: [] },
      });
    });
  });
});

describe("validateWithDefinition", () => {
  const def: IntegrationDefinition = { integrationId: "t", displayName: "T", floor, mapping: compileMapping(mapping), rules };

  it("returns behavioral issues for rules that fire", () => {
    const result = validateWithDefinition(def, { order: order("AWD") });
    expect(result.valid).toBe(false);
    expect(result.degraded).toBe(false);
    expect(result.issues).toEqual([{ ruleId: "no-awarded", field: "serviceStatus", message: "m", kind: "behavioral", severity: "error" }]);
  });

  it("returns structural issues, with field paths, before any rule", () => {
    const result = validateWithDefinition(def, { order: { Status: { Code: "AWD" }, Shipments: [{}] } });
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => [i.ruleId, i.field, i.kind])).toEqual([
      ["structural", "serviceOrderNumber", "structural"],
      ["structural", "shipments[0].supplierShipmentId", "structural"],
    ]);
  });

  it("maps the prior state and passes the action to the facts", () => {
    const cancelRule: Rule = {
      id: "no-cancel",
      description: "d",
      field: "serviceStatus",
      message: "m",
      when: [
        { fact: "action", op: "eq", value: "cancel" },
        { fact: "priorServiceStatus", op: "eq", value: "Submitted" },
      ],
    };
    const withRule = { ...def, rules: [cancelRule] };
    expect(validateWithDefinition(withRule, { order: order("ACC"), prior: order("SUB"), action: "cancel" }).valid).toBe(false);
    expect(validateWithDefinition(withRule, { order: order("ACC"), prior: order("SUB") }).valid).toBe(true);
    expect(validateWithDefinition(withRule, { order: order("ACC"), prior: { junk: true }, action: "cancel" }).valid).toBe(true);
  });

  it("returns the canonical document it validated", () => {
    expect(validateWithDefinition(def, { order: order("ACC") }).canonical).toEqual({
      serviceOrderNumber: "SO-1",
      serviceStatus: "Accepted",
      supplierContactName: "",
      supplierContactEmail: "a@b.example",
      shipments: [{ supplierShipmentId: "1" }],
    });
  });
});
