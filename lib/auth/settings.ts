// Used by proxy.ts too, so no "server-only" marker here (nothing in the browser imports this).
import { serverEnv } from "@/lib/env";

/** Session lifetime of the console cookie (the ID token inside is refreshed far more often). */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** True when the console is served over https (then cookies get the Secure flag and __Secure- prefix). */
export function isSecureDeployment(): boolean {
  return (process.env.AUTH_URL ?? "").startsWith("https://");
}

/** Name of the encrypted session cookie; also the JWE salt Auth.js derives its key with. */
export function sessionCookieName(): string {
  return isSecureDeployment() ? "__Secure-pegasus.session" : "pegasus.session";
}

/** Secret, issuer and client of the sign-in flow. */
export function authSettings() {
  const env = serverEnv();
  return {
    secret: env.authSecret,
    issuer: env.oidcIssuer,
    clientId: env.oidcClientId,
    clientSecret: env.oidcClientSecret,
  };
}
