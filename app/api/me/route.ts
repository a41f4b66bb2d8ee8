import { bffRoute } from "@/lib/api";
import { getMyPermissions } from "@/lib/pegasus/permissions";
import { mePermissionsSchema } from "@/lib/schemas/permissions";

// GET /api/me — roles, permission strings and capabilities of the signed-in user (upstream GET /me/permissions)
export const GET = bffRoute({ output: mePermissionsSchema }, ({ pegasus }) => getMyPermissions(pegasus));
