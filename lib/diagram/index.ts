export * from "./config";
export * from "./view";
