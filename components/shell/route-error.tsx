"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";

/** Body of every error.tsx: the message (digest only in production) and a retry. */
export function RouteError({ error, reset, title }: { error: Error & { digest?: string }; reset: () => void; title?: string }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  // Most page errors come from server components (an upstream outage while rendering). reset()
  // alone re-renders the client boundary with the same failed server payload, so the retry asks
  // the server for a fresh render first and clears the boundary in the same transition.
  const retry = () =>
    startRetry(() => {
      router.refresh();
      reset();
    });
  return (
    <ErrorState
      title={title ?? "This page could not be loaded"}
      message={error.digest ? "The console hit an error while preparing this page." : error.message}
      requestId={error.digest ?? null}
      action={
        <Button variant="secondary" size="sm" onClick={retry} disabled={retrying}>
          {retrying ? "Trying again…" : "Try again"}
        </Button>
      }
    />
  );
}
