"use client";
import { useEffect, useState } from "react";
import { withFragment } from "@/lib/auth/callback-url";

/**
 * The sign-in form's target. A deep link's `#anchor` never reaches the server, but the browser
 * keeps it on the redirect to this page, so it is added here, in the browser, before the form is sent.
 */
export function CallbackField({ callbackUrl }: { callbackUrl: string }) {
  const [value, setValue] = useState(callbackUrl);
  useEffect(() => {
    setValue(withFragment(callbackUrl, window.location.hash));
  }, [callbackUrl]);
  return <input type="hidden" name="callbackUrl" value={value} data-testid="sign-in-callback" />;
}
