import { bffRoute } from "@/lib/api";
import { getRequirementsOverview } from "@/lib/pegasus/requirements";
import { requirementsOverviewSchema } from "@/lib/secrets/schemas";

// GET /api/requirements — workflow + integration requirements summaries; a side the user may not read is null
export const GET = bffRoute({ output: requirementsOverviewSchema }, ({ pegasus }) => getRequirementsOverview(pegasus));
