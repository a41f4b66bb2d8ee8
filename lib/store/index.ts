import "server-only";

export type { Store } from "./open";
export * from "./audit";
export * from "./sessions";
export * from "./users";
export * from "./versions";
export * from "./lineage";
export * from "./tenants";
export * from "./saved-views";
export { withStoreLock } from "./locks";

export { getStore, storeDb } from "./instance";
export * from "./reviews";
export * from "./jobs";
export * from "./acks";
export * from "./alerts";
