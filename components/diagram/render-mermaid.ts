import { LRUCache } from "lru-cache";
import { MAX_DIAGRAM_CHARS, mermaidConfig, neutralizeDiagramSource, parseErrorMessage, type Size } from "@/lib/diagram";
import { takeEarlyPaint } from "./early-paint";
import { markDiagram } from "./perf";
import { cleanSvg } from "./sanitize-svg";
import { keepQuick } from "./quick-store";
import { noteCurrentPageDiagramStored } from "./stored-pages";
import { loadStoredRender, storeId, storeRender } from "./svg-store";

// The render pipeline of MermaidDiagram: untrusted source → neutralised source → mermaid → sanitised SVG,
// with the last layouts kept per tab (in memory) and across tabs and sessions (IndexedDB, svg-store.ts).

export type RenderState = { status: "loading" } | { status: "ok"; svg: SVGSVGElement; size: Size } | { status: "error"; message: string };

// Each render needs its own element id: mermaid scopes the diagram's CSS under it.
let renderCounter = 0;

// mermaid's output per (theme, source), for this tab. Laying out a large flowchart takes seconds
// (bench/diagram-render.ts) while a published version's diagram never changes, so moving between
// a workflow and its executions should not lay it out again. The raw output is kept and cleaned
// again on every use: the cache never holds, or hands out, anything the sanitiser has not seen.
const renderedCache = new LRUCache<string, string>({ max: 16 });

function toRenderState(svg: string): RenderState {
  const cleaned = cleanSvg(svg);
  markDiagram("sanitized");
  if (!cleaned) return { status: "error", message: "The diagram renderer produced no usable picture." };
  return { status: "ok", ...cleaned };
}

/** The render key of a (theme, source) pair: the in-tab cache, the store and the early paint all use it. */
export function renderKeyOf(source: string, dark: boolean): string {
  return `${dark ? "dark" : "light"}\u0000${source}`;
}

/**
 * The picture the page's early script already mounted for this key (early-paint.ts), if any: it was
 * cleaned by the same sanitiser, so it is used as it is; its raw text joins the tab's cache.
 */
function adoptEarlyPaint(key: string): RenderState | undefined {
  const early = takeEarlyPaint(key);
  if (!early) return undefined;
  renderedCache.set(key, early.raw);
  if (early.quick) noteCurrentPageDiagramStored(early.id);
  else remember(early.id, key, early.raw);
  markDiagram("early-adopted");
  return { status: "ok", svg: early.svg, size: early.size };
}

/**
 * Notes this page's diagram for the next view's early paint: the page → entry id, and the entry in
 * the quick mirror. After the current work, so a view never waits on a localStorage write.
 */
function remember(id: string, key: string, svg: string): void {
  noteCurrentPageDiagramStored(id);
  setTimeout(() => keepQuick(id, key, svg), 0);
}

/** Renders mermaid source (untrusted tenant text) with mermaid loaded on demand. */
export async function renderMermaid(source: string, dark: boolean): Promise<RenderState> {
  if (source.length > MAX_DIAGRAM_CHARS) {
    return {
      status: "error",
      message: `The diagram is ${source.length.toLocaleString("en-US")} characters long; the console renders up to ${MAX_DIAGRAM_CHARS.toLocaleString("en-US")}.`,
    };
  }
  const cacheKey = renderKeyOf(source, dark);
  // Already on screen, drawn from the store by the page's early script: take that picture over.
  const early = adoptEarlyPaint(cacheKey);
  if (early) return early;
  markDiagram("render-start");
  const inTab = renderedCache.get(cacheKey);
  const stored = inTab === undefined ? await loadStoredRender(cacheKey) : undefined;
  const cached = inTab ?? stored?.svg;
  markDiagram(cached === undefined ? "store-miss" : "store-hit");
  if (cached !== undefined) {
    renderedCache.set(cacheKey, cached);
    if (stored) remember(stored.id, cacheKey, stored.svg);
    else
      void storeId(cacheKey).then((id) => {
        if (id) noteCurrentPageDiagramStored(id);
      });
    return toRenderState(cached);
  }
  // Image shapes, links, CSS url() and config directives are taken out before mermaid reads the
  // text: mermaid fetches images while it draws, before sanitizeSvg could remove them.
  const safeSource = neutralizeDiagramSource(source).source;
  const mermaid = (await import("mermaid")).default;
  markDiagram("mermaid-imported");
  mermaid.initialize(mermaidConfig(dark ? "dark" : "light"));
  markDiagram("mermaid-initialized");
  try {
    await mermaid.parse(safeSource);
    markDiagram("parsed");
  } catch (error) {
    return { status: "error", message: parseErrorMessage(error) };
  }
  renderCounter += 1;
  const id = `wf-diagram-${renderCounter}`;
  try {
    const { svg } = await mermaid.render(id, safeSource);
    markDiagram("laid-out");
    const state = toRenderState(svg);
    if (state.status === "ok") {
      renderedCache.set(cacheKey, svg);
      void storeRender(cacheKey, svg).then((id) => {
        if (id) remember(id, cacheKey, svg);
      });
    }
    return state;
  } catch (error) {
    return { status: "error", message: parseErrorMessage(error) };
  } finally {
    // mermaid leaves its scratch container behind when rendering fails.
    document.getElementById(`d${id}`)?.remove();
  }
}
