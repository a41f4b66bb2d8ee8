import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { learnUserId } from "@/lib/people/learn";
import { createConfig, listConfigs } from "@/lib/pegasus/configs";
import { configEntrySchema, createConfigSchema } from "@/lib/schemas/secrets";
import { groupQuerySchema } from "@/lib/secrets/schemas";

// GET /api/configs — config entries of the tenant with values (?group= narrows)
export const GET = bffRoute({ query: groupQuerySchema, output: z.array(configEntrySchema) }, ({ pegasus, query }) =>
  listConfigs(pegasus, { group: query.group }),
);

// POST /api/configs — create one entry (409 CONFLICT when key+group exists)
export const POST = bffRoute(
  {
    body: createConfigSchema,
    output: configEntrySchema,
    status: 201,
    audit: { action: "config.create", target: ({ body }) => `config:${body.group}/${body.key}` },
  },
  async ({ pegasus, body, session, actor }) => {
    const created = await createConfig(pegasus, body);
    await learnUserId(session.user.tenantId, actor.sub, created.createdByUserId);
    return created;
  },
);
