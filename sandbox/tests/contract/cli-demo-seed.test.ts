/**
 * The seeded demo tenant matches its sources: every SDK project under `sandbox/demo` is published
 * (by the right tenant) with the manifest the SDK itself builds from the project, the planned
 * triggers, event types and fork exist, and exactly the keys left unset on purpose are missing.
 * Also runs the projects' offline self-check (`sandbox/demo/check_projects.py`).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  DEMO_CONFIGS,
  DEMO_EVENT_TRIGGERS,
  DEMO_EVENT_TYPES,
  DEMO_FORKS,
  DEMO_PROJECTS,
  DEMO_ROOT,
  DEMO_SCHEDULES,
  DEMO_SECRETS,
} from "../../server/seed/demo";

const apiUrl = inject("apiUrl");
const demoKey = inject("seedKeys").demo.key;
const venv = inject("venv");
const python = path.join(venv, "bin", "python");

async function get(route: string): Promise<unknown> {
  const res = await fetch(`${apiUrl}${route}`, { headers: { authorization: `Bearer ${demoKey}` } });
  expect(res.status, route).toBe(200);
  return z.object({ data: z.unknown() }).parse(await res.json()).data;
}

const workflowSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  visibility: z.enum(["GLOBAL", "TENANT"]),
  executable: z.boolean(),
  forkedFromWorkflowId: z.string().nullable(),
  manifest: z.record(z.string(), z.unknown()),
});
const triggerSchema = z.object({
  kind: z.enum(["EVENT", "SCHEDULE"]),
  eventType: z.string().nullable(),
  filter: z.unknown(),
  cronExpression: z.string().nullable(),
  enabled: z.boolean(),
});

/** What the SDK itself sends at finalize for each project (manifest + diagram), via its own code. */
function sdkManifests(dirs: string[]): Record<string, unknown>[] {
  const script = [
    "import json, sys",
    "from pathlib import Path",
    "from pegasus_workflows.manifest import DIAGRAM_FILENAME, load_manifest",
    "out = []",
    "for arg in sys.argv[1:]:",
    "    p = Path(arg); (m,) = load_manifest(p)",
    "    out.append(m.to_api_manifest(diagram=(p / m.source_dir / DIAGRAM_FILENAME).read_text(encoding='utf-8')))",
    "print(json.dumps(out))",
  ].join("\n");
  const r = spawnSync(python, ["-c", script, ...dirs], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return z.array(z.record(z.string(), z.unknown())).parse(JSON.parse(r.stdout));
}

describe("demo seed", () => {
  it("the SDK projects pass their offline self-check (manifest, diagram names, Temporal sandbox, direct run)", () => {
    const r = spawnSync(python, [path.join(DEMO_ROOT, "check_projects.py")], {
      encoding: "utf8",
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`${DEMO_PROJECTS.length} demo projects checked`);
  });

  it("every project version is published by its tenant with the manifest the SDK builds", async () => {
    const rows = z.array(workflowSchema).parse(await get("/workflows"));
    const manifests = sdkManifests(DEMO_PROJECTS.map((p) => path.join(DEMO_ROOT, p.dir)));
    for (const [i, project] of DEMO_PROJECTS.entries()) {
      const expected = manifests[i] ?? {};
      const row = rows.find((w) => w.name === expected.name && w.version === expected.version && w.forkedFromWorkflowId === null);
      expect(row, project.dir).toBeDefined();
      expect(row?.visibility).toBe(project.publisher === "platform" ? "GLOBAL" : "TENANT");
      expect(row?.executable).toBe(true);
      expect(row?.manifest).toEqual(expected);
    }
    // The diagram shown to business users is the file in the repository, byte for byte.
    const mismatched = rows.find((w) => w.name === "delivery-eta-notice");
    const mmd = readFileSync(path.join(DEMO_ROOT, "atlas-moving/delivery-eta-notice/0.1.0/eta_notice/workflow.mmd"), "utf8");
    expect(mismatched?.manifest.diagram).toBe(mmd);
    expect(mmd).toContain("Send SMS to customer");
    expect(mismatched?.manifest.requiredActions).not.toContain("SendSms");
  });

  it("the fork, the event types and every planned trigger exist", async () => {
    const rows = z.array(workflowSchema).parse(await get("/workflows"));
    const byLabel = (label: string, fork = false) => {
      const [name, version] = label.split("@");
      return rows.find((w) => w.name === name && w.version === version && (w.forkedFromWorkflowId !== null) === fork);
    };
    for (const label of DEMO_FORKS) {
      const fork = byLabel(label, true);
      expect(fork?.visibility).toBe("TENANT");
      expect(fork?.forkedFromWorkflowId).toBe(byLabel(label)?.id);
    }

    const types = z.array(z.object({ name: z.string(), enabled: z.boolean() })).parse(await get("/event-types"));
    for (const t of DEMO_EVENT_TYPES) expect(types).toContainEqual(expect.objectContaining({ name: t.name, enabled: true }));

    for (const plan of DEMO_EVENT_TRIGGERS) {
      const wf = byLabel(plan.workflow, DEMO_FORKS.includes(plan.workflow));
      const triggers = z.array(triggerSchema).parse(await get(`/workflows/${wf?.id ?? "missing"}/triggers`));
      expect(triggers, plan.workflow).toContainEqual(
        expect.objectContaining({ kind: "EVENT", eventType: plan.eventType, enabled: plan.enabled, filter: plan.filter ?? null }),
      );
    }
    for (const plan of DEMO_SCHEDULES) {
      const wf = byLabel(plan.workflow);
      const triggers = z.array(triggerSchema).parse(await get(`/workflows/${wf?.id ?? "missing"}/triggers`));
      expect(triggers, plan.workflow).toContainEqual(
        expect.objectContaining({ kind: "SCHEDULE", cronExpression: plan.cron, enabled: !plan.disabled }),
      );
    }
  });

  it("exactly the keys left unset on purpose are missing for the demo workflows", async () => {
    const summary = z
      .object({
        workflows: z.array(
          z.object({
            name: z.string(),
            visibility: z.string(),
            requirements: z.array(
              z.object({ kind: z.enum(["SECRET", "CONFIG"]), key: z.string(), group: z.string(), present: z.boolean() }),
            ),
          }),
        ),
      })
      .parse(await get("/workflows/requirements-summary"));
    const demoNames = new Set(DEMO_PROJECTS.map((p) => p.dir.split("/")[1]));
    const missing = new Set<string>();
    for (const wf of summary.workflows.filter((w) => demoNames.has(w.name))) {
      for (const r of wf.requirements) if (!r.present) missing.add(`${r.kind} ${r.group}/${r.key}`);
    }
    expect([...missing].sort()).toEqual([
      "CONFIG notifications/BILLING_REMINDER_TEMPLATE",
      "CONFIG notifications/QUIET_HOURS",
      "SECRET claims/CLAIMS_PORTAL_TOKEN",
    ]);

    const configs = z
      .array(z.object({ key: z.string(), group: z.string(), value: z.string() }))
      .parse(await get("/workflow-secrets-configs/configs"));
    for (const c of DEMO_CONFIGS) expect(configs).toContainEqual(expect.objectContaining({ key: c.key, group: c.group, value: c.value }));
    const secrets = z.array(z.object({ key: z.string(), group: z.string() })).parse(await get("/workflow-secrets-configs/secrets"));
    for (const s of DEMO_SECRETS) expect(secrets).toContainEqual(expect.objectContaining({ key: s.key, group: s.group }));
  });

  it("the demo_partner integration has the GLOBAL config and Atlas's overlay versions", async () => {
    const versions = z
      .array(z.object({ version: z.number(), status: z.string(), visibility: z.string() }))
      .parse(await get("/integrations/demo_partner/config/versions"));
    expect(versions.map((v) => [v.version, v.status, v.visibility])).toEqual([
      [2, "PUBLISHED", "TENANT"],
      [1, "SUPERSEDED", "TENANT"],
    ]);
  });
});
