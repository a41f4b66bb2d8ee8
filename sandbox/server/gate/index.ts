/** The integration-config gate: floors, mapping DSL, rules, corpus replay (pegasus-api.md §9). */
export * from "./types";
export * from "./mapping";
export * from "./rules";
export * from "./pipeline";
export * from "./registry";
export * from "./schemas";
export { parsePath, readPath } from "./paths";
export { shipmentStatusUpdateFloor, deriveShipmentFacts, SERVICE_STATUSES, SHIPMENT_STATUSES } from "./floors/shipment-status-update";
