// Tenant diagram source is untrusted, and some mermaid syntax makes the reader's browser fetch a
// URL (image shapes, CSS url() values) or follow one (click/link directives) while mermaid is
// still drawing: before the SVG sanitiser ever sees the output. So the source is cleaned first:
// everything that carries a URL or changes mermaid's configuration is taken out, the rest of
// the diagram (nodes, labels, edges) stays, and the reader is told what was left out.

/** The kinds of syntax the console leaves out of tenant diagrams. */
export type RemovedKind = "image" | "icon" | "link" | "style-url" | "config" | "shape-data";

/** One part left out of the diagram, with its 1-based line in the original source. */
export interface RemovedPart {
  kind: RemovedKind;
  line: number;
}

/** The source mermaid may draw, and what was left out of it. */
export interface NeutralizedDiagram {
  source: string;
  removed: RemovedPart[];
}

/** How the notice names each kind: one, many. */
const REMOVED_LABEL: Record<RemovedKind, readonly [string, string]> = {
  image: ["image", "images"],
  icon: ["icon", "icons"],
  link: ["link or click action", "links or click actions"],
  "style-url": ["style that loads a URL", "styles that load a URL"],
  config: ["configuration directive", "configuration directives"],
  "shape-data": ["unsupported node setting", "unsupported node settings"],
};

/**
 * Statements whose only job is to attach a URL or a script call to an element: flowchart/gantt
 * `click`, class diagram `link`/`callback`, sequence diagram `link`/`links` (a node merely named
 * "link" is left alone: these forms need a quote or a colon after the element).
 */
const LINK_STATEMENT = /^click\s|^(link|links|callback)\s+[^\s:"]+(\s*:|\s+")/;
/** Statements that carry CSS. */
const STYLE_STATEMENT = /^(style|classDef|linkStyle)\b/;
/**
 * CSS that can fetch (url(), image(), image-set(), @import), run (expression()) or hide either
 * behind an escape: a CSS backslash escape, or a mermaid entity (`#114;`, `&#114;`), which mermaid
 * turns back into a character in the SVG it writes (`u#114;l(` would become `url(`).
 */
