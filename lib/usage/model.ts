// What the Usage page says about a term: the pool, how far into it the tenant is, what the
// projection means in money, and each row in business words. Pure, so every sentence is tested.
import { actionInfo } from "@/lib/envelope/actions";
import type { UsageSummary } from "@/lib/schemas/usage";
import { countOf } from "@/lib/text/count";

export interface UsageOverview {
  /** Share of the pool used so far (0–1+), null without a pool. */
  usedShare: number | null;
  /** Share of the term elapsed at `asOf` (0–1). */
  elapsedShare: number;
  /** "on-track" | "ahead" (projected over the pool) | "over" (already past the pool) | "no-pool". */
  pace: "on-track" | "ahead" | "over" | "no-pool";
  /** Overage so far, in cents, at the plan's price per action. */
  overageCents: number;
  /** Overage the projection implies at term end, in cents (0 when within the pool). */
  projectedOverageCents: number;
  /** One sentence for the page header. */
  headline: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Formats cents as US dollars (the API's prices are in cents). */
export function dollars(cents: number): string {
  return (cents / 100).toLocaleString("en-US", { style: "currency", currency: "USD" });
}

/** The term's end is exclusive: "2026-01-01 to 2026-12-31". */
export function termLabel(summary: Pick<UsageSummary, "termStart" | "termEnd">): string {
  const last = new Date(Date.parse(`${summary.termEnd}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
  return `${summary.termStart} to ${last}`;
}

/** Reads a summary into the figures and sentence the page leads with. */
export function usageOverview(summary: UsageSummary): UsageOverview {
  const start = Date.parse(`${summary.termStart}T00:00:00Z`);
  const end = Date.parse(`${summary.termEnd}T00:00:00Z`);
  const asOf = Date.parse(summary.asOf);
  const elapsedShare = Math.min(Math.max((asOf - start) / (end - start), 0), 1);
  const price = summary.plan?.overageCentsPerAction ?? 0;
  const overageCents = summary.overageActions * price;
  const used = countOf(summary.usedTermToDate, "billable action");
  if (summary.pool === null) {
    return {
      usedShare: null,
      elapsedShare,
      pace: "no-pool",
      overageCents,
      projectedOverageCents: 0,
      headline: `${used} this term. The plan has no action pool.`,
    };
  }
  const usedShare = summary.pool === 0 ? (summary.usedTermToDate > 0 ? Infinity : 0) : summary.usedTermToDate / summary.pool;
  const projected = summary.projectedAtTermEnd ?? summary.usedTermToDate;
  const projectedOverageCents = Math.max(projected - summary.pool, 0) * price;
  const pool = countOf(summary.pool, "action");
  if (summary.usedTermToDate > summary.pool) {
    return {
      usedShare,
      elapsedShare,
      pace: "over",
      overageCents,
      projectedOverageCents,
      headline: `${used} this term: ${countOf(summary.overageActions, "action")} past the pool of ${pool}, billed at ${dollars(price)} each.`,
    };
  }
  if (projected > summary.pool) {
    return {
      usedShare,
      elapsedShare,
      pace: "ahead",
      overageCents,
      projectedOverageCents,
      headline: `${used} of ${pool} this term. At this pace the pool runs out before the term ends (about ${countOf(projected, "action")} by then).`,
    };
  }
  return {
    usedShare,
    elapsedShare,
    pace: "on-track",
    overageCents,
    projectedOverageCents,
    headline: `${used} of ${pool} this term; at this pace the pool lasts the term.`,
  };
}

/** A billable action in the words the envelope uses, with its id kept for reference. */
export function usageActionLabel(action: string): { label: string; id: string } {
  const info = actionInfo(action);
  return { label: info.known ? info.explanation : action, id: action };
}

/** What one automation used this term, by workflow id or name (all versions of a name when given one). */
export function usageOfWorkflow(summary: UsageSummary, match: { workflowId?: string; workflowName?: string }): number {
  return summary.byWorkflow
    .filter(
      (row) =>
        (match.workflowId !== undefined && row.workflowId === match.workflowId) ||
        (match.workflowName !== undefined && row.workflowName === match.workflowName),
    )
    .reduce((total, row) => total + row.actions, 0);
}
