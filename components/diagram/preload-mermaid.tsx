"use client";
import { useEffect } from "react";
import { markDiagram } from "./perf";

let loading: Promise<unknown> | undefined;

/**
 * Starts fetching mermaid's chunk without waiting for a diagram to need it: the workflow page's
 * loading state and the catalog's links call it, so the download overlaps the server render and
 * the data fetch instead of following them. Safe to call any number of times.
 */
export function preloadMermaid(): void {
  if (!loading) markDiagram("preload-start");
  loading ??= import("mermaid")
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
