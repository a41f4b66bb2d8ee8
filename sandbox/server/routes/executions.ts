import type { RouteModule } from "../context";

/** Run, executions, history, scheduler and dispatcher (owned by the executions teammate; no-op placeholder). */
export const register: RouteModule = () => {};
