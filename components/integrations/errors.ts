import { hasSentence, messageFor } from "@/lib/errors/messages";
import { BffClientError } from "@/lib/queries/fetcher";

/** A mutation failure in words a publisher can act on (lib/errors/messages.ts); otherwise the message and request id. */
export function explainMutationError(error: Error): string {
  if (!(error instanceof BffClientError)) return error.message;
  if (hasSentence(error.code, "integration")) return messageFor(error.code, error.message, "integration", error.extras);
  return `${error.message}${error.requestId ? ` (request ${error.requestId})` : ""}`;
}
