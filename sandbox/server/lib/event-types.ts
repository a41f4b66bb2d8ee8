/** Built-in domain events a trigger (or a custom type's domainCondition) may use (§7). */
export const BUILTIN_EVENT_TYPES = [
  "quote.accepted",
  "move.status_changed",
  "invoice.paid",
  "customer.created",
  "pegasus_event.received",
] as const;

/** Integration (pegII) events a trigger may use. */
export const INTEGRATION_EVENT_TYPES = ["pegii.shipment.opened", "pegii.shipment.closed"] as const;

/** True for built-in domain event names. */
export function isBuiltinEventType(name: string): boolean {
  return (BUILTIN_EVENT_TYPES as readonly string[]).includes(name);
}

/** True for built-in or integration event names (names a custom type may not take). */
export function isReservedEventType(name: string): boolean {
  return isBuiltinEventType(name) || (INTEGRATION_EVENT_TYPES as readonly string[]).includes(name);
}
