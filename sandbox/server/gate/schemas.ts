/**
 * The published JSON Schemas (`GET /integrations/mapping-schema` and `/inbound-schema`).
 * They describe the same grammar `checkMappingFormat` enforces, so an author can check a file
 * locally with any JSON Schema validator before calling the gate.
 */
import { COERCIONS } from "./mapping";
import type { JsonObject } from "./types";

export const MAPPING_SCHEMA_ID = "https://pegasus.dolas.dev/schemas/integration-mapping/v3.json";
export const INBOUND_SCHEMA_ID = "https://pegasus.dolas.dev/schemas/integration-inbound/v1.json";

const SOURCE_PATH_PATTERN = "^(\\.|[^.\\[\\]]*(\\[\\d+\\])*(\\.[^.\\[\\]]+(\\[\\d+\\])*)*)$";

/** JSON Schema (2020-12) of the mapping DSL. */
export const mappingJsonSchema: JsonObject = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: MAPPING_SCHEMA_ID,
  title: "Integration mapping (native → canonical, or canonical → external)",
  description:
    "A document shaped like the output. Each leaf is a source path, a nested object of output keys, or a directive object holding $from and optional default, $map, coerce, $each.",
  $ref: "#/$defs/object",
  $defs: {
    sourcePath: {
      type: "string",
      minLength: 1,
      pattern: SOURCE_PATH_PATTERN,
      description: 'Dot path into the source document; array positions as Name[0]; "." is the root (or the element inside $each).',
    },
    node: {
      oneOf: [{ $ref: "#/$defs/sourcePath" }, { $ref: "#/$defs/directive" }, { $ref: "#/$defs/object" }],
    },
    object: {
      type: "object",
      description: "Nested output object; keys are output field names and may not start with $.",
      propertyNames: { pattern: "^[^$]", minLength: 1 },
      additionalProperties: { $ref: "#/$defs/node" },
    },
    directive: {
      type: "object",
      required: ["$from"],
      additionalProperties: false,
      not: { required: ["$map", "$each"] },
      properties: {
        $from: {
          description: "Source path, or paths tried in order (the first present value wins).",
          oneOf: [{ $ref: "#/$defs/sourcePath" }, { type: "array", minItems: 1, items: { $ref: "#/$defs/sourcePath" } }],
        },
        default: { description: "Value used when every source is missing or null." },
        $map: {
          type: "object",
          description: "Lookup from the source value (as a string) to an output scalar; applied before coerce.",
          additionalProperties: { type: ["string", "number", "boolean", "null"] },
        },
        coerce: { enum: [...COERCIONS] },
        $each: { $ref: "#/$defs/node", description: "Sub-template applied to each element of the $from array." },
      },
    },
  },
};

const stringList = { type: "array", items: { type: "string", minLength: 1 } };

/** JSON Schema (2020-12) of the `inbound` ingress block. */
export const inboundJsonSchema: JsonObject = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: INBOUND_SCHEMA_ID,
  title: "Integration inbound (ingress) block",
  type: "object",
  required: ["eventType"],
  additionalProperties: false,
  properties: {
    eventType: { type: "string", minLength: 1, description: "Tenant event type emitted for each accepted inbound payload." },
    dedupKeyPath: {
      description: "Path (or paths, first present wins) of the partner's idempotency key in the body.",
      oneOf: [
        { type: "string", minLength: 1 },
        { ...stringList, minItems: 1 },
      ],
    },
    validation: {
      type: "object",
      additionalProperties: false,
      properties: {
        requiredPaths: { ...stringList, description: "Paths that must be present and non-null." },
        nonEmptyArrayPaths: { ...stringList, description: "Paths that must hold a non-empty array." },
        oneOf: {
          type: "array",
          minItems: 1,
          description: "Alternative shapes of a multi-shape partner; the body must satisfy at least one.",
          items: {
            type: "object",
            additionalProperties: false,
            properties: { name: { type: "string" }, requiredPaths: stringList, nonEmptyArrayPaths: stringList },
          },
        },
      },
    },
    orderByPath: {
      description: "Path (or paths, first present wins) of a value that orders a partner's events.",
      oneOf: [
        { type: "string", minLength: 1 },
        { ...stringList, minItems: 1 },
      ],
    },
    ackTemplate: {
      type: "object",
      description:
        'Partner acknowledgement envelopes. A string that is exactly {{key}} takes a context value (status, errorCount, messages, issues); {"$map": "issues", "as": {...}} renders one element per issue.',
      properties: {
        success: { description: "Envelope when the body is accepted." },
        failure: { description: "Envelope when the body is rejected." },
      },
    },
  },
};
