// The connection a webhook POST travels on. Unless internal destinations are allowed, the socket
// is opened only to an address that was checked: a literal IP host is checked before connecting,
// and a name is resolved once by our own lookup, which checks EVERY address it got and hands those
// same addresses to the socket (no second resolution a rebinding DNS server could answer
// differently). One agent per POST: alerts are rare, and nothing outlives the attempt.
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { Agent, buildConnector } from "undici";
import { internalRange, refusalMessage } from "./destination";

/** Error code of a connection refused because its destination is internal. */
export const INTERNAL_DESTINATION = "ERR_ALERT_WEBHOOK_INTERNAL_DESTINATION";

export class InternalDestinationError extends Error {
  readonly code = INTERNAL_DESTINATION;
  constructor(host: string, literal: boolean) {
    super(refusalMessage(host, literal));
    this.name = "InternalDestinationError";
  }
}

/** The refusal inside an error thrown by fetch (its cause), if that is what it was. */
export function internalDestinationRefusal(error: unknown): string | null {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, i = 0;
    e && i < 5;
    e = e.cause as typeof e, i++
  ) {
    if (e.code === INTERNAL_DESTINATION && typeof e.message === "string") return e.message;
  }
  return null;
}

/** How names are resolved: dns.lookup's shape with `all: true` (the system resolver in production). */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A lookup for net.connect that resolves the name once through `resolve`, fails with
 * InternalDestinationError when ANY of its addresses is internal, and otherwise hands the socket
 * exactly the addresses it checked.
 */
export function checkingLookup(resolve: ResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      if (addresses.length === 0 || addresses.some((a) => internalRange(a.address) !== null)) {
        return callback(new InternalDestinationError(hostname, false), "", 0);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      return callback(null, first.address, first.family);
    });
  };
}

/** The checking lookup over the system resolver. */
export const checkedLookup = checkingLookup(dnsLookup);

/** An undici dispatcher for one webhook POST; the caller destroys it afterwards. */
export function webhookAgent(allowInternal: boolean, timeoutMs: number): Agent {
  if (allowInternal) return new Agent({ connect: { timeout: timeoutMs } });
  const connect = buildConnector({ timeout: timeoutMs, lookup: checkedLookup });
  return new Agent({
    connect: (opts, callback) => {
      // net.connect skips the lookup for a literal address, so those are checked here
      if (isIP(opts.hostname) !== 0 && internalRange(opts.hostname) !== null) {
        callback(new InternalDestinationError(opts.hostname, true), null);
        return;
      }
      connect(opts, callback);
    },
  });
}
