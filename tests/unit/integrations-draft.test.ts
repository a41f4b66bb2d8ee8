import { describe, expect, it } from "vitest";
import { bodyFingerprint, editableBodySchema } from "@/lib/integrations/body";
import { draftFromBody, readDraft } from "@/lib/integrations/draft";

const body = editableBodySchema.parse({
  mapping: { serviceStatus: { $from: "Status.Code", coerce: "toString" } },
  rules: [{ id: "r1", field: "serviceStatus", description: "d", message: "m", when: [{ fact: "serviceStatus", op: "eq", value: "X" }] }],
  corpus: [
    { name: "one", input: { order: { Id: 1 } }, expected: { valid: true, ruleIds: [] } },
    { name: "two", input: { order: { Id: 2 }, action: "cancel" }, expected: { valid: false, ruleIds: ["r1"] } },
  ],
  floor: "shipment_status_update",
  displayName: "Demo",
  inbound: { eventType: "x" },
  requiredSecrets: [{ key: "K", group: "g" }],
});

describe("editor draft", () => {
  it("round-trips a body through the editor texts unchanged", () => {
    const draft = draftFromBody(body);
    expect(draft.cases).toHaveLength(2);
    expect(draft.parts.externalShape).toBe("");
    const read = readDraft(draft);
    expect(read.issues).toEqual({});
    expect(read.body && bodyFingerprint(read.body)).toBe(bodyFingerprint(body));
  });

  it("puts a syntax error on its part and line, and a mapping problem as you type", () => {
    const draft = draftFromBody(body);
    const broken = { ...draft, parts: { ...draft.parts, rules: draft.parts.rules.replace('"r1"', "r1") } };
    const read = readDraft(broken);
    expect(read.body).toBeNull();
    expect(read.issues.rules?.[0]?.line).toBe(broken.parts.rules.split("\n").findIndex((l) => l.includes("r1")) + 1);
    const badMap = readDraft({
      ...draft,
      parts: { ...draft.parts, mapping: '{\n  "serviceStatus": {\n    "$from": "Status.Code",\n    "coerce": "toBool"\n  }\n}' },
    });
    expect(badMap.issues.mapping?.[0]).toEqual({
      line: 2,
      message: expect.stringMatching(/serviceStatus: "coerce" must be one of/) as string,
    });
  });

  it("checks each corpus case on its own", () => {
    const draft = draftFromBody(body);
    const read = readDraft({
      ...draft,
      cases: [draft.cases[0] ?? "", '{"name": "", "input": {"order": {}}, "expected": {"valid": true, "ruleIds": []}}'],
    });
    expect(Object.keys(read.issues)).toEqual(["case:1"]);
    expect(read.issues["case:1"]?.[0]?.message).toMatch(/^name:/);
  });

  it("reports a bad meta field against meta", () => {
    const draft = draftFromBody(body);
    const read = readDraft({ ...draft, parts: { ...draft.parts, meta: '{"floor": "", "displayName": "x"}' } });
    expect(Object.keys(read.issues)).toEqual(["meta"]);
  });
});
