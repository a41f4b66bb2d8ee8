"use client";
import { useId } from "react";
import { AUDIT_REASON_MAX } from "@/lib/audit/actions";

/**
 * "Why?" box of a confirmation dialog. The text is recorded in the activity log with the
 * user's name; required for cancel, rotate, delete and rollback (the BFF refuses them without).
 */
export function ReasonField({
  value,
  onChange,
  required = true,
  disabled = false,
}: {
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="mt-3">
      <label htmlFor={id} className="block text-sm font-medium">
        Reason{" "}
        {required ? (
          <span className="font-normal text-slate-500">(required)</span>
        ) : (
          <span className="font-normal text-slate-500">(optional)</span>
        )}
      </label>
      <input
        id={id}
        type="text"
        value={value}
        required={required}
        disabled={disabled}
        maxLength={AUDIT_REASON_MAX}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value.replace(/[\r\n\t]/g, " "))}
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        autoComplete="off"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
        Recorded in the activity log with your name. Never paste a secret or config value here.
      </p>
    </div>
  );
}

/** True when a required reason has been given. */
export function hasReason(value: string): boolean {
  return value.trim().length > 0;
}
