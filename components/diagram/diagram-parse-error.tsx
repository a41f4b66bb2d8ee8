/** Shown in place of the viewport when Mermaid cannot parse a diagram: the parser's message, then the source. */
export function DiagramParseError({ message, source }: { message: string; source: string }) {
  return (
    <div className="flex flex-col gap-2" data-testid="diagram-error">
      <div
        role="alert"
        className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      >
        <p className="font-semibold">This diagram could not be drawn. Its source is shown instead.</p>
        <pre className="mt-1 overflow-x-auto whitespace-pre-wrap font-mono text-xs">{message}</pre>
      </div>
      <pre className="max-h-96 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-950" aria-label="Diagram source">
        {source}
      </pre>
    </div>
  );
}
