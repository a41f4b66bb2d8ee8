export * from "./mermaid";
export * from "./words";
export * from "./drift";
export * from "./runs";
