import { randomBytes, randomUUID } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair } from "jose";
import { z } from "zod";

/** File names inside the state folder; tokens.ts reads the JWKS file to mint test tokens. */
export const JWKS_FILE = "oidc-jwks.json";
export const COOKIE_KEYS_FILE = "oidc-cookie-keys.json";

// A private RSA JWK as jose exports it, plus the members we add (kid, alg, use).
const privateRsaJwkSchema = z.object({
  kty: z.literal("RSA"),
  kid: z.string().min(1),
  alg: z.literal("RS256"),
  use: z.literal("sig"),
  n: z.string(),
  e: z.string(),
  d: z.string(),
  p: z.string(),
  q: z.string(),
  dp: z.string(),
  dq: z.string(),
  qi: z.string(),
});
export type PrivateRsaJwk = z.infer<typeof privateRsaJwkSchema>;

const jwksFileSchema = z.object({ keys: z.array(privateRsaJwkSchema).min(1) });
const cookieKeysFileSchema = z.object({ keys: z.array(z.string().min(32)).min(1) });

/** Writes a file readable by the owner only (keys must not be world-readable). */
function writePrivateFile(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content, { mode: 0o600 });
  // writeFileSync's mode applies only when the file is created; enforce it on rewrites too.
  chmodSync(file, 0o600);
}

/** Reads the issuer's signing keys from `<stateDir>/oidc-jwks.json` (throws when missing or malformed). */
export function readSigningKeys(stateDir: string): PrivateRsaJwk[] {
  const raw: unknown = JSON.parse(readFileSync(path.join(stateDir, JWKS_FILE), "utf8"));
  return jwksFileSchema.parse(raw).keys;
}

/** Loads the RS256 signing key, generating and persisting it (mode 0600) on first use. */
export async function loadOrCreateSigningKeys(stateDir: string): Promise<PrivateRsaJwk[]> {
  const file = path.join(stateDir, JWKS_FILE);
  if (existsSync(file)) return readSigningKeys(stateDir);
  const { privateKey } = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  const jwk = privateRsaJwkSchema.parse({ ...(await exportJWK(privateKey)), kid: randomUUID(), alg: "RS256", use: "sig" });
  writePrivateFile(file, JSON.stringify({ keys: [jwk] }, null, 2));
  return [jwk];
}

/** Loads the cookie signing keys, generating and persisting them (mode 0600) on first use. */
export function loadOrCreateCookieKeys(stateDir: string): string[] {
  const file = path.join(stateDir, COOKIE_KEYS_FILE);
  if (existsSync(file)) {
    const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
    return cookieKeysFileSchema.parse(raw).keys;
  }
  const keys = [randomBytes(32).toString("base64url")];
  writePrivateFile(file, JSON.stringify({ keys }, null, 2));
  return keys;
}
