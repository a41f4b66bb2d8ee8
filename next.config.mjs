/**
 * Static security headers for every response. The Content-Security-Policy is per request (it
 * carries a fresh script nonce), so proxy.ts sets it.
 * @type {import('next').NextConfig}
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig = {
  reactStrictMode: true,
  // A deployable build: `next build` also writes .next/standalone/ (server.js plus only the
  // node_modules files the server needs); scripts/standalone.mjs copies the static assets beside it.
  output: "standalone",
  // This folder, not a parent that happens to hold another lockfile: server.js lands at
  // .next/standalone/server.js.
  outputFileTracingRoot: import.meta.dirname,
  // PGlite opens its wasm and data files by URL at run time, which the file tracer cannot follow.
  outputFileTracingIncludes: { "/**": ["node_modules/@electric-sql/pglite/dist/*.wasm", "node_modules/@electric-sql/pglite/dist/*.data"] },
  poweredByHeader: false,
  typedRoutes: false,
  // `npm test` runs `tsc --noEmit` over the whole repository before the build; type-checking again
  // here would double the build time on a small machine and fail the console on sandbox test files.
  typescript: { ignoreBuildErrors: true },
  // Required from node_modules at run time rather than bundled: one prom-client (and so one metrics
  // registry) and one pino per process, shared by the proxy, the pages and the route handlers; the
  // Temporal read seam's gRPC and protobuf, whose dynamic requires break when bundled; and the
  // console store (PGlite loads its wasm and data files next to its own module, pg has optional
  // native parts).
  serverExternalPackages: [
    "prom-client",
    "pino",
    "@temporalio/client",
    "@temporalio/common",
    "@temporalio/proto",
    "@grpc/grpc-js",
    "protobufjs",
    "@electric-sql/pglite",
    "pg",
    "kysely",
    "@opentelemetry/sdk-trace-node",
    "@opentelemetry/exporter-trace-otlp-http",
    "@opentelemetry/resources",
    "undici",
  ],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
