import { bffRoute, BffRequestError } from "@/lib/api";
import { deleteConfig, listConfigs, upsertConfig } from "@/lib/pegasus/configs";
import { configEntrySchema } from "@/lib/schemas/secrets";
import { deletedKeySchema, groupQuerySchema, putConfigBodySchema, keyParamsSchema } from "@/lib/secrets/schemas";
import { getStore, withStoreLock } from "@/lib/store";

// PUT /api/configs/:key — upsert with the entry's own group (upstream 200 updated / 201 created; the BFF answers 200).
// With baseUpdatedAt (the console's editor always sends it): 409 VALUE_CONFLICT, nothing written, when the value
// changed or went away after the edit started. The upstream has no conditional write, so the check and the write
// hold one lock per entry shared by every console process (writers outside the console are not covered).
export const PUT = bffRoute(
  {
    params: keyParamsSchema,
    body: putConfigBodySchema,
    output: configEntrySchema,
    audit: { action: "config.set", target: ({ params, body }) => `config:${body.group}/${params.key}` },
  },
  async ({ pegasus, params, body, session }) => {
    const { baseUpdatedAt, ...upstreamBody } = body;
    if (baseUpdatedAt === undefined) return upsertConfig(pegasus, params.key, upstreamBody);
    return withStoreLock(await getStore(), `config-set:${session.user.tenantId}:${body.group}:${params.key}`, async () => {
      const current = (await listConfigs(pegasus, { group: body.group })).find((c) => c.key === params.key && c.group === body.group);
      if (!current)
        throw new BffRequestError(
          409,
          "VALUE_CONFLICT",
          `${params.key} (${body.group}) was deleted after you started editing it; nothing was saved`,
        );
      if (Date.parse(current.updatedAt) !== Date.parse(baseUpdatedAt)) {
        throw new BffRequestError(
          409,
          "VALUE_CONFLICT",
          `${params.key} (${body.group}) was changed by someone else after you started editing it (at ${current.updatedAt}); nothing was saved`,
        );
      }
      return upsertConfig(pegasus, params.key, upstreamBody);
    });
  },
);

// DELETE /api/configs/:key?group= — remove one entry (404 when absent); declaring workflows fail at run time
export const DELETE = bffRoute(
  {
    params: keyParamsSchema,
    query: groupQuerySchema,
    output: deletedKeySchema,
    audit: { action: "config.delete", target: ({ params, query }) => `config:${query.group ?? "global"}/${params.key}` },
  },
  async ({ pegasus, params, query }) => {
    const group = query.group ?? "global";
    await deleteConfig(pegasus, params.key, { group });
    return { key: params.key, group, deleted: true as const };
  },
);
