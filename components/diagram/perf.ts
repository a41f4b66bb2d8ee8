// User-timing marks for the diagram pipeline (`diagram:<step>`), read by bench/diagram-render.ts to
// split a view into its steps. A mark is a few bytes in the page's performance buffer; nothing is sent.

/** Records `diagram:<step>` in this page's performance timeline, when the browser has one. */
export function markDiagram(step: string): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(`diagram:${step}`);
}
