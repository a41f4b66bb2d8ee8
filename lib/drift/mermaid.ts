// A tolerant reader of Mermaid flowchart text: it extracts what the author wrote (node labels,
// edge labels, subgraph titles) without rendering. It never throws; text it cannot place is
// ignored, but the reasons it could not read the chart as a whole (not a flowchart, a shape or a
// quote never closed) are reported in `problems`, so drift checks can say "not comparable" instead
// of "no drift". Only flowcharts matter here, since that is what workflow.mmd files contain.

export interface MermaidNode {
  id: string;
  /** The label as shown (the id itself when the node has no label). */
  label: string;
}

export interface MermaidEdge {
  from: string;
  to: string;
  label: string | null;
}

export interface MermaidGraph {
  nodes: MermaidNode[];
  edges: MermaidEdge[];
  subgraphTitles: string[];
  /** Every piece of author text: node labels, edge labels and subgraph titles, in order. */
  texts: string[];
  /** Why the chart could not be read as a whole ("line 2: [ is never closed"); empty when it reads cleanly. */
  problems: string[];
}

// Opening delimiters, longest first so `[[` wins over `[`; each with its closing delimiter.
const SHAPES: readonly (readonly [string, string])[] = [
  ["(((", ")))"],
  ["([", "])"],
  ["[[", "]]"],
  ["[(", ")]"],
  ["((", "))"],
  ["{{", "}}"],
  ["[/", "/]"],
  ["[\\", "\\]"],
  ["[/", "\\]"],
  ["[\\", "/]"],
  ["[", "]"],
  ["(", ")"],
  ["{", "}"],
  [">", "]"],
];

const SKIP_LINE = /^(?:classDef|class|style|linkStyle|click|direction|accTitle|accDescr|title)\b/;
const HEADER = /^(?:flowchart|graph)\b/;
const ID = /^[A-Za-z0-9_][A-Za-z0-9_]*/;
// A complete link, optionally followed by `|text|`: -->, --->, ---, -.->, -.-, ==>, ===, --o, --x, <-->, ~~~.
const FULL_LINK = /^<?(?:-{2,}>|-{3,}|-\.+->?|={2,}>|={3,}|--[ox](?![A-Za-z0-9_])|={2,}[ox](?![A-Za-z0-9_])|~{3,})\s*(?:\|([^|]*)\|)?/;
// The start of a link carrying inline text: `-- text -->`, `== text ==>`, `-. text .->`.
const TEXT_LINK_START = /^(?:--|==|-\.)(?=[^->.=])/;
const TEXT_LINK_END = /(?:-{2,}>|-{3,}|\.-+>?|={2,}>|={3,}|--[ox](?![A-Za-z0-9_]))/;

