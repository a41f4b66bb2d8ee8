import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COOKIE_KEYS_FILE, JWKS_FILE, loadOrCreateCookieKeys, loadOrCreateSigningKeys, readSigningKeys } from "../../server/oidc/keys";

describe("issuer key files", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "oidc-keys-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates one RS256 signing key at mode 0600 and returns the same key afterwards", async () => {
    const [created] = await loadOrCreateSigningKeys(dir);
    expect(created).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(created?.d).toBeTruthy();
    expect(statSync(path.join(dir, JWKS_FILE)).mode & 0o777).toBe(0o600);
    const [again] = await loadOrCreateSigningKeys(dir);
    expect(again).toEqual(created);
    expect(readSigningKeys(dir)).toEqual([created]);
  });

  it("creates cookie keys at mode 0600 and keeps them", () => {
    const keys = loadOrCreateCookieKeys(dir);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path.join(dir, COOKIE_KEYS_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateCookieKeys(dir)).toEqual(keys);
    expect(JSON.parse(readFileSync(path.join(dir, COOKIE_KEYS_FILE), "utf8"))).toEqual({ keys });
  });

  it("refuses a malformed key file instead of silently replacing it", async () => {
    writeFileSync(path.join(dir, JWKS_FILE), JSON.stringify({ keys: [{ kty: "RSA", n: "x" }] }));
    await expect(loadOrCreateSigningKeys(dir)).rejects.toThrow();
    expect(() => readSigningKeys(path.join(dir, "missing"))).toThrow();
  });
});
