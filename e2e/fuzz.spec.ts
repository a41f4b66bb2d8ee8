import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import fc from "fast-check";
import { bffErrorSchema } from "../lib/schemas/common";
import http from "node:http";
import { zipTextFiles } from "../lib/integrations/zip";
import { MAX_BUNDLE_ZIP_BYTES, MAX_JSON_DEPTH, MAX_REQUEST_BODY_BYTES } from "../lib/schemas/limits";
import {
  BFF_ROUTES,
  BFF_WRAPPED_ROUTES,
  BffClient,
  fillPath,
  loadFixtures,
  NOWHERE,
  paramNames,
  stateSnapshot,
  type BffRouteRow,
  type Fixtures,
} from "./support/bff-routes";
import { storageStatePath } from "./support/roles";

// Issue 8: generated bad path params, query strings and bodies on every BFF route (admin session,
// the most permissions) get a 4xx with the error envelope, never a 5xx, and change nothing.
// Fixed seed and bounded runs: a failure names its counterexample and reproduces.

test.describe.configure({ mode: "serial" });

const SEED = 20_261_121;
const RUNS = { params: 16, query: 10, body: 20 } as const;
const baseURL = () => process.env.E2E_BASE_URL ?? "";

let admin: APIRequestContext;
let other: APIRequestContext;
let fx: Fixtures;

test.beforeAll(async ({ playwright }) => {
  admin = await playwright.request.newContext({ baseURL: baseURL(), storageState: storageStatePath("admin") });
  other = await playwright.request.newContext({ baseURL: baseURL(), storageState: storageStatePath("otherAdmin") });
  fx = await loadFixtures(new BffClient(admin, baseURL()), new BffClient(other, baseURL()));
});

test.afterAll(async () => {
  await admin?.dispose();
  await other?.dispose();
});

const sameOrigin = () => ({ origin: baseURL(), "sec-fetch-site": "same-origin" });

/** Path segments no route accepts as an id, key or slug. */
const badSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "..",
    "../",
    "../../etc/passwd",
    "%00",
    "\u0000",
    "%",
    "%E0%A4%A",
    "null",
    "undefined",
    "-1",
    "0",
    "1e309",
    "NaN",
    "é",
    "漢字",
    "🙂🙂",
    "\u202e",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "${7*7}",
    "a".repeat(2_000),
  ),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
  fc.string({ minLength: 200, maxLength: 400 }),
);

/** True when the text percent-decodes (a malformed escape such as `%zz` or a cut UTF-8 sequence does not). */
function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * How a segment goes into the URL: percent-encoded (one segment), or raw (may split, end or
 * normalize the path). Raw text that does not percent-decode is encoded too: those paths are the
 * known Next.js 500 checked by the last test of this file.
 */
const placedSegment = fc
  .tuple(badSegment, fc.boolean())
  // An empty segment is a path change whichever way it is written (`/api/configs/` → 308 to `/api/configs`).
  .map(([value, raw]) => ({
    value,
    raw: (raw && decodes(value)) || value === "",
    text: raw && decodes(value) ? value : encodeURIComponent(value),
  }));

/** Wrong-typed values for JSON fields. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  fc.string({ maxLength: 20 }),
  fc.integer({ min: 70_000, max: 300_000 }).map((n) => "x".repeat(n)),
  fc.constantFrom("", "\u0000", "1 bad key", "../", "🙂"),
);

/** Field names the BFF bodies use, so wrong types land on real fields. */
const FIELDS = [
  "key",
  "group",
  "value",
  "description",
  "kind",
  "eventType",
  "filter",
  "cronExpression",
  "enabled",
  "input",
  "mode",
  "zipBase64",
  "mapping",
  "rules",
  "corpus",
  "floor",
  "displayName",
];

function nested(depth: number, asArray: boolean): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

type BodyCase = { kind: "json"; value: unknown } | { kind: "raw"; text: string; contentType: string };

