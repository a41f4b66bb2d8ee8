"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cookies } from "next/headers";
import { expectedOrigin } from "@/lib/api/origin";
import { safeCallbackUrl } from "./callback-url";
import { signIn, signOut, PROVIDER_ID } from "./index";
import { revokeEverySessionOf } from "./revocation";
import { readSessionToken } from "./session-cookie";
import { endSessionUrl } from "./oidc";
import { authSettings } from "./settings";

/** Starts the OIDC sign-in (authorization code + PKCE + state) with the Pegasus issuer. */
export async function signInAction(formData: FormData): Promise<void> {
  await signIn(PROVIDER_ID, { redirectTo: safeCallbackUrl(formData.get("callbackUrl")) });
}

/**
 * "Sign out everywhere": every session of this user that started before now is refused by every
 * console process (other browsers, copied cookies), then this one signs out as usual.
 */
export async function signOutEverywhereAction(): Promise<void> {
  const token = await readSessionToken(await cookies());
  if (token) await revokeEverySessionOf(token);
  await signOutAction();
}

/** Clears the console session (revoked in the store: see events.signOut), then ends the issuer session (RP-initiated logout) and lands on /signed-out. */
export async function signOutAction(): Promise<void> {
  const h = await headers();
  // Same rule as the CSRF check: AUTH_URL, else Host (forwarded headers only with TRUST_PROXY).
  const signedOut = `${expectedOrigin(h, `http://${h.get("host") ?? "127.0.0.1"}/`)}/signed-out`;
  const issuerLogout = await endSessionUrl(authSettings(), signedOut);
  await signOut({ redirect: false });
  redirect(issuerLogout ?? "/signed-out");
}
