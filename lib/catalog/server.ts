import "server-only";
import { PegasusError } from "@/lib/pegasus/errors";
import type { PegasusClient } from "@/lib/pegasus/transport";
import { getWorkflow, listWorkflows } from "@/lib/pegasus/workflows";
import type { Workflow } from "@/lib/schemas/workflow";

/**
 * One workflow version as the review pages read it, retired ones included. The API answers 404 for
 * a retired id (`GET /workflows/:id`, pegasus-api.md §3.2) but still lists the row, manifest and
 * all, with `includeRetired=true`; its runs and triggers stay readable. So on a 404 the retired row
 * is looked up in that list (the caller's own view: own rows plus GLOBAL). Anything else, and a
 * 404 for an id the list does not hold as RETIRED, is passed on unchanged.
 */
export async function readWorkflowVersion(client: PegasusClient, workflowId: string): Promise<Workflow> {
  try {
    return await getWorkflow(client, workflowId);
  } catch (error) {
    if (!(error instanceof PegasusError) || error.status !== 404) throw error;
    const all = await listWorkflows(client, { includeRetired: true });
    const retired = all.find((w) => w.id === workflowId && w.status === "RETIRED");
    if (!retired) throw error;
    return retired;
  }
}
