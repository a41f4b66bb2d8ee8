import { z } from "zod";

export const healthStateSchema = z.enum(["ok", "down", "unknown"]);
export type HealthState = z.infer<typeof healthStateSchema>;

/** One dependency as the health report shows it: reachable or not, and why. */
export const healthCheckSchema = z.object({
  name: z.string(),
  state: healthStateSchema,
  target: z.string(),
  detail: z.string(),
  latencyMs: z.number().nullable(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

/** The console's readiness report (GET /api/health). */
export const healthReportSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  checkedAt: z.string(),
  checks: z.array(healthCheckSchema),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

/** What anonymous and non-admin callers get from the health routes: up or not, nothing else. */
export const publicHealthSchema = z.object({ status: z.enum(["ok", "degraded"]) });
export type PublicHealth = z.infer<typeof publicHealthSchema>;
