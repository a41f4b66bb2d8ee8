import { bffRoute, BffRequestError, bffStatusFor } from "@/lib/api";
import { isPegasusError } from "@/lib/pegasus/errors";
import { createSecret, deleteSecret } from "@/lib/pegasus/secrets";
import { secretMetaSchema } from "@/lib/schemas/secrets";
import { rotateSecretSchema, keyParamsSchema } from "@/lib/secrets/schemas";

// POST /api/secrets/:key/rotate — secrets are write-once: DELETE then POST upstream as one step; answers metadata only
export const POST = bffRoute(
  {
    params: keyParamsSchema,
    body: rotateSecretSchema,
    output: secretMetaSchema,
    status: 201,
    audit: { action: "secret.rotate", target: ({ params, body }) => `secret:${body.group}/${params.key}` },
  },
  async ({ pegasus, params, body }) => {
    try {
      await deleteSecret(pegasus, params.key, { group: body.group });
    } catch (error) {
      // Already gone (someone else deleted it): rotating then simply sets the new value.
      if (!(isPegasusError(error) && error.status === 404)) throw error;
    }
    try {
      return await createSecret(pegasus, { key: params.key, ...body });
    } catch (error) {
      if (!isPegasusError(error)) throw error;
      // The old value is gone; say so plainly so the user re-creates it instead of assuming nothing changed.
      throw new BffRequestError(
        bffStatusFor(error.status),
        "ROTATION_INCOMPLETE",
        `The old value of ${params.key} was deleted but the new one was not stored (${error.message}). Create the secret again.`,
      );
    }
  },
);
