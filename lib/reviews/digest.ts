// What a business sign-off is bound to: the SHA-256 of the diagram source as published and a
// digest of the verified envelope's substance (what starts the automation, what it may do, which
// keys it reads, its time limit). Pure: the BFF computes both from API data before recording a
// review (never from the browser), and the review panel computes the same values to show the
// reviewer what they are about to sign. WebCrypto runs in both Node 20 and browsers.
import { keyIdentity } from "@/lib/envelope/envelope";
import type { Trigger } from "@/lib/schemas/trigger";
import type { Workflow } from "@/lib/schemas/workflow";

/** Used when a manifest declares no timeout (contract §12); same as the envelope card. */
const DEFAULT_TIMEOUT_SECONDS = 900;

/** Version tag inside the canonical text, so a later change of the format cannot collide. */
export const ENVELOPE_DIGEST_FORMAT = "pegasus-envelope/1";

/** JSON with object keys sorted at every level (same value → same text, whatever the key order). */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/**
 * The canonical text of a version's envelope. Triggers count by what starts a run (schedule cron,
 * or event type plus filter), not by row id or on/off state: switching a reviewed trigger off and
 * on again is operations, not a change of what was reviewed. Keys count by group/key identity;
 * whether the tenant has set them yet is not part of the envelope's meaning.
 */
export function envelopeCanonicalText(
  workflow: Pick<Workflow, "id" | "manifest">,
  triggers: readonly Pick<Trigger, "workflowId" | "kind" | "cronExpression" | "eventType" | "filter">[],
): string {
  const m = workflow.manifest;
  const own = triggers.filter((t) => t.workflowId === workflow.id);
  return stableJson({
    format: ENVELOPE_DIGEST_FORMAT,
    actions: sorted(m.requiredActions),
    secrets: sorted(m.requiredSecrets.map(keyIdentity)),
    configs: sorted(m.requiredConfigs.map(keyIdentity)),
    timeoutSeconds: m.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    triggers: sorted(
      own.map((t) =>
        t.kind === "SCHEDULE" ? `SCHEDULE ${t.cronExpression ?? ""}` : `EVENT ${t.eventType ?? ""} ${stableJson(t.filter ?? null)}`,
      ),
    ),
  });
}

/** Lower-case hex SHA-256 of a UTF-8 string. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** What a review of one version is bound to. */
export interface ReviewBinding {
  diagramSha256: string;
  envelopeDigest: string;
}

/** The diagram's SHA-256 (of the source as published; no diagram hashes the empty text) and the envelope digest. */
export async function reviewBindingOf(
  workflow: Pick<Workflow, "id" | "manifest">,
  triggers: Parameters<typeof envelopeCanonicalText>[1],
): Promise<ReviewBinding> {
  const [diagramSha256, envelopeDigest] = await Promise.all([
    sha256Hex(workflow.manifest.diagram ?? ""),
    sha256Hex(envelopeCanonicalText(workflow, triggers)),
  ]);
  return { diagramSha256, envelopeDigest: `sha256:${envelopeDigest}` };
}

/** A short form for screens: the first 12 hex digits. */
export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, "").slice(0, 12);
}
