"use client";
import { useQuery, type UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useState } from "react";
import { MutationError } from "@/components/ui/mutation-error";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { formatInstant } from "@/components/workflows/workflow-bits";
import { reviewSummaryQuery, useCreateReview, workflowReviewsQuery } from "@/lib/queries/reviews";
import { reviewBindingOf, shortDigest, type ReviewBinding } from "@/lib/reviews/digest";
import { REVIEW_NOTE_MAX, reviewStateOf, type Review, type ReviewVerdict } from "@/lib/reviews/state";
import type { Trigger } from "@/lib/schemas/trigger";
import type { Workflow } from "@/lib/schemas/workflow";
import { ReviewBadge } from "./review-badge";

const VERDICT_WORDS: Record<ReviewVerdict, string> = { matches: "Matches our rules", does_not_match: "Does not match" };

/** The digests this browser computes from what it shows (the BFF computes its own when recording). */
function useBinding(workflow: Workflow, triggers: Trigger[] | undefined): ReviewBinding | null {
  const [binding, setBinding] = useState<{ key: string; value: ReviewBinding } | null>(null);
  const key = triggers ? `${workflow.id}:${workflow.manifest.diagram ?? ""}:${JSON.stringify(triggers)}` : null;
  useEffect(() => {
    if (!key || !triggers) return;
    let live = true;
    void reviewBindingOf(workflow, triggers).then((value) => {
      if (live) setBinding({ key, value });
    });
    return () => {
      live = false;
    };
  }, [key, workflow, triggers]);
  return binding && binding.key === key ? binding.value : null;
}

/**
 * Business sign-off of one version: its review state, a form to record "matches our rules" or
 * "does not match" with a note (confirming the version and digests being signed), the history of
 * reviews, and — when an earlier version was reviewed — a link to what changed since.
 */
