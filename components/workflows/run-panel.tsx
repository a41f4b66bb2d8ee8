"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { runWorkflowMutation } from "@/lib/queries/executions";
import { BffClientError } from "@/lib/queries/fetcher";
import type { Execution } from "@/lib/schemas/execution";
import type { Workflow } from "@/lib/schemas/workflow";
import { describeRunError, executionHref, parseRunInput } from "./run-input";
import { checkRunInputSize } from "@/lib/executions/payload-limits";
import { ErrorReference } from "@/components/ui/error-reference";

/** Start a live or dry run with a JSON input (shown only to users with workflow:run). */
export function RunPanel({ workflow }: { workflow: Workflow }) {
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState("{\n  \n}");
  const [mode, setMode] = useState<"live" | "dry_run">("dry_run");
  const [started, setStarted] = useState<Execution | null>(null);
  const parsed = parseRunInput(text);
  const size = parsed.ok ? checkRunInputSize(parsed.input) : null;
  const curated = workflow.visibility === "GLOBAL";
  const cannotRun = workflow.visibility === "TENANT" && !workflow.executable;

  const run = useMutation(runWorkflowMutation());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!parsed.ok || size?.level === "refuse") return;
    setStarted(null);
    run.mutate({ workflowId: workflow.id, input: parsed.input, mode: curated ? "live" : mode }, { onSuccess: setStarted });
  };

  const error = run.error;
  return (
    <Card>
      <CardHeader
        title="Run this version"
        description="A dry run executes the code but records what it would send instead of sending it. A live run does everything for real."
      />
      <CardBody>
        {cannotRun ? (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            This version is not executable: re-upload it with the current SDK to run it.
          </p>
        ) : (
          <form onSubmit={submit} className="flex flex-col gap-3">
            <label htmlFor={inputId} className="text-sm font-medium">
              Input (JSON object)
            </label>
            <textarea
              id={inputId}
              value={text}
              onChange={(e) => setText(e.target.value)}
              rows={8}
              spellCheck={false}
              aria-invalid={!parsed.ok}
              aria-describedby={parsed.ok ? undefined : errorId}
              className="rounded-md border border-slate-300 bg-white p-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-950"
            />
            {parsed.ok ? null : (
              <p id={errorId} className="text-sm text-red-700 dark:text-red-300">
                {parsed.message}
              </p>
            )}
            {size?.message ? (
              <p
                role={size.level === "refuse" ? "alert" : "status"}
                data-testid="payload-size"
                className={
                  size.level === "refuse" ? "text-sm text-red-700 dark:text-red-300" : "text-sm text-amber-800 dark:text-amber-300"
                }
              >
                {size.message}
              </p>
            ) : null}
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="sr-only">Mode</legend>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="mode"
                  value="dry_run"
                  checked={!curated && mode === "dry_run"}
                  disabled={curated}
                  onChange={() => setMode("dry_run")}
                />
                Dry run (nothing is sent)
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="mode" value="live" checked={curated || mode === "live"} onChange={() => setMode("live")} />
                Live run
              </label>
              {curated ? <span className="text-slate-600 dark:text-slate-400">Curated workflows only run live.</span> : null}
            </fieldset>
            <div>
              <Button type="submit" disabled={!parsed.ok || size?.level === "refuse" || run.isPending}>
                {run.isPending ? "Starting…" : curated || mode === "live" ? "Start live run" : "Start dry run"}
              </Button>
            </div>
          </form>
        )}
        {error ? (
          <div
            role="alert"
            className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-100"
          >
            <p className="font-semibold">The run did not start.</p>
            <p>{error instanceof BffClientError ? describeRunError(error.code, error.message) : error.message}</p>
            {error instanceof BffClientError ? <ErrorReference code={error.code} requestId={error.requestId} /> : null}
          </div>
        ) : null}
        {started ? (
          <p
            role="status"
            className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-100"
          >
            {started.dryRun ? "Dry run" : "Live run"} started ({started.status.toLowerCase()}).{" "}
            <Link href={executionHref(started.workflowId, started.id)} className="font-medium underline">
              Open the execution
            </Link>
          </p>
        ) : null}
      </CardBody>
    </Card>
  );
}
