import "server-only";
import { envelopeSchema } from "@/lib/schemas/common";
import { mePermissionsSchema, type MePermissions } from "@/lib/schemas/permissions";
import type { PegasusClient } from "./transport";

/** GET /me/permissions — roles, permission strings and capabilities of the signed-in user (ID token only). */
export async function getMyPermissions(client: PegasusClient): Promise<MePermissions> {
  const body = await client.request({ path: "/me/permissions", schema: envelopeSchema(mePermissionsSchema) });
  return body.data;
}
