import type { Consumer } from "@/lib/secrets/usage";

function ConsumerName({ consumer }: { consumer: Consumer }) {
  return (
    <span>
      <span className="font-mono">{consumer.label}</span>
      <span className="text-slate-500"> ({consumer.type})</span>
    </span>
  );
}

/** "Used by A, B" next to an entry; null consumers means usage is unknown (summaries failed), so say nothing. */
export function UsedBy({ consumers }: { consumers: Consumer[] | null }) {
  if (consumers === null) return null;
  if (consumers.length === 0) return <span className="text-xs text-slate-500">Not declared by any workflow or integration</span>;
  return (
    <span className="text-xs text-slate-600 dark:text-slate-400">
      Used by{" "}
      {consumers.map((c, i) => (
        <span key={`${c.type}:${c.id}`}>
          {i > 0 ? ", " : null}
          <ConsumerName consumer={c} />
        </span>
      ))}
    </span>
  );
}

/**
 * The warning shown before a delete or rotate: every declarer, by name. `consumers` null means the
 * requirements could not be loaded; `unchecked` names the summaries the role may not read.
 */
export function DependentsWarning({
  consumers,
  action,
  unchecked = [],
}: {
  consumers: Consumer[] | null;
  action: "delete" | "rotate";
  unchecked?: string[];
}) {
  if (consumers === null) {
    return (
      <p
        role="alert"
        data-testid="dependents-unknown"
        className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      >
        The console could not check which workflows and integrations use this key. Any that read it will fail at runtime.
      </p>
    );
  }
  const uncheckedNote =
    unchecked.length > 0 ? (
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        Your role cannot read {unchecked.join(" or ")} requirements; those were not checked.
      </p>
    ) : null;
  if (consumers.length === 0) {
    return (
      <div>
        <p className="text-sm text-slate-600 dark:text-slate-400">No workflow or integration declares this key.</p>
        {uncheckedNote}
      </div>
    );
  }
  return (
    <div
      role="alert"
      data-testid="dependents-warning"
      className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p className="font-medium">
        {action === "delete"
          ? "These will fail at runtime once it is deleted:"
          : "These will fail at runtime if they read it between the delete and the new value:"}
      </p>
      <ul className="mt-2 list-disc pl-5">
        {consumers.map((c) => (
          <li key={`${c.type}:${c.id}`}>
            <ConsumerName consumer={c} />
          </li>
        ))}
      </ul>
      {uncheckedNote}
    </div>
  );
}
