"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { saveFile } from "@/components/ui/save-file";
import { historyExportUrl } from "@/lib/queries/temporal";

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Downloads Temporal's own JSON history (importable in the Temporal UI, replayable by the SDKs)
 * and a `.sha256` file beside it; the hash the server sent is checked against the bytes received.
 */
export function HistoryExportButton({ workflowId, executionId }: { workflowId: string; executionId: string }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  async function download() {
    setState({ busy: true, error: null });
    try {
      const res = await fetch(historyExportUrl(workflowId, executionId), { credentials: "same-origin" });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The export failed (HTTP ${res.status})`);
      }
      const bytes = await res.arrayBuffer();
      const sent = res.headers.get("x-content-sha256") ?? "";
      const hash = await sha256Hex(bytes);
      if (hash !== sent) throw new Error("The download was damaged on the way (its SHA-256 does not match); try again.");
      const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `history-${executionId}.json`;
      saveFile(new Blob([bytes], { type: "application/json" }), name);
      saveFile(new Blob([`${hash}  ${name}\n`], { type: "text/plain" }), `${name}.sha256`);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return (
    <span className="flex flex-col gap-1">
      <Button variant="secondary" size="sm" onClick={() => void download()} disabled={state.busy}>
        {state.busy ? "Exporting…" : "Download Temporal JSON"}
      </Button>
      {state.error ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {state.error}
        </span>
      ) : null}
    </span>
  );
}
