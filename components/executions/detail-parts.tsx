"use client";
import { type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { BffClientError } from "@/lib/queries/fetcher";
import { CopyButton } from "./copy-button";

// Small presentational pieces of the execution detail page: a labelled field, a load-error card, a copyable id.

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-all text-sm">{children}</dd>
    </div>
  );
}

export function LoadError({ error, what, retry }: { error: Error; what: string; retry: () => void }) {
  const bff = error instanceof BffClientError ? error : null;
  const message =
    bff?.code === "TEMPORAL_HISTORY_UNAVAILABLE"
      ? "The Pegasus API could not read this run's history from Temporal (its history may be larger than the API's Temporal client accepts, or Temporal is unavailable there)."
      : bff?.status === 404 && what === "history"
        ? "Temporal no longer has this run's history (it is past retention)."
        : bff?.status === 404
          ? "This execution does not exist, or it belongs to a workflow you cannot see."
          : error.message;
  return (
    <ErrorState
      title={`The ${what} could not be loaded`}
      message={message}
      code={bff?.code}
      requestId={bff?.requestId}
      action={
        <Button variant="secondary" size="sm" onClick={retry}>
          Try again
        </Button>
      }
    />
  );
}

/** An id in monospace with a copy button, or a muted placeholder when there is none. */
export function CopyableId({ value, what, missing }: { value: string | null | undefined; what: string; missing: string }) {
  if (!value) return <span className="text-slate-500">{missing}</span>;
  return (
    <span className="flex items-start gap-1">
      <code className="min-w-0 font-mono text-xs">{value}</code>
      <CopyButton text={value} what={what} />
    </span>
  );
}
