// The run form's input: JSON text that must be an object (contract §4.1), and the contract's run
// errors in plain words.
import { messageFor } from "@/lib/errors/messages";

export type RunInputResult = { ok: true; input: Record<string, unknown> } | { ok: false; message: string };

/** Parses the input editor's text; blank means `{}`. */
export function parseRunInput(text: string): RunInputResult {
  if (text.trim() === "") return { ok: true, input: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `Not valid JSON: ${e instanceof Error ? e.message : "parse error"}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: 'The input must be a JSON object, e.g. {"quoteId": "q-1"}.' };
  }
  return { ok: true, input: value as Record<string, unknown> };
}

/** A sentence for a failed run, from the contract's error code (falls back to the server's message). */
export function describeRunError(code: string, serverMessage: string): string {
  return messageFor(code, serverMessage, "run");
}

/** Where the executions pages show one run. */
export function executionHref(workflowId: string, executionId: string): string {
  return `/executions/${encodeURIComponent(workflowId)}/${encodeURIComponent(executionId)}`;
}
