import { sql } from "kysely";
import type { Store } from "./open";

// Embedded store: one process by construction, so an in-process queue per key is the whole lock.
const queues = new Map<string, Promise<unknown>>();

async function inProcess<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  queues.set(key, tail);
  try {
    return await run;
  } finally {
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/**
 * Runs `fn` while holding a lock named `key` across every console process that shares the store:
 * a Postgres session advisory lock on one pooled connection (held only by this caller; other
 * store queries use other connections). On the embedded store, an in-process queue per key.
 */
export async function withStoreLock<T>(store: Store, key: string, fn: () => Promise<T>): Promise<T> {
  if (store.kind === "pglite") return inProcess(key, fn);
  return store.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(conn);
    }
  });
}
