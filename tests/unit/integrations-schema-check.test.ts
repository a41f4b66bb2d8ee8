import { describe, expect, it } from "vitest";
import { draftFromBody, readDraft, checkMappingWithSchema } from "@/lib/integrations/draft";
import { lineAt, mapJsonSpans, pathKey, pointerSegments, rangeOfPath } from "@/lib/integrations/json-pointer";
import { draftOf, validateWithSchema } from "@/lib/integrations/schema-check";

describe("JSON pointer → text range", () => {
  const text = `{
  "a": {
    "b~c/d": [1, "two", {"e": null}],
    "$f": true
  },
  "g": "h\\"i"
}`;
  const spans = mapJsonSpans(text);

  it("splits bare and URI-fragment pointers, unescaping ~1, ~0 and percent-encoding", () => {
    expect(pointerSegments("")).toEqual([]);
    expect(pointerSegments("#")).toEqual([]);
    expect(pointerSegments("/a/b~0c~1d/0")).toEqual(["a", "b~c/d", "0"]);
    expect(pointerSegments("#/a/%24f/x%25y")).toEqual(["a", "$f", "x%y"]);
  });

  it("maps every value to its exact span, and members to their key", () => {
    const at = (path: string[]) => {
      const span = spans.get(pathKey(path));
      if (!span) throw new Error(`unmapped ${path.join("/")}`);
      return { value: text.slice(span.from, span.to), key: span.keyFrom === null ? null : text.slice(span.keyFrom, span.keyTo ?? 0) };
    };
    expect(at([]).value).toBe(text);
    expect(at(["a", "b~c/d", "1"])).toEqual({ value: '"two"', key: null });
    expect(at(["a", "b~c/d", "2", "e"])).toEqual({ value: "null", key: '"e"' });
    expect(at(["a", "$f"])).toEqual({ value: "true", key: '"$f"' });
    expect(at(["g"])).toEqual({ value: '"h\\"i"', key: '"g"' });
  });

  it("marks the key for containers and key problems, the value otherwise, with 1-based lines", () => {
    expect(rangeOfPath(text, spans, ["a", "$f"])).toMatchObject({ line: 4 });
    const onValue = rangeOfPath(text, spans, ["a", "$f"]);
    expect(onValue && text.slice(onValue.from, onValue.to)).toBe("true");
    const onKey = rangeOfPath(text, spans, ["a", "$f"], true);
    expect(onKey && text.slice(onKey.from, onKey.to)).toBe('"$f"');
    const container = rangeOfPath(text, spans, ["a"]);
    expect(container && text.slice(container.from, container.to)).toBe('"a"');
    const inArray = rangeOfPath(text, spans, ["a", "b~c/d", "2"]);
    expect(inArray && text.slice(inArray.from, inArray.to)).toBe("{");
    expect(inArray?.line).toBe(3);
  });

  it("falls back to the nearest mapped ancestor, and survives malformed text", () => {
    const missing = rangeOfPath(text, spans, ["a", "$f", "nope"]);
    expect(missing && text.slice(missing.from, missing.to)).toBe("true");
    const partial = mapJsonSpans('{"x": 1, "y": [tru');
    expect(partial.get(pathKey(["x"]))).toMatchObject({ from: 6, to: 7 });
    expect(partial.has(pathKey([]))).toBe(false);
    expect(lineAt("a\nb\nc", 4)).toBe(3);
  });
});

// A small schema of our own (not the API's), with the constructs the API's mapping schema uses.
const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://example.test/shape.json",
  $ref: "#/$defs/obj",
  $defs: {
    leaf: { type: "string", pattern: "^[a-z.]+$", description: "a lowercase path" },
    node: { oneOf: [{ $ref: "#/$defs/leaf" }, { $ref: "#/$defs/dir" }, { $ref: "#/$defs/obj" }] },
    obj: { type: "object", propertyNames: { pattern: "^[^$]" }, additionalProperties: { $ref: "#/$defs/node" } },
    dir: {
      type: "object",
      required: ["$from"],
      additionalProperties: false,
      not: { required: ["$map", "$each"] },
      properties: {
        $from: { oneOf: [{ $ref: "#/$defs/leaf" }, { type: "array", minItems: 1, items: { $ref: "#/$defs/leaf" } }] },
        coerce: { enum: ["n", "s"] },
        $map: { type: "object" },
        $each: { $ref: "#/$defs/node" },
      },
    },
  },
};

