// mermaid's output kept in the browser's IndexedDB, so a diagram laid out once is shown again in
// any tab or later session without a second layout (seconds for a large flowchart). The key is the
// SHA-256 of the theme and the source, so a changed diagram is a different entry. Like the in-tab
// cache, it holds mermaid's raw output and the caller cleans it again on every use: nothing read
// from storage reaches the page without passing the sanitiser. Every failure (no IndexedDB, private
// mode, quota) is a miss, never an error.

/** Where and under which format the SVGs are kept (early-paint.ts reads the same entries). */
export const SVG_STORE = {
  db: "pegasus-console",
  store: "diagram-svg",
  /** Bump when mermaid, its configuration or the source neutraliser changes what a source draws. */
  format: "mermaid-11.17.2/v1",
} as const;
const { db: DB_NAME, store: STORE, format: FORMAT } = SVG_STORE;
/** Entries kept; the oldest are dropped beyond it (a 300-node SVG is about half a megabyte). */
const MAX_ENTRIES = 40;

export interface StoredEntry {
  /** The id: SHA-256 of the format and the render key. */
  key: string;
  svg: string;
  at: number;
  /** The render key itself (theme and source), so an early reader can check an entry without hashing. */
  renderKey?: string;
}

let opening: Promise<IDBDatabase | null> | undefined;

/** An open that does not settle by then (queued behind a deletion another tab holds up) is a miss. */
const OPEN_TIMEOUT_MS = 2_000;

function openDb(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    let settled = false;
    const settle = (db: IDBDatabase | null) => {
      if (settled) return db?.close();
      settled = true;
      clearTimeout(timer);
      if (!db) opening = undefined; // a later call may try again
      resolve(db);
    };
    const timer = setTimeout(() => settle(null), OPEN_TIMEOUT_MS);
    try {
      if (typeof indexedDB === "undefined") return settle(null);
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore(STORE, { keyPath: "key" });
        store.createIndex("at", "at");
      };
      request.onsuccess = () => {
        // Sign-out deletes the database (forget-stored.tsx): this tab must not hold that up.
        request.result.onversionchange = () => {
          request.result.close();
          opening = undefined;
        };
        settle(request.result);
      };
      request.onerror = () => settle(null);
      request.onblocked = () => settle(null);
    } catch {
      settle(null);
    }
  });
  return opening;
}

async function digest(key: string): Promise<string | null> {
  if (typeof crypto === "undefined" || !crypto.subtle) return null;
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${FORMAT}\u0000${key}`));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

/** The store id of a render key (null without Web Crypto). */
export const storeId = digest;

/** The stored raw SVG for this (theme, source) key and its id, or undefined. */
export async function loadStoredRender(key: string): Promise<{ svg: string; id: string } | undefined> {
  try {
    const [db, id] = await Promise.all([openDb(), digest(key)]);
    if (!db || !id) return undefined;
    const entry = (await done(db.transaction(STORE, "readonly").objectStore(STORE).get(id))) as StoredEntry | undefined;
    return typeof entry?.svg === "string" ? { svg: entry.svg, id } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps mermaid's raw SVG for this key and drops the oldest entries beyond the limit; resolves to its id, or null when not kept. */
export async function storeRender(key: string, svg: string): Promise<string | null> {
  try {
    const [db, id] = await Promise.all([openDb(), digest(key)]);
    if (!db || !id) return null;
    const store = db.transaction(STORE, "readwrite").objectStore(STORE);
    await done(store.put({ key: id, svg, at: Date.now(), renderKey: key } satisfies StoredEntry));
    const count = await done(store.count());
    if (count <= MAX_ENTRIES) return id;
    const oldest = await done(store.index("at").getAllKeys(null, count - MAX_ENTRIES));
    for (const k of oldest) store.delete(k);
    return id;
  } catch {
    // A full or unavailable store only means the next view lays the diagram out again.
    return null;
  }
}
