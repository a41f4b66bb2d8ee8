export * from "./actions";
export * from "./envelope";
