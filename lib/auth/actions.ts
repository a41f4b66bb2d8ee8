"use server";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn, signOut, PROVIDER_ID } from "./index";
import { endSessionUrl } from "./oidc";
import { authSettings } from "./settings";

/** Only same-site relative paths may be a post-sign-in target (no open redirect). */
function safeCallback(value: FormDataEntryValue | null): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : "/";
}

/** Starts the OIDC sign-in (authorization code + PKCE + state) with the Pegasus issuer. */
export async function signInAction(formData: FormData): Promise<void> {
  await signIn(PROVIDER_ID, { redirectTo: safeCallback(formData.get("callbackUrl")) });
}

/** Clears the console session, then ends the issuer session (RP-initiated logout) and lands on /signed-out. */
export async function signOutAction(): Promise<void> {
  const h = await headers();
  const proto = h.get("x-forwarded-proto")?.split(",")[0] ?? "http";
  const origin = `${proto}://${h.get("x-forwarded-host") ?? h.get("host") ?? "127.0.0.1"}`;
  const signedOut = `${origin}/signed-out`;
  const issuerLogout = await endSessionUrl(authSettings(), signedOut);
  await signOut({ redirect: false });
  redirect(issuerLogout ?? "/signed-out");
}
