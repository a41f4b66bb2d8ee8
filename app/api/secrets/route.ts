import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { learnUserId } from "@/lib/people/learn";
import { createSecret, listSecrets } from "@/lib/pegasus/secrets";
import { createSecretSchema, secretMetaSchema } from "@/lib/schemas/secrets";
import { groupQuerySchema } from "@/lib/secrets/schemas";

// GET /api/secrets — secret metadata of the tenant (?group= narrows), never a value
export const GET = bffRoute({ query: groupQuerySchema, output: z.array(secretMetaSchema) }, ({ pegasus, query }) =>
  listSecrets(pegasus, { group: query.group }),
);

// POST /api/secrets — write-once create (409 CONFLICT when key+group exists); answers metadata only
export const POST = bffRoute(
  {
    body: createSecretSchema,
    output: secretMetaSchema,
    status: 201,
    audit: { action: "secret.create", target: ({ body }) => `secret:${body.group}/${body.key}` },
  },
  async ({ pegasus, body, session, actor }) => {
    const created = await createSecret(pegasus, body);
    await learnUserId(session.user.tenantId, actor.sub, created.createdByUserId);
    return created;
  },
);
