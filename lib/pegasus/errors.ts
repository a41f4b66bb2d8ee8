import "server-only";

/**
 * The one error type of the upstream seam. Every failure of a Pegasus call (non-2xx, timeout,
 * network error, bad JSON, shape mismatch) becomes a PegasusError; callers branch on `code`
 * and `status`, never on `message`.
 */

/** Codes the transport itself produces when the upstream gave no usable answer. */
export const TRANSPORT_CODES = {
  timeout: "UPSTREAM_TIMEOUT",
  unreachable: "UPSTREAM_UNREACHABLE",
  badJson: "UPSTREAM_BAD_JSON",
  badShape: "UPSTREAM_BAD_SHAPE",
} as const;

/** Status the transport reports for failures that have no upstream status. */
export const TIMEOUT_STATUS = 504;
export const BAD_GATEWAY_STATUS = 502;

export interface PegasusErrorInit {
  status: number;
  code: string;
  message: string;
  requestId: string;
  extras?: Record<string, unknown>;
}

/** A failed upstream call: upstream status (or 502/504 for transport failures), machine code, request id, contract extras. */
export class PegasusError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string;
  readonly extras: Record<string, unknown>;

  constructor(init: PegasusErrorInit) {
    super(init.message);
    this.name = "PegasusError";
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.extras = init.extras ?? {};
  }

  /** True when the upstream never gave a usable answer (timeout, network, bad body). */
  get isTransportFailure(): boolean {
    return (Object.values(TRANSPORT_CODES) as string[]).includes(this.code);
  }
}

/** Narrowing helper usable across module boundaries. */
export function isPegasusError(value: unknown): value is PegasusError {
  return value instanceof PegasusError;
}
