import { bffRoute } from "@/lib/api";
import { deleteSecret } from "@/lib/pegasus/secrets";
import { deletedKeySchema, groupQuerySchema, keyParamsSchema } from "@/lib/secrets/schemas";

// DELETE /api/secrets/:key?group= — remove one secret (404 when absent); workflows reading it fail at run time
export const DELETE = bffRoute(
  {
    params: keyParamsSchema,
    query: groupQuerySchema,
    output: deletedKeySchema,
    audit: { action: "secret.delete", target: ({ params, query }) => `secret:${query.group ?? "global"}/${params.key}` },
  },
  async ({ pegasus, params, query }) => {
    const group = query.group ?? "global";
    await deleteSecret(pegasus, params.key, { group });
    return { key: params.key, group, deleted: true as const };
  },
);
