// Run-input size against Temporal's per-payload limits (issue #15): the input travels as one
// payload of the workflow's start event. Temporal refuses a payload over 2 MB; past 256 KB every
// copy of it (start event, each step's input) makes the history heavy to load.

export const PAYLOAD_WARN_BYTES = 256 * 1024;
export const PAYLOAD_MAX_BYTES = 2 * 1024 * 1024;

export type PayloadCheck = { level: "ok" | "warn" | "refuse"; bytes: number; message: string | null };

function kb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

/** UTF-8 size of the input as it is sent (JSON) and what that means for the run. */
export function checkRunInputSize(input: unknown): PayloadCheck {
  const bytes = new TextEncoder().encode(JSON.stringify(input) ?? "").length;
  if (bytes > PAYLOAD_MAX_BYTES) {
    return {
      level: "refuse",
      bytes,
      message: `The input is ${kb(bytes)}: Temporal refuses a payload over 2 MB, so this run cannot start. Pass a reference (an id or a URL) instead of the data.`,
    };
  }
  if (bytes > PAYLOAD_WARN_BYTES) {
    return {
      level: "warn",
      bytes,
      message: `The input is ${kb(bytes)}, above 256 KB: the run will start, but its history carries the input in several events and loads slowly. Consider passing a reference instead.`,
    };
  }
  return { level: "ok", bytes, message: null };
}
