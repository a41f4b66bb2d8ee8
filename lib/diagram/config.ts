// Mermaid settings for tenant-authored diagrams. Diagram text is untrusted: "strict" makes
// mermaid sanitise labels and ignore `click` directives, and SVG <text> labels (no htmlLabels)
// keep tenant text out of <foreignObject> HTML entirely.

/** The subset of mermaid's config the console sets (structurally compatible with MermaidConfig). */
export interface ConsoleMermaidConfig {
  startOnLoad: false;
  securityLevel: "strict";
  htmlLabels: false;
  theme: "default" | "dark";
  flowchart: { htmlLabels: false; useMaxWidth: false };
  maxTextSize: number;
  maxEdges: number;
  fontFamily: string;
  /** Keys an in-diagram `%%{init}%%` directive may not change (mermaid drops them from directives). */
  secure: string[];
}

/** Diagram sources beyond this many characters are not rendered (mermaid's own default is 50 000). */
export const MAX_DIAGRAM_CHARS = 50_000;

/** The one mermaid configuration the console renders with. */
export function mermaidConfig(theme: "light" | "dark"): ConsoleMermaidConfig {
  return {
    startOnLoad: false,
    securityLevel: "strict",
    htmlLabels: false,
    theme: theme === "dark" ? "dark" : "default",
    flowchart: { htmlLabels: false, useMaxWidth: false },
    maxTextSize: MAX_DIAGRAM_CHARS,
    maxEdges: 2000,
    fontFamily: "ui-sans-serif, system-ui, sans-serif",
    // mermaid's own list plus everything that would loosen the settings above or inject CSS.
    secure: [
      "secure",
      "securityLevel",
      "startOnLoad",
      "maxTextSize",
      "suppressErrorRendering",
      "maxEdges",
      "htmlLabels",
      "flowchart",
      "themeCSS",
      "themeVariables",
      "fontFamily",
      "altFontFamily",
      "dompurifyConfig",
      "theme",
      "darkMode",
    ],
  };
}

/** A readable one-paragraph message out of whatever mermaid's parser threw. */
export function parseErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const text = raw.replace(/\r\n/g, "\n").trim();
  return text === "" ? "The diagram could not be parsed." : text.slice(0, 2000);
}

/** A file name for exports: the workflow name and version with anything unusual replaced. */
export function exportFileName(name: string, version: string, ext: "svg" | "png" | "mmd"): string {
  const safe = `${name}-${version}`.replace(/[^a-zA-Z0-9._-]+/g, "_").slice(0, 120) || "diagram";
  return `${safe}.${ext}`;
}
