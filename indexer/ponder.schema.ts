// Every table of the indexer. Ponder reads the tables this module exports.
export * from "./schema/tasks";
