import "server-only";
import { readFileSync } from "node:fs";
import { Connection } from "@temporalio/client";
import { readTemporalConfig, type TemporalConfig } from "./config";

/**
 * gRPC receive limit of the console's Temporal connection: one history page of a run with a large
 * input can pass grpc-js's 4 MiB default, and a whole history may be 50 MB (Temporal's cap).
 */
export const TEMPORAL_MAX_RECEIVE_BYTES = 128 * 1024 * 1024;

/** The read seam: the gRPC workflow service bound to the configured namespace. */
export interface TemporalReader {
  service: Connection["workflowService"];
  namespace: string;
  /** Runs `fn` with a gRPC deadline on every call it makes (the connection's `withDeadline`). */
  withDeadline<T>(deadline: number, fn: () => Promise<T>): Promise<T>;
}

let pending: { key: string; connection: Promise<Connection> } | null = null;

function connect(config: TemporalConfig): Promise<Connection> {
  const tls =
    config.tls?.kind === "mtls"
      ? { clientCertPair: { crt: readFileSync(config.tls.certPath), key: readFileSync(config.tls.keyPath) } }
      : config.tls?.kind === "system"
        ? true
        : undefined;
  return Connection.connect({
    address: config.address,
    tls,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    connectTimeout: 5_000,
    channelArgs: { "grpc.max_receive_message_length": TEMPORAL_MAX_RECEIVE_BYTES },
  });
}

/**
 * The Temporal reader, or the one-line reason why there is none. One connection per process (a
 * cache of a socket, nothing that must be correct); a failed connect is forgotten so the next
 * request tries again.
 */
export async function getTemporalReader(
  env: Record<string, string | undefined> = process.env,
): Promise<TemporalReader | { reason: string }> {
  const read = readTemporalConfig(env);
  if (!read.ok) return { reason: read.reason };
  const { config } = read;
  const key = `${config.address}|${config.namespace}|${config.tls?.kind ?? "plain"}`;
  if (!pending || pending.key !== key) {
    const connection = connect(config);
    pending = { key, connection };
    connection.catch(() => {
      if (pending?.connection === connection) pending = null;
    });
  }
  try {
    const connection = await pending.connection;
    return {
      service: connection.workflowService,
      namespace: config.namespace,
      withDeadline: (deadline, fn) => connection.withDeadline(deadline, fn),
    };
  } catch (error) {
    return { reason: `Temporal at ${config.address} could not be reached (${error instanceof Error ? error.message : String(error)})` };
  }
}
