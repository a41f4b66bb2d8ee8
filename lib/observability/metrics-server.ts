import "server-only";
import { createServer } from "node:http";
import { logger } from "./log";
import { renderMetrics } from "./metrics";

/**
 * Serves `/metrics` on its own port (never the console's, so it is never public by accident).
 * A port that cannot be bound is logged, not fatal: the console itself keeps serving.
 */
export function startMetricsServer(port: number, host: string): void {
  const server = createServer((request, response) => {
    if (request.method !== "GET" || (request.url ?? "").split("?")[0] !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    renderMetrics().then(
      ({ contentType, body }) => response.writeHead(200, { "content-type": contentType }).end(body),
      () => response.writeHead(500, { "content-type": "text/plain" }).end("metrics unavailable\n"),
    );
  });
  server.on("error", (error) => logger().error({ host, port, error: error.message }, "metrics server cannot listen"));
  server.listen(port, host);
  // The metrics port must not keep the process alive on shutdown.
  server.unref();
}
