import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { getFreePort } from "../../server/lib/ports";
import { startSandbox, type RunningSandbox } from "../../server/sandbox";
import { apiClient, probeCopy, runCli } from "./exec-helpers";

export interface TemporalDownSandbox {
  sandbox: RunningSandbox;
  /** The sandbox's state folder (its SQLite file lives there). */
  stateDir: string;
  /** Pegasus id of the probe workflow pushed into the demo tenant. */
  wfId: string;
  stop(): Promise<void>;
}

/**
 * A private, unseeded sandbox whose Temporal cannot start: its gRPC port is held by a listener that
 * accepts TCP (so dials succeed) but never speaks gRPC. A probe workflow named `probeName` is pushed
 * so runs can be attempted. `stop()` closes the sandbox, the listener's sockets and the temp folders.
 */
export async function startTemporalDownSandbox(venv: string, probeName: string): Promise<TemporalDownSandbox> {
  const port = await getFreePort();
  const sockets = new Set<Socket>();
  const blocker = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", () => resolve()));
  const stateDir = mkdtempSync(path.join(os.tmpdir(), `${probeName}-`));
  const sandbox = await startSandbox({
    port: 0,
    stateDir,
    venv,
    temporal: true,
    temporalPort: port,
    temporalUiPort: await getFreePort(),
    seed: false,
  });
  const folder = probeCopy({ name: probeName, version: "0.1.0", timeoutSeconds: 60 });
  const stop = async () => {
    await sandbox.stop();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(folder, { recursive: true, force: true });
  };
  const pushed = await runCli(venv, sandbox.apiUrl, sandbox.seedKeys.demo.key, ["push", "-C", folder]);
  if (pushed.code !== 0) {
    await stop();
    throw new Error(`push failed: ${pushed.stdout}\n${pushed.stderr}`);
  }
  const api = apiClient(sandbox.apiUrl, sandbox.seedKeys.demo.key);
  const list = await api<Array<{ id: string; name: string }>>("GET", "/workflows");
  const wfId = list.body.data?.find((w) => w.name === probeName)?.id ?? "";
  return { sandbox, stateDir, wfId, stop };
}
