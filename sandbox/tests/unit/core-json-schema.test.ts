import { describe, expect, it } from "vitest";
import { validateJsonSchema } from "../../server/lib/json-schema";

const schema = {
  type: "object",
  required: ["orderId", "amount"],
  additionalProperties: false,
  properties: {
    orderId: { type: "string", minLength: 2 },
    amount: { type: "number", minimum: 0, maximum: 1000 },
    status: { enum: ["open", "closed"] },
    tags: { type: "array", maxItems: 2, items: { type: "string" } },
    count: { type: "integer" },
  },
};

describe("custom event payload schema subset", () => {
  it("accepts a matching payload", () => {
    expect(validateJsonSchema(schema, { orderId: "o-1", amount: 12.5, status: "open", tags: ["a"], count: 3 })).toEqual([]);
  });

  it("reports each violation with its path", () => {
    const problems = validateJsonSchema(schema, {
      orderId: "x",
      amount: 5000,
      status: "lost",
      tags: ["a", "b", 3],
      count: 1.5,
      extra: true,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        "payload.orderId must have at least 2 characters",
        "payload.amount must be <= 1000",
        'payload.status must be one of ["open","closed"]',
        "payload.tags must have at most 2 items",
        "payload.tags[2] must be string",
        "payload.count must be integer",
        "payload.extra is not allowed",
      ]),
    );
    expect(validateJsonSchema(schema, { orderId: "ok" })).toEqual(["payload.amount is required"]);
    expect(validateJsonSchema(schema, [])).toEqual(["payload must be object"]);
  });
});
