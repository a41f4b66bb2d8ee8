import { BUILT_IN_EVENT_TYPES, INTEGRATION_EVENT_TYPES, type EventType } from "@/lib/schemas/trigger";

export type EventTypeGroup = "built-in" | "integration" | "custom";

/** One event type as the trigger picker and trigger wording show it. */
export interface EventTypeInfo {
  name: string;
  label: string;
  group: EventTypeGroup;
  description: string | null;
  /** Whether a new trigger may subscribe to it (custom types must be registered and enabled). */
  usable: boolean;
}

/** Picker group headings, as tenant-web names them (contract §13.1). */
export const EVENT_TYPE_GROUP_LABELS: Record<EventTypeGroup, string> = {
  "built-in": "Built-in",
  integration: "Integration (pegII)",
  custom: "Custom",
};

const KNOWN: Record<string, { label: string; description: string }> = {
  "quote.accepted": { label: "Quote accepted", description: "A customer accepts a quote" },
  "move.status_changed": { label: "Move status changed", description: "A move changes status" },
  "invoice.paid": { label: "Invoice paid", description: "An invoice is paid" },
  "customer.created": { label: "Customer created", description: "A new customer record is created" },
  "pegasus_event.received": { label: "Pegasus event received", description: "A Pegasus event is received" },
  "pegii.shipment.opened": {
    label: "Shipment opened (pegII)",
    description: "A shipment (an order) is opened in MoveManager, the older Pegasus system (pegII)",
  },
  "pegii.shipment.closed": {
    label: "Shipment closed (pegII)",
    description: "A shipment (an order) is closed in MoveManager, the older Pegasus system (pegII)",
  },
};

const BUILT_IN: ReadonlySet<string> = new Set(BUILT_IN_EVENT_TYPES);
const INTEGRATION: ReadonlySet<string> = new Set(INTEGRATION_EVENT_TYPES);

/** Label, group and usability of an event type name, given the tenant's custom types. */
export function eventTypeInfo(name: string, customTypes: readonly EventType[] = []): EventTypeInfo {
  const known = KNOWN[name];
  if (BUILT_IN.has(name) || INTEGRATION.has(name)) {
    return {
      name,
      label: known?.label ?? name,
      group: BUILT_IN.has(name) ? "built-in" : "integration",
      description: known?.description ?? null,
      usable: true,
    };
  }
  const custom = customTypes.find((t) => t.name === name);
  return {
    name,
    label: name,
    group: "custom",
    description: custom ? custom.description : "Not a registered custom event type",
    usable: custom?.enabled === true,
  };
}

/** The trigger picker's groups in order: built-in, integration, then the tenant's enabled custom types by name. */
export function eventTypeCatalog(
  customTypes: readonly EventType[] = [],
): { group: EventTypeGroup; label: string; items: EventTypeInfo[] }[] {
  const custom = customTypes
    .filter((t) => t.enabled && !BUILT_IN.has(t.name) && !INTEGRATION.has(t.name))
    .map((t) => t.name)
    .sort((a, b) => a.localeCompare(b));
  return [
    { group: "built-in", label: EVENT_TYPE_GROUP_LABELS["built-in"], items: BUILT_IN_EVENT_TYPES.map((n) => eventTypeInfo(n)) },
    { group: "integration", label: EVENT_TYPE_GROUP_LABELS.integration, items: INTEGRATION_EVENT_TYPES.map((n) => eventTypeInfo(n)) },
    { group: "custom", label: EVENT_TYPE_GROUP_LABELS.custom, items: custom.map((n) => eventTypeInfo(n, customTypes)) },
  ];
}
