export * from "./config";
export * from "./view";
export * from "./overlay";
export * from "./neutralize";
