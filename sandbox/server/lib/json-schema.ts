/**
 * A small JSON Schema subset for custom event payloads: type, properties, required,
 * additionalProperties (boolean or schema), items, enum, const, minimum/maximum,
 * minLength/maxLength, minItems/maxItems. Unknown keywords are ignored.
 */

type Json = unknown;

function typeOf(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function typeMatches(expected: string, v: Json): boolean {
  const actual = typeOf(v);
  return expected === actual || (expected === "number" && actual === "integer");
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validate `value` against `schema`; returns human-readable problems (empty = valid). */
export function validateJsonSchema(schema: unknown, value: Json, where = "payload", out: string[] = []): string[] {
  if (!isObject(schema) || out.length >= 20) return out;
  const t = schema.type;
  if (typeof t === "string" || Array.isArray(t)) {
    const types = (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === "string");
    if (!types.some((x) => typeMatches(x, value))) {
      out.push(`${where} must be ${types.join(" or ")}`);
      return out;
    }
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    out.push(`${where} must be one of ${JSON.stringify(schema.enum)}`);
  }
  if ("const" in schema && JSON.stringify(schema.const) !== JSON.stringify(value))
    out.push(`${where} must equal ${JSON.stringify(schema.const)}`);
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum) out.push(`${where} must be >= ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum) out.push(`${where} must be <= ${schema.maximum}`);
  }
  if (typeof value === "string") {
    if (typeof schema.minLength === "number" && value.length < schema.minLength)
      out.push(`${where} must have at least ${schema.minLength} characters`);
    if (typeof schema.maxLength === "number" && value.length > schema.maxLength)
      out.push(`${where} must have at most ${schema.maxLength} characters`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems)
      out.push(`${where} must have at least ${schema.minItems} items`);
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems)
      out.push(`${where} must have at most ${schema.maxItems} items`);
    if (isObject(schema.items)) value.forEach((item, i) => validateJsonSchema(schema.items, item, `${where}[${i}]`, out));
  }
  if (isObject(value)) {
    const props = isObject(schema.properties) ? schema.properties : {};
    if (Array.isArray(schema.required)) {
      for (const r of schema.required) if (typeof r === "string" && !(r in value)) out.push(`${where}.${r} is required`);
    }
    for (const [k, v] of Object.entries(value)) {
      if (k in props) validateJsonSchema(props[k], v, `${where}.${k}`, out);
      else if (schema.additionalProperties === false) out.push(`${where}.${k} is not allowed`);
      else if (isObject(schema.additionalProperties)) validateJsonSchema(schema.additionalProperties, v, `${where}.${k}`, out);
    }
  }
  return out;
}
