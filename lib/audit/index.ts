export * from "./actions";
export * from "./csv";
