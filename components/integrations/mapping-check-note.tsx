"use client";
import { explainMutationError } from "./errors";

/** Says how the mapping is being checked as you type: the API's schema, or the built-in fallback. */
export function MappingCheckNote({
  query,
}: {
  query: { isPending: boolean; error: Error | null; data?: Record<string, unknown>; refetch: () => unknown };
}) {
  if (query.data) {
    const id = typeof query.data.$id === "string" ? query.data.$id : "the API's mapping schema";
    return <span data-testid="mapping-check">Checked as you type against the API&apos;s mapping schema ({id}).</span>;
  }
  if (query.isPending)
    return (
      <span data-testid="mapping-check">
        Loading the API&apos;s mapping schema; the console&apos;s built-in mapping checks apply meanwhile.
      </span>
    );
  return (
    <span role="alert" data-testid="mapping-check" className="text-amber-700 dark:text-amber-300">
      The API&apos;s mapping schema could not be loaded{query.error ? ` (${explainMutationError(query.error)})` : ""}; the console&apos;s
      built-in mapping checks apply instead.{" "}
      <button type="button" className="underline" onClick={() => void query.refetch()}>
        Try again
      </button>
    </span>
  );
}
