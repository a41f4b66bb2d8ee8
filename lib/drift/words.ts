// Word normalisation shared by the drift rules, so `send_quote_sms`, `sendQuoteSms` and
// "Send quote SMS" all read as the same words.

const STOPWORDS: ReadonlySet<string> = new Set([
  "a",
  "an",
  "the",
  "to",
  "for",
  "of",
  "with",
  "our",
  "their",
  "its",
  "his",
  "her",
  "this",
  "that",
  "these",
  "those",
  "and",
  "or",
  "from",
  "into",
  "in",
  "on",
  "at",
  "by",
  "is",
  "are",
  "be",
  "it",
  "per",
  "each",
  "all",
  "via",
  "using",
  "then",
  "if",
  "as",
  "s",
]);

/** Crude singular form: "texts" → "text", "invoices" → "invoice", keeping "sms", "address", "status". */
export function stem(word: string): string {
  if (word.length <= 3 || word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

/** Lowercase words of any identifier or sentence: splits snake_case, kebab-case, camelCase and punctuation. */
export function plainWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== "");
}

/** `plainWords`, stemmed. */
export function words(text: string): string[] {
  return plainWords(text).map(stem);
}

/** `words` without filler words ("the", "to", …), for phrase matching. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !STOPWORDS.has(w));
}

/**
 * Whether `tokens` contains the pattern: each element is a set of alternatives, and consecutive
 * elements may be separated by at most `maxGap` other tokens. Returns the matched span or null.
 */
export function findPattern(tokens: readonly string[], pattern: readonly (readonly string[])[], maxGap: number): [number, number] | null {
  const first = pattern[0];
  if (!first) return null;
  for (let start = 0; start < tokens.length; start++) {
    if (!first.includes(tokens[start] ?? "")) continue;
    let at = start;
    let ok = true;
    for (let p = 1; p < pattern.length && ok; p++) {
      const alts = pattern[p] ?? [];
      ok = false;
      for (let j = at + 1; j <= Math.min(tokens.length - 1, at + 1 + maxGap); j++) {
        if (alts.includes(tokens[j] ?? "")) {
          at = j;
          ok = true;
          break;
        }
      }
    }
    if (ok) return [start, at];
  }
  return null;
}

/** Whether every word of `needle` occurs in `haystack` (any order). */
export function containsAll(haystack: readonly string[], needle: readonly string[]): boolean {
  const set = new Set(haystack);
  return needle.length > 0 && needle.every((w) => set.has(w));
}
