/**
 * Fixed-point vector math of the targets market, bit for bit the same as contracts/targets/TargetMath.sol.
 * Vectors are int32 components in micro units (1e-6), packed big-endian for the chain.
 */
import { encodeAbiParameters, keccak256, type Hex } from "viem";
import { constants } from "../../contracts-abi/protocol";
import { numberToMicro } from "../units";

/** 1 in micro units (TargetMath.MICRO, generated into contracts-abi/protocol.ts). */
export const MICRO = constants.TargetMath.MICRO;
const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

export class VectorError extends Error {
  constructor(
    readonly code: "zero_vector" | "wrong_dimension",
    message: string,
  ) {
    super(message);
    this.name = "VectorError";
  }
}

/** Float components → int32 micro units (rounded, clamped to the int32 range). */
export function quantize(values: readonly number[]): bigint[] {
  return values.map((x) => {
    const micro = numberToMicro(x);
    return micro < INT32_MIN ? INT32_MIN : micro > INT32_MAX ? INT32_MAX : micro;
  });
}

export function pack(values: readonly bigint[]): Hex {
  let hex = "0x";
  for (const v of values) {
    if (v < INT32_MIN || v > INT32_MAX) throw new VectorError("wrong_dimension", `${v} is outside int32`);
    hex += BigInt.asUintN(32, v).toString(16).padStart(8, "0");
  }
  return hex as Hex;
}

export function unpack(packed: Hex, dim: number): bigint[] {
  const body = packed.slice(2);
  if (body.length === 0) return new Array<bigint>(dim).fill(0n);
  if (body.length !== dim * 8) {
    throw new VectorError("wrong_dimension", `${body.length / 8} components where ${dim} were expected`);
  }
  const out: bigint[] = [];
  for (let i = 0; i < dim; i++) out.push(BigInt.asIntN(32, BigInt(`0x${body.slice(i * 8, i * 8 + 8)}`)));
  return out;
}

/** floor(√x), like Solady's FixedPointMathLib.sqrt. */
export function isqrt(x: bigint): bigint {
  if (x < 0n) throw new RangeError("isqrt of a negative number");
  if (x < 2n) return x;
  let z = x;
  let y = (z + 1n) / 2n;
  while (y < z) {
    z = y;
    y = (x / z + z) / 2n;
  }
  return z;
}

export function normSquared(v: readonly bigint[]): bigint {
  let s = 0n;
  for (const x of v) s += x * x;
  return s;
}

/** Cosine distance in micro units: 1e6 − trunc(1e6·a·b / ⌊√(|a|²|b|²)⌋), clamped to [0, 2e6]. */
export function cosineDistanceMicro(a: readonly bigint[], b: readonly bigint[]): bigint {
  const na = normSquared(a);
  const nb = normSquared(b);
  if (na === 0n || nb === 0n)
    throw new VectorError("zero_vector", "A vector with no length has no direction");
  if (a.length !== b.length) {
    throw new VectorError("wrong_dimension", `${a.length} components where ${b.length} were expected`);
  }
  let dot = 0n;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  let cosine = (dot * MICRO) / isqrt(na * nb);
  if (cosine > MICRO) cosine = MICRO;
  if (cosine < -MICRO) cosine = -MICRO;
  return MICRO - cosine;
}

/** keccak256(abi.encode(epochSeed, targetId)). */
export function targetSeed(epochSeed: Hex, targetId: bigint): Hex {
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "uint256" }], [epochSeed, targetId]));
}

/** The target generator: center + noise, noise_i uniform in [-spread, spread] from keccak256(seed, ⌊i/8⌋). */
export function generateTarget(seed: Hex, center: readonly bigint[], spread: bigint): bigint[] {
  const modulus = 2n * spread + 1n;
  const out: bigint[] = [];
  let word = 0n;
  for (let i = 0; i < center.length; i++) {
    if (i % 8 === 0) {
      word = BigInt(
        keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "uint256" }], [seed, BigInt(i / 8)])),
      );
    }
    const r = (word >> BigInt(32 * (i % 8))) & 0xffffffffn;
    out.push(center[i]! + (r % modulus) - spread);
  }
  return out;
}
