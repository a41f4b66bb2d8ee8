import { describe, expect, it } from "vitest";
import { enumValues, listFieldPaths, resolveSchemaPath } from "../../server/gate/json-schema";
import type { JsonObject } from "../../server/gate";

// A partner shape written by hand: $ref/$defs, unions, const and nullable enums.
const shape: JsonObject = {
  type: "object",
  $defs: {
    leg: { type: "object", properties: { id: { type: "string" }, kind: { const: "LEG" } } },
    status: { anyOf: [{ type: "string", enum: ["OPEN", "DONE"] }, { type: "null" }] },
  },
  properties: {
    status: { $ref: "#/$defs/status" },
    legs: { type: "array", items: { $ref: "#/$defs/leg" } },
    note: { type: ["string", "null"] },
    meta: {
      oneOf: [
        { type: "object", properties: { a: { type: "number" } } },
        { type: "object", properties: { b: { type: "number" } } },
      ],
    },
  },
};

describe("JSON Schema walker", () => {
  it("lists field paths through $ref, items and unions", () => {
    expect(listFieldPaths(shape)).toEqual(["status", "legs", "legs[].id", "legs[].kind", "note", "meta", "meta.a", "meta.b"]);
  });

  it("resolves paths, stepping through arrays", () => {
    expect(resolveSchemaPath(shape, ["legs", "id"])).toHaveLength(1);
    expect(resolveSchemaPath(shape, ["meta", "b"])).toHaveLength(1);
    expect(resolveSchemaPath(shape, ["legs", "nope"])).toEqual([]);
    expect(resolveSchemaPath(shape, [])).toEqual([shape]);
  });

  it("reads enums and consts; free-typed fields have none", () => {
    expect(enumValues(resolveSchemaPath(shape, ["status"]), shape)).toEqual(["OPEN", "DONE", null]);
    expect(enumValues(resolveSchemaPath(shape, ["legs", "kind"]), shape)).toEqual(["LEG"]);
    expect(enumValues(resolveSchemaPath(shape, ["note"]), shape)).toBeNull();
  });

  it("survives a self-referencing schema", () => {
    const loop: JsonObject = { $ref: "#/$defs/a", $defs: { a: { $ref: "#/$defs/a" } } };
    expect(listFieldPaths(loop)).toEqual([]);
    expect(resolveSchemaPath(loop, ["x"])).toEqual([]);
  });
});
