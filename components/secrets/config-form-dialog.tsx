"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { ConfigEntry } from "@/lib/schemas/secrets";
import { groupProblem, keyProblem, validateConfigForm, type FieldErrors } from "@/lib/secrets/form";
import { Field } from "./field";
import { MutationError } from "@/components/ui/mutation-error";
import { useCreateConfig } from "@/lib/queries/secrets";

/** Add a config entry (POST; 409 when key+group exists). */
export function ConfigFormDialog({
  open,
  initial,
  onClose,
  onSaved,
}: {
  open: boolean;
  initial: { key: string; group: string; description: string };
  onClose: () => void;
  onSaved: (entry: ConfigEntry) => void;
}) {
  const create = useCreateConfig();
  const [values, setValues] = useState({ ...initial, value: "" });
  const [errors, setErrors] = useState<FieldErrors<"key" | "group" | "value" | "description">>({});
  const [touched, setTouched] = useState({ key: false, group: false });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validateConfigForm(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    create.mutate(checked.data, { onSuccess: (entry) => onSaved(entry) });
  }

  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  return (
    <Dialog open={open} onClose={onClose} title="Add a config entry">
      <form method="post" onSubmit={onSubmit} className="space-y-4" aria-label="Add config" noValidate>
        <Field
          label="Key"
          name="key"
          value={values.key}
          autoComplete="off"
          spellCheck={false}
          onChange={set("key")}
          onBlur={() => setTouched((t) => ({ ...t, key: true }))}
          error={errors.key ?? (touched.key ? keyProblem(values.key) : null)}
          hint="Letters, digits and _, not starting with a digit (up to 128)."
        />
        <Field
          label="Group"
          name="group"
          value={values.group}
          autoComplete="off"
          spellCheck={false}
          placeholder="global"
          onChange={set("group")}
          onBlur={() => setTouched((t) => ({ ...t, group: true }))}
          error={errors.group ?? (touched.group ? groupProblem(values.group) : null)}
          hint="Empty means global."
        />
        <Field label="Value" name="value" value={values.value} onChange={set("value")} error={errors.value} hint="May be empty." />
        <Field
          label="Description"
          name="description"
          value={values.description}
          maxLength={500}
          onChange={set("description")}
          error={errors.description}
        />
        <MutationError error={create.error} conflictHint="This key already exists in that group: edit the existing entry instead." />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Saving…" : "Add config"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
