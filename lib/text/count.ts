/**
 * "1 workflow", "3 workflows", "0 keys": a count with its noun in the right number. `pluralForm`
 * is for nouns whose plural is not noun + "s" ("1 entry", "2 entries"). Thousands are separated.
 */
export function countOf(n: number, noun: string, pluralForm?: string): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? noun : (pluralForm ?? `${noun}s`)}`;
}