const badBody: fc.Arbitrary<BodyCase> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value): BodyCase => ({ kind: "json", value })),
  fc.dictionary(fc.constantFrom(...FIELDS), wrongValue, { minKeys: 1, maxKeys: 5 }).map((value): BodyCase => ({ kind: "json", value })),
  fc
    .tuple(fc.integer({ min: 50, max: 1_000 }), fc.boolean())
    .map(([depth, asArray]): BodyCase => ({ kind: "json", value: nested(depth, asArray) })),
  fc
    .array(fc.dictionary(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 }), { maxKeys: 3 }), { maxLength: 3 })
    .map((value): BodyCase => ({ kind: "json", value })),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom("{", '{"key":', "<xml/>", "key=value&group=g", "[1,2", "\u0000", "null,", "NaN"),
        fc.string({ minLength: 1, maxLength: 30 }),
      ),
      fc.constantFrom(
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
      ),
    )
    .filter(([text]) => !parsesAsJson(text))
    .map(([text, contentType]): BodyCase => ({ kind: "raw", text, contentType })),
  // Very deep nesting written as text (no recursion on this side), under a real field name.
  fc.tuple(fc.constantFrom(...FIELDS), fc.integer({ min: 1_000, max: 20_000 }), fc.boolean()).map(([field, depth, asArray]): BodyCase => ({
    kind: "raw",
    text: `{"${field}":${(asArray ? "[" : '{"a":').repeat(depth)}1${(asArray ? "]" : "}").repeat(depth)}}`,
    contentType: "application/json",
  })),
  // A well-formed JSON body labelled with a wrong content type.
  fc
    .tuple(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "application/octet-stream"))
    .map(([value, contentType]): BodyCase => ({ kind: "raw", text: JSON.stringify(value), contentType })),
);

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks one answer: never a 5xx; a 4xx carries the envelope; `mustFail` demands a 4xx.
 * `rawPath`: an unencoded segment may make Next normalize the path (a 308 to the clean URL).
 */
async function verdict(res: APIResponse, mustFail: boolean, rawPath = false): Promise<string | null> {
  const status = res.status();
  const text = await res.text();
  if (status >= 500) return `${status} ${text.slice(0, 200)}`;
  if (rawPath && status >= 300 && status < 400) return null;
  if (mustFail && status < 400) return `accepted (${status}) ${text.slice(0, 200)}`;
  if (status >= 400 && !bffErrorSchema.safeParse(parsesAsJson(text) ? JSON.parse(text) : null).success)
    return `${status} without the error envelope: ${text.slice(0, 200)}`;
  return null;
}

function send(row: BffRouteRow, path: string, body?: BodyCase): Promise<APIResponse> {
  const headers: Record<string, string> = row.method === "GET" ? {} : sameOrigin();
  if (body?.kind === "raw") headers["content-type"] = body.contentType;
  const data = body === undefined ? undefined : body.kind === "raw" ? body.text : body.value;
  if (body?.kind === "json") headers["content-type"] = "application/json";
  return admin.fetch(path, {
    method: row.method,
    headers,
    data: body?.kind === "json" ? JSON.stringify(data) : data,
    failOnStatusCode: false,
    maxRedirects: 0,
  });
}

/** A counterexample as short text (a deeply nested body cannot be stringified whole). */
function printable(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 300);
  } catch {
    return "(too deeply nested to print)";
  }
}

/** Runs one property; collects failures instead of throwing so every route is reported at once. */
async function check<T>(
  label: string,
  arb: fc.Arbitrary<T>,
  runs: number,
  predicate: (value: T) => Promise<string | null>,
  failures: string[],
): Promise<number> {
  let count = 0;
  const result = await fc.check(
    fc.asyncProperty(arb, async (value) => {
      count++;
      const problem = await predicate(value);
      if (problem) throw new Error(problem);
    }),
    { seed: SEED, numRuns: runs, endOnFailure: true },
  );
  if (result.failed)
    failures.push(
      `${label}: ${String(result.errorInstance instanceof Error ? result.errorInstance.message : result.errorInstance)} — counterexample ${printable(result.counterexample)}`,
    );
  return count;
}

let before: Record<string, unknown>;

