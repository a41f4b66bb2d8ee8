import { openStore, storeLocationFromEnv, type Store } from "./open";
import { logger } from "@/lib/observability/logger";

// One store per process, opened on first use (or at server start: instrumentation.ts). On
// globalThis because Next bundles proxy, route handlers, server components and instrumentation
// as separate module instances inside one Node process, and an embedded PGlite data folder must
// be opened by one instance only.
const SLOT = Symbol.for("pegasus.console.store");
type Holder = typeof globalThis & { [SLOT]?: Promise<Store> };

/** The process's store (opened and migrated on first call). A failed open is retried on the next call. */
export function getStore(): Promise<Store> {
  const holder = globalThis as Holder;
  let pending = holder[SLOT];
  if (!pending) {
    pending = openStore(storeLocationFromEnv());
    holder[SLOT] = pending;
    pending.catch((error: unknown) => {
      if (holder[SLOT] === pending) holder[SLOT] = undefined;
      logger().error({ error: error instanceof Error ? error.message : String(error) }, "could not open the console store");
    });
  }
  return pending;
}

/** The store's query builder (see getStore). */
export async function storeDb(): Promise<Store["db"]> {
  return (await getStore()).db;
}
