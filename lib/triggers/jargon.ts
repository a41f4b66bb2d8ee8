// Plain words for the integration names that appear in trigger wording, for business readers who
// never met them. Only terms the platform really uses (the sandbox's integration event types).

/** Integration terms and what they are, in one sentence a business user can read. */
export const INTEGRATION_TERMS: Readonly<Record<string, string>> = {
  pegII: "pegII is MoveManager, the older Pegasus system where your orders (shipments) and their tasks are kept.",
};

/** What an integration event means, in plain words, by event type name. */
const EVENT_MEANINGS: Readonly<Record<string, string>> = {
  "pegii.shipment.opened": "This starts the automation when a shipment (an order) is opened in MoveManager.",
  "pegii.shipment.closed": "This starts the automation when a shipment (an order) is closed in MoveManager.",
};

/**
 * A sentence explaining the integration jargon in an event type's label, e.g. for
 * "Shipment opened (pegII)"; null for event types that carry none.
 */
export function explainEventType(name: string): string | null {
  const meaning = EVENT_MEANINGS[name];
  if (!meaning) return null;
  const term = name.startsWith("pegii.") ? INTEGRATION_TERMS.pegII : undefined;
  return term ? `${term} ${meaning}` : meaning;
}
