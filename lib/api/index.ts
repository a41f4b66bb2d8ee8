import "server-only";
import { getPublicSession } from "@/lib/auth";
import { getUserPegasusClient } from "@/lib/pegasus";
import { makeBffRoute } from "./route";

export { errorResponse, bffStatusFor, BffRequestError } from "./errors";

/** The BFF route wrapper bound to the real session (see makeBffRoute). */
export const bffRoute = makeBffRoute(async () => {
  const session = await getPublicSession();
  if (!session) return null;
  const pegasus = await getUserPegasusClient();
  return pegasus ? { session, pegasus } : null;
});
