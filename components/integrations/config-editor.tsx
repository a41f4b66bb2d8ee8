"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { JsonEditor, type JumpRequest } from "@/components/json-editor/json-editor";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { bodyFingerprint, bodyFromConfig, type EditableBody } from "@/lib/integrations/body";
import { PART_LABELS, draftFromBody, readDraft, type Draft, type DraftPart } from "@/lib/integrations/draft";
import { locateWhere, type EditorPart } from "@/lib/integrations/locate";
import { BffClientError } from "@/lib/queries/fetcher";
import {
  mappingSchemaQuery,
  publishConfigMutation,
  readBundleMutation,
  useRefreshIntegrations,
  validateConfigMutation,
} from "@/lib/queries/integrations";
import { gateReportSchema, type GateReport, type IntegrationConfig } from "@/lib/schemas/integration";
import { CorpusEditor, caseName } from "./corpus-editor";
import { noSubscribe, parseStoredDraft, storageKey } from "./draft-storage";
import { GateReportView } from "./gate-report";
import { MappingCheckNote } from "./mapping-check-note";
import { VersionConflict } from "./version-conflict";
import { EditorErrors } from "./editor-errors";
import { SectionNav, type Section } from "./section-nav";

/**
 * The config editor: one JSON editor per part (the corpus case by case), checked as you type;
 * Validate runs the gate on exactly this content, and Publish is enabled only while that passing
 * report still matches the content. The draft survives reloads (session storage) and bad input.
 */
