import { BffRequestError, bffRoute } from "@/lib/api";
import { temporalEventParamsSchema } from "@/lib/schemas/params";
import { temporalEventSchema } from "@/lib/schemas/temporal";
import { decodeEvent } from "@/lib/temporal/decode";
import { authorizeRun, readRawEvent, requireReader } from "@/lib/temporal/reads";

// GET /api/workflows/:id/executions/:executionId/temporal/events/:eventId — one event with every
// payload inline (the on-demand load of payloads over 64 KB). Values stay hidden without workflow:run.
export const GET = bffRoute({ params: temporalEventParamsSchema, output: temporalEventSchema }, async ({ pegasus, session, params }) => {
  const { run, showValues } = await authorizeRun(pegasus, session, params.id, params.executionId);
  if (!run) throw new BffRequestError(404, "NOT_FOUND", "This run has not started on Temporal yet");
  const reader = await requireReader();
  const raw = await readRawEvent(reader, run, Number(params.eventId));
  return { event: decodeEvent(raw, { showValues, inlineLimit: Infinity }), valuesHidden: !showValues };
});
