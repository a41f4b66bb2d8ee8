"use client";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";

/** Body of every error.tsx: the message (digest only in production) and a retry. */
export function RouteError({ error, reset, title }: { error: Error & { digest?: string }; reset: () => void; title?: string }) {
  return (
    <ErrorState
      title={title ?? "This page could not be loaded"}
      message={error.digest ? "The console hit an error while preparing this page." : error.message}
      requestId={error.digest ?? null}
      action={
        <Button variant="secondary" size="sm" onClick={reset}>
          Try again
        </Button>
      }
    />
  );
}