test("fuzzed path params, query strings and bodies on every BFF route: 4xx with the envelope, never 5xx", async () => {
  test.setTimeout(90_000);
  before = await stateSnapshot(fx);
  const failures: string[] = [];
  let requests = 0;
  for (const row of BFF_WRAPPED_ROUTES) {
    // 1. One bad segment in each path param (others point nowhere), no body: always a 4xx.
    for (const name of paramNames(row)) {
      requests += await check(
        `${row.method} ${row.path} param ${name}`,
        placedSegment,
        RUNS.params,
        async (seg) => {
          const res = await send(row, fillPath(row, { [name]: seg.text }));
          return verdict(res, !row.emptyForUnknownIds, seg.raw);
        },
        failures,
      );
    }
    // 2. Bad query strings (unknown keys, bad values of known keys) on a nowhere target, no body.
    const knownKeys = [
      "group",
      "includeRetired",
      "force",
      "limit",
      "cursor",
      "status",
      "workflow",
      "from",
      "to",
      "dryRun",
      "source",
      "q",
      "since",
      "until",
    ];
    const queryArb = fc.dictionary(fc.oneof(fc.constantFrom(...knownKeys), fc.string({ minLength: 1, maxLength: 12 })), badSegment, {
      minKeys: 1,
      maxKeys: 4,
    });
    requests += await check(
      `${row.method} ${row.path} query`,
      queryArb,
      RUNS.query,
      async (query) => {
        const qs = new URLSearchParams(query).toString();
        const invalid = row.querySchema ? !row.querySchema.safeParse(query).success : false;
        const unknownKey = Object.keys(query).some((k) => !knownKeys.includes(k));
        // A route with a body (none sent here) or a nowhere target must refuse; a GET with a lenient query may answer 200.
        const mustFail = row.method !== "GET" || invalid || (row.strictQuery === true && unknownKey);
        return verdict(await send(row, `${fillPath(row)}?${qs}`), mustFail);
      },
      failures,
    );
    // 3. Bad bodies, on the nowhere target (routes without params get only bodies their schema rejects).
    if (row.method !== "GET") {
      const hasParams = paramNames(row).length > 0;
      requests += await check(
        `${row.method} ${row.path} body`,
        badBody.filter((b) => hasParams || b.kind === "raw" || !row.bodySchema || !row.bodySchema.safeParse(b.value).success),
        RUNS.body,
        async (body) => {
          // A well-formed body under a wrong content type is accepted by design (JSON is read from the text);
          // cross-site forms are stopped by the origin guard, so it only has to answer without a 5xx.
          const valid =
            body.kind === "raw"
              ? parsesAsJson(body.text) && (!row.bodySchema || row.bodySchema.safeParse(JSON.parse(body.text)).success)
              : false;
          const mustFail = hasParams || !valid;
          return verdict(await send(row, fillPath(row), body), mustFail);
        },
        failures,
      );
    }
  }
  expect(failures, failures.join("\n")).toEqual([]);
  expect(requests).toBeGreaterThan(BFF_WRAPPED_ROUTES.length * (RUNS.query + RUNS.params));
});

