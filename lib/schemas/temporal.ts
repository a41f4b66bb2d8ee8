import { z } from "zod";
import type { DecodedEvent } from "@/lib/temporal/decode";
import type { RunState } from "@/lib/temporal/run-state";

// BFF shapes of the Temporal read routes (issue #15). Attributes and payload values stay
// `unknown` on purpose: their shape is Temporal's, and parsing megabytes of them twice buys nothing.

/** Query of GET …/temporal/history: an opaque page token from the previous page, and a page size. */
export const temporalHistoryQuerySchema = z.strictObject({
  pageToken: z
    .string()
    .max(8192, "pageToken is too long")
    .regex(/^[A-Za-z0-9_-]+$/, "pageToken must be the token of a previous page")
    .optional(),
  pageSize: z.coerce.number().int().min(1).max(5000).default(1000),
  /** "1" while the run is open: pages end at its current last event and the last token reads on from there. */
  follow: z.enum(["0", "1"]).optional(),
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A decoded event (lib/temporal/decode): checked for its row fields only. */
export const decodedEventSchema = z.custom<DecodedEvent>(
  (v) => isRecord(v) && typeof v.id === "string" && typeof v.type === "string" && typeof v.label === "string" && isRecord(v.attributes),
  "not a decoded history event",
);

const unavailableSchema = z.object({ available: z.literal(false), reason: z.string() });

export const temporalHistoryPageSchema = z.discriminatedUnion("available", [
  z.object({
    available: z.literal(true),
    events: z.array(decodedEventSchema),
    nextPageToken: z.string().nullable(),
    valuesHidden: z.boolean(),
    /** Follow mode: this page ends at the run's current last event; `nextPageToken` reads the events added later. */
    tail: z.boolean().optional(),
    /** First page only: the run's history length when it was read (Temporal's describe), for "x of ~y". */
    total: z.number().int().nonnegative().nullable().optional(),
  }),
  unavailableSchema,
]);
export type TemporalHistoryPage = z.infer<typeof temporalHistoryPageSchema>;

export const temporalEventSchema = z.object({ event: decodedEventSchema, valuesHidden: z.boolean() });

/** Live run state (lib/temporal/run-state): checked for its top-level fields. */
export const runStateSchema = z.custom<RunState>(
  (v) => isRecord(v) && typeof v.status === "string" && Array.isArray(v.pendingActivities) && typeof v.cancelRequested === "boolean",
  "not a run state",
);

export const temporalStateSchema = z.discriminatedUnion("available", [
  z.object({ available: z.literal(true), state: runStateSchema, valuesHidden: z.boolean() }),
  unavailableSchema,
]);
export type TemporalState = z.infer<typeof temporalStateSchema>;
