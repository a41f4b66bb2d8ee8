// A real webhook receiver on a loopback port, for the alert delivery tests: it records every POST
// with its signature checked against the shared secret, and answers with scripted statuses.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SIGNATURE_HEADER, verifySignature } from "./signature";

export interface ReceivedHook {
  body: string;
  signature: string | undefined;
  valid: boolean;
}

export interface TestReceiver {
  port: number;
  /** Every POST so far (emptied by reset). */
  received: ReceivedHook[];
  /** Statuses to answer with, in order; 200 once they run out (emptied by reset). */
  script: number[];
  reset(): void;
  close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<TestReceiver> {
  const received: ReceivedHook[] = [];
  const script: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const signature = req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined;
      received.push({ body, signature, valid: verifySignature(secret, body, signature) });
      res.statusCode = script.shift() ?? 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    script,
    reset() {
      received.length = 0;
      script.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
