import type { BrowserContext } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { consoleStateDir, readOrCreateLocalSecret } from "../../lib/env";
import { SESSION_COOKIE } from "./roles";

/** The session secret the e2e consoles generated in their shared state folder (CONSOLE_STATE_DIR). */
export function consoleAuthSecret(): string {
  return readOrCreateLocalSecret(consoleStateDir());
}

/** Reads the tokens the console keeps server-side by decrypting its session cookie with the console's secret. */
export async function readServerTokens(context: BrowserContext): Promise<{ idToken: string; refreshToken: string; cookie: string }> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie");
  const token = await decode({ token: cookie.value, secret: consoleAuthSecret(), salt: SESSION_COOKIE });
  const idToken = token?.idToken;
  const refreshToken = token?.refreshToken;
  if (typeof idToken !== "string" || typeof refreshToken !== "string") throw new Error("session cookie lacks tokens");
  return { idToken, refreshToken, cookie: cookie.value };
}

/** The session cookie's current value, or undefined. */
export async function sessionCookieValue(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
}
