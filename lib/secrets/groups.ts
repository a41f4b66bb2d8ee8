/** Group order on the page: `global` first, then alphabetical. */
export function compareGroups(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "global") return -1;
  if (b === "global") return 1;
  return a.localeCompare(b, "en");
}

/** Entries bucketed by group (`global` first), each bucket sorted by key. */
export function groupEntries<T extends { group: string; key: string }>(entries: readonly T[]): Array<{ group: string; entries: T[] }> {
  const byGroup = new Map<string, T[]>();
  for (const entry of entries) {
    const bucket = byGroup.get(entry.group);
    if (bucket) bucket.push(entry);
    else byGroup.set(entry.group, [entry]);
  }
  return [...byGroup.entries()]
    .sort(([a], [b]) => compareGroups(a, b))
    .map(([group, list]) => ({ group, entries: [...list].sort((x, y) => x.key.localeCompare(y.key, "en")) }));
}
