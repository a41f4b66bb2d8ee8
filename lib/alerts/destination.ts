// Which addresses a failure-alert webhook may reach. A tenant admin chooses the URL and "Send test
// message" reports whether something answered, so an unrestricted URL would let them probe the
// console's own network (loopback, cloud metadata at 169.254.169.254, private ranges). Only public
// unicast addresses are allowed unless the operator sets ALERT_WEBHOOK_ALLOW_INTERNAL for
// deployments whose receivers live inside the network. The check is made on the address actually
// connected to (see lib/alerts/guarded-agent.ts); the save-time check here is only an early answer
// for URLs whose host is already an address (or `localhost`).
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

/** The operator switch: `1`/`true`/`yes` lets webhooks reach loopback, private and other internal addresses. */
export const ALLOW_INTERNAL_ENV = "ALERT_WEBHOOK_ALLOW_INTERNAL";

/** Whether the operator allowed internal webhook destinations (read from the environment). */
export function allowInternalWebhooks(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return /^(1|true|yes)$/i.test((env[ALLOW_INTERNAL_ENV] ?? "").trim());
}

/** An IPv4 address from two 16-bit groups of an IPv6 address. */
function ipv4Of(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 address an IPv6 address stands for (mapped, translated, NAT64 well-known prefix, 6to4), if any. */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  switch (v6.range()) {
    case "ipv4Mapped": // ::ffff:a.b.c.d
      return v6.toIPv4Address();
    case "rfc6145": // ::ffff:0:a.b.c.d
      return ipv4Of(p[6] ?? 0, p[7] ?? 0);
    case "rfc6052": // 64:ff9b::a.b.c.d (the local-use 64:ff9b:1::/48 stays refused)
      return p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((x) => x === 0) ? ipv4Of(p[6] ?? 0, p[7] ?? 0) : null;
    case "6to4": // 2002:aabb:ccdd::
      return ipv4Of(p[1] ?? 0, p[2] ?? 0);
    default:
      return null;
  }
}

/**
 * The kind of non-public address `ip` is ("loopback", "private", "linkLocal", "carrierGradeNat",
 * "uniqueLocal", …), or null for a public unicast address. Anything that is not an IP address
 * counts as non-public. IPv6 forms that carry an IPv4 address are judged by that address.
 */
export function internalRange(ip: string): string | null {
  let s = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  // node:net accepts only the canonical forms (no "127.1" or "2130706433"), as DNS answers and URL hosts are
  const family = isIP(s);
  if (family === 0) return "notAnAddress";
  // IPv6 goes through the WHATWG serialiser first: it writes a dotted tail in hex ("::127.0.0.1"
  // becomes "::7f00:1"), which ipaddr.js would otherwise read as an IPv4-mapped address
  const addr = ipaddr.parse(family === 6 ? new URL(`http://[${s}]/`).hostname.slice(1, -1) : s);
  if (addr.kind() === "ipv6") {
    const v6 = addr as ipaddr.IPv6;
    const v4 = embeddedIPv4(v6);
    if (v4) return internalRange(v4.toString());
    // ::a.b.c.d, the deprecated "IPv4-compatible" form (:: and ::1 are caught by range() below)
    if (v6.parts.slice(0, 6).every((x) => x === 0) && v6.range() === "unicast") return "ipv4Compatible";
  }
  const range = addr.range();
  return range === "unicast" ? null : range;
}

/** A URL host without IPv6 brackets, lower case, without a trailing dot. */
function bareHost(hostname: string): string {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return h.startsWith("[") && h.endsWith("]") ? h.slice(1, -1) : h;
}

/** Host names that name this machine whatever DNS says (RFC 6761). */
function isLocalhostName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

/** What a refused delivery records as its last answer (the host only, never the address it resolved to). */
export function refusalMessage(host: string, literal: boolean): string {
  const shown = host.length > 100 ? `${host.slice(0, 100)}…` : host;
  return `refused: ${shown} ${literal ? "is" : "resolves to"} an internal address (set ${ALLOW_INTERNAL_ENV}=1 to allow)`;
}

/**
 * Why a webhook URL may not be saved, or null when it may: its host is `localhost` or an internal
 * address literal (the WHATWG parser has already turned forms like `127.1` or `2130706433` into
 * `127.0.0.1`). Names that resolve to internal addresses are refused when a message is sent.
 */
export function savedUrlRefusal(url: string, allowInternal: boolean): string | null {
  if (allowInternal) return null;
  let host: string;
  try {
    host = bareHost(new URL(url).hostname);
  } catch {
    return null; // the schema reports a malformed URL
  }
  const internal = isLocalhostName(host) || (isIP(host) !== 0 && internalRange(host) !== null);
  if (!internal) return null;
  return `The webhook URL points at an internal address (${host}): alerts go only to public addresses unless the console's operator sets ${ALLOW_INTERNAL_ENV}=1`;
}