test("unknown /api paths get the 404 envelope; dot segments are normalized; wrong methods are 405; Auth.js never 5xx", async () => {
  const failures: string[] = [];
  for (const path of [
    "/api/nope",
    "/api/workflows/x/y/z/w",
    "/api/secrets/a/b/c",
    `/api/workflows/${NOWHERE.id}/executions`,
    "/api/integrations/a/b/c/d/e/f",
  ]) {
    for (const method of ["GET", "POST", "DELETE"] as const) {
      const res = await admin.fetch(path, {
        method,
        headers: method === "GET" ? {} : sameOrigin(),
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      const problem = await verdict(res, true);
      if (problem) failures.push(`${method} ${path}: ${problem}`);
    }
  }
  // Encoded dot segments: Next normalizes the path (308 to the clean URL); never a 5xx, never a write.
  for (const path of ["/api/workflows/%2e%2e", "/api/secrets/%2e%2e/rotate", `/api/workflows/${NOWHERE.id}/triggers/%2e%2e`]) {
    const res = await admin.fetch(path, { method: "POST", headers: sameOrigin(), failOnStatusCode: false, maxRedirects: 0 });
    const problem = await verdict(res, true, true);
    if (problem) failures.push(`POST ${path}: ${problem}`);
  }
  // A method a route file does not export: Next's bare 405 (no envelope, see the report), never a 5xx.
  const exported = new Map<string, Set<string>>();
  for (const row of BFF_WRAPPED_ROUTES) exported.set(row.path, (exported.get(row.path) ?? new Set()).add(row.method));
  for (const [template, methods] of exported) {
    const row = BFF_WRAPPED_ROUTES.find((r) => r.path === template);
    if (!row) continue;
    for (const method of (["GET", "POST", "PUT", "PATCH", "DELETE"] as const).filter((m) => !methods.has(m))) {
      const res = await admin.fetch(fillPath(row), {
        method,
        headers: method === "GET" ? {} : sameOrigin(),
        failOnStatusCode: false,
        maxRedirects: 0,
      });
      if (res.status() !== 405) failures.push(`${method} ${template}: ${res.status()} (expected 405)`);
    }
  }
  await check(
    "GET /api/auth/:action",
    placedSegment,
    RUNS.params,
    async (seg) => {
      const res = await admin.fetch(`/api/auth/${seg.text}`, { failOnStatusCode: false, maxRedirects: 0 });
      return res.status() >= 500 ? `${res.status()} ${(await res.text()).slice(0, 200)}` : null;
    },
    failures,
  );
  expect(failures, failures.join("\n")).toEqual([]);
});

// Next.js itself would answer a plain-text 500 for a path segment that does not percent-decode;
// proxy.ts refuses such paths first.
test("a malformed percent-escape in an /api path is a 400 envelope, not a 500", async () => {
  const failures: string[] = [];
  for (const path of [
    "/api/workflows/%zz",
    "/api/workflows/%E0%A4%A",
    "/api/integrations/%zz/config",
    "/api/secrets/%/rotate",
    "/api/auth/%zz",
  ]) {
    const res = await admin.fetch(path, {
      method: path.endsWith("rotate") ? "POST" : "GET",
      headers: sameOrigin(),
      failOnStatusCode: false,
      maxRedirects: 0,
    });
    const text = await res.text();
    if (res.status() !== 400 || !bffErrorSchema.safeParse(parsesAsJson(text) ? JSON.parse(text) : null).success)
      failures.push(`${path} → ${res.status()} ${text.slice(0, 80)}`);
  }
  expect(failures, failures.join("\n")).toEqual([]);
});

// Issue 13: the hostile shapes of each limit, on every route (not left to the random draw above).

/** `{"<field>": <levels-1 containers>}`: a body nesting exactly `levels` levels, written as text. */
function deepBody(field: string, levels: number, asArray: boolean): string {
  const inner = levels - 1;
  return `{"${field}":${(asArray ? "[" : '{"a":').repeat(inner)}1${(asArray ? "]" : "}").repeat(inner)}}`;
}

function envelopeOf(text: string): { code: string; message: string } | null {
  const parsed = bffErrorSchema.safeParse(parsesAsJson(text) ? JSON.parse(text) : null);
  return parsed.success ? parsed.data.error : null;
}

test("nesting past the limit on every route with a body: 400 naming the limit; the issue's 20,000-deep run input too", async () => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  for (const row of BFF_WRAPPED_ROUTES.filter((r) => r.method !== "GET")) {
    for (const levels of [MAX_JSON_DEPTH + 1, 1_000, 20_000]) {
      for (const asArray of [true, false]) {
        const label = `${row.method} ${row.path} ${levels} levels ${asArray ? "[]" : "{}"}`;
        const res = await send(row, fillPath(row), {
          kind: "raw",
          text: deepBody("input", levels, asArray),
          contentType: "application/json",
        });
        const text = await res.text();
        const error = envelopeOf(text);
        if (res.status() >= 500 || !error) failures.push(`${label} → ${res.status()} ${text.slice(0, 160)}`);
        else if (row.bodySchema && (res.status() !== 400 || !error.message.includes(`${MAX_JSON_DEPTH} levels`)))
          failures.push(`${label} → ${res.status()} ${error.message} (expected the nesting limit)`);
      }
    }
  }
  // The case on a real executable workflow: was a 502 "could not be reached" (and a 201 that never ran at ~1,000).
  for (const levels of [MAX_JSON_DEPTH + 1, 1_000, 20_000]) {
    const res = await admin.fetch(`/api/workflows/${fx.ownWorkflowId}/run`, {
      method: "POST",
      headers: { ...sameOrigin(), "content-type": "application/json" },
      data: `{"mode":"dry_run","input":{"x":${"[".repeat(levels - 2)}1${"]".repeat(levels - 2)}}}`,
      failOnStatusCode: false,
    });
    const text = await res.text();
    if (res.status() !== 400 || !envelopeOf(text)?.message.includes(`${MAX_JSON_DEPTH} levels`))
      failures.push(`run ${levels} levels → ${res.status()} ${text.slice(0, 160)}`);
  }
  expect(failures, failures.join("\n")).toEqual([]);
});

test("every HTTP method Next does not route, on every /api path: 405 with the envelope; CONNECT 405 too", async () => {
  const failures: string[] = [];
  const paths = [...new Set(BFF_ROUTES.map((r) => fillPath(r))), "/api/nope", "/api/auth/session"];
  for (const path of paths) {
    // TRACE: answered by scripts/http-method-guard.mjs (Next cannot build a Request for it); the rest by proxy.ts.
    // (TRACK is not a method Node parses: Node answers its own bare 400 before anything runs.)
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "LOCK", "PURGE", "SEARCH"]) {
      const res = await admin.fetch(path, { method, headers: sameOrigin(), failOnStatusCode: false, maxRedirects: 0 });
      const text = await res.text();
      if (res.status() !== 405 || envelopeOf(text)?.code !== "METHOD_NOT_ALLOWED")
        failures.push(`${method} ${path} → ${res.status()} ${text.slice(0, 120)}`);
    }
  }
  // Node hands CONNECT to a "connect" listener; Next has none (the socket would close unanswered),
  // so the preloaded guard answers it 405 and closes.
  const connect = await new Promise<number | null>((resolve) => {
    const url = new URL(baseURL());
    const req = http.request({ host: url.hostname, port: url.port, method: "CONNECT", path: "/api/workflows", agent: false });
    req.on("connect", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? null);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    req.on("error", () => resolve(null));
    req.setTimeout(10_000, () => req.destroy());
    req.end();
  });
  if (connect !== 405) failures.push(`CONNECT → ${connect ?? "no answer"}`);
  const after = await admin.fetch("/api/me", { failOnStatusCode: false });
  if (after.status() !== 200) failures.push(`after CONNECT, GET /api/me → ${after.status()}`);
  expect(failures, failures.join("\n")).toEqual([]);
});

