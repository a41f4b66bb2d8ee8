// Values the Pegasus transport has already parsed with a zod schema, so the BFF wrapper can skip
// parsing them again with the route's output schema when that schema is the same one (for the
// workflow list that second pass re-validated every manifest and diagram). Only the exact object
// the parse produced is recognised, and it is frozen so a handler cannot add unvalidated rows to
// it afterwards; anything a handler builds itself is a different object and is still parsed.
// No "server-only" marker: imported by lib/pegasus modules that unit tests load directly.
import { z } from "zod";

const validatedWith = new WeakMap<object, z.ZodType>();

/** Same schema: the identical instance, or arrays of the same element schema (routes write `z.array(x)` themselves). */
export function sameSchema(a: z.ZodType, b: z.ZodType): boolean {
  if (a === b) return true;
  return a instanceof z.ZodArray && b instanceof z.ZodArray && sameSchema(a.element as z.ZodType, b.element as z.ZodType);
}

/**
 * Records that `value` is the output of `schema.parse(...)` and freezes it (arrays: the array and
 * its rows; objects: the object itself). Returns the value for chaining.
 */
export function markValidated<T>(schema: z.ZodType, value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) for (const row of value) if (row !== null && typeof row === "object") Object.freeze(row);
  Object.freeze(value);
  validatedWith.set(value, schema);
  return value;
}

/** True when `value` was marked with a schema that is the same as `schema`. */
export function isValidatedAs(schema: z.ZodType, value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const marked = validatedWith.get(value);
  return marked !== undefined && sameSchema(marked, schema);
}
