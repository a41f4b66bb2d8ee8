// The webhook signing secret is kept in the store sealed: AES-256-GCM under a key derived
// (HKDF-SHA256) from the console's AUTH_SECRET, which every console process shares. A store dump
// alone does not reveal it. Node only; the key material is passed in (tests use their own).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const INFO = "pegasus.alert-webhook-secret.v1";

function keyOf(keyMaterial: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(keyMaterial, "utf8"), Buffer.alloc(0), INFO, 32));
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url parts). */
export function sealSecret(secret: string, keyMaterial: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(keyMaterial), iv);
  const data = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

/** The secret, or null when the sealed text is malformed, altered or sealed under another key. */
export function unsealSecret(sealed: string, keyMaterial: string): string | null {
  const [v, iv, tag, data] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(keyMaterial), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
