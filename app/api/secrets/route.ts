import { z } from "zod";
import { bffRoute } from "@/lib/api";
import { createSecret, listSecrets } from "@/lib/pegasus/secrets";
import { createSecretSchema, secretMetaSchema } from "@/lib/schemas/secrets";
import { groupQuerySchema } from "@/lib/secrets/schemas";

// GET /api/secrets — secret metadata of the tenant (?group= narrows), never a value
export const GET = bffRoute({ query: groupQuerySchema, output: z.array(secretMetaSchema) }, ({ pegasus, query }) =>
  listSecrets(pegasus, { group: query.group }),
);

// POST /api/secrets — write-once create (409 CONFLICT when key+group exists); answers metadata only
export const POST = bffRoute({ body: createSecretSchema, output: secretMetaSchema, status: 201, audit: { action: "secret.create", target: ({ body }) => `secret:${body.group}/${body.key}` } }, ({ pegasus, body }) => createSecret(pegasus, body));
