/**
 * Hostile corpus on every sandbox route (issue 13): JSON nested around and far past the nesting
 * limit, every HTTP method (TRACE and made-up verbs included), bodies around the size limit.
 * Whatever the route, the answer is never a 5xx, a 4xx carries the contract error body, and the
 * depth/size refusals name their limit. The route list is read from the app itself, so a new route
 * is fuzzed without editing this file. It runs as a fresh tenant of its own, so "nothing changed" is
 * checked on that tenant's rows while other test files share the sandbox. The sweep over all routes
 * uses unknown ids (a wrongly accepted request cannot touch a real row); the run route is also hit
 * with a real (GLOBAL) workflow, so its body checks are really reached.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildApp, MAX_JSON_BODY_BYTES } from "../../server/app";
import type { SandboxContext } from "../../server/context";
import { openDb } from "../../server/db";
import { MAX_JSON_DEPTH } from "../../server/http";
import { loadOrCreateSecretKey } from "../../server/lib/crypto";
import { createExecutionsRuntime } from "../../server/temporal/runtime";
import { createKey, createTenant, testDb } from "../support/keys";

const apiUrl = new URL(inject("apiUrl"));

interface Answer {
  status: number;
  text: string;
}

/** One request over node:http (fetch refuses TRACE and CONNECT); `null` when the server gave no answer. */
function send(
  method: string,
  pathname: string,
  opts: { token?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<Answer | null> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) {
      headers["content-type"] ??= "application/json";
      headers["content-length"] = String(Buffer.byteLength(opts.body));
    }
    const req = http.request({
      host: apiUrl.hostname,
      port: apiUrl.port,
      method,
      path: `${apiUrl.pathname}${pathname}`,
      headers,
      agent: false,
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${pathname}: no answer in 30 s`)));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    // CONNECT: a server that does not take tunnels closes the socket; that is "no answer", not a 5xx.
    req.on("connect", (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, text: "" });
    });
    req.on("error", (error: NodeJS.ErrnoException) => {
      // The server may answer 413 and close before the whole body is written.
      if (error.code === "ECONNRESET" || error.code === "EPIPE") resolve(null);
      else reject(error);
    });
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** The route table as the app registers it (a private app on a throw-away context; nothing served). */
function registeredRoutes(): Array<{ method: string; path: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "core-fuzz-"));
  const db = openDb(dir);
  try {
    const ctx: SandboxContext = {
      db,
      secretKey: loadOrCreateSecretKey(dir),
      onStart: [],
      onStop: [],
      onDomainEvent: [],
      executions: null,
      health: {},
      log: () => undefined,
      config: {
        port: 1,
        origin: "http://127.0.0.1:1",
        issuer: "http://127.0.0.1:1/oidc",
        apiBaseUrl: "http://127.0.0.1:1/api/v1",
        stateDir: dir,
        venv: dir,
        temporal: false,
        temporalPort: 1,
        temporalUiPort: 1,
        consoleOrigins: ["http://127.0.0.1:3000"],
        idTokenTtlSeconds: 60,
        integrationConfigPublish: true,
        customEvents: true,
        workflowsDisabledTenants: [],
      },
    };
    // The executions runtime as sandbox.ts builds it (Temporal off in this config: it starts nothing).
    ctx.executions = createExecutionsRuntime(ctx);
    const seen = new Set<string>();
    const routes: Array<{ method: string; path: string }> = [];
    for (const r of buildApp(ctx).routes) {
      if (r.method === "ALL" || r.path.includes("*") || !r.path.startsWith("/api/v1/")) continue;
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      routes.push({ method: r.method, path: r.path.slice("/api/v1".length) });
    }
    return routes;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ROUTES = registeredRoutes();
let token = "";
let tenantId = "";
let workflowId = "";
let before = "";

/** Fills `:param` segments with values that name nothing (ids, keys, names). */
function fill(template: string): string {
  return template.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_m, name: string) => {
    if (name === "integrationId") return "fuzz_nowhere";
    if (/key|group|name|type|slug/i.test(name)) return "FUZZ_NOWHERE";
    return randomUUID();
  });
}

/** A write without path params: nothing to look up before the body, so the body is read first. */
const readsBodyFirst = (route: { method: string; path: string }) =>
  ["POST", "PUT", "PATCH"].includes(route.method) && !route.path.includes(":");

const deepText = (levels: number, array: boolean) => `${(array ? "[" : '{"a":').repeat(levels)}1${(array ? "]" : "}").repeat(levels)}`;

/** The fuzzing tenant's rows that change when a hostile request is wrongly accepted. */
function snapshot(): string {
  const db = testDb();
  const tables = [
    "workflows",
    "workflow_uploads",
    "workflow_executions",
    "workflow_triggers",
    "workflow_secret_configs",
    "tenant_event_types",
    "domain_events",
    "integration_configs",
  ];
  return JSON.stringify(
    tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE tenant_id = ?`).get(tenantId) as { n: number }).n]),
  );
}

