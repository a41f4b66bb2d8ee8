import { z } from "zod";
import type { RouteModule } from "../context";
import { authenticate, requireAction } from "../auth/middleware";
import { ok, parseQuery } from "../http";

const querySchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/, "year must be YYYY")
    .transform(Number)
    .refine((y) => y >= 2000 && y <= 2100, "year must be between 2000 and 2100")
    .optional(),
});

interface PlanRow {
  plan_code: string;
  name: string;
  monthly_price_cents: number;
  annual_pool_actions: number | null;
  overage_cents_per_action: number;
  effective_from: string;
  term_start_month_day: string;
}

/** Add `months` to a YYYY-MM-DD date (day kept; terms start on day 1..28 in practice). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1 + months, d));
  return t.toISOString().slice(0, 10);
}

/** `GET /usage/summary?year=` — billable actions per term, month, action and workflow (§10.2). */
export const register: RouteModule = (app, ctx) => {
  app.get("/usage/summary", authenticate(ctx), requireAction("ReadUsage"), (c) => {
    const p = c.get("principal");
    const now = new Date();
    const year = parseQuery(c, querySchema).year ?? now.getUTCFullYear();
    const plan = ctx.db.prepare("SELECT * FROM tenant_plans WHERE tenant_id = ?").get(p.tenantId) as PlanRow | undefined;
    const termStart = `${year}-${plan?.term_start_month_day ?? "01-01"}`;
    const termEnd = addMonths(termStart, 12);
    const from = `${termStart}T00:00:00.000Z`;
    const to = `${termEnd}T00:00:00.000Z`;

    // usage_events rows may name only the execution; resolve the workflow through it.
    const base = `FROM usage_events u LEFT JOIN workflow_executions e ON e.id = u.execution_id
                  WHERE u.tenant_id = ? AND u.billable = 1 AND u.occurred_at >= ? AND u.occurred_at < ?`;
    const used = (ctx.db.prepare(`SELECT COUNT(*) AS n ${base}`).get(p.tenantId, from, to) as { n: number }).n;
    const monthRows = ctx.db
      .prepare(`SELECT substr(u.occurred_at, 1, 7) AS month, COUNT(*) AS actions ${base} GROUP BY month`)
      .all(p.tenantId, from, to) as Array<{ month: string; actions: number }>;
    const byMonth = Array.from({ length: 12 }, (_, i) => {
      const month = addMonths(termStart, i).slice(0, 7);
      return { month, actions: monthRows.find((r) => r.month === month)?.actions ?? 0 };
    });
    const byAction = ctx.db
      .prepare(`SELECT u.action AS action, COUNT(*) AS actions ${base} GROUP BY u.action ORDER BY actions DESC, action`)
      .all(p.tenantId, from, to) as Array<{ action: string; actions: number }>;
    const byWorkflow = (
      ctx.db
        .prepare(
          `SELECT COALESCE(u.workflow_id, e.workflow_id) AS workflowId, w.name AS workflowName, COUNT(*) AS actions ${base.replace(
            "LEFT JOIN workflow_executions e ON e.id = u.execution_id",
            "LEFT JOIN workflow_executions e ON e.id = u.execution_id LEFT JOIN workflows w ON w.id = COALESCE(u.workflow_id, e.workflow_id)",
          )} GROUP BY workflowId ORDER BY actions DESC`,
        )
        .all(p.tenantId, from, to) as Array<{ workflowId: string | null; workflowName: string | null; actions: number }>
    ).map((r) => ({ workflowId: r.workflowId, workflowName: r.workflowName, actions: r.actions }));

    const pool = plan ? plan.annual_pool_actions : null;
    const startMs = Date.parse(from);
    const endMs = Date.parse(to);
    const elapsed = Math.min(Math.max((now.getTime() - startMs) / (endMs - startMs), 0), 1);
    const projectedAtTermEnd = !plan ? null : elapsed === 0 ? 0 : Math.round(used / elapsed);
    return ok(c, {
      plan: plan
        ? {
            planCode: plan.plan_code,
            name: plan.name,
            monthlyPriceCents: plan.monthly_price_cents,
            annualPoolActions: plan.annual_pool_actions,
            overageCentsPerAction: plan.overage_cents_per_action,
            effectiveFrom: plan.effective_from,
          }
        : null,
      termStart,
      termEnd,
      pool,
      usedTermToDate: used,
      remaining: pool === null ? null : Math.max(pool - used, 0),
      overageActions: pool === null ? 0 : Math.max(used - pool, 0),
      projectedAtTermEnd,
      asOf: now.toISOString(),
      byMonth,
      byAction,
      byWorkflow,
    });
  });
};
