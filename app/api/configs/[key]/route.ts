import { bffRoute } from "@/lib/api";
import { deleteConfig, upsertConfig } from "@/lib/pegasus/configs";
import { configEntrySchema, putConfigSchema } from "@/lib/schemas/secrets";
import { deletedVariableSchema, groupQuerySchema, variableKeyParamsSchema } from "@/lib/secrets/schemas";

// PUT /api/configs/:key — upsert with the entry's own group (upstream 200 updated / 201 created; the BFF answers 200)
export const PUT = bffRoute({ params: variableKeyParamsSchema, body: putConfigSchema, output: configEntrySchema, audit: { action: "config.set", target: ({ params, body }) => `config:${body.group}/${params.key}` } }, ({ pegasus, params, body }) =>
  upsertConfig(pegasus, params.key, body),
);

// DELETE /api/configs/:key?group= — remove one entry (404 when absent); declaring workflows fail at run time
export const DELETE = bffRoute({ params: variableKeyParamsSchema, query: groupQuerySchema, output: deletedVariableSchema, audit: { action: "config.delete", target: ({ params, query }) => `config:${query.group ?? "global"}/${params.key}` } }, async ({ pegasus, params, query }) => {
  const group = query.group ?? "global";
  await deleteConfig(pegasus, params.key, { group });
  return { key: params.key, group, deleted: true as const };
});
