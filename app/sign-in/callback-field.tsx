"use client";
import { useSyncExternalStore } from "react";
import { withFragment } from "@/lib/auth/callback-url";

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/**
 * The sign-in form's target. A deep link's `#anchor` never reaches the server, but the browser
 * keeps it on the redirect to this page, so it is added here, in the browser, before the form is sent.
 */
export function CallbackField({ callbackUrl }: { callbackUrl: string }) {
  const hash = useSyncExternalStore(
    subscribeToHash,
    () => window.location.hash,
    () => "",
  );
  return <input type="hidden" name="callbackUrl" value={withFragment(callbackUrl, hash)} data-testid="sign-in-callback" />;
}
