import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { logger } from "@/lib/observability/logger";

// A once-a-second worker per console process, for work whose state lives in the store (bulk jobs,
// alert deliveries). The loop itself holds nothing that matters: it only says which process is
// asking (`owner`, used for leases and claims) and makes sure ticks of one loop never overlap.
// A kick during a tick asks for one more pass instead of running a second tick beside it.
// The state sits on globalThis because route handlers and instrumentation are separate bundles.

export interface ProcessLoop {
  /** Starts the loop in this process (idempotent). */
  ensure(): void;
  /** Runs a pass now (after work was queued) rather than at the next tick; starts the loop too. */
  kick(): void;
}

interface LoopState {
  owner: string;
  timer: NodeJS.Timeout | null;
  busy: boolean;
  again: boolean;
}

/** A loop named `name` (also its log prefix) running `pass(owner)` every `tickMs`. */
export function processLoop(name: string, tickMs: number, pass: (owner: string) => Promise<void>): ProcessLoop {
  const slot = Symbol.for(`pegasus.console.loop.${name}`);
  const holder = globalThis as typeof globalThis & { [key: symbol]: LoopState | undefined };
  const state = (): LoopState =>
    (holder[slot] ??= { owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, timer: null, busy: false, again: false });

  async function tick(s: LoopState): Promise<void> {
    if (s.busy) {
      s.again = true;
      return;
    }
    s.busy = true;
    try {
      do {
        s.again = false;
        await pass(s.owner);
      } while (s.again);
    } catch (error) {
      logger().error({ error: error instanceof Error ? error.message : String(error) }, `[${name}] tick failed`);
    } finally {
      s.busy = false;
    }
  }

  function ensure(): void {
    const s = state();
    if (s.timer) return;
    s.timer = setInterval(() => void tick(s), tickMs);
    s.timer.unref();
  }

  return {
    ensure,
    kick() {
      ensure();
      void tick(state());
    },
  };
}
