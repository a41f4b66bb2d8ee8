import type { BrowserContext } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { DEV_AUTH_SECRET } from "../../lib/env";
import { SESSION_COOKIE } from "./roles";

/** Reads the tokens the console keeps server-side by decrypting its session cookie with the dev secret. */
export async function readServerTokens(context: BrowserContext): Promise<{ idToken: string; refreshToken: string; cookie: string }> {
  const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error("no session cookie");
  const token = await decode({ token: cookie.value, secret: DEV_AUTH_SECRET, salt: SESSION_COOKIE });
  const idToken = token?.idToken;
  const refreshToken = token?.refreshToken;
  if (typeof idToken !== "string" || typeof refreshToken !== "string") throw new Error("session cookie lacks tokens");
  return { idToken, refreshToken, cookie: cookie.value };
}

/** The session cookie's current value, or undefined. */
export async function sessionCookieValue(context: BrowserContext): Promise<string | undefined> {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
}
