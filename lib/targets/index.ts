export * from "./vector";
export * from "./assignment";
export * from "./difficulty";
export * from "./sortition";
export * from "./submission";
export * from "./status";
export * from "./rules";
export * from "./claims";
