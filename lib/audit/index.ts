export * from "./actions";
export * from "./csv";
export * from "./limits";
export * from "./schemas";
