import type { ReactNode } from "react";

/** Title row of a page. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {/* A div, not a p: descriptions may hold lists (a p around a ul is invalid HTML and breaks hydration). */}
        {description ? <div className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">{description}</div> : null}
      </div>
      {actions}
    </div>
  );
}
