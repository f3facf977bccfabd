// Every table of the indexer. Ponder reads the tables this module exports.
export * from "./schema/tasks";
export * from "./schema/targets";
export * from "./schema/machines";
