import { mkdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { getRequestListener } from "@hono/node-server";
import { buildApp } from "./app";
import type { SandboxConfig, SandboxContext } from "./context";
import { openDb } from "./db";
import { CONSOLE_CLIENT } from "./identities";
import { loadOrCreateSecretKey } from "./lib/crypto";
import { log } from "./lib/log";
import { defaultStateDir, defaultVenv } from "./lib/paths";
import { createOidc } from "./oidc/index";
import { SEED_KEYS_FILE, seedBase, type SeedKeys } from "./seed/base";
import { seedDemo } from "./seed/demo";
import { createExecutionsRuntime } from "./temporal/runtime";

export interface StartOptions extends Partial<SandboxConfig> {
  /** Seed the demo tenant's workflows when the db is new (default true). */
  seed?: boolean;
}

export interface RunningSandbox {
  apiUrl: string;
  issuer: string;
  config: SandboxConfig;
  ctx: SandboxContext;
  /** Plaintext seed keys (also in `<stateDir>/seed-keys.json`). */
  seedKeys: SeedKeys;
  stop(): Promise<void>;
}

function envFlag(name: string, fallback: boolean): boolean {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  return !["0", "false", "no", "off"].includes(v.toLowerCase());
}

function envInt(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v >= 0 && process.env[name] !== undefined && process.env[name] !== "" ? v : fallback;
}

function envList(name: string): string[] {
  return (process.env[name] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Start one sandbox: state dir, db (+ base seed), one HTTP server for /oidc and /api/v1, hooks, demo seed. */
export async function startSandbox(opts: StartOptions = {}): Promise<RunningSandbox> {
  const stateDir = path.resolve(opts.stateDir ?? defaultStateDir());
  mkdirSync(stateDir, { recursive: true });
  mkdirSync(path.join(stateDir, "artifacts"), { recursive: true });
  const secretKey = loadOrCreateSecretKey(stateDir);
  const db = openDb(stateDir);
  const isNew = (db.prepare("SELECT COUNT(*) AS n FROM tenants").get() as { n: number }).n === 0;
  const seedKeys: SeedKeys = isNew
    ? seedBase(db, stateDir)
    : (JSON.parse(readFileSync(path.join(stateDir, SEED_KEYS_FILE), "utf8")) as SeedKeys);

  let listener: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503, { "content-type": "application/json" }).end('{"error":"Starting","code":"UNAVAILABLE"}');
  };
  const server = createServer((req, res) => listener(req, res));
  // Idle keep-alive sockets stay open for a minute, not Node's 5 s: a client whose event loop was busy
  // (a test running the SDK CLI synchronously, a loaded console) reuses its pooled socket late, and a
  // socket the server has just closed fails that request ("other side closed") instead of answering it.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  const requestedPort = opts.port ?? envInt("SANDBOX_PORT", 4010);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const config: SandboxConfig = {
    port,
    origin,
    issuer: `${origin}/oidc`,
    apiBaseUrl: `${origin}/api/v1`,
    stateDir,
    venv: opts.venv ?? defaultVenv(),
    temporal: opts.temporal ?? envFlag("SANDBOX_TEMPORAL", true),
    temporalPort: opts.temporalPort ?? envInt("SANDBOX_TEMPORAL_PORT", 7233),
    temporalUiPort: opts.temporalUiPort ?? envInt("SANDBOX_TEMPORAL_UI_PORT", 8233),
    consoleOrigins: opts.consoleOrigins ?? [...CONSOLE_CLIENT.defaultOrigins, ...envList("SANDBOX_CONSOLE_ORIGINS")],
    idTokenTtlSeconds: opts.idTokenTtlSeconds ?? envInt("SANDBOX_ID_TOKEN_TTL", 3600),
    integrationConfigPublish: opts.integrationConfigPublish ?? envFlag("INTEGRATION_CONFIG_PUBLISH_ENABLED", true),
    customEvents: opts.customEvents ?? envFlag("CUSTOM_EVENTS_ENABLED", true),
    workflowsDisabledTenants: opts.workflowsDisabledTenants ?? envList("SANDBOX_WORKFLOWS_DISABLED_TENANTS"),
  };

  // The kill switch follows configuration on every start.
  db.prepare("UPDATE tenants SET workflows_disabled = 0").run();
  const setDisabled = db.prepare("UPDATE tenants SET workflows_disabled = 1 WHERE id = ?");
  for (const id of config.workflowsDisabledTenants) setDisabled.run(id);

  // The composition root: the context, then the executions runtime on it, then the OIDC issuer and the app.
  const ctx: SandboxContext = { db, config, secretKey, onStart: [], onStop: [], onDomainEvent: [], health: {}, log, executions: null };
  ctx.executions = createExecutionsRuntime(ctx);

  const oidc = await createOidc({
    issuer: config.issuer,
    stateDir,
    consoleOrigins: config.consoleOrigins,
    idTokenTtlSeconds: config.idTokenTtlSeconds,
  });

  const app = buildApp(ctx);
  const honoListener = getRequestListener(app.fetch);
  listener = (req, res) => {
    const url = req.url ?? "/";
    if (url === "/oidc" || url.startsWith("/oidc/") || url.startsWith("/oidc?")) {
      return oidc.handler(req, res);
    }
    void honoListener(req, res);
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    for (const hook of [...ctx.onStop].reverse()) {
      try {
        await hook();
      } catch (err) {
        log("error", "stop hook failed", { error: err instanceof Error ? err.message : String(err) });
      }
    }
    await oidc.close?.();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    db.close();
  };

  try {
    for (const hook of ctx.onStart) await hook();
    if (isNew && opts.seed !== false) {
      await seedDemo({ apiUrl: config.apiBaseUrl, stateDir, venv: config.venv, config, executions: ctx.executions });
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return { apiUrl: config.apiBaseUrl, issuer: config.issuer, config, ctx, seedKeys, stop };
}
