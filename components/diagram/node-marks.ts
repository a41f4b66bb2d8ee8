// Paints run status onto the nodes of an already sanitised mermaid SVG. Everything goes through
// DOM APIs (classList, setAttribute of fixed names, CSSOM style properties, textContent): tenant
// text (labels, activity types) only ever becomes text content or an attribute value, never
// markup, and nothing is string-built into SVG.
import { flowchartNodeId } from "@/lib/diagram";

/** Visual tone of a node; `muted` is a node no step reached. */
export type NodeMarkTone = "completed" | "failed" | "running" | "cancelled" | "muted";

/** One node to mark: the flowchart node id from the source, and what to show on it. */
export interface DiagramNodeMark {
  nodeId: string;
  tone: NodeMarkTone;
  /** Machine-readable status, exposed as `data-run-status` (tests, styling). */
  status: string;
  /** Text for the tooltip and the accessible name, e.g. "send_digest_sms: Completed (2 steps)". */
  title: string;
  /** A one-character glyph drawn at the node's corner so colour is not the only signal. */
  glyph: string;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const SHAPE_SELECTOR = "rect, polygon, circle, ellipse, path";

interface Palette {
  fill: string;
  stroke: string;
  glyph: string;
}

function palette(tone: NodeMarkTone, dark: boolean): Palette {
  switch (tone) {
    case "completed":
      return dark ? { fill: "#14532d", stroke: "#4ade80", glyph: "#4ade80" } : { fill: "#dcfce7", stroke: "#15803d", glyph: "#15803d" };
    case "failed":
      return dark ? { fill: "#7f1d1d", stroke: "#f87171", glyph: "#f87171" } : { fill: "#fee2e2", stroke: "#b91c1c", glyph: "#b91c1c" };
    case "running":
      return dark ? { fill: "#1e3a8a", stroke: "#60a5fa", glyph: "#60a5fa" } : { fill: "#dbeafe", stroke: "#1d4ed8", glyph: "#1d4ed8" };
    case "cancelled":
      return dark ? { fill: "#78350f", stroke: "#fbbf24", glyph: "#fbbf24" } : { fill: "#fef3c7", stroke: "#b45309", glyph: "#b45309" };
    case "muted":
      return dark ? { fill: "#1e293b", stroke: "#475569", glyph: "#94a3b8" } : { fill: "#f1f5f9", stroke: "#94a3b8", glyph: "#64748b" };
  }
}

/** Node groups of a rendered flowchart by source node id. */
export function findFlowchartNodes(svg: SVGSVGElement): Map<string, SVGGElement[]> {
  const out = new Map<string, SVGGElement[]>();
  for (const g of Array.from(svg.querySelectorAll<SVGGElement>("g.node"))) {
    const id = flowchartNodeId(g.id);
    if (!id) continue;
    const list = out.get(id) ?? [];
    list.push(g);
    out.set(id, list);
  }
  return out;
}

/**
 * Marks the nodes of a mounted, sanitised flowchart SVG; returns a function that removes every
 * mark again (the same SVG element is re-marked as a live run moves on).
 */
export function applyNodeMarks(svg: SVGSVGElement, marks: readonly DiagramNodeMark[], opts: { dark: boolean }): () => void {
  const undo: (() => void)[] = [];
  const nodes = findFlowchartNodes(svg);
  for (const mark of marks) {
    for (const g of nodes.get(mark.nodeId) ?? []) {
      const colours = palette(mark.tone, opts.dark);
      const cls = `run-node-${mark.tone}`;
      const hadClass = g.classList.contains(cls);
      g.classList.add(cls);
      if (mark.tone === "running") g.classList.add("motion-safe:animate-pulse");
      g.setAttribute("data-run-status", mark.status);
      g.setAttribute("aria-label", mark.title);
      g.setAttribute("role", "img");
      const gOpacity = g.style.getPropertyValue("opacity");
      if (mark.tone === "muted") g.style.setProperty("opacity", "0.7");

      // The node's outline: its shapes, directly or in a rough.js group, but not the label text's.
      for (const child of Array.from(g.querySelectorAll<SVGElement>(SHAPE_SELECTOR))) {
        const label = child.closest(".label");
        if (label && g.contains(label)) continue;
        const before = child.style.cssText;
        child.style.setProperty("fill", colours.fill, "important");
        child.style.setProperty("stroke", colours.stroke, "important");
        child.style.setProperty("stroke-width", mark.tone === "muted" ? "1px" : "2px", "important");
        if (mark.tone === "muted") child.style.setProperty("stroke-dasharray", "4 3", "important");
        undo.push(() => {
          child.style.cssText = before;
        });
      }

      const title = document.createElementNS(SVG_NS, "title");
      title.textContent = mark.title;
      g.insertBefore(title, g.firstChild);

      let glyph: SVGTextElement | null = null;
      if (mark.glyph) {
        glyph = document.createElementNS(SVG_NS, "text");
        glyph.textContent = mark.glyph;
        glyph.setAttribute("aria-hidden", "true");
        glyph.setAttribute("data-run-glyph", mark.status);
        glyph.setAttribute("text-anchor", "middle");
        glyph.setAttribute("dominant-baseline", "central");
        glyph.setAttribute("font-size", "13");
        glyph.setAttribute("font-weight", "700");
        glyph.style.setProperty("fill", colours.glyph);
        let box: DOMRect | null = null;
        try {
          box = g.getBBox();
        } catch {
          box = null; // not laid out (detached): the glyph sits at the node's centre line
        }
        // Inside the top-right corner, clear of the centred label.
        glyph.setAttribute("x", String(box ? box.x + box.width - 9 : 0));
        glyph.setAttribute("y", String(box ? box.y + 10 : 0));
        g.append(glyph);
      }

      undo.push(() => {
        title.remove();
        glyph?.remove();
        if (!hadClass) g.classList.remove(cls);
        g.classList.remove("motion-safe:animate-pulse");
        g.removeAttribute("data-run-status");
        g.removeAttribute("aria-label");
        g.removeAttribute("role");
        if (gOpacity) g.style.setProperty("opacity", gOpacity);
        else g.style.removeProperty("opacity");
      });
    }
  }
  return () => {
    for (const fn of undo.reverse()) fn();
  };
}