/**
 * Never a 5xx; a 4xx carries `{error, code}`, except where no app code runs or may answer with a
 * body: HEAD (no body by definition) and a verb Node's HTTP parser does not know (its own bare 400
 * before the request reaches the app). Returns the problem, or null.
 */
function verdict(label: string, answer: Answer | null, method = "GET"): string | null {
  if (answer === null) return null;
  if (answer.status >= 500) return `${label} → ${answer.status} ${answer.text.slice(0, 160)}`;
  const bodyless = method === "HEAD" || (!http.METHODS.includes(method) && answer.status === 400 && answer.text === "");
  if (answer.status >= 400 && !bodyless && !/"error"\s*:\s*"[^"]*"[\s\S]*"code"\s*:/.test(answer.text))
    return `${label} → ${answer.status} without the error body: ${answer.text.slice(0, 160)}`;
  return null;
}

beforeAll(async () => {
  tenantId = createTenant("ACTIVE");
  token = createKey(tenantId, ["tenant_admin", "workflow_developer", "integration_publisher", "workflow_runtime"]).key;
  const list = await send("GET", "/workflows", { token });
  const rows = (JSON.parse(list?.text ?? "{}") as { data?: Array<{ id: string; executable?: boolean }> }).data ?? [];
  const found = (rows.find((w) => w.executable) ?? rows[0])?.id;
  if (!found) throw new Error(`no workflow visible to a fresh tenant: ${list?.status} ${list?.text.slice(0, 200)}`);
  workflowId = found;
  before = snapshot();
});

afterAll(() => {
  expect(snapshot(), "the hostile corpus changed stored rows").toBe(before);
});

