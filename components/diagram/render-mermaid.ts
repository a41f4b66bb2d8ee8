import { LRUCache } from "lru-cache";
import { MAX_DIAGRAM_CHARS, mermaidConfig, neutralizeDiagramSource, parseErrorMessage, type Size } from "@/lib/diagram";
import { markDiagram } from "./perf";
import { sanitizeSvg } from "./sanitize-svg";
import { noteCurrentPageDiagramStored } from "./stored-pages";
import { loadStoredRender, storeRender } from "./svg-store";

// The render pipeline of MermaidDiagram: untrusted source → neutralised source → mermaid → sanitised SVG,
// with the last layouts kept per tab (in memory) and across tabs and sessions (IndexedDB, svg-store.ts).

export type RenderState = { status: "loading" } | { status: "ok"; svg: SVGSVGElement; size: Size } | { status: "error"; message: string };

// Each render needs its own element id: mermaid scopes the diagram's CSS under it.
let renderCounter = 0;

function sizeOf(svg: SVGSVGElement): Size {
  const vb = svg.viewBox.baseVal;
  if (vb && vb.width > 0 && vb.height > 0) return { width: vb.width, height: vb.height };
  const w = Number.parseFloat(svg.getAttribute("width") ?? "");
  const h = Number.parseFloat(svg.getAttribute("height") ?? "");
  return { width: Number.isFinite(w) && w > 0 ? w : 800, height: Number.isFinite(h) && h > 0 ? h : 600 };
}

// mermaid's output per (theme, source), for this tab. Laying out a large flowchart takes seconds
// (bench/diagram-render.ts) while a published version's diagram never changes, so moving between
// a workflow and its executions should not lay it out again. The raw output is kept and cleaned
// again on every use: the cache never holds, or hands out, anything the sanitiser has not seen.
const renderedCache = new LRUCache<string, string>({ max: 16 });

function toRenderState(svg: string): RenderState {
  const el = sanitizeSvg(svg);
  markDiagram("sanitized");
  if (!el) return { status: "error", message: "The diagram renderer produced no usable picture." };
  const size = sizeOf(el);
  el.setAttribute("width", String(size.width));
  el.setAttribute("height", String(size.height));
  el.style.maxWidth = "none";
  return { status: "ok", svg: el, size };
}

/** Renders mermaid source (untrusted tenant text) with mermaid loaded on demand. */
export async function renderMermaid(source: string, dark: boolean): Promise<RenderState> {
  if (source.length > MAX_DIAGRAM_CHARS) {
    return {
      status: "error",
      message: `The diagram is ${source.length.toLocaleString("en-US")} characters long; the console renders up to ${MAX_DIAGRAM_CHARS.toLocaleString("en-US")}.`,
    };
  }
  const cacheKey = `${dark ? "dark" : "light"}\u0000${source}`;
  markDiagram("render-start");
  const cached = renderedCache.get(cacheKey) ?? (await loadStoredRender(cacheKey));
  markDiagram(cached === undefined ? "store-miss" : "store-hit");
  if (cached !== undefined) {
    renderedCache.set(cacheKey, cached);
    noteCurrentPageDiagramStored();
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
      void storeRender(cacheKey, svg).then((stored) => {
        if (stored) noteCurrentPageDiagramStored();
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