test("bodies around the size limit on every route: 413 naming the limit above it (before any upstream call), never a 5xx at it", async () => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  const over = `{"input":"${"x".repeat(MAX_REQUEST_BODY_BYTES)}"}`;
  for (const row of BFF_WRAPPED_ROUTES.filter((r) => r.method !== "GET")) {
    const res = await send(row, fillPath(row), { kind: "raw", text: over, contentType: "application/json" });
    const text = await res.text();
    const error = envelopeOf(text);
    if (res.status() !== 413 || error?.code !== "PAYLOAD_TOO_LARGE" || !error.message.includes(String(MAX_REQUEST_BODY_BYTES)))
      failures.push(`${row.method} ${row.path} over the limit → ${res.status()} ${text.slice(0, 160)}`);
  }
  // The 8 MB run on a real workflow (was 502 PAYLOAD_TOO_LARGE from the upstream).
  const eight = await admin.fetch(`/api/workflows/${fx.ownWorkflowId}/run`, {
    method: "POST",
    headers: { ...sameOrigin(), "content-type": "application/json" },
    data: `{"mode":"dry_run","input":{"x":"${"x".repeat(8 * 1024 * 1024)}"}}`,
    failOnStatusCode: false,
  });
  if (eight.status() !== 413 || envelopeOf(await eight.text())?.code !== "PAYLOAD_TOO_LARGE") failures.push(`8 MB run → ${eight.status()}`);
  // Exactly at the limit: read, then refused by the schema (a bad mode), never 413 and never a 5xx.
  const prefix = `{"mode":"bogus","input":{}}`;
  const atLimit = prefix + " ".repeat(MAX_REQUEST_BODY_BYTES - prefix.length);
  for (const row of BFF_WRAPPED_ROUTES.filter((r) => r.method !== "GET" && r.bodySchema)) {
    const res = await send(row, fillPath(row), { kind: "raw", text: atLimit, contentType: "application/json" });
    const text = await res.text();
    if (res.status() >= 500 || res.status() === 413 || !envelopeOf(text))
      failures.push(`${row.method} ${row.path} at the limit → ${res.status()} ${text.slice(0, 160)}`);
  }
  expect(failures, failures.join("\n")).toEqual([]);
});

test("a zip bomb on bundle/read is a 413; a bundle over the zipped limit too", async () => {
  // The shape (entries of 10 MB of spaces, ~1,000× inflation), with 5 entries rather than 50 to spare this machine.
  const spaces = " ".repeat(10 * 1024 * 1024);
  const files: Record<string, string> = {};
  for (let i = 0; i < 5; i++) files[`f${i}.json`] = spaces;
  const bomb = await zipTextFiles(files);
  const path = `/api/integrations/${fx.integrationId}/bundle/read`;
  const res = await admin.fetch(path, {
    method: "POST",
    headers: sameOrigin(),
    data: { zipBase64: bomb.toString("base64") },
    failOnStatusCode: false,
  });
  const error = envelopeOf(await res.text());
  expect([res.status(), error?.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  const big = await admin.fetch(path, {
    method: "POST",
    headers: sameOrigin(),
    data: { zipBase64: Buffer.alloc(MAX_BUNDLE_ZIP_BYTES + 1).toString("base64") },
    failOnStatusCode: false,
  });
  expect(big.status()).toBe(413);
});

test("no fuzz request changed anything", async () => {
  expect(before).toBeDefined();
  expect(await stateSnapshot(fx)).toEqual(before);
});
