import { expect, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { httpSignIn, jarFetch, type CookieJar } from "./support/http-session";
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from "./support/otlp-receiver";
import { freePort, startConsoleServer, stopChild, waitUntil } from "./support/processes";
import { ROLES } from "./support/roles";
import { startRoundRobinProxy, type RoundRobinProxy } from "./support/round-robin-proxy";

// Traces (OpenTelemetry over OTLP/HTTP): a console started with OTEL_EXPORTER_OTLP_ENDPOINT sends
// its spans to a local receiver. One BFF request gives one trace in which the BFF request's span has
// the upstream call as a child; the Pegasus API receives that upstream span's `traceparent`; the
// request's log line carries the same trace id. A recording pass-through sits between the console
// and the sandbox to see the headers the API receives.

let receiver: OtlpReceiver;
let upstream: RoundRobinProxy;
let consoleServer: ChildProcess | undefined;
let origin = "";
let jar: CookieJar;
const upstreamHeaders: Array<{ url: string; traceparent: string | undefined }> = [];
const stdout: string[] = [];

test.beforeAll(async () => {
  const sandboxOrigin = process.env.E2E_SANDBOX_ORIGIN;
  const mainConsole = process.env.E2E_BASE_URL;
  if (!sandboxOrigin || !mainConsole) throw new Error("the e2e global setup did not export the sandbox and console origins");
  receiver = await startOtlpReceiver();
  upstream = await startRoundRobinProxy([sandboxOrigin], 0, (req) => {
    const header = req.headers.traceparent;
    upstreamHeaders.push({ url: req.url ?? "", traceparent: Array.isArray(header) ? header[0] : header });
  });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  consoleServer = startConsoleServer("traces-console", port, {
    ...process.env,
    PEGASUS_API_BASE_URL: `${upstream.origin}/api/v1`,
    PEGASUS_OIDC_ISSUER: `${sandboxOrigin}/oidc`,
    PEGASUS_EMBEDDED_SANDBOX: "1",
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_BSP_SCHEDULE_DELAY: "200",
    OTEL_SERVICE_NAME: "pegasus-console-e2e",
  });
  consoleServer.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk.toString("utf8")));
  await waitUntil("traces console", async () => [200, 503].includes((await fetch(`${origin}/api/health`)).status), 60_000, consoleServer);
  // Signed in at the main console (the sandbox registers only its callback); the session cookie is
  // per host and both consoles share the run's session secret.
  jar = await httpSignIn(mainConsole, ROLES.developer.email);
});

test.afterAll(async () => {
  if (consoleServer) await stopChild(consoleServer);
  await upstream?.close();
  await receiver?.close();
});

test("one BFF request: one trace, the upstream call a child of the BFF span, traceparent sent upstream, trace id in the log", async () => {
  const response = await jarFetch(jar, `${origin}/api/workflows`);
  expect(response.status).toBe(200);

  let bff: ReceivedSpan | undefined;
  await expect
    .poll(
      () => {
        bff = receiver.spans.find((s) => s.name === "BFF GET /api/workflows");
        return bff
          ? receiver.spans.filter((s) => s.traceId === bff?.traceId && s.parentSpanId === bff.spanId && s.name.startsWith("Pegasus "))
              .length
          : 0;
      },
      { timeout: 15_000, message: "the receiver got the BFF span and its upstream child" },
    )
    .toBeGreaterThanOrEqual(1);
  if (!bff) throw new Error("unreachable");
  expect(
    receiver.contentTypes.every((t) => t.includes("application/json")),
    "exports are OTLP/HTTP JSON",
  ).toBe(true);

  const trace = receiver.spans.filter((s) => s.traceId === bff?.traceId);
  expect(bff.attributes["http.route"]).toBe("/api/workflows");
  expect(bff.attributes["http.response.status_code"]).toBe(200);
  const child = trace.find((s) => s.parentSpanId === bff?.spanId && s.name === "Pegasus GET");
  expect(child, "the upstream GET is a child span of the BFF span").toBeDefined();
  expect(child?.attributes["url.path"]).toBe("/workflows");
  expect(child?.attributes["http.response.status_code"]).toBe(200);
  // Every span of the request belongs to this one trace: the BFF span's ancestors are in it too.
  let root = bff;
  while (root.parentSpanId) {
    const parent = trace.find((s) => s.spanId === root.parentSpanId);
    if (!parent) break;
    root = parent;
  }
  expect(root.parentSpanId, "the trace is complete up to its root span").toBeUndefined();

  // The API received the upstream span's context: same trace, the upstream span as parent.
  const sent = upstreamHeaders.filter((h) => h.url.startsWith("/api/v1/workflows") && h.traceparent);
  expect(sent.map((h) => h.traceparent)).toContain(`00-${bff.traceId}-${child?.spanId}-01`);

  // The request's log line carries the trace id.
  const line = stdout
    .join("")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.msg === "bff request" && l.route === "/api/workflows");
  expect(line?.traceId).toBe(bff.traceId);
});
