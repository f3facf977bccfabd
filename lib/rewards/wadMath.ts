/**
 * Bit-exact bigint ports of the fixed-point helpers the contracts use (Solady FixedPointMathLib 0.1.26):
 * mulWad, mulDiv, lnWad, expWad, powWad. EVM semantics: unsigned division rounds down, signed division
 * truncates toward zero, `>>` on signed values is arithmetic. Keep in step with the Solidity.
 */

import { WAD } from "../units.ts";

export { WAD };
const MOD = 1n << 256n;
const MAX_UINT = MOD - 1n;

/** Wraps to int256, as unchecked Solidity arithmetic does. */
function int256(x: bigint): bigint {
  const u = ((x % MOD) + MOD) % MOD;
  return u >= 1n << 255n ? u - MOD : u;
}

function requireUint(x: bigint, name: string): void {
  if (x < 0n || x > MAX_UINT) throw new RangeError(`${name} out of uint256 range`);
}

/** floor(x·y / 1e18), reverting (throwing) on overflow like Solady. */
export function mulWad(x: bigint, y: bigint): bigint {
  requireUint(x, "mulWad x");
  requireUint(y, "mulWad y");
  if (x * y > MAX_UINT) throw new RangeError("MulWadFailed");
  return (x * y) / WAD;
}

/** floor(x·y / d), throwing where Solady's mulDiv reverts (overflow of x·y or d = 0). */
export function mulDiv(x: bigint, y: bigint, d: bigint): bigint {
  if (d === 0n || x * y > MAX_UINT) throw new RangeError("MulDivFailed");
  return (x * y) / d;
}

/** floor(x·y / d) with a 512-bit intermediate (Solady fullMulDiv). */
export function fullMulDiv(x: bigint, y: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError("FullMulDivFailed");
  const z = (x * y) / d;
  if (z > MAX_UINT) throw new RangeError("FullMulDivFailed");
  return z;
}

function bitLength(x: bigint): bigint {
  return BigInt(x.toString(2).length);
}

/** ln(x) in WAD for x > 0 in WAD (Solady lnWad). */
export function lnWad(x: bigint): bigint {
  if (x <= 0n) throw new RangeError("LnWadUndefined");
  const r = 255n - (bitLength(x) - 1n);
  const xn = ((x << r) & MAX_UINT) >> 159n;
  const sar96 = (v: bigint) => int256(v) >> 96n;
  let p =
    sar96(
      (sar96((sar96((3273285459638523848632254066296n + xn) * xn) + 24828157081833163892658089445524n) * xn) +
        43456485725739037958740375743393n) *
        xn,
    ) - 11111509109440967052023855526967n;
  p = sar96(p * xn) - 45023709667254063763336534515857n;
  p = sar96(p * xn) - 14706773417378608786704636184526n;
  p = int256(p * xn - (795164235651350426258249787498n << 96n));
  let q = 5573035233440673466300451813936n + xn;
  q = 71694874799317883764090561454958n + sar96(xn * q);
  q = 283447036172924575727196451306956n + sar96(xn * q);
  q = 401686690394027663651624208769553n + sar96(xn * q);
  q = 204048457590392012362485061816622n + sar96(xn * q);
  q = 31853899698501571402653359427138n + sar96(xn * q);
  q = 909429971244387300277376558375n + sar96(xn * q);
  p = p / q;
  p = int256(1677202110996718588342820967067443963516166n * p);
  p = int256(16597577552685614221487285958193947469193820559219878177908093499208371n * (159n - r) + p);
  p = int256(600920179829731861736702779321621459595472258049074101567377883020018308n + p);
  return p >> 174n;
}

/** e^x in WAD for x in WAD (Solady expWad); 0 at or below about −41.45. */
export function expWad(x0: bigint): bigint {
  if (x0 <= -41446531673892822313n) return 0n;
  if (x0 >= 135305999368893231589n) throw new RangeError("ExpOverflow");
  let x = (x0 << 78n) / 5n ** 18n;
  const k = ((x << 96n) / 54916777467707473351141471128n + 2n ** 95n) >> 96n;
  x = x - k * 54916777467707473351141471128n;
  let y = x + 1346386616545796478920950773328n;
  y = ((y * x) >> 96n) + 57155421227552351082224309758442n;
  let p = y + x - 94201549194550492254356042504812n;
  p = ((p * y) >> 96n) + 28719021644029726153956944680412240n;
  p = p * x + (4385272521454847904659076985693276n << 96n);
  let q = x - 2855989394907223263936484059900n;
  q = ((q * x) >> 96n) + 50020603652535783019961831881945n;
  q = ((q * x) >> 96n) - 533845033583426703283633433725380n;
  q = ((q * x) >> 96n) + 3604857256930695427073651918091429n;
  q = ((q * x) >> 96n) - 14423608567350463180887372962807573n;
  q = ((q * x) >> 96n) + 26449188498355588339934803723976023n;
  const r = p / q;
  const scaled = (r * 3822833074963236453042738258902158003155416615667n) & MAX_UINT;
  return scaled >> (195n - k);
}

/** x^y in WAD (Solady powWad: expWad(lnWad(x)·y / 1e18), signed division truncating). */
export function powWad(x: bigint, y: bigint): bigint {
  return expWad((lnWad(x) * y) / WAD);
}
