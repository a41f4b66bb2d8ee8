import { describe, expect, it } from "vitest";
import type { UsageSummary } from "@/lib/schemas/usage";
import { countOf } from "@/lib/text/count";
import { dollars, termLabel, usageActionLabel, usageOfWorkflow, usageOverview } from "./model";

const plan = {
  planCode: "growth",
  name: "Growth",
  monthlyPriceCents: 49900,
  annualPoolActions: 1000,
  overageCentsPerAction: 5,
  effectiveFrom: "2026-01-01",
};

function summary(over: Partial<UsageSummary> = {}): UsageSummary {
  return {
    plan,
    termStart: "2026-01-01",
    termEnd: "2027-01-01",
    pool: 1000,
    usedTermToDate: 100,
    remaining: 900,
    overageActions: 0,
    projectedAtTermEnd: 400,
    asOf: "2026-04-02T00:00:00.000Z",
    byMonth: [],
    byAction: [],
    byWorkflow: [
      { workflowId: "w1", workflowName: "move-status-digest", actions: 7 },
      { workflowId: "w2", workflowName: "move-status-digest", actions: 3 },
      { workflowId: null, workflowName: null, actions: 2 },
    ],
    ...over,
  };
}

describe("usageOverview", () => {
  it("on track: used share, elapsed share and a sentence", () => {
    const o = usageOverview(summary());
    expect(o.pace).toBe("on-track");
    expect(o.usedShare).toBeCloseTo(0.1);
    expect(o.elapsedShare).toBeCloseTo(91 / 365, 2);
    expect(o.headline).toBe("100 billable actions of 1,000 actions this term; at this pace the pool lasts the term.");
    expect(o.projectedOverageCents).toBe(0);
  });

  it("ahead of the pool: says when, never a failure", () => {
    const o = usageOverview(summary({ usedTermToDate: 600, remaining: 400, projectedAtTermEnd: 2400 }));
    expect(o.pace).toBe("ahead");
    expect(o.projectedOverageCents).toBe(1400 * 5);
    expect(o.headline).toContain("runs out before the term ends (about 2,400 actions by then)");
  });

  it("over the pool: overage in money at the plan's price", () => {
    const o = usageOverview(summary({ usedTermToDate: 1001, remaining: 0, overageActions: 1, projectedAtTermEnd: 4000 }));
    expect(o.pace).toBe("over");
    expect(o.overageCents).toBe(5);
    expect(o.headline).toBe("1,001 billable actions this term: 1 action past the pool of 1,000 actions, billed at $0.05 each.");
  });

  it("no plan or no pool", () => {
    const o = usageOverview(summary({ plan: null, pool: null, remaining: null, projectedAtTermEnd: null, usedTermToDate: 1 }));
    expect(o).toMatchObject({ pace: "no-pool", usedShare: null, overageCents: 0 });
    expect(o.headline).toBe("1 billable action this term. The plan has no action pool.");
  });

  it("clamps the elapsed share before and after the term", () => {
    expect(usageOverview(summary({ asOf: "2025-12-01T00:00:00Z" })).elapsedShare).toBe(0);
    expect(usageOverview(summary({ asOf: "2027-03-01T00:00:00Z" })).elapsedShare).toBe(1);
  });
});

describe("words and numbers", () => {
  it("counts with plurals and separators", () => {
    expect(countOf(1, "run")).toBe("1 run");
    expect(countOf(0, "run")).toBe("0 runs");
    expect(countOf(12345, "action")).toBe("12,345 actions");
  });

  it("cents as dollars", () => {
    expect(dollars(49900)).toBe("$499.00");
    expect(dollars(5)).toBe("$0.05");
  });

  it("shows the term's last day (the API's end is exclusive)", () => {
    expect(termLabel({ termStart: "2026-03-01", termEnd: "2027-03-01" })).toBe("2026-03-01 to 2027-02-28");
  });

  it("names billable actions in the envelope's words, unknown ids as they are", () => {
    expect(usageActionLabel("SendSms")).toEqual({ label: "Send text messages to customers", id: "SendSms" });
    expect(usageActionLabel("FutureThing")).toEqual({ label: "FutureThing", id: "FutureThing" });
  });

  it("sums one automation's rows by id or by name", () => {
    expect(usageOfWorkflow(summary(), { workflowId: "w1" })).toBe(7);
    expect(usageOfWorkflow(summary(), { workflowName: "move-status-digest" })).toBe(10);
    expect(usageOfWorkflow(summary(), { workflowId: "nope" })).toBe(0);
  });
});
