"use client";
import { Background, Controls, Handle, Position, ReactFlow, type NodeProps, type Node } from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useMemo } from "react";
import { cn } from "@/components/ui/cn";
import type { GroupedTimeline } from "@/lib/timeline";
import { buildExecutionGraph, type StepNodeData } from "@/lib/timeline/graph-model";
import { countOf } from "@/lib/text/count";

const TONE: Record<StepNodeData["tone"], string> = {
  ok: "border-emerald-500",
  failed: "border-red-500 bg-red-50 dark:bg-red-950/40",
  running: "border-brand-600 animate-pulse",
  timer: "border-slate-400 border-dashed",
  neutral: "border-slate-300 dark:border-slate-600",
};

function StepNode({ data }: NodeProps<Node<StepNodeData>>) {
  return (
    <div className={cn("w-44 rounded-md border-2 bg-white px-3 py-2 text-xs shadow-sm dark:bg-slate-900", TONE[data.tone])}>
      <Handle type="target" position={Position.Left} />
      <p className="truncate font-mono font-medium" title={data.label}>
        {data.label}
      </p>
      {data.detail ? (
        <p className="truncate text-slate-500" title={data.detail}>
          {data.detail}
        </p>
      ) : null}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const NODE_TYPES = { step: StepNode };

/** The steps as they ran, left to right (React Flow; loaded only when this tab opens). */
export function ExecutionGraph({ timeline }: { timeline: GroupedTimeline }) {
  const graph = useMemo(() => buildExecutionGraph(timeline), [timeline]);
  return (
    <div>
      {graph.directMode ? (
        <p className="mb-3 rounded-md bg-slate-50 p-3 text-sm text-slate-700 dark:bg-slate-800/50 dark:text-slate-300">
          Only the direct-mode proxy activity exists in this history: the workflow ran inside{" "}
          <code className="font-mono">run_tenant_entry_point</code>, so Temporal cannot show its individual steps. Run it as a dry run to
          see each activity call.
        </p>
      ) : null}
      {graph.omitted > 0 ? (
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Showing the first {countOf(graph.nodes.length, "step")}; {graph.omitted} more {graph.omitted === 1 ? "is" : "are"} in the Steps
          and Events views.
        </p>
      ) : null}
      <div className="h-[50vh] rounded-md border border-slate-200 dark:border-slate-800" data-testid="execution-graph">
        <ReactFlow
          nodes={graph.nodes}
          edges={graph.edges}
          nodeTypes={NODE_TYPES}
          fitView
          nodesDraggable={false}
          nodesConnectable={false}
          minZoom={0.05}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
}
