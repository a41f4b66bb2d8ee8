import Link from "next/link";
import type { FailureCause } from "@/lib/failures";

const OWNER_TEXT: Record<string, string> = {
  "tenant admin": "Fix: a tenant admin",
  "workflow developer": "Fix: the workflow's developer",
  "Pegasus support": "Fix: Pegasus support",
};

/** A cause from the catalog: title, explanation, who fixes it, how, and the fix links. */
export function CauseView({ cause, compact = false }: { cause: Omit<FailureCause, "rule"> & { rule: string }; compact?: boolean }) {
  if (cause.rule === "unknown") {
    return (
      <div className="min-w-0">
        <p className="text-xs font-medium text-slate-500 dark:text-slate-400">Cause not recognised; the error as reported:</p>
        <p className="mt-0.5 whitespace-pre-wrap break-words font-mono text-xs">{cause.explanation}</p>
      </div>
    );
  }
  return (
    <div className="min-w-0">
      <p className="font-semibold">{cause.title}</p>
      {compact ? null : <p className="mt-1">{cause.explanation}</p>}
      {cause.fix ? (
        <p className="mt-1">
          {cause.owner ? <span className="font-medium">{OWNER_TEXT[cause.owner] ?? cause.owner}. </span> : null}
          {cause.fix}
        </p>
      ) : null}
      {cause.fixes.some((f) => f.href) ? (
        <p className="mt-2 flex flex-wrap gap-2">
          {cause.fixes.map((f) =>
            f.href ? (
              <Link
                key={f.label}
                href={f.href}
                className="rounded-md bg-brand-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2"
              >
                {f.label}
              </Link>
            ) : null,
          )}
        </p>
      ) : null}
    </div>
  );
}
