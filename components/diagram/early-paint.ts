import { fitToView, toCss } from "@/lib/diagram";
import { cleanSvg, type CleanSvg } from "./sanitize-svg";
import { QUICK_PREFIX } from "./quick-store";
import { STORED_PAGES_KEY } from "./stored-pages";
import { SVG_STORE, type StoredEntry } from "./svg-store";

// Repeat views of a diagram without waiting for React. MermaidDiagram's server-rendered HTML carries
// a small inline script (allowed by the page's CSP nonce) that runs while the browser is still
// parsing the page: it looks the diagram up in the browser's store (svg-store.ts, same key), cleans
// what it finds with the very same sanitiser (cleanSvg's own source text is embedded, not a copy),
// fits it into the viewport and mounts it. When React hydrates, MermaidDiagram adopts that element
// instead of reading the store again. A miss, an error or no IndexedDB leaves everything to React.

/** What the early script leaves for MermaidDiagram, by render key (theme + source). */
export interface EarlyPaint extends CleanSvg {
  /** mermaid's raw output as stored, for the tab's in-memory cache. */
  raw: string;
  /** Its store id. */
  id: string;
  /** Read from the quick mirror (quick-store.ts), which then needs no new copy. */
  quick?: boolean;
}

declare global {
  interface Window {
    __pegasusEarlyDiagrams?: Record<string, EarlyPaint>;
    /** The store entry the head script started reading for this path (prefetchStoredDiagram). */
    __pegasusStoredDiagram?: Promise<StoredEntry | undefined>;
    /** This path's diagram, already cleaned by the head script from the quick mirror. */
    __pegasusPreparedDiagram?: EarlyPaint & { renderKey: string };
  }
}

interface PrefetchData {
  pagesKey: string;
  quickPrefix: string;
  db: string;
  store: string;
}

/**
 * Runs inline in every page's <head>, before the body has arrived: when this path's diagram was
 * stored before (stored-pages.ts), gets it ready. From the quick mirror (quick-store.ts, synchronous)
 * it is read and cleaned at once, so the diagram's own script only has to mount it; otherwise the
 * IndexedDB read starts here, overlapping the server's render of the page. Only its parameters and
 * browser globals.
 */
