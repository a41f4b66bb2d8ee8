// A second, independent pass over mermaid's output before it enters the page: mermaid in strict
// mode already sanitises labels, but tenant text is untrusted, so anything that can run code,
// embed HTML or fetch a resource is removed here as well.
//
// Self-contained on purpose: early-paint.ts puts this function's own source text into the
// server-rendered page, so a stored diagram is cleaned by exactly this code before React has
// loaded. It may use only its parameter and browser globals (no imports, no module constants);
// tests/unit/early-paint.test.ts checks that.

/** A cleaned diagram, ready to mount: the <svg> element (sized in pixels) and its size. */
export interface CleanSvg {
  svg: SVGSVGElement;
  size: { width: number; height: number };
}

/** Parses mermaid's SVG text and returns a cleaned, sized <svg> element, or null when it is not SVG. */
export function cleanSvg(svgText: string): CleanSvg | null {
  const forbidden = new Set(
    [
      "script",
      "foreignObject",
      "iframe",
      "object",
      "embed",
      "image",
      "use",
      "animate",
      "set",
      "animateTransform",
      "animateMotion",
      "a",
      "audio",
      "video",
      "link",
      "meta",
      "base",
    ].map((n) => n.toLowerCase()),
  );
  const urlAttributes = new Set(["href", "src", "srcset", "action", "formaction", "background", "poster", "data"]);
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName.toLowerCase() !== "svg" || doc.getElementsByTagName("parsererror").length > 0) return null;
  // One walk over every element (a 300-node diagram has thousands): forbidden elements go, and
  // every attribute of the rest is checked.
  for (const el of Array.from(root.getElementsByTagName("*")).concat(root)) {
    const name = el.localName.toLowerCase();
    if (forbidden.has(name)) {
      // Keep a link's visible text, drop the link itself.
      if (name === "a") el.replaceWith(...Array.from(el.childNodes));
      else el.remove();
      continue;
    }
    // By local name, whatever the prefix or namespace (`x:href` bound to XLink is still an href).
    for (const attr of Array.from(el.attributes)) {
      const n = attr.localName.toLowerCase();
      if (n.startsWith("on")) el.removeAttributeNode(attr);
      // Only same-document references ("#id") may stay.
      else if (urlAttributes.has(n) && !attr.value.trim().startsWith("#")) el.removeAttributeNode(attr);
      else if (/url\(\s*['"]?\s*(?!#)/i.test(attr.value)) el.removeAttributeNode(attr);
    }
    // CSS that imports or fetches anything other than a same-document reference is dropped.
    if (name === "style") {
      const css = el.textContent ?? "";
      if (/@import|url\(\s*['"]?\s*(?!#)/i.test(css))
        el.textContent = css.replace(/@import[^;]*;?/gi, "").replace(/url\(\s*['"]?\s*(?!#)[^)]*\)/gi, "none");
    }
  }
  // Moved into the page's document rather than copied: the parsed tree is not used for anything else.
  const svg = document.adoptNode(root) as unknown as SVGSVGElement;
  // Sized in pixels from its viewBox (mermaid's own width is a percentage), so pan and zoom work on it.
  const vb = svg.viewBox.baseVal;
  let size = { width: 800, height: 600 };
  if (vb && vb.width > 0 && vb.height > 0) size = { width: vb.width, height: vb.height };
  else {
    const w = Number.parseFloat(svg.getAttribute("width") ?? "");
    const h = Number.parseFloat(svg.getAttribute("height") ?? "");
    size = { width: Number.isFinite(w) && w > 0 ? w : 800, height: Number.isFinite(h) && h > 0 ? h : 600 };
  }
  svg.setAttribute("width", String(size.width));
  svg.setAttribute("height", String(size.height));
  svg.style.maxWidth = "none";
  return { svg, size };
}
