import type { RouteModule } from "../context";

/** Integration config routes (owned by the integrations teammate; no-op placeholder). */
export const register: RouteModule = () => {};
