import { SVG_STORE } from "./svg-store";

// A small synchronous mirror of the most recent stored diagrams (svg-store.ts) in localStorage. The
// page's head script (early-paint.ts) can read it while the HTML is still being parsed, without the
// IndexedDB round trip (150 ms or more in a new tab, bench/diagram-render.ts), and clean the picture
// before the page's body has even arrived. Like the IndexedDB store it holds mermaid's raw output,
// and every reader cleans it again. Bounded in entries and characters (localStorage is small and
// shared with the rest of the console); every failure (quota, no storage) only means a slower path.

/** Every mirrored entry's key starts with this, whatever the store format. */
const QUICK_ROOT = "pegasus-console:diagram-svg:";
/** This format's entries (`<prefix><store id>`); entries of another format are dropped on the next write. */
export const QUICK_PREFIX = `${QUICK_ROOT}${SVG_STORE.format}:`;
/** Entries kept, newest first; a 300-node diagram is about 0.4 M characters. */
const MAX_ENTRIES = 4;
const MAX_CHARS = 2_000_000;

/** Written with `at` first, so the eviction can read an entry's age without parsing its SVG. */
export interface QuickEntry {
  at: number;
  renderKey: string;
  svg: string;
}

/** Keys of mirrored entries: this format's, or every format's. */
function quickKeys(anyFormat = false): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith(anyFormat ? QUICK_ROOT : QUICK_PREFIX));
}

/** Keeps this entry (store id → render key and raw SVG) and drops the oldest beyond the bounds. */
export function keepQuick(id: string, renderKey: string, svg: string): void {
  if (typeof window === "undefined" || svg.length + renderKey.length > MAX_CHARS) return;
  try {
    const own = QUICK_PREFIX + id;
    for (const key of quickKeys(true)) if (!key.startsWith(QUICK_PREFIX)) localStorage.removeItem(key);
    const others = quickKeys()
      .filter((key) => key !== own)
      .map((key) => {
        const text = localStorage.getItem(key) ?? "";
        // An entry without a readable age is the first to go.
        const at = Number(/^\{"at":(\d+),/.exec(text)?.[1] ?? 0);
        return { key, at, size: text.length };
      })
      .sort((a, b) => b.at - a.at);
    let budget = MAX_CHARS - svg.length - renderKey.length;
    let kept = 1;
    for (const entry of others) {
      if (kept < MAX_ENTRIES && entry.size <= budget) {
        budget -= entry.size;
        kept += 1;
      } else localStorage.removeItem(entry.key);
    }
    localStorage.setItem(own, JSON.stringify({ at: Date.now(), renderKey, svg } satisfies QuickEntry));
  } catch {
    // Full or unavailable: the IndexedDB store still has it.
  }
}

/** Removes every mirrored diagram (sign-out). */
export function clearQuick(): void {
  try {
    for (const key of quickKeys(true)) localStorage.removeItem(key);
  } catch {
    // Nothing to clear.
  }
}
