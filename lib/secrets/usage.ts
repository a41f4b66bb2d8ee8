import type { IntegrationRequirementsSummary } from "@/lib/schemas/floor";
import type { RequirementsSummary } from "@/lib/schemas/workflow";

/** SECRET or CONFIG, as the requirements summaries spell it. */
export type KeyKind = "SECRET" | "CONFIG";

/** Something that declares a variable: a workflow version or an integration. */
export interface Consumer {
  type: "workflow" | "integration";
  id: string;
  /** What a person reads: `name@version` for workflows (" (platform)" for GLOBAL rows), the display name (or id) for integrations. */
  label: string;
}

/** One declared variable with everything that declares it. */
export interface DeclaredKey {
  kind: KeyKind;
  key: string;
  group: string;
  /** First non-empty description any declarer gave. */
  description: string | null;
  /** True when the upstream resolved it against the tenant's store. */
  present: boolean;
  consumers: Consumer[];
}

/** The two summaries as the console loads them; null when the user may not read that one (fail open). */
export interface RequirementsOverview {
  workflows: RequirementsSummary | null;
  integrations: IntegrationRequirementsSummary | null;
}

/** A declared group; a missing group means `global` (contract §4, `resolveAgainst`). */
export function normalizeGroup(group: string | null | undefined): string {
  return group && group.length > 0 ? group : "global";
}

/** The identity of a variable in the tenant's store: `(kind, group, key)`. */
export function keyId(kind: KeyKind, group: string | null | undefined, key: string): string {
  return `${kind}\u0000${normalizeGroup(group)}\u0000${key}`;
}

/** Every declared variable, keyed by `keyId`, each with the workflows and integrations that declare it. */
export function indexDeclaredKeys(overview: RequirementsOverview): Map<string, DeclaredKey> {
  const index = new Map<string, DeclaredKey>();
  const add = (consumer: Consumer, req: { kind: KeyKind; key: string; group: string; description: string | null; present: boolean }) => {
    const id = keyId(req.kind, req.group, req.key);
    let entry = index.get(id);
    if (!entry) {
      entry = { kind: req.kind, key: req.key, group: normalizeGroup(req.group), description: null, present: req.present, consumers: [] };
      index.set(id, entry);
    }
    // Presence is the same (group, key) lookup for every declarer; any "present" wins.
    entry.present = entry.present || req.present;
    if (!entry.description && req.description) entry.description = req.description;
    if (!entry.consumers.some((c) => c.type === consumer.type && c.id === consumer.id)) entry.consumers.push(consumer);
  };
  for (const wf of overview.workflows?.workflows ?? []) {
    // A platform workflow and the tenant's fork can share name@version; say which is which.
    const suffix = wf.visibility === "GLOBAL" ? " (platform)" : "";
    const consumer: Consumer = { type: "workflow", id: wf.workflowId, label: `${wf.name}@${wf.version}${suffix}` };
    for (const req of wf.requirements) add(consumer, req);
  }
  for (const integration of overview.integrations?.integrations ?? []) {
    const consumer: Consumer = {
      type: "integration",
      id: integration.integrationId,
      label: integration.displayName ?? integration.integrationId,
    };
    for (const req of integration.requirements) add(consumer, req);
  }
  for (const entry of index.values()) entry.consumers.sort(compareConsumers);
  return index;
}

function compareConsumers(a: Consumer, b: Consumer): number {
  if (a.type !== b.type) return a.type === "workflow" ? -1 : 1;
  return a.label.localeCompare(b.label, "en");
}

/** The workflows and integrations that declare `(kind, group, key)`; they fail at run time without it. */
export function consumersOf(index: Map<string, DeclaredKey>, kind: KeyKind, group: string, key: string): Consumer[] {
  return index.get(keyId(kind, group, key))?.consumers ?? [];
}
