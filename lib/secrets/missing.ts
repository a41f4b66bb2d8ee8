import { compareGroups } from "./groups";
import { variableId, type DeclaredVariable, type VariableKind } from "./usage";

/** An entry the tenant has set: enough to know its identity. */
export interface StoredVariable {
  kind: VariableKind;
  key: string;
  group: string;
}

/**
 * Declared variables the tenant has not set, key-centric: one row per `(kind, group, key)` however
 * many workflows and integrations declare it. `stored` (the lists the page already holds) overrides
 * a stale `present: false`, so an entry added a moment ago leaves the list before the summaries reload.
 */
export function listMissingVariables(index: Map<string, DeclaredVariable>, stored: readonly StoredVariable[] = []): DeclaredVariable[] {
  const have = new Set(stored.map((s) => variableId(s.kind, s.group, s.key)));
  return [...index.entries()]
    .filter(([id, v]) => !v.present && !have.has(id))
    .map(([, v]) => v)
    .sort((a, b) => compareGroups(a.group, b.group) || a.key.localeCompare(b.key, "en") || a.kind.localeCompare(b.kind));
}
