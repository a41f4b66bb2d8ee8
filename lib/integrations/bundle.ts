import { z } from "zod";
import { jsonTextExceedsDepth, MAX_JSON_DEPTH, tooDeepMessage } from "@/lib/schemas/limits";
import { editableBodySchema, stableStringify, type EditableBody } from "./body";

/** File names of the SDK CLI's working directory (`pegasus_workflows/cli/integration_config.py`). */
export const BUNDLE_FILES = {
  mapping: "mapping.json",
  rules: "rules.json",
  corpus: "corpus.json",
  meta: "meta.json",
  externalShape: "external-shape.json",
  externalMapping: "external-mapping.json",
  inbound: "inbound.json",
} as const;

const KNOWN_FILES: ReadonlySet<string> = new Set(Object.values(BUNDLE_FILES));

/**
 * How the CLI writes a file: `json.dumps(value, indent=2, sort_keys=True) + "\n"`. Python's
 * default `ensure_ascii` escapes every non-ASCII UTF-16 unit as `\uxxxx`, so the bytes match a pull.
 */
function fileText(value: unknown): string {
  const ascii = stableStringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${ascii}\n`;
}

/**
 * The files `pegasus-workflows integration-config pull` would write for this body: the three
 * required parts always; `meta.json` when floor or displayName is set (with requiredSecrets /
 * requiredConfigs when set); the external and inbound files only when set.
 */
export function bundleFilesFromBody(body: EditableBody): Record<string, string> {
  const files: Record<string, string> = {
    [BUNDLE_FILES.mapping]: fileText(body.mapping),
    [BUNDLE_FILES.rules]: fileText(body.rules),
    [BUNDLE_FILES.corpus]: fileText(body.corpus),
  };
  const meta: Record<string, unknown> = { floor: body.floor ?? null, displayName: body.displayName ?? null };
  if (body.requiredSecrets != null) meta.requiredSecrets = body.requiredSecrets;
  if (body.requiredConfigs != null) meta.requiredConfigs = body.requiredConfigs;
  if (Object.values(meta).some((v) => v !== null)) files[BUNDLE_FILES.meta] = fileText(meta);
  if (body.externalShape != null) files[BUNDLE_FILES.externalShape] = fileText(body.externalShape);
  if (body.externalMapping != null) files[BUNDLE_FILES.externalMapping] = fileText(body.externalMapping);
  if (body.inbound != null) files[BUNDLE_FILES.inbound] = fileText(body.inbound);
  return files;
}

/** A problem found while reading an uploaded bundle, named by file. */
export interface BundleProblem {
  file: string;
  problem: string;
}

export type BundleReadResult = { ok: true; body: EditableBody; ignored: string[] } | { ok: false; problems: BundleProblem[] };

const metaSchema = z.looseObject({
  floor: z.string().min(1).nullish(),
  displayName: z.string().min(1).max(200).nullish(),
  requiredSecrets: z.unknown().optional(),
  requiredConfigs: z.unknown().optional(),
});

/**
 * Reads a working directory's files the way the CLI's `_load_surface` does: the three required
 * files, optional meta and external/inbound files. Files may sit under one common folder
 * (a zipped directory). Unknown files are ignored and reported.
 */
export function bodyFromBundleFiles(input: Record<string, string>): BundleReadResult {
  const files = stripCommonFolder(input);
  const problems: BundleProblem[] = [];
  const parsed: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(files)) {
    if (!KNOWN_FILES.has(name)) continue;
    // Each file lands one level inside the published body, which may nest MAX_JSON_DEPTH levels.
    if (jsonTextExceedsDepth(text, MAX_JSON_DEPTH - 1)) {
      problems.push({
        file: name,
        problem: `${tooDeepMessage("the file", MAX_JSON_DEPTH - 1)}; a published config body may nest at most ${MAX_JSON_DEPTH}`,
      });
      continue;
    }
    try {
      parsed[name] = JSON.parse(text) as unknown;
    } catch (error) {
      problems.push({ file: name, problem: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  for (const required of [BUNDLE_FILES.mapping, BUNDLE_FILES.rules, BUNDLE_FILES.corpus]) {
    if (!(required in files)) problems.push({ file: required, problem: "missing (required)" });
  }
  const metaRaw = parsed[BUNDLE_FILES.meta];
  const meta = metaRaw === undefined ? { success: true as const, data: {} as z.infer<typeof metaSchema> } : metaSchema.safeParse(metaRaw);
  if (!meta.success)
    problems.push({
      file: BUNDLE_FILES.meta,
      problem: meta.error.issues.map((i) => `${i.path.join(".") || "meta"}: ${i.message}`).join("; "),
    });
  if (problems.length) return { ok: false, problems };

  const candidate = {
    mapping: parsed[BUNDLE_FILES.mapping],
    rules: parsed[BUNDLE_FILES.rules],
    corpus: parsed[BUNDLE_FILES.corpus],
    floor: meta.success ? (meta.data.floor ?? null) : null,
    displayName: meta.success ? (meta.data.displayName ?? null) : null,
    externalShape: parsed[BUNDLE_FILES.externalShape] ?? null,
    externalMapping: parsed[BUNDLE_FILES.externalMapping] ?? null,
    inbound: parsed[BUNDLE_FILES.inbound] ?? null,
    requiredSecrets: meta.success ? (meta.data.requiredSecrets ?? null) : null,
    requiredConfigs: meta.success ? (meta.data.requiredConfigs ?? null) : null,
  };
  const body = editableBodySchema.safeParse(candidate);
  if (!body.success) {
    return {
      ok: false,
      problems: body.error.issues
        .slice(0, 10)
        .map((issue) => ({ file: fileOfField(issue.path[0]), problem: `${issue.path.join(".")}: ${issue.message}` })),
    };
  }
  const ignored = Object.keys(files).filter((name) => !KNOWN_FILES.has(name));
  return { ok: true, body: body.data, ignored };
}

function fileOfField(field: PropertyKey | undefined): string {
  switch (field) {
    case "mapping":
      return BUNDLE_FILES.mapping;
    case "rules":
      return BUNDLE_FILES.rules;
    case "corpus":
      return BUNDLE_FILES.corpus;
    case "externalShape":
      return BUNDLE_FILES.externalShape;
    case "externalMapping":
      return BUNDLE_FILES.externalMapping;
    case "inbound":
      return BUNDLE_FILES.inbound;
    default:
      return BUNDLE_FILES.meta;
  }
}

/** `dir/mapping.json` → `mapping.json` when every entry shares one top folder (a zipped directory). */
function stripCommonFolder(files: Record<string, string>): Record<string, string> {
  const names = Object.keys(files).filter((n) => !n.endsWith("/") && !n.startsWith("__MACOSX/"));
  const firstSlash = names.map((n) => n.indexOf("/"));
  const prefix = names[0] && firstSlash[0] !== undefined && firstSlash[0] > 0 ? names[0].slice(0, firstSlash[0] + 1) : null;
  const out: Record<string, string> = {};
  const strip = prefix !== null && names.every((n) => n.startsWith(prefix));
  for (const name of names) out[strip && prefix ? name.slice(prefix.length) : name] = files[name] ?? "";
  return out;
}