const RISKY_CSS = /url\s*\(|image(-set)?\s*\(|@import|expression\s*\(|\\[^,]|#[a-z0-9]+;|&/i;
/** A mermaid entity (`#59;`, `#quot;`): its `;` does not end a statement. */
const ENTITY = /^#[a-zA-Z0-9]+;/;
/** Shape-data keys that only ever hold plain values; everything else (img, icon, pos, w, h, …) goes. */
const SAFE_SHAPE_KEYS = new Set(["shape", "label", "animate", "animation", "curve"]);
/** Shapes that draw an image or an icon. */
const ASSET_SHAPE = /^(image|img|icon.*)$/i;
/** C4 element arguments that carry a URL or an image. */
const C4_URL_ARGUMENT = /,\s*\$(link|sprite|img|image|url)\s*=\s*"[^"\n]*"/gi;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

/** Offsets of each line start, to map an offset in the working text back to a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

/** Splits on `separators` outside quotes, brackets, parentheses and mermaid entities. */
function splitTopLevel(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? "";
    const entity = c === "#" && !quote ? ENTITY.exec(text.slice(i, i + 40)) : null;
    if (entity) i += entity[0].length - 1;
    else if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (depth === 0 && separators.includes(c)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(value: string): string | null {
  const v = value.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1).replace(/\\(["'\\])/g, "$1");
  // Unquoted YAML scalars stay plain text only without YAML's special characters.
  return /^[^"'{}[\]&*!|>%@`#,:]*$/.test(v) ? v : null;
}

/**
 * Rebuilds one `@{ … }` block from the keys known to hold plain values. Returns the new block
 * ("" when nothing is left) and the kinds of what was dropped.
 */
function cleanShapeData(body: string): { block: string; dropped: RemovedKind[] } {
  const kept: string[] = [];
  const dropped: RemovedKind[] = [];
  for (const entry of splitTopLevel(body, ",\n")) {
    if (entry.trim() === "") continue;
    const colon = entry.indexOf(":");
    const key = colon > 0 ? entry.slice(0, colon).trim() : "";
    const raw = colon > 0 ? entry.slice(colon + 1) : "";
    const value = unquote(raw);
    if (key === "img" || key === "image") dropped.push("image");
    else if (key === "icon") dropped.push("icon");
    else if (!SAFE_SHAPE_KEYS.has(key) || value === null) dropped.push("shape-data");
    else if (key === "label") kept.push(`label: ${JSON.stringify(value)}`);
    else if (key === "animate") {
      if (/^(true|false)$/.test(value)) kept.push(`animate: ${value}`);
      else dropped.push("shape-data");
    } else if (key === "shape" && ASSET_SHAPE.test(value)) dropped.push("image");
    else if (/^[a-z][a-z0-9-]*$/.test(value)) kept.push(`${key}: ${value}`);
    else dropped.push("shape-data");
  }
  return { block: kept.length > 0 ? `@{ ${kept.join(", ")} }` : "", dropped };
}

/** Index of the `}` closing the `{` at `open`, honouring quotes and nesting; -1 when unclosed. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Removes the CSS properties that could load or run something; returns null when none is left. */
function cleanStyleStatement(statement: string): { text: string | null; changed: boolean } {
  const match = /^(\s*\S+\s+\S+\s+)([\s\S]*)$/.exec(statement);
  if (!match) return { text: statement, changed: false };
  const [, head = "", props = ""] = match;
  const parts = splitTopLevel(props, ",");
  const safe = parts.filter((p) => !RISKY_CSS.test(p));
  if (safe.length === parts.length) return { text: statement, changed: false };
  const kept = safe.map((p) => p.trim()).filter((p) => p !== "");
  return { text: kept.length > 0 ? `${head}${kept.join(",")}` : null, changed: true };
}

/** Splits a line into `;`-separated statements, outside quotes and brackets. */
function statements(line: string): string[] {
  return splitTopLevel(line, ";");
}

/**
 * Cleans untrusted mermaid source before mermaid sees it: front-matter and `%%{…}%%` directives
 * (configuration), `@{ img/icon … }` shape data, click/link/callback/href statements, C4
 * `$link`/`$sprite` arguments and CSS `url(…)`-like values in style/classDef/linkStyle are taken
 * out; nodes keep their ids and labels. Pure: same input, same output.
 */
export function neutralizeDiagramSource(input: string): NeutralizedDiagram {
  const removed: RemovedPart[] = [];
  let text = input.replace(/\r\n?/g, "\n");

  // Front matter (only at the very start): may carry `config:`. A plain one-line title is kept.
  const front = /^\s*---[ \t]*\n([\s\S]*?)\n[ \t]*---[ \t]*(\n|$)/.exec(text);
  if (front) {
    const body = front[1] ?? "";
    const title = /^title:[ \t]*(.*)$/m.exec(body)?.[1];
    const plainTitle = title !== undefined ? unquote(title) : null;
    const others = body.split("\n").filter((l) => l.trim() !== "" && !/^title:/.test(l));
    const header = plainTitle ? `---\ntitle: ${JSON.stringify(plainTitle)}\n---\n` : "";
    if (others.length > 0 || (title !== undefined && !plainTitle)) removed.push({ kind: "config", line: 1 });
    // Blank lines in place of the rest keep later line numbers equal to the original's.
    const newlines = (front[0].match(/\n/g) ?? []).length;
    const padding = "\n".repeat(Math.max(0, newlines - (header.match(/\n/g) ?? []).length));
    text = `${header}${padding}${text.slice(front[0].length)}`;
  }

  // Directives anywhere: %%{init: …}%%, %%{wrap}%% … all of them configure mermaid.
  text = text.replace(/%%\{[\s\S]*?\}%%/g, (found, offset: number) => {
    removed.push({ kind: "config", line: lineAt(text, offset) });
    // Keep the newlines so line numbers stay put.
    return found.replace(/[^\n]/g, "");
  });
  // An unterminated directive: make its line a comment.
  text = text.replace(/%%\{/g, (_found, offset: number) => {
    removed.push({ kind: "config", line: lineAt(text, offset) });
    return "%% {";
  });

  // Shape data `id@{ … }` (may span lines).
  {
    const starts = lineStarts(text);
    const lineOf = (offset: number) => {
      let line = 1;
      while (line < starts.length && (starts[line] ?? Infinity) <= offset) line++;
      return line;
    };
    let out = "";
    let i = 0;
    let inQuote = false;
    while (i < text.length) {
      const c = text[i] ?? "";
      if (c === '"') inQuote = !inQuote;
      else if (c === "\n") inQuote = false;
      if (!inQuote && c === "@" && text[i + 1] === "{") {
        const close = closingBrace(text, i + 1);
        const end = close === -1 ? text.length : close + 1;
        const original = text.slice(i, end);
        const { block, dropped } =
          close === -1 ? { block: "", dropped: ["shape-data" as RemovedKind] } : cleanShapeData(text.slice(i + 2, close));
        for (const kind of new Set(dropped)) removed.push({ kind, line: lineOf(i) });
        // Keep the newlines of a multi-line block so line numbers stay put.
        out += block + "\n".repeat((original.match(/\n/g) ?? []).length);
        i = end;
        continue;
      }
      out += c;
      i++;
    }
    text = out;
  }

  // Statement by statement.
  const lines = text.split("\n").map((line, index) => {
    const trimmed = line.trim();
    if (trimmed.startsWith("%%") || trimmed === "") return line;
    const kept: string[] = [];
    for (const statement of statements(line)) {
      const s = statement.trim();
      if (LINK_STATEMENT.test(s)) {
        removed.push({ kind: "link", line: index + 1 });
        continue;
      }
      let current = statement;
      if (STYLE_STATEMENT.test(s)) {
        const cleaned = cleanStyleStatement(statement);
        if (cleaned.changed) removed.push({ kind: "style-url", line: index + 1 });
        if (cleaned.text === null) continue;
        current = cleaned.text;
      }
      if (C4_URL_ARGUMENT.test(current)) {
        removed.push({ kind: "link", line: index + 1 });
        current = current.replace(C4_URL_ARGUMENT, "");
      }
      C4_URL_ARGUMENT.lastIndex = 0;
      kept.push(current);
    }
    return kept.join(";");
  });

  removed.sort((a, b) => a.line - b.line);
  return { source: lines.join("\n"), removed };
}

/** One sentence for the reader naming what was left out, or null when nothing was. */
export function removedPartsNotice(removed: readonly RemovedPart[]): string | null {
  if (removed.length === 0) return null;
  const counts = new Map<RemovedKind, number>();
  for (const part of removed) counts.set(part.kind, (counts.get(part.kind) ?? 0) + 1);
  const items = [...counts].map(([kind, n]) => `${n} ${REMOVED_LABEL[kind][n === 1 ? 0 : 1]}`);
  const lines = [...new Set(removed.map((p) => p.line))].sort((a, b) => a - b);
  const where = lines.length <= 6 ? ` (line${lines.length === 1 ? "" : "s"} ${lines.join(", ")})` : "";
  return `For safety the console left out ${items.join(", ")}${where}. The rest of the diagram is drawn as written; "View source" shows the original.`;
}
