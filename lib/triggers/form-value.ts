/** What the trigger form hands over: a schedule's cron, or an event type with an optional filter. */
export type TriggerFormValue =
  { kind: "SCHEDULE"; cronExpression: string } | { kind: "EVENT"; eventType: string; filter: Record<string, unknown> | null };
