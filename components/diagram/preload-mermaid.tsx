"use client";
import { useEffect } from "react";
import { mermaidConfig } from "@/lib/diagram";
import { markDiagram } from "./perf";

let loading: Promise<unknown> | undefined;

/** A fixed two-node flowchart (never tenant text): drawing it fetches the flowchart parser and the layout code. */
const WARM_UP_SOURCE = "flowchart TD\n  a --> b\n";

/**
 * mermaid fetches each diagram type's parser and the layout code only when a diagram first needs
 * them, which on a first view would be two more round trips after the data. Drawing a fixed tiny
 * flowchart into a detached element fetches them now. Uses the console's one configuration and
 * theme, so interleaving with a real render cannot change the settings it draws with.
 */
async function warmUp(mermaid: typeof import("mermaid").default): Promise<void> {
  try {
    mermaid.initialize(mermaidConfig(document.documentElement.classList.contains("dark") ? "dark" : "light"));
    await mermaid.render("warm-up-diagram", WARM_UP_SOURCE, document.createElement("div"));
  } catch {
    // Only a head start: the real render loads whatever is missing.
  }
}

/**
 * Starts fetching mermaid's chunk (and its flowchart parts) without waiting for a diagram to need
 * it: the workflow page's module, the loading states and the catalog's links call it, so the
 * download overlaps hydration and the data fetch instead of following them. Safe to call any number
 * of times.
 */
export function preloadMermaid(): void {
  if (!loading) markDiagram("preload-start");
  loading ??= import("mermaid")
    .then((m) => warmUp(m.default))
    .then(() => markDiagram("preload-done"))
    .catch(() => {
      loading = undefined;
    });
}

/** Renders nothing; starts the mermaid download as soon as it mounts (for loading.tsx files). */
export function PreloadMermaid() {
  useEffect(preloadMermaid, []);
  return null;
}