function prefetchStoredDiagram(clean: typeof cleanSvg, data: PrefetchData): void {
  try {
    const pages: unknown = JSON.parse(localStorage.getItem(data.pagesKey) ?? "[]");
    const hit = Array.isArray(pages) ? (pages as unknown[]).find((p) => Array.isArray(p) && p[0] === location.pathname) : undefined;
    const id: unknown = Array.isArray(hit) ? hit[1] : undefined;
    if (typeof id !== "string") return;
    performance.mark("diagram:prefetch-start");
    const quick: unknown = JSON.parse(localStorage.getItem(data.quickPrefix + id) ?? "null");
    const entry = quick as { renderKey?: unknown; svg?: unknown } | null;
    if (typeof entry?.renderKey === "string" && typeof entry.svg === "string") {
      const cleaned = clean(entry.svg);
      if (cleaned) {
        window.__pegasusPreparedDiagram = { ...cleaned, raw: entry.svg, id, renderKey: entry.renderKey, quick: true };
        performance.mark("diagram:prefetch-cleaned");
        return;
      }
    }
    if (typeof indexedDB === "undefined") return;
    window.__pegasusStoredDiagram = new Promise((resolve) => {
      const open = indexedDB.open(data.db, 1);
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onerror = () => resolve(undefined);
      open.onsuccess = () => {
        const db = open.result;
        // Never hold up a deletion of the store (sign-out in any tab): one read, then closed.
        db.onversionchange = () => db.close();
        try {
          const get = db.transaction(data.store, "readonly").objectStore(data.store).get(id);
          get.onsuccess = () => {
            performance.mark("diagram:prefetch-read");
            resolve(get.result as StoredEntry | undefined);
          };
          get.onerror = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
        db.close();
      };
    });
  } catch {
    // No storage: the diagram's own script looks the entry up.
  }
}

interface EarlyPaintData {
  source: string;
  db: string;
  store: string;
  format: string;
}

/**
 * Runs inline in the page, before any bundle: only its parameters and browser globals. The store
 * key is the same as svg-store.ts's: SHA-256 of `format \0 theme \0 source`, as lowercase hex.
 */
function earlyPaint(clean: typeof cleanSvg, fit: typeof fitToView, css: typeof toCss, data: EarlyPaintData): void {
  try {
    const script = document.currentScript;
    const viewport = script?.parentElement;
    const layer = viewport?.querySelector<HTMLElement>("[data-diagram-layer]");
    if (!viewport || !layer || typeof indexedDB === "undefined") return;
    const key = `${document.documentElement.classList.contains("dark") ? "dark" : "light"}\u0000${data.source}`;
    performance.mark("diagram:early-start");
    // Once React has started drawing (it marks the layer), nothing here may touch it any more.
    const reactOwns = () => layer.hasAttribute("data-owned") || layer.childElementCount > 0;
    const fitNow = (picture: EarlyPaint): boolean => {
      const width = viewport.clientWidth;
      const height = viewport.clientHeight;
      if (width === 0 || height === 0) return false;
      layer.style.transform = css(fit(picture.size, { width, height }));
      performance.mark("diagram:early-fitted");
      return true;
    };
    const mount = (picture: EarlyPaint): void => {
      if (reactOwns()) return;
      layer.appendChild(picture.svg);
      (window.__pegasusEarlyDiagrams ??= {})[key] = picture;
      performance.mark("diagram:early-painted");
      // A page streamed behind a loading state is parsed into hidden containers (no size yet) that
      // React's inline runtime moves into place later, possibly in several steps (a segment into its
      // parent, the parent into the page). Fit it the moment it has a size: a mutation observer's
      // callback runs right after such a move and before the frame that shows it is painted.
      if (!fitNow(picture)) {
        const observer = new MutationObserver((records) => {
          if (layer.hasAttribute("data-owned")) return observer.disconnect();
          const moved = records.some((r) => Array.from(r.removedNodes).some((n) => n instanceof Element && n.hasAttribute("hidden")));
          if (moved && fitNow(picture)) observer.disconnect();
        });
        observer.observe(document.body, { childList: true, subtree: true });
      }
    };
    const paint = (entry: StoredEntry | undefined): void => {
      if (typeof entry?.svg !== "string" || reactOwns()) return;
      const cleaned = clean(entry.svg);
      if (!cleaned) return;
      performance.mark("diagram:early-cleaned");
      mount({ ...cleaned, raw: entry.svg, id: entry.key });
    };
    // By id: SHA-256 of the format and the key, as lowercase hex.
    const lookUp = (): void => {
      if (!window.crypto?.subtle) return;
      const id = crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${data.format}\u0000${key}`));
      const open = indexedDB.open(data.db, 1);
      // No store in this browser yet: leave creating it to svg-store.ts.
      open.onupgradeneeded = () => open.transaction?.abort();
      open.onsuccess = () => {
        const db = open.result;
        db.onversionchange = () => db.close();
        void id
          .then((bytes) => {
            const hex = Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
            const get = db.transaction(data.store, "readonly").objectStore(data.store).get(hex);
            get.onsuccess = () => paint(get.result as StoredEntry | undefined);
          })
          .catch(() => undefined)
          .finally(() => db.close());
      };
    };
    // What the head script got ready, when it is this very diagram (same theme and source); else by id.
    const prepared = window.__pegasusPreparedDiagram;
    const prefetched = window.__pegasusStoredDiagram;
    if (prepared?.renderKey === key) mount({ svg: prepared.svg, size: prepared.size, raw: prepared.raw, id: prepared.id, quick: true });
    else if (prefetched) void prefetched.then((entry) => (entry?.renderKey === key ? paint(entry) : lookUp()));
    else lookUp();
  } catch {
    // Never in the page's way: React draws the diagram as usual.
  }
}

/** The early script's data: JSON that cannot end the <script> element or open a comment. */
export function earlyPaintData(source: string): string {
  const data: EarlyPaintData = { source, db: SVG_STORE.db, store: SVG_STORE.store, format: SVG_STORE.format };
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** The inline script for one diagram viewport (the element must be the viewport's child). */
export function earlyPaintScript(source: string): string {
  return `(${earlyPaint.toString()})(${cleanSvg.toString()},${fitToView.toString()},${toCss.toString()},${earlyPaintData(source)})`;
}

/** The inline <head> script that starts reading this path's stored diagram (see prefetchStoredDiagram). */
export function storedDiagramPrefetchScript(): string {
  const data: PrefetchData = { pagesKey: STORED_PAGES_KEY, quickPrefix: QUICK_PREFIX, db: SVG_STORE.db, store: SVG_STORE.store };
  return `(${prefetchStoredDiagram.toString()})(${cleanSvg.toString()},${JSON.stringify(data)})`;
}

/**
 * The early script's picture for this render key, handed over once (then React owns it): mounted
 * by the viewport's script, or only prepared by the head script (a page whose diagram is drawn
 * after hydration, like the execution overlay, has no viewport script).
 */
export function takeEarlyPaint(key: string): EarlyPaint | undefined {
  if (typeof window === "undefined") return undefined;
  const early = window.__pegasusEarlyDiagrams?.[key];
  if (early) {
    delete window.__pegasusEarlyDiagrams?.[key];
    return early;
  }
  const prepared = window.__pegasusPreparedDiagram;
  if (prepared?.renderKey !== key) return undefined;
  window.__pegasusPreparedDiagram = undefined;
  return { svg: prepared.svg, size: prepared.size, raw: prepared.raw, id: prepared.id, quick: true };
}
