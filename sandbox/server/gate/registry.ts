/**
 * Floors and built-in integrations known to the sandbox. A built-in is a code baseline: it
 * resolves even when no config row exists (`published: false` in the integration list).
 */
import builtInMapping from "../seed/integrations-fixtures/demo_partner-global/mapping.json";
import builtInRules from "../seed/integrations-fixtures/demo_partner-global/rules.json";
import { shipmentStatusUpdateFloor } from "./floors/shipment-status-update";
import { compileMapping } from "./mapping";
import type { IntegrationDefinition } from "./pipeline";
import { ruleSetSchema } from "./rules";
import type { FloorView, JsonObject, TypeFloor } from "./types";

const FLOORS: ReadonlyMap<string, TypeFloor> = new Map([[shipmentStatusUpdateFloor.floor, shipmentStatusUpdateFloor]]);

/** Every registered floor. */
export function listFloors(): TypeFloor[] {
  return [...FLOORS.values()];
}

/** One floor by id, or undefined. */
export function getFloor(id: string): TypeFloor | undefined {
  return FLOORS.get(id);
}

/** The public, JSON-safe view of a floor. */
export function floorView(floor: TypeFloor): FloorView {
  return {
    floor: floor.floor,
    canonicalFields: floor.canonicalFields,
    requiredCanonicalFields: floor.requiredCanonicalFields,
    factCatalog: floor.factCatalog,
    factDocs: floor.factDocs,
    ...(floor.inputFieldRoots ? { inputFieldRoots: floor.inputFieldRoots } : {}),
    defaultAction: floor.defaultAction,
    ...(floor.projection ? { projection: floor.projection } : {}),
  };
}

/** A built-in integration: code-defined mapping and rules bound to a floor. */
export interface BuiltInIntegration {
  id: string;
  displayName: string;
  description: string;
  floor: string;
  mapping: JsonObject;
  rules: unknown;
}

const BUILT_INS: ReadonlyMap<string, BuiltInIntegration> = new Map([
  [
    "demo_partner",
    {
      id: "demo_partner",
      displayName: "Demo Partner",
      description: "Shipment status updates from Demo Partner, a moving-services supplier.",
      floor: shipmentStatusUpdateFloor.floor,
      mapping: builtInMapping as unknown as JsonObject,
      rules: builtInRules as unknown,
    },
  ],
]);

/** Every built-in integration. */
export function listBuiltIns(): BuiltInIntegration[] {
  return [...BUILT_INS.values()];
}

/** One built-in integration by id, or undefined. */
export function getBuiltIn(id: string): BuiltInIntegration | undefined {
  return BUILT_INS.get(id);
}

/** The editable parts of a config from which a definition is composed. */
export interface DefinitionSource {
  integrationId: string;
  floor: string;
  displayName: string;
  mapping: unknown;
  rules: unknown;
  externalMapping?: unknown;
}

/** Composes a runnable definition; throws when the floor is unknown or the parts are malformed. */
export function composeDefinition(source: DefinitionSource): IntegrationDefinition {
  const floor = getFloor(source.floor);
  if (!floor) throw new Error(`unknown floor "${source.floor}"`);
  const isObj = (v: unknown): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);
  if (!isObj(source.mapping)) throw new Error("mapping must be an object");
  const external = source.externalMapping;
  return {
    integrationId: source.integrationId,
    displayName: source.displayName,
    floor,
    mapping: compileMapping(source.mapping),
    rules: ruleSetSchema.parse(source.rules),
    external: isObj(external) ? compileMapping(external) : undefined,
  };
}
