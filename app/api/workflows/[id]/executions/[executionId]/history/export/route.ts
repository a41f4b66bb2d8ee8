import { createHash } from "node:crypto";
import { BffRequestError, errorResponse, resolveCaller } from "@/lib/api";
import { validationError } from "@/lib/api/errors";
import { authorizeRun, readFullHistoryJson, requireReader } from "@/lib/temporal/reads";
import { executionParamsSchema } from "@/lib/schemas/params";

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

/**
 * GET /api/workflows/:id/executions/:executionId/history/export — Temporal's own JSON history
 * (`{"events":[…]}`, as `temporal workflow show -o json` writes it and the Temporal UI imports it),
 * replayable with the SDKs' replayers, with `x-content-sha256` = SHA-256 of the body. It carries
 * every payload, so it needs `workflow:run` (readers without it see values hidden on the page).
 * Not a bffRoute: the body is the file itself, not a `{data}` envelope.
 */
export async function GET(_request: Request, context: NextRouteContext): Promise<Response> {
  const requestId = crypto.randomUUID();
  try {
    const caller = await resolveCaller();
    if (!caller) throw new BffRequestError(401, "UNAUTHENTICATED", "Sign in to continue");
    const parsed = executionParamsSchema.safeParse(await context.params);
    if (!parsed.success) throw validationError("params", parsed.error);
    const { run, execution } = await authorizeRun(caller.pegasus, caller.session, parsed.data.id, parsed.data.executionId, {
      requireValues: true,
    });
    if (!run) throw new BffRequestError(404, "NOT_FOUND", "This run has not started on Temporal yet: there is no history to export");
    const reader = await requireReader();
    const body = await readFullHistoryJson(reader, run);
    const sha256 = createHash("sha256").update(body, "utf8").digest("hex");
    const name = `${(execution.workflowName ?? "execution").replace(/[^A-Za-z0-9._-]/g, "_")}-${execution.id}.history.json`;
    return new Response(body, {
      status: 200,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "x-content-sha256": sha256,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, requestId);
  }
}
