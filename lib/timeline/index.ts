export * from "./group-steps";
export * from "./gantt";
export * from "./raw-events";
export * from "./full-history";
export * from "./step-status";