/** Turn Mermaid label markup into plain text: entities, `<br>`, markdown backticks and emphasis. */
export function cleanLabel(raw: string): string {
  let s = raw.trim();
  if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) s = s.slice(1, -1);
  if (s.startsWith("`") && s.endsWith("`") && s.length >= 2) s = s.slice(1, -1);
  return s
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<\/?[a-z][^>]*>/gi, " ")
    .replace(/#quot;/g, '"')
    .replace(/#amp;/g, "&")
    .replace(/#lt;/g, "<")
    .replace(/#gt;/g, ">")
    .replace(/#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/\*\*|__/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Remove `%%` comments that are not inside quotes. */
function stripComment(line: string): string {
  let inQuote = false;
  for (let i = 0; i < line.length - 1; i++) {
    const c = line[i];
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && c === "%" && line[i + 1] === "%") return line.slice(0, i);
  }
  return line;
}

/** Split a line on `;` outside quotes and brackets (Mermaid allows several statements per line). */
function splitStatements(line: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuote = !inQuote;
    else if (!inQuote && (c === "[" || c === "(" || c === "{")) depth++;
    else if (!inQuote && (c === "]" || c === ")" || c === "}")) depth = Math.max(0, depth - 1);
    else if (!inQuote && depth === 0 && c === ";") {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start));
  return out;
}

/** Read a shape body starting right after its opening delimiter; returns the label and the index after the close. */
function readShape(s: string, from: number, close: string): { label: string; end: number } | null {
  let i = from;
  while (s[i] === " ") i++;
  if (s[i] === '"') {
    const endQuote = s.indexOf('"', i + 1);
    if (endQuote === -1) return null;
    const after = s.indexOf(close, endQuote + 1);
    if (after === -1) return null;
    return { label: s.slice(i, endQuote + 1), end: after + close.length };
  }
  const end = s.indexOf(close, from);
  if (end === -1) return null;
  return { label: s.slice(from, end), end: end + close.length };
}

/** Parse a node reference at `pos`: id, optional `:::class`, optional shape or `@{ label: "..." }`. */
function readNode(s: string, pos: number): { id: string; label: string | null; end: number; unclosed?: string } | null {
  const m = ID.exec(s.slice(pos));
  if (!m) return null;
  const id = m[0];
  let i = pos + id.length;
  let label: string | null = null;
  if (s.startsWith("@{", i)) {
    const close = s.indexOf("}", i);
    const body = s.slice(i + 2, close === -1 ? s.length : close);
    const lm = /label\s*:\s*"([^"]*)"|label\s*:\s*([^,}]+)/.exec(body);
    if (lm) label = lm[1] ?? lm[2] ?? null;
    i = close === -1 ? s.length : close + 1;
  } else {
    let opened: string | undefined;
    for (const [open, close] of SHAPES) {
      if (!s.startsWith(open, i)) continue;
      opened ??= open;
      const shape = readShape(s, i + open.length, close);
      if (!shape) continue;
      label = shape.label;
      i = shape.end;
      opened = undefined;
      break;
    }
    if (opened !== undefined && label === null) return { id, label, end: i, unclosed: opened };
  }
  const cls = /^:::[A-Za-z0-9_-]+/.exec(s.slice(i));
  if (cls) i += cls[0].length;
  return { id, label, end: i };
}

/** Extract node labels, edges and subgraph titles from Mermaid flowchart source. */
export function parseMermaidFlowchart(source: string): MermaidGraph {
  const labels = new Map<string, string>();
  const order: string[] = [];
  const edges: MermaidEdge[] = [];
  const subgraphTitles: string[] = [];
  const texts: string[] = [];
  const problems: string[] = [];
  let sawHeader = false;
  let lineNo = 0;

  const noteNode = (id: string, label: string | null): void => {
    if (!labels.has(id)) order.push(id);
    if (label !== null) {
      const clean = cleanLabel(label);
      labels.set(id, clean);
      if (clean) texts.push(clean);
    } else if (!labels.has(id)) labels.set(id, id);
  };

  for (const rawLine of source.split(/\r?\n/)) {
    lineNo++;
    let line = stripComment(rawLine).trim();
    // The header may share its line with statements: `graph LR; A-->B`.
    if (HEADER.test(line)) {
      sawHeader = true;
      line = line.replace(/^(?:flowchart|graph)(?:\s+(?:TD|TB|BT|RL|LR))?\s*;?/, "").trim();
    } else if (line && !sawHeader) {
      problems.push(`line ${lineNo}: the chart does not start with "flowchart" or "graph"`);
      sawHeader = true;
    }
    if (!line || SKIP_LINE.test(line) || line === "end") continue;
    if (((line.match(/"/g) ?? []).length & 1) === 1) problems.push(`line ${lineNo}: a quote is never closed`);
    if (/^subgraph\b/.test(line)) {
      const rest = line.slice("subgraph".length).trim();
      const titled = /^[A-Za-z0-9_]+\s*\[(.*)\]\s*$/.exec(rest);
      const title = cleanLabel(titled ? (titled[1] ?? "") : rest);
      if (title) {
        subgraphTitles.push(title);
        texts.push(title);
      }
      continue;
    }
    for (const statement of splitStatements(line)) {
      const s = statement.trim();
      let pos = 0;
      let previous: string[] = [];
      let current: string[] = [];
      let pendingLink: { label: string | null } | null = null;
      while (pos < s.length) {
        const c = s[pos];
        if (c === " " || c === "\t") {
          pos++;
          continue;
        }
        if (c === "&") {
          pos++;
          continue;
        }
        const full = FULL_LINK.exec(s.slice(pos));
        const textStart = full ? null : TEXT_LINK_START.exec(s.slice(pos));
        if (full || textStart) {
          let label: string | null = null;
          if (full) {
            label = full[1] !== undefined ? cleanLabel(full[1]) : null;
            pos += full[0].length;
          } else {
            const rest = s.slice(pos + 2);
            const end = TEXT_LINK_END.exec(rest);
            if (!end) {
              problems.push(`line ${lineNo}: a link's text never reaches its arrow`);
              break;
            }
            label = cleanLabel(rest.slice(0, end.index));
            pos += 2 + end.index + end[0].length;
            const piped = /^\s*\|([^|]*)\|/.exec(s.slice(pos));
            if (piped) {
              label = cleanLabel(piped[1] ?? "");
              pos += piped[0].length;
            }
          }
          if (label) texts.push(label);
          previous = current;
          current = [];
          pendingLink = { label: label || null };
          continue;
        }
        const node = readNode(s, pos);
        if (!node) {
          pos++;
          continue;
        }
        if (node.unclosed) problems.push(`line ${lineNo}: ${node.id}${node.unclosed} is never closed`);
        noteNode(node.id, node.label);
        current.push(node.id);
        if (pendingLink) {
          for (const from of previous) edges.push({ from, to: node.id, label: pendingLink.label });
        }
        pos = node.end;
        // A node list continues with `&`; anything else ends the list before the next link.
        let look = pos;
        while (s[look] === " ") look++;
        if (s[look] !== "&") pendingLink = null;
      }
    }
  }
  if (!sawHeader && source.trim() !== "") problems.push('the chart does not start with "flowchart" or "graph"');
  return { nodes: order.map((id) => ({ id, label: labels.get(id) ?? id })), edges, subgraphTitles, texts, problems };
}
