import { bffRoute } from "@/lib/api";
import { temporalStateSchema } from "@/lib/schemas/temporal";
import { getTemporalReader } from "@/lib/temporal/client";
import { authorizeRun, describeRun } from "@/lib/temporal/reads";
import { toRunState } from "@/lib/temporal/run-state";
import { executionParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id/executions/:executionId/temporal/state — live state from Temporal's
// describe call: pending steps (attempt n of max, heartbeat, next retry), pending workflow task,
// cancel requested, timeout. Read-only; the run's ids come from the execution row only.
export const GET = bffRoute({ params: executionParamsSchema, output: temporalStateSchema }, async ({ pegasus, session, params }) => {
  const { run, showValues } = await authorizeRun(pegasus, session, params.id, params.executionId);
  if (!run) return { available: false as const, reason: "This run has not started on Temporal yet." };
  const reader = await getTemporalReader();
  if ("reason" in reader) return { available: false as const, reason: reader.reason };
  return { available: true as const, state: toRunState(await describeRun(reader, run), { showValues }), valuesHidden: !showValues };
});