describe("hostile corpus on every sandbox route", () => {
  it("reads the route table from the app", () => {
    expect(ROUTES.length).toBeGreaterThan(40);
    expect(ROUTES).toContainEqual({ method: "POST", path: "/workflows/:id/run" });
  });

  it("JSON nested just past, far past and 20,000 levels past the limit: never a 5xx, and 400 naming the limit wherever a body is read", async () => {
    const failures: string[] = [];
    const depths = [MAX_JSON_DEPTH + 1, 1_000, 20_000];
    for (const route of ROUTES) {
      for (const depth of depths) {
        for (const array of [true, false]) {
          const body = `{"input":${deepText(depth - 1, array)}}`;
          const answer = await send(route.method, fill(route.path), { token, body });
          const label = `${route.method} ${route.path} depth ${depth}${array ? " []" : " {}"}`;
          const problem = verdict(label, answer);
          if (problem) failures.push(problem);
          // Routes without params read their body first: there the refusal must be the depth error.
          else if (
            readsBodyFirst(route) &&
            !(answer?.status === 400 && answer.text.includes(`nests deeper than ${MAX_JSON_DEPTH} levels`))
          ) {
            failures.push(`${label} → ${answer?.status} ${answer?.text.slice(0, 120)} (expected the depth error)`);
          }
        }
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("the run route on a real workflow: 400 VALIDATION_ERROR naming the limit for 65, 1,000 and 20,000 levels, nothing started", async () => {
    for (const depth of [MAX_JSON_DEPTH + 1, 1_000, 20_000]) {
      for (const array of [true, false]) {
        const answer = await send("POST", `/workflows/${workflowId}/run`, { token, body: `{"input":{"x":${deepText(depth - 2, array)}}}` });
        expect(answer?.status, `depth ${depth}`).toBe(400);
        expect(JSON.parse(answer?.text ?? "{}")).toEqual({
          error: `Request body nests deeper than ${MAX_JSON_DEPTH} levels`,
          code: "VALIDATION_ERROR",
        });
      }
    }
    // Trigger filters and integration mappings fall under the same limit.
    const filter = await send("POST", `/workflows/${workflowId}/triggers`, {
      token,
      body: `{"kind":"EVENT","eventType":"quote.accepted","filter":${deepText(MAX_JSON_DEPTH, false)}}`,
    });
    expect([filter?.status, JSON.parse(filter?.text ?? "{}").code]).toEqual([400, "VALIDATION_ERROR"]);
    const mapping = await send("POST", "/integrations/fuzz_nowhere/config/validate", {
      token,
      body: `{"mapping":${deepText(MAX_JSON_DEPTH, false)},"rules":[],"corpus":[]}`,
    });
    expect([mapping?.status, JSON.parse(mapping?.text ?? "{}").error]).toEqual([
      400,
      `Request body nests deeper than ${MAX_JSON_DEPTH} levels`,
    ]);
  });

  it("a body exactly at the nesting limit is read (whatever the route then says, never the depth error)", async () => {
    // 64 levels: the body, `input`, and 62 arrays; a bad `mode` keeps the run from starting.
    const answer = await send("POST", `/workflows/${workflowId}/run`, {
      token,
      body: `{"mode":"bogus","input":{"a":${deepText(MAX_JSON_DEPTH - 2, true)}}}`,
    });
    expect(answer?.status).toBe(400);
    expect(answer?.text ?? "").not.toContain("nests deeper");
    expect(answer?.text ?? "").toContain("mode");
  });

  it("every HTTP method on every route path (TRACE, OPTIONS, HEAD, made-up verbs): never a 5xx", async () => {
    const failures: string[] = [];
    const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO"];
    for (const template of new Set(ROUTES.map((r) => r.path))) {
      for (const method of methods) {
        const problem = verdict(`${method} ${template}`, await send(method, fill(template), { token }), method);
        if (problem) failures.push(problem);
      }
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });

  it("CONNECT gets no 5xx and leaves the server answering", async () => {
    const answer = await send("CONNECT", "/workflows", { token });
    expect(answer === null || answer.status < 500).toBe(true);
    expect((await send("GET", "/workflows", { token }))?.status).toBe(200);
  });

  it("bodies around the size limit: 413 PAYLOAD_TOO_LARGE naming it above, never a 5xx at or below", async () => {
    const failures: string[] = [];
    const over = Buffer.alloc(MAX_JSON_BODY_BYTES + 1, 0x20);
    for (const route of ROUTES.filter((r) => r.method !== "GET")) {
      const answer = await send(route.method, fill(route.path), { token, body: over });
      if (
        answer !== null &&
        (answer.status !== 413 || !answer.text.includes(String(MAX_JSON_BODY_BYTES)) || !answer.text.includes("PAYLOAD_TOO_LARGE"))
      ) {
        failures.push(`${route.method} ${route.path} (${MAX_JSON_BODY_BYTES + 1} bytes) → ${answer.status} ${answer.text.slice(0, 120)}`);
      }
    }
    const eightMb = await send("POST", `/workflows/${workflowId}/run`, { token, body: `{"input":{"x":"${"x".repeat(8 * 1024 * 1024)}"}}` });
    if (eightMb !== null && eightMb.status !== 413) failures.push(`8 MB run → ${eightMb.status}`);
    // At the limit (whitespace around a bad body): read, then refused by the route, never a 5xx.
    const atLimit = Buffer.concat([Buffer.from('{"input":1}'), Buffer.alloc(MAX_JSON_BODY_BYTES - 11, 0x20)]);
    expect(atLimit.length).toBe(MAX_JSON_BODY_BYTES);
    for (const pathname of [
      `/workflows/${workflowId}/run`,
      `/workflows/${workflowId}/triggers`,
      "/integrations/fuzz_nowhere/config/validate",
      "/workflow-secrets-configs/secrets",
    ]) {
      const answer = await send("POST", pathname, { token, body: atLimit });
      const problem = verdict(`POST ${pathname} at the limit`, answer);
      if (problem) failures.push(problem);
      else if (answer?.status === 413) failures.push(`POST ${pathname} at the limit → 413`);
    }
    expect(failures, failures.join("\n")).toEqual([]);
  });
});
