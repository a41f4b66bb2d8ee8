import type { z } from "zod";
import {
  createConfigSchema,
  createSecretSchema,
  putConfigSchema,
  type CreateConfig,
  type CreateSecret,
  type PutConfig,
} from "@/lib/schemas/secrets";
import { groupSchema, keySchema } from "@/lib/schemas/common";

/** Per-field messages for a form; a field without a problem has no entry. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export type FormResult<T, F extends string> = { ok: true; data: T } | { ok: false; errors: FieldErrors<F> };

/** What the secret and config forms hold (strings straight from the inputs). */
export interface KeyFormValues {
  key: string;
  group: string;
  value: string;
  description: string;
}

type KeyFormField = keyof KeyFormValues;

function fieldErrors<F extends string>(error: z.ZodError, fields: readonly F[]): FieldErrors<F> {
  const errors: FieldErrors<F> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    const name = fields.find((f) => f === field);
    // First message per field; zod messages never quote the input, so a value cannot leak here.
    if (name && !errors[name]) errors[name] = issue.message;
  }
  return errors;
}

const ALL_FIELDS: readonly KeyFormField[] = ["key", "group", "value", "description"];

function blankToUndefined(text: string): string | undefined {
  const trimmed = text.trim();
  return trimmed.length > 0 ? trimmed : undefined;
}

/** Checks the secret form against the contract schema before anything is sent. */
export function validateSecretForm(values: KeyFormValues): FormResult<CreateSecret, KeyFormField> {
  const parsed = createSecretSchema.safeParse({
    key: values.key.trim(),
    group: values.group.trim() || undefined,
    value: values.value,
    description: blankToUndefined(values.description),
  });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error, ALL_FIELDS) };
}

/** Checks the config create form against the contract schema. */
export function validateConfigForm(values: KeyFormValues): FormResult<CreateConfig, KeyFormField> {
  const parsed = createConfigSchema.safeParse({
    key: values.key.trim(),
    group: values.group.trim() || undefined,
    value: values.value,
    description: blankToUndefined(values.description),
  });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, errors: fieldErrors(parsed.error, ALL_FIELDS) };
}

/** Checks an in-place config edit (PUT upsert with the entry's own group); a cleared description becomes null. */
export function validateConfigEdit(
  values: Pick<KeyFormValues, "group" | "value" | "description">,
): FormResult<PutConfig, "group" | "value" | "description"> {
  const parsed = putConfigSchema.safeParse({
    group: values.group,
    value: values.value,
    description: blankToUndefined(values.description) ?? null,
  });
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, errors: fieldErrors(parsed.error, ["group", "value", "description"] as const) };
}

/** The message for one key as typed (null when it is valid), for live feedback next to the field. */
export function keyProblem(key: string): string | null {
  const parsed = keySchema.safeParse(key.trim());
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "invalid key");
}

/** The message for one group as typed (null when valid; empty means `global`). */
export function groupProblem(group: string): string | null {
  if (group.trim() === "") return null;
  const parsed = groupSchema.safeParse(group.trim());
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "invalid group");
}
