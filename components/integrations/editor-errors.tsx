"use client";
import { BffClientError } from "@/lib/queries/fetcher";
import { explainMutationError } from "./errors";

// What went wrong with the editor's last validate, publish or bundle upload, in words.

/** The parts of a mutation result this block reads (TanStack Query narrows `error` once `isError` is true). */
type Outcome = { isError: true; error: Error } | { isError: false; error: Error | null };

export function EditorErrors({ validate, publish, readBundle }: { validate: Outcome; publish: Outcome; readBundle: Outcome }) {
  return (
    <>
      {validate.isError ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {explainMutationError(validate.error)}
        </p>
      ) : null}
      {publish.isError &&
      !(publish.error instanceof BffClientError && (publish.error.code === "GATE_FAILED" || publish.error.code === "VERSION_CONFLICT")) ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {explainMutationError(publish.error)}
        </p>
      ) : null}
      {publish.isError && publish.error instanceof BffClientError && publish.error.code === "GATE_FAILED" ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          The gate failed on publish; nothing was published.
        </p>
      ) : null}
      {readBundle.isError ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {explainMutationError(readBundle.error)}
        </p>
      ) : null}
    </>
  );
}
