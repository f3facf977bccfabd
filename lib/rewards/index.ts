export * from "./types.ts";
export * from "./wadMath.ts";
export * from "./fixed.ts";
export * from "./float.ts";
export * from "./convert.ts";
export * from "./preview.ts";
