// Signing of failure-alert webhook messages. A receiver recomputes HMAC-SHA256 over
// "<t>.<raw body>" with the shared secret and compares it with v1 (constant time), and rejects
// a t too far from its own clock (replays). Node only (node:crypto); no I/O.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Header that carries the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = "X-Pegasus-Signature";
/** How far a receiver should let t drift from its clock (what verifySignature uses by default). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function hmacHex(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");
}

/** The signature header value for `body` at `t` (unix seconds). */
export function signBody(secret: string, body: string, t: number): string {
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/** Parses `t=…,v1=…` (unknown parts ignored); null when t or v1 is missing or malformed. */
export function parseSignatureHeader(header: string | null | undefined): { t: number; v1: string[] } | null {
  if (!header) return null;
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(",")) {
    const [k, v] = part.trim().split("=", 2);
    if (k === "t" && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === "v1" && v && /^[0-9a-f]{64}$/.test(v)) v1.push(v);
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

/** True when `header` signs exactly `body` with `secret` and its t is within the tolerance of `nowSec`. */
export function verifySignature(
  secret: string,
  body: string,
  header: string | null | undefined,
  nowSec = Math.floor(Date.now() / 1000),
  toleranceSec = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed || Math.abs(nowSec - parsed.t) > toleranceSec) return false;
  const expected = Buffer.from(hmacHex(secret, parsed.t, body), "hex");
  return parsed.v1.some((v) => {
    const given = Buffer.from(v, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
