// Where an unpublished edit of an integration config waits between visits (session storage).
import type { IntegrationConfig } from "@/lib/schemas/integration";
import type { Draft } from "@/lib/integrations/draft";

/** One key per config version, so a draft is offered only on the version it was made from. */
export function storageKey(config: IntegrationConfig): string {
  return `pegasus.integration-draft.${config.integrationId}.${config.id}`;
}

/** Session storage sends no events in the same tab: nothing to subscribe to. */
export const noSubscribe = () => () => undefined;

/** A stored draft, or null when there is none or it is not one. */
export function parseStoredDraft(raw: string | null): Draft | null {
  try {
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Draft;
    return parsed && typeof parsed === "object" && Array.isArray(parsed.cases) ? parsed : null;
  } catch {
    return null;
  }
}
