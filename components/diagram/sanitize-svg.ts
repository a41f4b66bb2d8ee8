// A second, independent pass over mermaid's output before it enters the page: mermaid in strict
// mode already sanitises labels, but tenant text is untrusted, so anything that can run code,
// embed HTML or fetch a resource is removed here as well.

const FORBIDDEN_ELEMENTS = [
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
];

const FORBIDDEN: ReadonlySet<string> = new Set(FORBIDDEN_ELEMENTS.map((n) => n.toLowerCase()));

function isLocalReference(value: string): boolean {
  return value.trim().startsWith("#");
}

/** Parses mermaid's SVG text and returns a cleaned <svg> element, or null when it is not SVG. */
export function sanitizeSvg(svgText: string): SVGSVGElement | null {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const root = doc.documentElement;
  if (root.nodeName.toLowerCase() !== "svg" || doc.getElementsByTagName("parsererror").length > 0) return null;
  // One walk over every element (a 300-node diagram has thousands): forbidden elements go, and
  // every attribute of the rest is checked.
  for (const el of Array.from(root.getElementsByTagName("*")).concat(root)) {
    const name = el.localName.toLowerCase();
    if (FORBIDDEN.has(name)) {
      // Keep a link's visible text, drop the link itself.
      if (name === "a") el.replaceWith(...Array.from(el.childNodes));
      else el.remove();
      continue;
    }
    for (const attr of Array.from(el.attributes)) {
      const n = attr.name.toLowerCase();
      if (n.startsWith("on")) el.removeAttribute(attr.name);
      else if ((n === "href" || n === "xlink:href" || n === "src") && !isLocalReference(attr.value)) el.removeAttribute(attr.name);
      else if (/url\(\s*['"]?\s*(?!#)/i.test(attr.value)) el.removeAttribute(attr.name);
    }
  }
  // CSS that imports or fetches anything other than a same-document reference is dropped.
  for (const style of Array.from(root.getElementsByTagName("style"))) {
    const css = style.textContent ?? "";
    if (/@import|url\(\s*['"]?\s*(?!#)/i.test(css))
      style.textContent = css.replace(/@import[^;]*;?/gi, "").replace(/url\(\s*['"]?\s*(?!#)[^)]*\)/gi, "none");
  }
  // Moved into the page's document rather than copied: the parsed tree is not used for anything else.
  return document.adoptNode(root) as unknown as SVGSVGElement;
}
