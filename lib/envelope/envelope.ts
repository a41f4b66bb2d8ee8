// The verified envelope (pegasus-api.md §6) is assembled on the client from three stored sources:
// the workflow's trigger rows, `manifest.requiredActions`, and the requirements summary entry with
// the same workflowId (which resolves `present` for each declared secret/config key).
import type { Trigger } from "@/lib/schemas/trigger";
import type { RequirementsSummary, Workflow } from "@/lib/schemas/workflow";
import { describeTrigger, NO_TRIGGERS_TEXT, type TriggerWording } from "@/lib/triggers";
import { ACTION_GROUP_ORDER, actionInfo, groupActions, type ActionGroup, type ActionInfo } from "./actions";

/** Used when a manifest declares no timeout (contract §12). */
export const DEFAULT_TIMEOUT_SECONDS = 900;
/** The envelope card's wording when no actions are declared (contract §6). */
export const NO_ACTIONS_TEXT = "This automation declared no platform actions — it cannot read or write tenant data.";

export interface EnvelopeKey {
  kind: "SECRET" | "CONFIG";
  key: string;
  group: string;
  description: string | null;
  /** Whether the tenant has set it; null when the requirements summary did not cover this workflow. */
  present: boolean | null;
}

export interface EnvelopeTrigger {
  id: string;
  kind: Trigger["kind"];
  enabled: boolean;
  cronExpression: string | null;
  eventType: string | null;
  filter: unknown;
  wording: TriggerWording;
}

export interface Envelope {
  workflowId: string;
  name: string;
  version: string;
  triggers: { items: EnvelopeTrigger[]; emptyText: string | null };
  actions: {
    ids: string[];
    groups: { group: ActionGroup; label: string; actions: ActionInfo[] }[];
    billable: ActionInfo[];
    unknown: string[];
    emptyText: string | null;
  };
  secrets: EnvelopeKey[];
  configs: EnvelopeKey[];
  /** Keys known to be missing (present === false). */
  missingCount: number;
  /** Whether presence came from the requirements summary. */
  presenceKnown: boolean;
  timeout: { seconds: number; declared: boolean };
}

/** "sirva/SEND_API_KEY" style identity of a key; the group defaults to `global`. */
export function keyIdentity(k: { key: string; group?: string | null }): string {
  return `${k.group || "global"}/${k.key}`;
}

/** Build the verified envelope of one workflow from its triggers and the requirements summary (contract §6). */
export function assembleEnvelope(
  workflow: Pick<Workflow, "id" | "name" | "version" | "manifest">,
  triggers: readonly Trigger[],
  requirementsSummary: RequirementsSummary | null,
  options: { now?: Date; previewCount?: number } = {},
): Envelope {
  const manifest = workflow.manifest;
  const own = triggers.filter((t) => t.workflowId === workflow.id);
  const items = own.map((t) => ({
    id: t.id,
    kind: t.kind,
    enabled: t.enabled,
    cronExpression: t.cronExpression,
    eventType: t.eventType,
    filter: t.filter,
    wording: describeTrigger(t, { now: options.now, previewCount: options.previewCount }),
  }));

  const ids = [...new Set(manifest.requiredActions)];
  const infos = ids.map(actionInfo);

  const entry = requirementsSummary?.workflows.find((w) => w.workflowId === workflow.id) ?? null;
  const resolved = new Map(entry?.requirements.map((r) => [`${r.kind}:${keyIdentity(r)}`, r]) ?? []);
  const keysOf = (kind: "SECRET" | "CONFIG", declared: Workflow["manifest"]["requiredSecrets"]): EnvelopeKey[] => {
    const seen = new Set<string>();
    const out: EnvelopeKey[] = [];
    for (const d of declared) {
      const id = keyIdentity(d);
      if (seen.has(id)) continue;
      seen.add(id);
      const r = resolved.get(`${kind}:${id}`);
      out.push({
        kind,
        key: d.key,
        group: d.group || "global",
        description: d.description ?? r?.description ?? null,
        present: r ? r.present : null,
      });
    }
    // The summary is the platform's view; keep anything it lists that the manifest copy lacks.
    for (const r of entry?.requirements ?? []) {
      if (r.kind === kind && !seen.has(keyIdentity(r))) {
        seen.add(keyIdentity(r));
        out.push({ kind, key: r.key, group: r.group || "global", description: r.description, present: r.present });
      }
    }
    return out.sort((a, b) => keyIdentity(a).localeCompare(keyIdentity(b)));
  };
  const secrets = keysOf("SECRET", manifest.requiredSecrets);
  const configs = keysOf("CONFIG", manifest.requiredConfigs);

  return {
    workflowId: workflow.id,
    name: workflow.name,
    version: workflow.version,
    triggers: { items, emptyText: items.length === 0 ? NO_TRIGGERS_TEXT : null },
    actions: {
      ids,
      groups: groupActions(ids),
      billable: infos.filter((a) => a.billable),
      unknown: infos.filter((a) => !a.known).map((a) => a.id),
      emptyText: ids.length === 0 ? NO_ACTIONS_TEXT : null,
    },
    secrets,
    configs,
    missingCount: [...secrets, ...configs].filter((k) => k.present === false).length,
    presenceKnown: entry !== null,
    timeout: {
      seconds: manifest.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      declared: manifest.timeoutSeconds !== null && manifest.timeoutSeconds !== undefined,
    },
  };
}