export function ReviewPanel({
  workflow,
  triggers,
  onCompare,
}: {
  workflow: Workflow;
  triggers: Trigger[] | undefined;
  onCompare: (a: string, b: string) => void;
}) {
  const reviews = useQuery(workflowReviewsQuery(workflow.id));
  const summary = useQuery(reviewSummaryQuery());
  const create = useCreateReview(workflow.id);
  const binding = useBinding(workflow, triggers);
  const [verdict, setVerdict] = useState<ReviewVerdict | null>(null);
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const noteId = useId();
  const retired = workflow.status === "RETIRED";

  const newest = reviews.data?.[0] ?? null;
  const state = reviewStateOf(newest);
  const earlier = summary.data?.items.find((i) => i.workflowId === workflow.id)?.lastReviewedVersion ?? null;

  const submit = () => {
    if (!verdict) return;
    create.mutate(
      { verdict, note: note.trim() || undefined },
      {
        onSuccess: (saved) => {
          setConfirming(false);
          setNote("");
          setVerdict(null);
          setDone(`Recorded: “${VERDICT_WORDS[saved.verdict]}” for v${saved.version}.`);
        },
      },
    );
  };

  return (
    <Card className="min-w-0">
      <CardHeader
        title="Business review"
        description="Does this version match your business rules? Your sign-off is bound to this diagram and envelope."
        actions={reviews.data ? <ReviewBadge state={state} /> : null}
      />
      <CardBody className="flex flex-col gap-4 text-sm">
        {state === "out-of-date" ? (
          <p className="text-amber-800 dark:text-amber-300">
            The diagram or envelope changed after the last review: it no longer covers what this version does now.
          </p>
        ) : null}
        {earlier && (state === "not-reviewed" || state === "out-of-date") ? (
          <p data-testid="changed-since">
            v{earlier.version} of this workflow was reviewed.{" "}
            <Link
              href={`?tab=versions&a=${encodeURIComponent(earlier.workflowId)}&b=${encodeURIComponent(workflow.id)}`}
              className="text-brand-700 underline dark:text-brand-100"
              onClick={(e) => {
                e.preventDefault();
                onCompare(earlier.workflowId, workflow.id);
              }}
            >
              See what changed since v{earlier.version}
            </Link>
          </p>
        ) : null}
        {done ? (
          <p role="status" className="text-emerald-800 dark:text-emerald-300">
            {done}
          </p>
        ) : null}
        {retired ? (
          <p className="text-slate-600 dark:text-slate-400">This version is retired; its reviews stay readable below.</p>
        ) : (
          <form
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              if (verdict) setConfirming(true);
            }}
          >
            <fieldset className="flex flex-col gap-1">
              <legend className="mb-1 font-medium">Your verdict</legend>
              {(Object.keys(VERDICT_WORDS) as ReviewVerdict[]).map((v) => (
                <label key={v} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name={`verdict-${workflow.id}`}
                    value={v}
                    checked={verdict === v}
                    onChange={() => setVerdict(v)}
                    className="h-4 w-4"
                  />
                  {VERDICT_WORDS[v]}
                </label>
              ))}
            </fieldset>
            <label htmlFor={noteId} className="font-medium">
              Note <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              id={noteId}
              value={note}
              maxLength={REVIEW_NOTE_MAX}
              onChange={(e) => setNote(e.target.value)}
              rows={3}
              className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900"
            />
            <div>
              <Button type="submit" size="sm" disabled={!verdict || !binding}>
                Record review…
              </Button>
            </div>
          </form>
        )}
        <ReviewList reviews={reviews} />
      </CardBody>
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title="Sign off this version?"
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Go back
            </Button>
            <Button onClick={submit} disabled={create.isPending}>
              {create.isPending ? "Recording…" : "Record review"}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-2 text-sm" data-testid="review-confirm">
          <p>
            You are recording <strong>“{verdict ? VERDICT_WORDS[verdict] : ""}”</strong> for{" "}
            <strong>
              {workflow.name} v{workflow.version}
            </strong>
            , with your name and the time.
          </p>
          {binding ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt>Diagram SHA-256</dt>
              <dd className="font-mono" title={binding.diagramSha256}>
                {shortDigest(binding.diagramSha256)}
              </dd>
              <dt>Envelope digest</dt>
              <dd className="font-mono" title={binding.envelopeDigest}>
                {shortDigest(binding.envelopeDigest)}
              </dd>
            </dl>
          ) : null}
          <p className="text-slate-600 dark:text-slate-400">
            If the diagram, the permitted actions, the keys, the triggers or the time limit change later, this review shows as out of date.
          </p>
          {note.trim() ? <p>Note: “{note.trim()}”</p> : null}
          <MutationError error={create.error} />
        </div>
      </Dialog>
    </Card>
  );
}

function ReviewList({ reviews }: { reviews: UseQueryResult<Review[]> }) {
  if (reviews.isPending) return <SkeletonRows rows={2} label="Loading reviews" />;
  if (reviews.isError) return <ErrorState title="Reviews could not be loaded" message={reviews.error.message} />;
  if (reviews.data.length === 0) return <p className="text-slate-600 dark:text-slate-400">No one has reviewed this version yet.</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-200 dark:divide-slate-800" aria-label="Reviews of this version">
      {reviews.data.map((r) => (
        <li key={`${r.at}-${r.envelopeDigest}-${r.reviewer.email ?? ""}`} className="flex flex-col gap-1 py-2">
          <span className="flex flex-wrap items-center gap-2">
            <strong>{VERDICT_WORDS[r.verdict]}</strong>
            <span>
              by {r.reviewer.name ?? r.reviewer.email ?? "someone"} on <time dateTime={r.at}>{formatInstant(r.at)}</time>
            </span>
            {r.current ? null : <span className="text-amber-800 dark:text-amber-300">(for an earlier diagram or envelope)</span>}
          </span>
          {r.note ? <span className="whitespace-pre-wrap break-words">{r.note}</span> : null}
          <span className="font-mono text-xs text-slate-500" title={`diagram ${r.diagramSha256}, envelope ${r.envelopeDigest}`}>
            diagram {shortDigest(r.diagramSha256)} · envelope {shortDigest(r.envelopeDigest)}
          </span>
        </li>
      ))}
    </ul>
  );
}
