// Which pages' diagrams this browser already keeps (svg-store.ts), by path, in localStorage: read
// synchronously while the page's code loads, it decides whether to start mermaid's download before
// hydration (a first view needs it) or not at all (a repeat view draws from the store, and fetching
// and compiling mermaid would only compete with hydrating the page). A wrong answer costs time, never
// correctness: a miss in the store still loads mermaid. Paths only (no tenant data); bounded.

const KEY = "pegasus-console:diagram-pages";
const MAX_PAGES = 40;

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === "string") : [];
  } catch {
    return [];
  }
}

/** Whether the diagram on the current page was kept by an earlier view in this browser. */
export function currentPageDiagramStored(): boolean {
  return typeof window !== "undefined" && read().includes(window.location.pathname);
}

/** Notes that the current page's diagram is in the store (most recent last, oldest dropped). */
export function noteCurrentPageDiagramStored(): void {
  if (typeof window === "undefined") return;
  try {
    const path = window.location.pathname;
    const pages = read().filter((p) => p !== path);
    pages.push(path);
    localStorage.setItem(KEY, JSON.stringify(pages.slice(-MAX_PAGES)));
  } catch {
    // No storage: every view preloads mermaid, as before.
  }
}