export function ConfigEditor({ config, onPublished }: { config: IntegrationConfig; onPublished: (next: IntegrationConfig) => void }) {
  const id = config.integrationId;
  const pristine = useMemo(() => draftFromBody(bodyFromConfig(config)), [config]);
  const [draft, setDraft] = useState<Draft>(pristine);
  const [section, setSection] = useState<Section>("mapping");
  const [jump, setJump] = useState<JumpRequest | null>(null);
  const [openCase, setOpenCase] = useState<number | null>(null);
  const [validated, setValidated] = useState<{ fingerprint: string; report: GateReport } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [uploadProblems, setUploadProblems] = useState<string[]>([]);
  // The live version this edit builds on: the one it started from, or the one it was rebased onto.
  const [baseVersion, setBaseVersion] = useState(config.version);
  const [conflict, setConflict] = useState<{ liveVersion: number | null; mine: EditableBody } | null>(null);
  const refreshIntegrations = useRefreshIntegrations();
  const validate = useMutation(validateConfigMutation(id));
  const publish = useMutation(publishConfigMutation(id));
  const readBundle = useMutation(readBundleMutation(id));
  // The mapping is checked against the API's own JSON Schema; until it loads (or if it cannot),
  // the built-in DSL checker stands in.
  const mappingSchema = useQuery(mappingSchemaQuery());
  // A draft left from an earlier visit (session storage) is offered, never applied silently.
  const storedText = useSyncExternalStore(
    noSubscribe,
    () => window.sessionStorage.getItem(storageKey(config)),
    () => null,
  );
  const [offerDismissed, setOfferDismissed] = useState(false);

  const dirty = JSON.stringify(draft) !== JSON.stringify(pristine);
  const storedDraft = !dirty && !offerDismissed ? parseStoredDraft(storedText) : null;
  useEffect(() => {
    if (dirty) window.sessionStorage.setItem(storageKey(config), JSON.stringify(draft));
    else if (offerDismissed) window.sessionStorage.removeItem(storageKey(config));
  }, [draft, dirty, config, offerDismissed]);

  const schemaDoc = mappingSchema.data ?? null;
  const { body, issues } = useMemo(() => readDraft(draft, { mappingSchema: schemaDoc }), [draft, schemaDoc]);
  const fingerprint = body ? bodyFingerprint(body) : null;
  const report = validated && validated.fingerprint === fingerprint ? validated.report : null;
  const staleReport = validated && validated.fingerprint !== fingerprint ? validated.report : null;
  const canPublish = Boolean(report?.ok) && fingerprint !== null && !publish.isPending;

  function setPart(part: DraftPart, text: string) {
    setDraft((d) => ({ ...d, parts: { ...d.parts, [part]: text } }));
  }

  function locate(part: EditorPart, where: string) {
    const target: Section = part === "corpus" ? "corpus" : part;
    setSection(target);
    if (target === "corpus") return;
    const line = locateWhere(draft.parts[target], where) ?? 1;
    setJump({ line, nonce: Date.now() });
  }
  function locateCase(name: string) {
    const index = draft.cases.findIndex((text, i) => caseName(text, i) === name);
    setSection("corpus");
    if (index >= 0) {
      setOpenCase(index);
      setJump({ line: 1, nonce: Date.now() });
    }
  }

  async function runValidate() {
    if (!body || !fingerprint) return;
    setNotice(null);
    const result = await validate.mutateAsync(body).catch(() => null);
    if (result) setValidated({ fingerprint, report: result });
  }

  async function runPublish() {
    if (!body || !canPublish) return;
    try {
      const next = await publish.mutateAsync({ body, baseVersion });
      window.sessionStorage.removeItem(storageKey(config));
      onPublished(next);
    } catch (error) {
      // Someone else published since this edit started: show both sides, overwrite nothing.
      if (error instanceof BffClientError && error.code === "VERSION_CONFLICT") {
        const live = error.extras.liveVersion;
        setConflict({ liveVersion: typeof live === "number" ? live : null, mine: body });
      }
      // The gate runs again on publish; a 422 carries the report to show.
      if (error instanceof BffClientError && error.code === "GATE_FAILED") {
        const parsed = gateReportSchema.safeParse(error.extras.report);
        if (parsed.success) setValidated({ fingerprint: fingerprint ?? "", report: parsed.data });
      }
    }
  }

  async function onUpload(file: File) {
    setUploadProblems([]);
    setNotice(null);
    const buffer = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < buffer.length; i += 0x8000) binary += String.fromCharCode(...buffer.subarray(i, i + 0x8000));
    const result = await readBundle.mutateAsync(btoa(binary)).catch(() => null);
    if (!result) return;
    if (!result.ok) {
      setUploadProblems(result.problems.map((p) => `${p.file}: ${p.problem}`));
      return;
    }
    setDraft(draftFromBody(result.body));
    setNotice(
      `Loaded ${file.name} into the editor${result.ignored.length ? ` (ignored: ${result.ignored.join(", ")})` : ""}. Validate to check it.`,
    );
  }

  return (
    <div className="space-y-4">
      <Card>
        <CardHeader
          title={`Edit ${config.displayName ?? config.integrationId} (from v${baseVersion})`}
          description="Every field of this config is carried into the new version. Publish needs a passing validate of exactly this content."
          actions={
            <div className="flex flex-wrap gap-2">
              <label className="inline-flex cursor-pointer items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm focus-within:ring-2 focus-within:ring-brand-500 dark:border-slate-700">
                Upload bundle (.zip)
                <input
                  type="file"
                  accept=".zip,application/zip"
                  className="sr-only"
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    e.target.value = "";
                    if (file) void onUpload(file);
                  }}
                />
              </label>
              <Button
                variant="secondary"
                size="sm"
                disabled={!dirty}
                onClick={() => {
                  setDraft(pristine);
                  setOfferDismissed(true);
                }}
              >
                Discard changes
              </Button>
              <Button variant="secondary" size="sm" disabled={!body || validate.isPending} onClick={() => void runValidate()}>
                {validate.isPending ? "Validating…" : "Validate"}
              </Button>
              <Button
                size="sm"
                disabled={!canPublish}
                onClick={() => void runPublish()}
                title={canPublish ? undefined : "Validate this exact content first; publishing needs a passing report"}
              >
                {publish.isPending ? "Publishing…" : "Publish new version"}
              </Button>
            </div>
          }
        />
        <div className="space-y-2 px-5 pb-4 text-sm empty:hidden">
          {notice ? <p role="status">{notice}</p> : null}
          {storedDraft ? (
            <p role="status" className="flex flex-wrap items-center gap-2">
              You have unsaved changes to this version from earlier.
              <Button
                size="sm"
                variant="secondary"
                onClick={() => {
                  setDraft(storedDraft);
                  setOfferDismissed(true);
                }}
              >
                Restore them
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setOfferDismissed(true)}>
                Start from v{config.version}
              </Button>
            </p>
          ) : null}
          {!body ? <p className="text-red-700 dark:text-red-300">Fix the marked problems before validating.</p> : null}
          {staleReport ? (
            <p className="text-amber-700 dark:text-amber-300">The content changed since the last validate; validate again to publish.</p>
          ) : null}
          {uploadProblems.length ? (
            <div role="alert" className="text-red-700 dark:text-red-300">
              The bundle could not be loaded:
              <ul className="list-disc pl-5">
                {uploadProblems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <EditorErrors validate={validate} publish={publish} readBundle={readBundle} />
        </div>
      </Card>
      {conflict ? (
        <VersionConflict
          integrationId={id}
          baseVersion={baseVersion}
          liveVersion={conflict.liveVersion}
          mine={conflict.mine}
          onRebase={(rebased, live) => {
            setDraft(draftFromBody(rebased.body));
            setBaseVersion(live.version);
            setConflict(null);
            publish.reset();
            const kept = rebased.conflicts.length
              ? ` Both sides changed ${rebased.conflicts.join(", ")}: yours were kept, review them.`
              : "";
            const taken = rebased.takenFromLive.length ? ` Taken from v${live.version}: ${rebased.takenFromLive.join(", ")}.` : "";
            setNotice(`Your edits now build on v${live.version}.${taken}${kept} Validate, then publish.`);
          }}
          onDiscard={(live) => {
            setDraft(draftFromBody(bodyFromConfig(live)));
            setBaseVersion(live.version);
            setConflict(null);
            publish.reset();
            window.sessionStorage.removeItem(storageKey(config));
            setNotice(`Your edits were discarded; the editor now holds v${live.version}.`);
            void refreshIntegrations();
          }}
        />
      ) : null}
      {report || staleReport ? (
        <Card className="p-5">
          <GateReportView report={(report ?? staleReport) as GateReport} onLocate={locate} onLocateCase={locateCase} />
        </Card>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[14rem_1fr]">
        <SectionNav section={section} issues={issues} onSelect={setSection} />
        <Card className="p-4">
          {section === "corpus" ? (
            <CorpusEditor
              cases={draft.cases}
              issues={issues}
              jump={jump}
              openCase={openCase}
              setOpenCase={setOpenCase}
              onChange={(update) => setDraft((d) => ({ ...d, cases: update(d.cases) }))}
            />
          ) : (
            <JsonEditor
              key={section}
              label={PART_LABELS[section]}
              value={draft.parts[section]}
              onChange={(t) => setPart(section, t)}
              issues={issues[section] ?? []}
              jump={jump}
              note={section === "mapping" ? <MappingCheckNote query={mappingSchema} /> : null}
            />
          )}
          {section !== "corpus" && section !== "mapping" && section !== "rules" && section !== "meta" ? (
            <p className="mt-2 text-xs text-slate-500">Leave empty when this integration does not use it.</p>
          ) : null}
        </Card>
      </div>
    </div>
  );
}