export type EnvelopeArea = "actions" | "secrets" | "configs" | "triggers" | "timeout";

export interface EnvelopeChange {
  area: EnvelopeArea;
  change: "added" | "removed" | "changed";
  /** Action id, key identity, trigger summary, or "timeout". */
  subject: string;
  /** A sentence for the compare view. */
  message: string;
  /** True for a permission granted that is billed or contacts people/partners. */
  attention: boolean;
}

/** "5 min", "15 min", "90 s", "1 min 30 s". */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function triggerIdentity(t: EnvelopeTrigger): string {
  return t.kind === "SCHEDULE" ? `SCHEDULE ${t.cronExpression ?? ""}` : `EVENT ${t.eventType ?? ""} ${stableJson(t.filter ?? null)}`;
}

/**
 * What changes from envelope `a` (older) to `b` (newer): permissions first (granted, then
 * withdrawn), then secret and config keys, triggers and the timeout. Triggers are compared by
 * what they do (cron, or event type plus filter), not by row id, since each version has its own rows.
 */
export function diffEnvelopes(a: Envelope, b: Envelope): EnvelopeChange[] {
  const changes: EnvelopeChange[] = [];
  const before = new Set(a.actions.ids);
  const after = new Set(b.actions.ids);
  const added = [...after].filter((id) => !before.has(id)).map(actionInfo);
  const removed = [...before].filter((id) => !after.has(id)).map(actionInfo);
  // Billed and outward-facing grants first: they matter most to a reviewer.
  const weight = (x: ActionInfo): number => (x.billable ? 0 : 1) + ACTION_GROUP_ORDER.indexOf(x.group) * 2;
  added.sort((x, y) => weight(x) - weight(y) || x.id.localeCompare(y.id));
  removed.sort((x, y) => x.id.localeCompare(y.id));
  for (const x of added) {
    changes.push({
      area: "actions",
      change: "added",
      subject: x.id,
      message: `Newly allowed: ${x.explanation} (${x.id})${x.billable ? " — billed" : ""}`,
      attention: x.billable || x.group === "send-messages" || x.group === "call-partners" || x.group === "change-data",
    });
  }
  for (const x of removed) {
    changes.push({
      area: "actions",
      change: "removed",
      subject: x.id,
      message: `No longer allowed: ${x.explanation} (${x.id})`,
      attention: false,
    });
  }

  const keyDiff = (area: "secrets" | "configs", label: string, xs: EnvelopeKey[], ys: EnvelopeKey[]): void => {
    const xIds = new Set(xs.map(keyIdentity));
    const yIds = new Set(ys.map(keyIdentity));
    for (const y of ys) {
      if (xIds.has(keyIdentity(y))) continue;
      const missing = y.present === false ? " — not set yet" : "";
      changes.push({
        area,
        change: "added",
        subject: keyIdentity(y),
        message: `Now uses ${label} ${keyIdentity(y)}${missing}`,
        attention: y.present === false,
      });
    }
    for (const x of xs) {
      if (!yIds.has(keyIdentity(x)))
        changes.push({
          area,
          change: "removed",
          subject: keyIdentity(x),
          message: `No longer uses ${label} ${keyIdentity(x)}`,
          attention: false,
        });
    }
  };
  keyDiff("secrets", "secret", a.secrets, b.secrets);
  keyDiff("configs", "config", a.configs, b.configs);

  const tA = new Map(a.triggers.items.map((t) => [triggerIdentity(t), t]));
  const tB = new Map(b.triggers.items.map((t) => [triggerIdentity(t), t]));
  for (const [id, t] of tB) {
    const old = tA.get(id);
    if (!old)
      changes.push({
        area: "triggers",
        change: "added",
        subject: id,
        message: `New trigger: ${t.wording.headline}${t.wording.conditions ? `, where ${t.wording.conditions}` : ""}`,
        attention: t.enabled,
      });
    else if (old.enabled !== t.enabled) {
      changes.push({
        area: "triggers",
        change: "changed",
        subject: id,
        message: `Trigger ${t.enabled ? "enabled" : "disabled"}: ${t.wording.headline}`,
        attention: t.enabled,
      });
    }
  }
  for (const [id, t] of tA) {
    if (!tB.has(id))
      changes.push({
        area: "triggers",
        change: "removed",
        subject: id,
        message: `Trigger removed: ${t.wording.headline}`,
        attention: false,
      });
  }

  if (a.timeout.seconds !== b.timeout.seconds) {
    const raised = b.timeout.seconds > a.timeout.seconds;
    changes.push({
      area: "timeout",
      change: "changed",
      subject: "timeout",
      message: `Time limit ${raised ? "raised" : "lowered"} from ${formatSeconds(a.timeout.seconds)} to ${formatSeconds(b.timeout.seconds)}`,
      attention: false,
    });
  }
  return changes;
}
