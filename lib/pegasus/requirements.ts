import "server-only";
import { isPegasusError } from "./errors";
import { getIntegrationRequirementsSummary } from "./integrations";
import type { PegasusClient } from "./transport";
import { getWorkflowRequirementsSummary } from "./workflows";
import type { RequirementsOverview } from "@/lib/secrets/usage";

export type { RequirementsOverview };

async function orNullWhenForbidden<T>(call: Promise<T>): Promise<T | null> {
  try {
    return await call;
  } catch (error) {
    // 403 means "no ReadWorkflow / ReadIntegrationConfig": the page still works without that side.
    if (isPegasusError(error) && error.status === 403) return null;
    throw error;
  }
}

/** GET /workflows/requirements-summary + GET /integrations/requirements-summary, in parallel, failing open on 403. */
export async function getRequirementsOverview(client: PegasusClient): Promise<RequirementsOverview> {
  const [workflows, integrations] = await Promise.all([
    orNullWhenForbidden(getWorkflowRequirementsSummary(client)),
    orNullWhenForbidden(getIntegrationRequirementsSummary(client)),
  ]);
  return { workflows, integrations };
}
