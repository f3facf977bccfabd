// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FixedPointMathLib} from "solady/src/utils/FixedPointMathLib.sol";

/// @title TargetMath
/// @notice Fixed-point vector math of the targets market, mirrored bit for bit by `lib/targets` in TypeScript.
/// @dev Vectors travel as packed big-endian int32 components in micro units (1e-6) and are unpacked into int256
/// arrays. Cosine distance is in micro units too: 0 (same direction) … 2_000_000 (opposite).
library TargetMath {
    uint256 internal constant MICRO = 1e6;

    /// @notice A vector had no length (all components zero), so it has no direction.
    error ZeroVector();
    /// @notice A packed vector had `got` components where `expected` were needed.
    error WrongDimension(uint256 got, uint256 expected);

    /// @notice Unpacks `dim` big-endian int32 components; an empty `packed` is the zero vector.
    function unpack(bytes memory packed, uint256 dim) internal pure returns (int256[] memory v) {
        v = new int256[](dim);
        if (packed.length == 0) return v;
        if (packed.length != dim * 4) revert WrongDimension(packed.length / 4, dim);
        assembly ("memory-safe") {
            let src := add(packed, 32)
            let dst := add(v, 32)
            for {
                let i := 0
            } lt(i, dim) {
                i := add(i, 1)
            } {
                mstore(add(dst, shl(5, i)), signextend(3, shr(224, mload(add(src, shl(2, i))))))
            }
        }
    }

    /// @notice The target generator: `center + noise`, each noise component uniform in [-spread, spread], drawn
    /// from keccak256(abi.encode(seed, i / 8)) eight 32-bit words at a time (lowest word first).
    /// @dev Assembly because this runs once per target and per submission; no overflow is possible: components
    /// are int32 plus a spread of at most 1e9.
    function generate(bytes32 seed, int256[] memory center, uint256 spread) internal pure returns (int256[] memory v) {
        uint256 dim = center.length;
        v = new int256[](dim);
        uint256 modulus = 2 * spread + 1;
        assembly ("memory-safe") {
            let src := add(center, 32)
            let dst := add(v, 32)
            let word := 0
            for {
                let i := 0
            } lt(i, dim) {
                i := add(i, 1)
            } {
                let lane := and(i, 7)
                if iszero(lane) {
                    mstore(0x00, seed)
                    mstore(0x20, shr(3, i))
                    word := keccak256(0x00, 0x40)
                }
                let r := and(shr(shl(5, lane), word), 0xffffffff)
                let offset := shl(5, i)
                mstore(add(dst, offset), sub(add(mload(add(src, offset)), mod(r, modulus)), spread))
            }
        }
    }

    /// @notice Σ v_i², the squared length (exact, no scaling).
    /// @dev Components are below 2^33 in magnitude, so squares and their sum cannot overflow.
    function normSquared(int256[] memory v) internal pure returns (uint256 s) {
        assembly ("memory-safe") {
            let p := add(v, 32)
            let end := add(p, shl(5, mload(v)))
            for {} lt(p, end) {
                p := add(p, 32)
            } {
                let x := mload(p)
                s := add(s, mul(x, x))
            }
        }
    }

    /// @notice Cosine distance in micro units: 1e6 − trunc(1e6·a·b / floorSqrt(|a|²·|b|²)), clamped to [0, 2e6].
    function cosineDistance(
        int256[] memory a,
        int256[] memory b,
        uint256 normA2,
        uint256 normB2
    ) internal pure returns (uint256) {
        if (normA2 == 0 || normB2 == 0) revert ZeroVector();
        if (a.length != b.length) revert WrongDimension(a.length, b.length);
        int256 dot;
        assembly ("memory-safe") {
            let pa := add(a, 32)
            let pb := add(b, 32)
            let end := add(pa, shl(5, mload(a)))
            for {} lt(pa, end) {
                pa := add(pa, 32)
                pb := add(pb, 32)
            } {
                dot := add(dot, mul(mload(pa), mload(pb)))
            }
        }
        int256 cosine = (dot * int256(MICRO)) / int256(FixedPointMathLib.sqrt(normA2 * normB2));
        if (cosine > int256(MICRO)) cosine = int256(MICRO);
        if (cosine < -int256(MICRO)) cosine = -int256(MICRO);
        return uint256(int256(MICRO) - cosine);
    }

    /// @notice The same distance, computing both norms.
    function cosineDistance(int256[] memory a, int256[] memory b) internal pure returns (uint256) {
        return cosineDistance(a, b, normSquared(a), normSquared(b));
    }

    /// @notice True when model a ranks before model b for a target: lower distance / stake share (compared by
    /// cross-multiplying, so no rounding), ties to the lower model id.
    function ranksBefore(
        uint256 distanceA,
        uint256 stakeA,
        uint256 idA,
        uint256 distanceB,
        uint256 stakeB,
        uint256 idB
    ) internal pure returns (bool) {
        uint256 left = distanceA * stakeB;
        uint256 right = distanceB * stakeA;
        if (left != right) return left < right;
        return idA < idB;
    }

    /// @notice The next epoch's threshold: moves toward the target fill rate by half the EMA's deviation
    /// (fills too fast ⇒ smaller threshold ⇒ harder), clamped to [minThreshold, maxThreshold].
    function nextThreshold(
        uint256 threshold,
        uint256 emaFillRate,
        uint256 targetFillRate,
        uint256 minThreshold,
        uint256 maxThreshold
    ) internal pure returns (uint256 next) {
        uint256 factor =
            emaFillRate > targetFillRate
                ? MICRO - (emaFillRate - targetFillRate) / 2
                : MICRO + (targetFillRate - emaFillRate) / 2;
        next = (threshold * factor) / MICRO;
        if (next < minThreshold) next = minThreshold;
        if (next > maxThreshold) next = maxThreshold;
    }

    /// @notice EMA of the fill rate: alpha·rate + (1 − alpha)·ema, all in micro units.
    function nextEma(uint256 ema, uint256 fills, uint256 targets, uint256 alpha) internal pure returns (uint256) {
        if (targets == 0) return ema;
        uint256 rate = (fills * MICRO) / targets;
        return (alpha * rate + (MICRO - alpha) * ema) / MICRO;
    }

    /// @notice The bond of a submission: `bondPerByte × size`, but never less than `minBond`, so that a declared
    /// size of 1 byte cannot make fraud cheap.
    function bondFor(uint256 size, uint256 bondPerByte, uint256 minBond) internal pure returns (uint256 bond) {
        bond = bondPerByte * size;
        if (bond < minBond) bond = minBond;
    }

    /// @notice How a claimed target's reward is shared: `feeBps` of it to the auditor when the drawn auditor
    /// confirmed (else back to the pool), the rest half to the submitter (rounded down) and half to the model.
    function splitReward(
        uint256 reward,
        uint256 feeBps,
        bool confirmed
    ) internal pure returns (uint256 toAuditor, uint256 toSubmitter, uint256 toModel, uint256 toPool) {
        uint256 fee = (reward * feeBps) / 10_000;
        uint256 rest = reward - fee;
        toSubmitter = rest / 2;
        toModel = rest - toSubmitter;
        if (confirmed) toAuditor = fee;
        else toPool = fee;
    }
}
