// Runs drift detection on every demo SDK project in sandbox/demo (read from disk; lib/ code never
// imports sandbox/). The deliberately mismatched project must be flagged; the honest ones must
// not produce high or medium findings.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { manifestSchema } from "@/lib/schemas/workflow";
import { detectDrift, parseMermaidFlowchart } from "./index";

const DEMO_ROOT = path.resolve(import.meta.dirname, "../../sandbox/demo");
const MISMATCHED = new Set(["delivery-eta-notice"]);

/** Just enough TOML for pegasus-workflows.toml: [[workflow]] tables of strings, numbers and arrays of inline tables. */
function readWorkflowToml(text: string): Record<string, unknown>[] {
  const tables: Record<string, unknown>[] = [];
  let current: Record<string, unknown> | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").replace(/^\s*#.*$/, "").trim();
    if (!line) continue;
    if (line === "[[workflow]]") {
      current = {};
      tables.push(current);
      continue;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(.*)$/.exec(line);
    if (!m || !current) throw new Error(`unsupported TOML line: ${line}`);
    let value = m[2] ?? "";
    // Multi-line arrays: read until brackets balance.
    const depth = (s: string) => (s.match(/[[{]/g)?.length ?? 0) - (s.match(/[\]}]/g)?.length ?? 0);
    while (depth(value) > 0 && i + 1 < lines.length) value += `\n${(lines[++i] ?? "").trim()}`;
    // Inline-table keys become JSON keys; TOML basic strings are JSON strings; drop trailing commas.
    const json = value.replace(/([{,]\s*)([A-Za-z_][A-Za-z0-9_-]*)\s*=/g, '$1"$2":').replace(/,(\s*[\]}])/g, "$1");
    current[m[1] ?? ""] = JSON.parse(json) as unknown;
  }
  return tables;
}

interface DemoProject {
  label: string;
  name: string;
  /** Activity function names defined by the project's Python module (what durable histories would show). */
  activities: string[];
  manifest: ReturnType<typeof manifestSchema.parse>;
}

function loadDemoProjects(): DemoProject[] {
  const out: DemoProject[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      if (!statSync(full).isDirectory()) continue;
      const toml = path.join(full, "pegasus-workflows.toml");
      if (!existsSync(toml)) {
        walk(full);
        continue;
      }
      for (const t of readWorkflowToml(readFileSync(toml, "utf8"))) {
        const name = String(t["name"]);
        const sourceDir = path.join(full, String(t["source_dir"] ?? name));
        const diagram = readFileSync(path.join(sourceDir, "workflow.mmd"), "utf8");
        const python = readdirSync(sourceDir)
          .filter((f) => f.endsWith(".py"))
          .map((f) => readFileSync(path.join(sourceDir, f), "utf8"))
          .join("\n");
        const activities = [
          ...python.matchAll(/@activity\.defn(?:\(\s*name\s*=\s*"([^"]+)"[^)]*\))?\s*\n\s*(?:async\s+)?def\s+(\w+)/g),
        ].map((m) => m[1] ?? m[2] ?? "");
        const manifest = manifestSchema.parse({
          name,
          version: t["version"],
          entryPoints: t["entry_points"],
          diagram,
          requiredActions: t["required_actions"] ?? [],
          requiredSecrets: t["required_secrets"] ?? [],
          requiredConfigs: t["required_configs"] ?? [],
          timeoutSeconds: t["timeout_seconds"],
        });
        out.push({ label: `${path.relative(DEMO_ROOT, full)} (${name})`, name, activities, manifest });
      }
    }
  };
  walk(DEMO_ROOT);
  return out.sort((a, b) => a.label.localeCompare(b.label));
}

// Fail loudly when the fixtures move: a silently empty corpus would prove nothing.
if (!existsSync(DEMO_ROOT)) throw new Error(`demo SDK projects not found at ${DEMO_ROOT}; update DEMO_ROOT in this test`);
const projects = loadDemoProjects();

/**
 * The corpus: every demo diagram with the findings it must produce (ids, sorted as detectDrift
 * sorts them). Each entry was read against its workflow.mmd and manifest by hand; a change to a
 * rule that moves any of them must be deliberate. Entries that once were false alarms are noted.
 */
const EXPECTED: Record<string, string[]> = {
  // "deposit.charged event" is an event name, not taking money.
  "crew-dispatch@0.1.0": ["unmentioned-key:setting:dispatch/DISPATCH_CREW_LEAD_PHONE"],
  "damage-claim-intake@0.1.0": [],
  // The deliberately mismatched demo: it texts customers without SendSms.
  "delivery-eta-notice@0.1.0": [
    "undeclared-action:SendSms",
    "unmentioned-action:ReadWorkflowConfig",
    "unmentioned-key:setting:notifications/DELIVERY_ETA_SMS_TEMPLATE",
  ],
  "nightly-billing-followup@0.1.0": ["unmentioned-key:setting:notifications/BILLING_REMINDER_TEMPLATE"],
  // "load_order_sms_template: fill ORDER_SAVED_SMS_TEMPLATE" loads a template, not an order (no ReadOrder).
  "order-saved-sms@0.1.0": [],
  "order-saved-sms@0.2.0": [],
  "partner-order-sync@0.1.0": [],
  "partner-order-sync@0.2.0": [],
  "quote-accepted-deposit@0.1.0": ["unmentioned-key:secret:billing/PAYMENTS_API_KEY"],
  "quote-accepted-deposit@0.2.0": ["unmentioned-key:secret:billing/PAYMENTS_API_KEY"],
  "quote-accepted-deposit@0.3.0": [],
  "virtual-survey-followup@0.1.0": [],
  "move-milestone-notifier@1.0.0": [],
  "move-milestone-notifier@1.1.0": [],
  "move-status-digest@1.0.0": [],
};

const keyOf = (p: DemoProject) => `${p.name}@${p.manifest.version}`;

describe("the demo corpus", () => {
  it("holds exactly the demo projects on disk", () => {
    expect(projects.map(keyOf).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const name of MISMATCHED) expect(projects.map((p) => p.name)).toContain(name);
  });

  it.each(projects.map((p) => [keyOf(p), p] as const))("%s gives exactly its expected findings", (key, project) => {
    expect(detectDrift({ workflow: project }).map((f) => f.id)).toEqual(EXPECTED[key]);
  });

  it.each(projects.map((p) => [keyOf(p), p] as const))("%s reads cleanly (nothing left unparsed)", (_, project) => {
    expect(parseMermaidFlowchart(project.manifest.diagram ?? "").problems).toEqual([]);
  });
});

describe("drift on the demo SDK projects", () => {
  it.each(projects.filter((p) => MISMATCHED.has(p.name)).map((p) => [p.label, p] as const))("%s is flagged as mismatched", (_, project) => {
    const findings = detectDrift({ workflow: project });
    const high = findings.filter((f) => f.severity === "high");
    expect(high.map((f) => f.id)).toContain("undeclared-action:SendSms");
  });

  it.each(projects.filter((p) => !MISMATCHED.has(p.name)).map((p) => [p.label, p] as const))(
    "%s has no high or medium findings",
    (_, project) => {
      expect(project.activities.length).toBeGreaterThan(0);
      // Activity types as a durable history would show them, plus the direct-mode proxy.
      const findings = detectDrift({ workflow: project, activityTypesSeen: [...project.activities, "run_tenant_entry_point"] });
      expect(findings.filter((f) => f.severity !== "low").map((f) => f.message)).toEqual([]);
    },
  );
});
