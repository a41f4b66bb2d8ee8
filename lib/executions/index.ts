export * from "./filters";
export * from "./merge";
export * from "./format";
export * from "./dry-run";
export * from "./platform-wait";
