/** One row of the readable mapping table: an output field and where its value comes from. */
export interface MappingRow {
  /** Output path, e.g. `shipments[].supplierShipmentId` (`[]` marks an `$each` element). */
  output: string;
  /** Source paths tried in order (a fallback chain when more than one). */
  sources: string[];
  /** Plain-words transforms, in the order the runtime applies them. */
  transforms: string[];
  /** True for a row that opens an `$each` over its source array. */
  isEach: boolean;
  /** Nesting depth below the top level (for indentation). */
  depth: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isDirective(node: Record<string, unknown>): boolean {
  return Object.keys(node).some((k) => k.startsWith("$")) || "coerce" in node || "default" in node;
}

const COERCE_WORDS: Record<string, string> = {
  toNumber: "as a number",
  toNumberOrNull: "as a number (empty if not a number)",
  toString: "as text",
  identity: "unchanged",
  toDateOnly: "as a date (YYYY-MM-DD)",
  toIsoDateTime: "as an ISO date-time",
};

function sourcesOf(from: unknown): string[] {
  if (typeof from === "string") return [from];
  if (Array.isArray(from)) return from.map((s) => (typeof s === "string" ? s : JSON.stringify(s)));
  return [];
}

function transformsOf(node: Record<string, unknown>): string[] {
  const out: string[] = [];
  const map = node.$map;
  if (isRecord(map)) {
    const pairs = Object.entries(map).map(([k, v]) => `${k} → ${v === null ? "empty" : String(v as string | number | boolean)}`);
    out.push(`look up: ${pairs.join(", ")}`);
  }
  if (typeof node.coerce === "string") out.push(COERCE_WORDS[node.coerce] ?? `coerce ${node.coerce}`);
  if ("default" in node) out.push(`default ${JSON.stringify(node.default)} when missing`);
  return out;
}

/**
 * Flattens a mapping template (contract §9.3) into rows: plain strings are source paths, nested
 * objects add a level, directives give `$from` chains, `$map`, `coerce`, `default` and `$each`.
 * Anything unrecognised is shown raw rather than hidden.
 */
export function flattenMapping(mapping: unknown): MappingRow[] {
  const rows: MappingRow[] = [];
  if (!isRecord(mapping)) return rows;
  walk(mapping, "", 0, rows);
  return rows;
}

function walk(node: Record<string, unknown>, prefix: string, depth: number, rows: MappingRow[]): void {
  for (const [key, value] of Object.entries(node)) {
    const output = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") {
      rows.push({ output, sources: [value], transforms: [], isEach: false, depth });
    } else if (isRecord(value) && isDirective(value)) {
      const each = value.$each;
      if (isRecord(each)) {
        rows.push({
          output,
          sources: sourcesOf(value.$from),
          transforms: ["for each element:", ...transformsOf(value)],
          isEach: true,
          depth,
        });
        walk(each, `${output}[]`, depth + 1, rows);
      } else {
        rows.push({ output, sources: sourcesOf(value.$from), transforms: transformsOf(value), isEach: false, depth });
      }
    } else if (isRecord(value)) {
      walk(value, output, depth, rows);
    } else {
      rows.push({ output, sources: [], transforms: [`unrecognised: ${JSON.stringify(value)}`], isEach: false, depth });
    }
  }
}
