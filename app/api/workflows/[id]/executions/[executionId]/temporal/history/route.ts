import { bffRoute } from "@/lib/api";
import { temporalHistoryPageSchema, temporalHistoryQuerySchema } from "@/lib/schemas/temporal";
import { getTemporalReader } from "@/lib/temporal/client";
import { decodeEvents } from "@/lib/temporal/decode";
import { authorizeRun, decodePageToken, describeRun, encodePageToken, readRawHistory, runKeyOf } from "@/lib/temporal/reads";
import { historyLengthOf } from "@/lib/temporal/run-state";
import { executionParamsSchema } from "@/lib/schemas/params";

// GET /api/workflows/:id/executions/:executionId/temporal/history — the full Temporal history, page
// by page (decoded events; payloads over 64 KB load with the event on its own). The run's ids come
// from the execution row read as the user; `available: false` says why there is no Temporal read.
// `follow=1` (open runs): the last page's token reads on after the run's last event, so a poll
// fetches only what is new. The first page also carries the history length, for "x of ~y".
export const GET = bffRoute(
  { params: executionParamsSchema, query: temporalHistoryQuerySchema, output: temporalHistoryPageSchema },
  async ({ pegasus, session, params, query }) => {
    const { run, showValues } = await authorizeRun(pegasus, session, params.id, params.executionId);
    if (!run) return { available: false as const, reason: "This run has not started on Temporal yet." };
    const runKey = runKeyOf(run);
    const token = query.pageToken ? decodePageToken(runKey, query.pageToken) : null;
    const reader = await getTemporalReader();
    if ("reason" in reader) return { available: false as const, reason: reader.reason };
    const [page, total] = await Promise.all([
      readRawHistory(reader, run, token, query.pageSize, { follow: query.follow === "1" }),
      token ? Promise.resolve(null) : describeRun(reader, run).then(historyLengthOf, () => null),
    ]);
    return {
      available: true as const,
      events: decodeEvents(page.events, { showValues }),
      nextPageToken: page.nextPageToken ? encodePageToken(runKey, page.nextPageToken) : null,
      valuesHidden: !showValues,
      tail: page.tail,
      ...(token ? {} : { total }),
    };
  },
);
