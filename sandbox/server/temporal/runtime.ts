import type { SandboxContext } from "../context";
import { getRuntimeToken } from "../lib/runtime-token";
import { ExecutionEngine } from "./engine";
import { TemporalService } from "./service";
import { TriggerRunner } from "./triggers";

/** The executions part of one sandbox: the Temporal dev server + runner, the engine and the trigger runner. */
export interface ExecutionsRuntime {
  temporal: TemporalService;
  engine: ExecutionEngine;
  triggers: TriggerRunner;
}

const HEALTH_STATE = { ready: "ok", starting: "starting", disabled: "disabled", unavailable: "down" } as const;

/**
 * Builds the executions runtime on a context and hooks it into the sandbox's lifecycle: Temporal and
 * the reconciler start after the HTTP server listens, the scheduler fires schedule triggers, every
 * stored domain event is dispatched to event triggers, and everything stops with the sandbox.
 */
export function createExecutionsRuntime(ctx: SandboxContext): ExecutionsRuntime {
  const temporal = new TemporalService(ctx);
  const engine = new ExecutionEngine(ctx, temporal, getRuntimeToken);
  const triggers = new TriggerRunner(ctx, engine);
  ctx.health.temporal = () => ({
    state: HEALTH_STATE[temporal.state],
    detail: temporal.state === "ready" ? "dev server and tenant runner are up" : temporal.reason,
    ...(temporal.info ? { address: temporal.info.address, uiUrl: temporal.info.uiUrl } : {}),
  });
  ctx.onStart.push(async () => {
    await temporal.start();
    engine.startReconciler();
    triggers.startScheduler();
    await triggers.dispatchPending();
  });
  ctx.onStop.push(async () => {
    triggers.stopScheduler();
    engine.stopReconciler();
    await temporal.stop();
  });
  ctx.onDomainEvent.push(async (event) => {
    await triggers.dispatch(event);
  });
  return { temporal, engine, triggers };
}
