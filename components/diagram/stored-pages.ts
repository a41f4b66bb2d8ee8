import { SVG_STORE } from "./svg-store";

// Which pages' diagrams this browser already keeps (svg-store.ts), by path, in localStorage, with
// the store entry's id. Read synchronously, it serves two early decisions: the page's head script
// (early-paint.ts) starts reading that entry from IndexedDB before the page's body has arrived, and
// the workflow page's code skips mermaid's early download when the diagram will come from the store.
// A wrong answer costs time, never correctness: the entry is only used when its render key is the
// page's, and a miss in the store still loads mermaid. Paths and ids only (no tenant data); bounded.

/** Per store format: after a format change the old list points nowhere and is simply not read. */
export const STORED_PAGES_KEY = `pegasus-console:diagram-pages:${SVG_STORE.format}`;
const MAX_PAGES = 40;

type Page = [path: string, id: string];

function read(): Page[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORED_PAGES_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((p): p is Page => Array.isArray(p) && typeof p[0] === "string" && typeof p[1] === "string");
  } catch {
    return [];
  }
}

/** Whether the diagram on the current page was kept by an earlier view in this browser. */
export function currentPageDiagramStored(): boolean {
  return typeof window !== "undefined" && read().some(([path]) => path === window.location.pathname);
}

/** Notes that the current page's diagram is the store entry `id` (most recent last, oldest dropped). */
export function noteCurrentPageDiagramStored(id: string): void {
  if (typeof window === "undefined") return;
  try {
    const path = window.location.pathname;
    const pages = read().filter(([p]) => p !== path);
    pages.push([path, id]);
    localStorage.setItem(STORED_PAGES_KEY, JSON.stringify(pages.slice(-MAX_PAGES)));
  } catch {
    // No storage: every view preloads mermaid, as before.
  }
}

/** Forgets every noted page, of any store format (sign-out). */
export function forgetStoredPages(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith("pegasus-console:diagram-pages")) localStorage.removeItem(key);
  } catch {
    // No storage: nothing noted.
  }
}
