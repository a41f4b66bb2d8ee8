import type { ReactNode } from "react";

/** What a section shows when there is nothing to list yet. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 px-6 py-12 text-center">
      <h3 className="text-base font-semibold">{title}</h3>
      {children ? <div className="max-w-prose text-sm text-slate-600 dark:text-slate-400">{children}</div> : null}
      {action}
    </div>
  );
}
