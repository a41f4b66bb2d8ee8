export * from "./filter";
export * from "./describe-filter";
export * from "./event-types";
export * from "./describe-trigger";
export * from "./jargon";
