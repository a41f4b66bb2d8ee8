import { useId, type ComponentProps, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A labelled input with its hint and, when invalid, the reason right under it (announced to screen readers). */
export function Field({
  label,
  error,
  hint,
  className,
  ...input
}: { label: string; error?: string | null; hint?: ReactNode } & ComponentProps<"input">) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("space-y-1", className)}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          "w-full rounded-md border bg-white px-3 py-1.5 text-sm dark:bg-slate-950",
          error ? "border-red-500" : "border-slate-300 dark:border-slate-700",
        )}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
    </div>
  );
}