describe("validateWithSchema (@cfworker/json-schema, best branch of each oneOf)", () => {
  const check = (value: unknown) =>
    validateWithSchema(schema, value).map((i) => ({ path: i.path.join("/"), message: i.message, onKey: i.onKey }));

  it("accepts valid documents", () => {
    expect(check({ a: "x.y", b: { c: { $from: ["p", "q"], coerce: "n" } }, d: { $from: "r", $each: { e: "s" } } })).toEqual([]);
  });

  it("reports one located problem per mistake, from the branch the value meant", () => {
    expect(check({ a: { $from: "x", coerce: "bad" } })).toEqual([
      { path: "a/coerce", message: '"bad" is not one of "n", "s"', onKey: false },
    ]);
    expect(check({ a: { $from: "x", extra: "y" } })).toEqual([
      { path: "a/extra", message: 'property "extra" is not allowed here', onKey: true },
    ]);
    expect(check({ a: { $from: "x", $map: {}, $each: "y" } })).toEqual([
      { path: "a", message: 'may not combine "$map", "$each"', onKey: false },
    ]);
    expect(check({ $a: "x" })).toEqual([{ path: "$a", message: 'property name "$a" must match /^[^$]/', onKey: true }]);
    expect(check({ a: "Bad Path" })).toEqual([{ path: "a", message: '"Bad Path" is not valid here: a lowercase path', onKey: false }]);
    expect(check({ a: { b: { $from: ["x", 4] } } })).toEqual([
      { path: "a/b/$from/1", message: "expected string, got integer", onKey: false },
    ]);
    expect(check({ a: { $from: [] } })).toEqual([
      { path: "a/$from", message: expect.stringMatching(/too few items/) as unknown as string, onKey: false },
    ]);
    expect(check({ a: 3 })).toEqual([{ path: "a", message: "expected string or object, got integer", onKey: false }]);
    expect(check([])).toEqual([{ path: "", message: "expected object, got array", onKey: false }]);
  });

  it("reports every mistake of a document, each at its own place", () => {
    const issues = check({ a: { $from: "x", coerce: "no" }, b: "ok", c: { d: 1 } });
    expect(issues.map((i) => i.path).sort()).toEqual(["a/coerce", "c/d"]);
  });

  it("reads the draft a schema declares, and validates with it", () => {
    expect(draftOf({ $schema: "http://json-schema.org/draft-07/schema#" })).toBe("7");
    expect(draftOf({ $schema: "http://json-schema.org/draft-04/schema#" })).toBe("4");
    expect(draftOf({ $schema: "https://json-schema.org/draft/2019-09/schema" })).toBe("2019-09");
    expect(draftOf({})).toBe("2020-12");
    const draft7 = {
      $schema: "http://json-schema.org/draft-07/schema#",
      definitions: { n: { type: "number" } },
      properties: { x: { $ref: "#/definitions/n" } },
    };
    expect(validateWithSchema(draft7, { x: "1" }).map((i) => [i.path, i.message])).toEqual([[["x"], "expected number, got string"]]);
    expect(validateWithSchema(draft7, { x: 1 })).toEqual([]);
  });
});

describe("readDraft with the mapping schema", () => {
  const body = { mapping: { status: "survey.status", nested: { when: { $from: "dates", coerce: "s" } } }, rules: [], corpus: [] };

  it("places schema problems at their exact range and line while typing", () => {
    const draft = draftFromBody(body);
    const text = draft.parts.mapping.replace('"coerce": "s"', '"coerce": "sometimes"');
    const { body: parsed, issues } = readDraft({ ...draft, parts: { ...draft.parts, mapping: text } }, { mappingSchema: schema });
    expect(parsed).toBeNull();
    const [issue] = issues.mapping ?? [];
    expect(issue).toBeDefined();
    expect(issue?.message).toBe('nested.when.coerce: "sometimes" is not one of "n", "s"');
    expect(text.slice(issue?.from, issue?.to)).toBe('"sometimes"');
    expect(issue?.line).toBe(text.split("\n").findIndex((l) => l.includes("sometimes")) + 1);
  });

  it("uses the schema instead of the built-in checker when given, and the checker without it", () => {
    const draft = draftFromBody(body);
    expect(readDraft(draft, { mappingSchema: schema }).body).not.toBeNull();
    // "survey.status" breaks a stricter schema (no dots) but is a fine path for the DSL checker.
    const mapping = draft.parts.mapping;
    const withSchema = checkMappingWithSchema(mapping, JSON.parse(mapping), {
      ...schema,
      $defs: { ...schema.$defs, leaf: { type: "string", pattern: "^[a-z]+$" } },
    });
    expect(withSchema.map((i) => i.message)).toContain('status: "survey.status" does not match /^[a-z]+$/');
    // Our test schema allows coerce "s"; the built-in checker (the fallback) knows the real list.
    for (const fallback of [readDraft(draft), readDraft(draft, { mappingSchema: null })]) {
      expect(fallback.body).toBeNull();
      expect(fallback.issues.mapping?.map((i) => i.message)).toEqual([
        expect.stringMatching(/nested\.when: "coerce" must be one of toNumber/),
      ]);
    }
  });

  it("keeps the nesting limit, which a schema cannot state", () => {
    let deep: Record<string, unknown> = { leaf: "x" };
    for (let i = 0; i < 40; i += 1) deep = { k: deep };
    const text = JSON.stringify(deep, null, 2);
    const issues = checkMappingWithSchema(text, deep, schema);
    expect(issues.map((i) => i.message)).toEqual([expect.stringMatching(/nest at most 32 levels/)]);
  });
});
