import { BffClientError } from "@/lib/queries/fetcher";
import { ErrorReference } from "@/components/ui/error-reference";

/** A failed save/delete inside a dialog: the reason, the code and the request id to quote. */
export function MutationError({ error, conflictHint }: { error: Error | null; conflictHint?: string }) {
  if (!error) return null;
  const isBff = error instanceof BffClientError;
  const isConflict = isBff && error.status === 409;
  return (
    <div
      role="alert"
      className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <p>{error.message}</p>
      {isConflict && conflictHint ? <p className="mt-1">{conflictHint}</p> : null}
      {isBff ? <ErrorReference code={error.code} requestId={error.requestId} /> : null}
    </div>
  );
}
