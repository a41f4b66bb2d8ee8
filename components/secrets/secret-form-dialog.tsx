"use client";
import { useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { hasReason, ReasonField } from "@/components/audit/reason-field";
import { Dialog } from "@/components/ui/dialog";
import type { SecretMeta } from "@/lib/schemas/secrets";
import { groupProblem, keyProblem, validateSecretForm, type FieldErrors } from "@/lib/secrets/form";
import { OneTimeValue } from "@/lib/secrets/one-time-value";
import type { Consumer } from "@/lib/secrets/usage";
import { DependentsWarning } from "./consumers";
import { Field } from "./field";
import { MutationError } from "@/components/ui/mutation-error";
import { useSaveSecret } from "@/lib/queries/secrets";

export interface SecretFormInitial {
  key: string;
  group: string;
  description: string;
}

/**
 * Add a secret, or rotate one (delete + create in one BFF step). The value input is uncontrolled:
 * the value never enters React state, and the input is emptied the moment the request leaves.
 */
export function SecretFormDialog({
  mode,
  open,
  initial,
  consumers,
  unchecked = [],
  onClose,
  onSaved,
}: {
  mode: "create" | "rotate";
  open: boolean;
  initial: SecretFormInitial;
  consumers: Consumer[] | null;
  unchecked?: string[];
  onClose: () => void;
  onSaved: (meta: SecretMeta) => void;
}) {
  const save = useSaveSecret(mode);
  const valueRef = useRef<HTMLInputElement>(null);
  const [key, setKey] = useState(initial.key);
  const [group, setGroup] = useState(initial.group);
  const [description, setDescription] = useState(initial.description);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors<"key" | "group" | "value" | "description">>({});
  const [failure, setFailure] = useState<Error | null>(null);
  const [touched, setTouched] = useState({ key: false, group: false });

  function close() {
    if (valueRef.current) valueRef.current.value = "";
    onClose();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = valueRef.current;
    const checked = validateSecretForm({ key, group, description, value: input?.value ?? "" });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(null);
    const draft = {
      key: checked.data.key,
      group: checked.data.group,
      description: checked.data.description,
      value: new OneTimeValue(checked.data.value),
      reason: reason.trim() || undefined,
    };
    // Sent once: clear the field before the request resolves.
    if (input) input.value = "";
    try {
      const meta = await save.mutateAsync(draft);
      onSaved(meta);
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error("The secret could not be saved"));
    } finally {
      // Drop the mutation's state (its variables) at once.
      save.reset();
    }
  }

  const liveKeyProblem = touched.key ? keyProblem(key) : null;
  const liveGroupProblem = touched.group ? groupProblem(group) : null;
  const isRotate = mode === "rotate";
  return (
    <Dialog open={open} onClose={close} title={isRotate ? `Rotate ${initial.key}` : "Add a secret"}>
      <form
        method="post"
        onSubmit={(e) => void onSubmit(e)}
        className="space-y-4"
        aria-label={isRotate ? "Rotate secret" : "Add secret"}
        noValidate
      >
        {isRotate ? (
          <>
            <p className="text-sm">
              Secrets are write-once. Rotating deletes <code className="font-mono">{initial.key}</code> in group{" "}
              <code className="font-mono">{initial.group}</code> and stores the new value in one step.
            </p>
            <DependentsWarning consumers={consumers} action="rotate" unchecked={unchecked} />
          </>
        ) : (
          <>
            <Field
              label="Key"
              name="key"
              value={key}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setKey(e.target.value)}
              onBlur={() => setTouched((t) => ({ ...t, key: true }))}
              error={errors.key ?? liveKeyProblem}
              hint="Letters, digits and _, not starting with a digit (up to 128)."
            />
            <Field
              label="Group"
              name="group"
              value={group}
              autoComplete="off"
              spellCheck={false}
              placeholder="global"
              onChange={(e) => setGroup(e.target.value)}
              onBlur={() => setTouched((t) => ({ ...t, group: true }))}
              error={errors.group ?? liveGroupProblem}
              hint="Empty means global."
            />
          </>
        )}
        <Field
          ref={valueRef}
          label={isRotate ? "New value" : "Value"}
          name="secret-value"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          data-1p-ignore
          data-lpignore="true"
          error={errors.value}
          hint="Sent once and never shown again."
        />
        <Field
          label="Description"
          name="description"
          value={description}
          maxLength={500}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
        />
        {isRotate ? <ReasonField value={reason} onChange={setReason} disabled={save.isPending} /> : null}
        <MutationError
          error={failure}
          conflictHint="Secrets are write-once: to change this value, use Rotate on the existing entry, or pick another key or group."
        />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" variant={isRotate ? "danger" : "primary"} disabled={save.isPending || (isRotate && !hasReason(reason))}>
            {save.isPending ? "Saving…" : isRotate ? "Rotate secret" : "Add secret"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
