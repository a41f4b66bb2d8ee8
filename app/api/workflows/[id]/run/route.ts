import { bffRoute, BffRequestError } from "@/lib/api";
import { checkRunInputSize, PAYLOAD_MAX_BYTES } from "@/lib/executions/payload-limits";
import { runWorkflow } from "@/lib/pegasus/executions";
import { executionSchema, runWorkflowSchema } from "@/lib/schemas/execution";
import { workflowParamsSchema } from "@/lib/schemas/params";

// POST /api/workflows/:id/run — start a live or dry run ({input, mode}); 201 with the new execution.
// An input over Temporal's 2 MB payload limit is a 413 here, before any upstream call (the run
// form refuses it too; this holds for every other client).
export const POST = bffRoute({ params: workflowParamsSchema, body: runWorkflowSchema, output: executionSchema, status: 201, audit: { action: "workflow.run", actionFor: ({ body }) => (body.mode === "dry_run" ? "workflow.dry-run" : "workflow.run"), target: ({ params }) => `workflow:${params.id}` } }, ({ pegasus, params, body }) => {
  const size = checkRunInputSize(body.input);
  if (size.level === "refuse") {
    throw new BffRequestError(413, "PAYLOAD_TOO_LARGE", `The workflow input is ${size.bytes} bytes; the limit is 2 MB (${PAYLOAD_MAX_BYTES} bytes, Temporal's per-payload limit). Pass a reference (an id or a URL) instead of the data.`);
  }
  return runWorkflow(pegasus, params.id, body);
});
