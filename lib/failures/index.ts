export * from "./normalize";
export * from "./catalog";
export * from "./groups";
