import type { ReactNode } from "react";
import { ErrorReference } from "./error-reference";

/** A failed load: what went wrong, the request id to quote, and a way to retry. */
export function ErrorState({
  title = "Something went wrong",
  message,
  code,
  requestId,
  action,
}: {
  title?: string;
  message: string;
  code?: string | null;
  requestId?: string | null;
  action?: ReactNode;
}) {
  return (
    <div
      role="alert"
      className="m-5 rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-1">{message}</p>
      <ErrorReference code={code} requestId={requestId} className="mt-2" />
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}
