import type { EventType, Trigger } from "@/lib/schemas/trigger";
import { canEverFire, describeSchedule, joinWords, nextFireTimesOf, parseCron } from "@/lib/cron";
import { describeFilter } from "./describe-filter";
import { eventTypeInfo } from "./event-types";
import { explainEventType } from "./jargon";

/** The envelope card's wording when a workflow has no triggers (contract §6). */
export const NO_TRIGGERS_TEXT = "No triggers — this automation only runs when started manually.";

export interface TriggerWording {
  id: string;
  kind: Trigger["kind"];
  enabled: boolean;
  /** "Schedule" or "Event". */
  badge: string;
  /** The main sentence: "every 5 minutes, UTC" or "When Quote accepted happens". */
  headline: string;
  /** Readable filter conditions for EVENT triggers, or null. */
  conditions: string | null;
  /** Upcoming fire times (SCHEDULE only, empty when disabled, invalid or never firing). */
  nextRuns: Date[];
  /** Plain words for integration jargon in the headline (e.g. what "pegII" is), or null. */
  explanation: string | null;
  /** A problem a reader should see: invalid cron, a schedule that never fires, an unusable event type. */
  warning: string | null;
  /** Everything in one line, e.g. "every 5 minutes, UTC — next runs at 2026-06-30 14:05, … (UTC)". */
  text: string;
}

/** A UTC instant as "YYYY-MM-DD HH:MM" (seconds are always zero for cron times). */
export function formatUtcMinute(date: Date): string {
  return date.toISOString().slice(0, 16).replace("T", " ");
}

/** Plain-language wording of one trigger; `now` fixes the "next runs" preview (none without it). */
export function describeTrigger(
  trigger: Pick<Trigger, "id" | "kind" | "enabled" | "eventType" | "filter" | "cronExpression">,
  options: { now?: Date; previewCount?: number; customTypes?: readonly EventType[] } = {},
): TriggerWording {
  const suffix = trigger.enabled ? "" : " — disabled";
  if (trigger.kind === "SCHEDULE") {
    const expr = trigger.cronExpression ?? "";
    const parsed = parseCron(expr);
    if (!parsed.ok) {
      const warning = `Invalid schedule "${expr}": ${parsed.errors.map((e) => e.message).join("; ")}`;
      return {
        id: trigger.id,
        kind: "SCHEDULE",
        enabled: trigger.enabled,
        badge: "Schedule",
        headline: expr,
        explanation: null,
        conditions: null,
        nextRuns: [],
        warning,
        text: `${warning}${suffix}`,
      };
    }
    const headline = describeSchedule(parsed.schedule);
    const nextRuns = trigger.enabled && options.now ? nextFireTimesOf(parsed.schedule, options.now, options.previewCount ?? 3) : [];
    let warning: string | null = null;
    let tail = "";
    if (!canEverFire(parsed.schedule)) {
      warning = "This schedule never fires: no date matches it.";
      tail = trigger.enabled ? " — never fires" : "";
    } else if (nextRuns.length > 0) {
      tail = ` — next runs at ${joinWords(nextRuns.map(formatUtcMinute))} (UTC)`;
    }
    return {
      id: trigger.id,
      kind: "SCHEDULE",
      enabled: trigger.enabled,
      badge: "Schedule",
      headline,
      explanation: null,
      conditions: null,
      nextRuns,
      warning,
      text: `${headline}${tail}${suffix}`,
    };
  }
  const info = eventTypeInfo(trigger.eventType ?? "", options.customTypes);
  const headline = trigger.eventType ? `When ${info.label} happens` : "When an unnamed event happens";
  const conditions = describeFilter(trigger.filter) || null;
  const warning = info.usable
    ? null
    : `The event type "${info.name}" is not a registered, enabled custom event type, so this trigger does not fire.`;
  return {
    id: trigger.id,
    kind: "EVENT",
    enabled: trigger.enabled,
    badge: "Event",
    headline,
    explanation: trigger.eventType ? explainEventType(trigger.eventType) : null,
    conditions,
    nextRuns: [],
    warning,
    text: `${headline}${conditions ? `, where ${conditions}` : ""}${suffix}`,
  };
}
