import type { Consumer } from "@/lib/secrets/usage";

function ConsumerName({ consumer }: { consumer: Consumer }) {
  return (
    <span>
      <span className="font-mono">{consumer.label}</span>
      <span className="text-slate-500"> ({consumer.type})</span>
    </span>
  );
}

/** "Used by A, B" next to an entry (nothing when no workflow or integration declares it). */
export function UsedBy({ consumers }: { consumers: Consumer[] }) {
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

/** The warning shown before a delete or rotate: every declarer, by name. */
export function DependentsWarning({ consumers, action }: { consumers: Consumer[]; action: "delete" | "rotate" }) {
  if (consumers.length === 0) {
    return <p className="text-sm text-slate-600 dark:text-slate-400">No workflow or integration declares this key.</p>;
  }
  return (
    <div role="alert" data-testid="dependents-warning" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
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
    </div>
  );
}
