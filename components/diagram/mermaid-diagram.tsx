"use client";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type PointerEvent } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import {
  fitToView,
  IDENTITY,
  MAX_DIAGRAM_CHARS,
  neutralizeDiagramSource,
  panBy,
  parseErrorMessage,
  removedPartsNotice,
  toCss,
  zoomAt,
  type ViewTransform,
} from "@/lib/diagram";
import { applyNodeMarks, type DiagramNodeMark } from "./node-marks";
import { markDiagram } from "./perf";
import { useNonce } from "@/components/providers";
import { renderKeyOf, renderMermaid, type RenderState } from "./render-mermaid";
import { earlyPaintScript } from "./early-paint";
import { exportDiagramPng, exportDiagramSvg } from "./export-diagram";
import { useDarkTheme } from "./use-dark-theme";
import { DiagramParseError } from "./diagram-parse-error";

const EMPTY_HTML = { __html: "" };
const noSubscription = () => () => undefined;
const clientSnapshot = () => false;
const serverSnapshot = () => true;

/**
 * A workflow's Mermaid diagram: pan (drag or arrow keys), zoom (wheel, +/−), fit (0), full screen,
 * SVG/PNG export and the source. A diagram that fails to parse shows its source and the parser's
 * message; a missing one says so.
 */
export function MermaidDiagram({
  source,
  name,
  version,
  className,
  heightClass = "h-[28rem]",
  nodeMarks,
  caption,
}: {
  source: string | null | undefined;
  name: string;
  version: string;
  className?: string;
  heightClass?: string;
  /** Run status to paint on flowchart nodes (see node-marks.ts); applied to the sanitised SVG only. */
  nodeMarks?: readonly DiagramNodeMark[];
  /** Extra words for the viewport's accessible name, e.g. what the marks mean. */
  caption?: string;
}) {
  const dark = useDarkTheme();
  // The result is stored with the input it was drawn from, so a new input reads as "loading".
  const [result, setResult] = useState<{ key: string; state: RenderState } | null>(null);
  const [view, setView] = useState<ViewTransform>(IDENTITY);
  const [showSource, setShowSource] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const layerRef = useRef<HTMLDivElement>(null);
  const dragRef = useRef<{ x: number; y: number; id: number } | null>(null);
  const text = source?.trim() ? source : null;
  const renderKey = renderKeyOf(text ?? "", dark);
  const nonce = useNonce();
  // The server-rendered page paints a stored picture before hydration (early-paint.ts). The script is
  // rendered only into the server's HTML and while hydrating it: one React created later would never run.
  const fromServer = useSyncExternalStore(noSubscription, clientSnapshot, serverSnapshot);
  const earlyScript = useMemo(
    () => (fromServer && text && text.length <= MAX_DIAGRAM_CHARS ? { __html: earlyPaintScript(text) } : null),
    [fromServer, text],
  );
  const state: RenderState = useMemo(
    () => (result && result.key === renderKey ? result.state : { status: "loading" }),
    [result, renderKey],
  );
  const removedNotice = useMemo(() => (text ? removedPartsNotice(neutralizeDiagramSource(text).removed) : null), [text]);

  useEffect(() => {
    if (!text) return;
    markDiagram("effect");
    let cancelled = false;
    const drawing = renderMermaid(text, dark);
    // From here on the layer is React's: a late early-paint read must leave it alone.
    layerRef.current?.setAttribute("data-owned", "");
    drawing
      .then((next) => {
        if (!cancelled) setResult({ key: renderKey, state: next });
      })
      .catch((error: unknown) => {
        if (!cancelled) setResult({ key: renderKey, state: { status: "error", message: parseErrorMessage(error) } });
      });
    return () => {
      cancelled = true;
    };
  }, [text, dark, renderKey]);

  const fit = useCallback(() => {
    const vp = viewportRef.current;
    if (state.status !== "ok" || !vp) return;
    setView(fitToView(state.size, { width: vp.clientWidth, height: vp.clientHeight }));
  }, [state]);

  // Mount the sanitised SVG node and fit it.
  useEffect(() => {
    const layer = layerRef.current;
    if (!layer || state.status !== "ok") return;
    // An early-painted picture is already in place: moving it again would only cost a relayout.
    if (layer.childNodes.length !== 1 || layer.firstChild !== state.svg) layer.replaceChildren(state.svg);
    fit();
    markDiagram("mounted");
    return () => layer.replaceChildren();
  }, [state, fit]);

  // Status marks go on after the SVG is mounted (glyph placement needs layout) and come off
  // before the next set, so a live run re-marks the same picture.
  useEffect(() => {
    if (state.status !== "ok" || !nodeMarks || nodeMarks.length === 0) return;
    return applyNodeMarks(state.svg, nodeMarks, { dark });
  }, [state, nodeMarks, dark]);

  useEffect(() => {
    const onChange = () => {
      setFullscreen(document.fullscreenElement === frameRef.current);
      requestAnimationFrame(fit);
    };
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, [fit]);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const vp = viewportRef.current;
    if (!vp) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = vp.getBoundingClientRect();
      setView((v) => zoomAt(v, event.deltaY < 0 ? 1.15 : 1 / 1.15, { x: event.clientX - rect.left, y: event.clientY - rect.top }));
    };
    vp.addEventListener("wheel", onWheel, { passive: false });
    return () => vp.removeEventListener("wheel", onWheel);
  }, [state.status]);

  const zoomCentre = (factor: number) => {
    const vp = viewportRef.current;
    if (!vp) return;
    setView((v) => zoomAt(v, factor, { x: vp.clientWidth / 2, y: vp.clientHeight / 2 }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = 40;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      setView((v) => panBy(v, move[0], move[1]));
    } else if (event.key === "+" || event.key === "=") {
      event.preventDefault();
      zoomCentre(1.25);
    } else if (event.key === "-") {
      event.preventDefault();
      zoomCentre(0.8);
    } else if (event.key === "0") {
      event.preventDefault();
      fit();
    }
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    dragRef.current = { x: event.clientX, y: event.clientY, id: event.pointerId };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const drag = dragRef.current;
    if (!drag || drag.id !== event.pointerId) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    dragRef.current = { ...drag, x: event.clientX, y: event.clientY };
    setView((v) => panBy(v, dx, dy));
  };
  const endDrag = () => {
    dragRef.current = null;
  };

  const exportSvg = () => {
    if (state.status === "ok") exportDiagramSvg(state.svg, name, version);
  };
  const exportPng = () => {
    if (state.status !== "ok") return;
    setExportError(null);
    void exportDiagramPng(state.svg, state.size, dark, name, version).then(setExportError);
  };

  const toggleFullscreen = () => {
    const frame = frameRef.current;
    if (!frame) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.requestFullscreen().catch(() => setExportError("Full screen is not available here."));
  };

  if (!text) {
    return (
      <div
        className={cn(
          "rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400",
          className,
        )}
        data-testid="diagram-missing"
      >
        This version has no diagram. Authors add one as <code className="font-mono">diagram.mmd</code> next to the workflow source.
      </div>
    );
  }

  const ok = state.status === "ok";
  return (
    <div
      ref={frameRef}
      className={cn("flex flex-col gap-2 bg-white dark:bg-slate-900", fullscreen && "p-4", className)}
      data-testid="diagram"
    >
      <div role="toolbar" aria-label="Diagram controls" className="flex flex-wrap items-center gap-1">
        <Button variant="secondary" size="sm" onClick={() => zoomCentre(1.25)} disabled={!ok} aria-label="Zoom in">
          +
        </Button>
        <Button variant="secondary" size="sm" onClick={() => zoomCentre(0.8)} disabled={!ok} aria-label="Zoom out">
          −
        </Button>
        <Button variant="secondary" size="sm" onClick={fit} disabled={!ok}>
          Fit
        </Button>
        <span className="px-1 text-xs tabular-nums text-slate-600 dark:text-slate-400" aria-live="polite">
          {ok ? `${Math.round(view.scale * 100)}%` : ""}
        </span>
        <Button variant="secondary" size="sm" onClick={toggleFullscreen} disabled={!ok} aria-pressed={fullscreen}>
          {fullscreen ? "Exit full screen" : "Full screen"}
        </Button>
        <Button variant="secondary" size="sm" onClick={exportSvg} disabled={!ok}>
          Export SVG
        </Button>
        <Button variant="secondary" size="sm" onClick={exportPng} disabled={!ok}>
          Export PNG
        </Button>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => setShowSource((s) => !s)}
          aria-expanded={showSource || state.status === "error"}
          disabled={state.status === "error"}
        >
          {showSource ? "Hide source" : "View source"}
        </Button>
      </div>
      {removedNotice && state.status !== "error" ? (
        <p
          role="status"
          className="rounded-md border border-slate-200 bg-slate-50 p-2 text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-300"
          data-testid="diagram-removed"
        >
          {removedNotice}
        </p>
      ) : null}
      {exportError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          {exportError}
        </p>
      ) : null}
      {state.status === "error" ? (
        <DiagramParseError message={state.message} source={text} />
      ) : (
        <div
          ref={viewportRef}
          tabIndex={0}
          role="group"
          aria-label={`Diagram of ${name} ${version}.${caption ? ` ${caption}` : ""} Drag or use the arrow keys to pan, + and − to zoom, 0 to fit.`}
          aria-busy={state.status === "loading"}
          onKeyDown={onKeyDown}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={endDrag}
          onPointerCancel={endDrag}
          onDoubleClick={fit}
          className={cn(
            "relative cursor-grab touch-none overflow-hidden rounded-md border border-slate-200 bg-slate-50 outline-none focus-visible:ring-2 focus-visible:ring-brand-600 active:cursor-grabbing dark:border-slate-800 dark:bg-slate-950",
            fullscreen ? "flex-1" : heightClass,
          )}
        >
          {/* Its children are ours, not React's (the SVG is mounted by hand, possibly before hydration):
              an empty innerHTML tells React to leave them alone. */}
          <div
            ref={layerRef}
            className="peer absolute left-0 top-0 origin-top-left"
            style={{ transform: toCss(view) }}
            data-testid="diagram-canvas"
            data-diagram-layer=""
            dangerouslySetInnerHTML={EMPTY_HTML}
            suppressHydrationWarning
          />
          {state.status === "loading" ? (
            <p className="p-4 text-sm text-slate-600 peer-[:not(:empty)]:hidden dark:text-slate-400">Drawing the diagram…</p>
          ) : null}
          {earlyScript ? (
            <script nonce={nonce} data-diagram-early="" dangerouslySetInnerHTML={earlyScript} suppressHydrationWarning />
          ) : null}
        </div>
      )}
      {showSource && state.status !== "error" ? (
        <pre className="max-h-72 overflow-auto rounded-md bg-slate-100 p-3 font-mono text-xs dark:bg-slate-950" aria-label="Diagram source">
          {text}
        </pre>
      ) : null}
    </div>
  );
}
