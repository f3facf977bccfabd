/**
 * JSON for the indexer's API: bigints and Maps survive the trip. A bigint is written as `{"$n":"123"}` and a
 * Map as `{"$map":[[key, value], …]}`; plain strings are never touched, so user text (a task title of "5n")
 * cannot turn into a number on the way. Both ends use this module (indexer/src/api and lib/indexer/client.ts).
 */

type Encoded = null | boolean | number | string | Encoded[] | { [key: string]: Encoded };

export function encodeValue(value: unknown): Encoded {
  if (typeof value === "bigint") return { $n: value.toString() };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encodeValue(k), encodeValue(v)]) };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value === undefined) return null;
  if (value !== null && typeof value === "object") {
    const out: Record<string, Encoded> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = encodeValue(v);
    return out;
  }
  return value as Encoded;
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value);
    const o = value as Record<string, unknown>;
    if (keys.length === 1 && keys[0] === "$n" && typeof o.$n === "string") return BigInt(o.$n);
    if (keys.length === 1 && keys[0] === "$map" && Array.isArray(o.$map))
      return new Map((o.$map as [unknown, unknown][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = decodeValue(o[k]);
    return out;
  }
  return value;
}

export const stringify = (value: unknown): string => JSON.stringify(encodeValue(value));
export const parse = <T>(text: string): T => decodeValue(JSON.parse(text)) as T;
