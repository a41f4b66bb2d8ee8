"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text` to the clipboard and says so (for ids and payloads). */
export function CopyButton({ text, label = "Copy", what }: { text: string | (() => string); label?: string; what: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === "function" ? text() : text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <Button variant="ghost" size="sm" className="shrink-0 whitespace-nowrap" onClick={() => void copy()} aria-label={`${label} ${what}`}>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
      <span className="sr-only" aria-live="polite">
        {state === "copied" ? `${what} copied` : ""}
      </span>
    </Button>
  );
}
