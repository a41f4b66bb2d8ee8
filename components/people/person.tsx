"use client";
import { useQuery } from "@tanstack/react-query";
import { personQuery } from "@/lib/queries/people";

/**
 * One person, named the same way everywhere: "you" for the signed-in user, the name the console
 * knows (from sign-ins and what people did through it), else the id's first 8 characters with
 * the whole id as a tooltip. `name` is a hint shown while the store answers (e.g. the audit trail's).
 */
export function Person({
  id,
  name: hint = null,
  fallback = "someone unknown",
}: {
  id: string | null | undefined;
  name?: string | null;
  fallback?: string;
}) {
  const query = useQuery({ ...personQuery(id ?? ""), enabled: Boolean(id) });
  if (!id) return <span data-testid="person">{fallback}</span>;
  const person = query.data;
  if (person?.you) {
    return (
      <span data-testid="person" className="font-medium" title={person.name ? `${person.name} (you)` : `You (user ${id})`}>
        you
      </span>
    );
  }
  const name = person?.name ?? hint;
  if (name) {
    return (
      <span data-testid="person" className="font-medium" title={person?.email ? `${name} <${person.email}>` : `${name} (user ${id})`}>
        {name}
      </span>
    );
  }
  return (
    <span
      data-testid="person"
      className="font-mono text-xs"
      title={`User ${id}: not known to this console yet (they have not signed in here or done anything through it)`}
    >
      <span className="sr-only">user </span>
      {id.slice(0, 8)}
    </span>
  );
}
