/** Which editable part a gate problem belongs to, by its stage (contract §9.6). */
export type EditorPart = "mapping" | "rules" | "corpus" | "meta" | "externalShape" | "externalMapping" | "inbound";

/** The editor part a gate stage reports on. */
export function partOfStage(stage: string): EditorPart {
  if (stage.startsWith("mapping")) return "mapping";
  if (stage.startsWith("rules")) return "rules";
  if (stage === "external-shape") return "externalShape";
  if (stage.startsWith("external-mapping")) return "externalMapping";
  return "meta";
}

/**
 * Finds the 1-based line in a part's JSON text that a gate `where` points at: a rule id
 * (`"id": "<where>"`), an index path (`[2].when[0].op`), or a dotted output path
 * (`shipments.shipmentStatus`, each key looked for after the previous one). Null when not found.
 */
export function locateWhere(text: string, where: string): number | null {
  if (!where || where === "(root)") return text.trim() ? 1 : null;
  const lines = text.split("\n");
  const idLine = lines.findIndex(
    (line) => line.includes(`"id": ${JSON.stringify(where)}`) || line.includes(`"id":${JSON.stringify(where)}`),
  );
  if (idLine >= 0) return idLine + 1;
  const steps = where
    .replace(/\[(\d+)\]/g, ".[$1]")
    .split(".")
    .filter(Boolean);
  let from = 0;
  let found: number | null = null;
  for (const step of steps) {
    const index = /^\[(\d+)\]$/.exec(step);
    if (index) {
      // Array positions: take the n-th object opening after the current point at the next indent.
      const target = Number(index[1]);
      let seen = -1;
      const baseIndent = found === null ? 0 : indentOf(lines[found - 1] ?? "");
      for (let k = from; k < lines.length; k += 1) {
        const line = lines[k] ?? "";
        const trimmed = line.trim();
        if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && indentOf(line) === baseIndent + 2) {
          seen += 1;
          if (seen === target) {
            found = k + 1;
            from = k + 1;
            break;
          }
        }
      }
      if (seen !== target) return found;
      continue;
    }
    const key = `${JSON.stringify(step)}:`;
    const at = lines.findIndex((line, k) => k >= from && line.includes(key));
    if (at < 0) return found;
    found = at + 1;
    from = at + 1;
  }
  return found;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
