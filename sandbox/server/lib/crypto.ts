import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const KEY_FILE = "secret.key";

/** Load `<stateDir>/secret.key` (32 random bytes, hex), creating it with mode 0600 when absent. */
export function loadOrCreateSecretKey(stateDir: string): Buffer {
  const file = path.join(stateDir, KEY_FILE);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("hex") + "\n", { mode: 0o600, flag: "wx" });
  }
  chmodSync(file, 0o600);
  const key = Buffer.from(readFileSync(file, "utf8").trim(), "hex");
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes as hex`);
  return key;
}

/** AES-256-GCM encrypt; `aad` (the tenant id) binds the ciphertext to its tenant. Returns base64(iv|tag|ct). */
export function encryptValue(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64");
}

/** Reverse of `encryptValue`; throws when the key, AAD or ciphertext do not match. */
export function decryptValue(key: Buffer, encoded: string, aad: string): string {
  const raw = Buffer.from(encoded, "base64");
  if (raw.length < 28) throw new Error("ciphertext too short");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
