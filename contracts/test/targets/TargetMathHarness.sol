// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TargetMath} from "../../targets/TargetMath.sol";

/// @notice Exposes TargetMath for the TypeScript parity tests.
contract TargetMathHarness {
    function generate(
        bytes32 seed,
        bytes memory center,
        uint256 spread,
        uint256 dim
    ) external pure returns (int256[] memory) {
        return TargetMath.generate(seed, TargetMath.unpack(center, dim), spread);
    }

    function cosineDistance(bytes memory a, bytes memory b, uint256 dim) external pure returns (uint256) {
        return TargetMath.cosineDistance(TargetMath.unpack(a, dim), TargetMath.unpack(b, dim));
    }

    function nextThreshold(
        uint256 threshold,
        uint256 ema,
        uint256 target,
        uint256 min,
        uint256 max
    ) external pure returns (uint256) {
        return TargetMath.nextThreshold(threshold, ema, target, min, max);
    }

    function nextEma(uint256 ema, uint256 fills, uint256 targets, uint256 alpha) external pure returns (uint256) {
        return TargetMath.nextEma(ema, fills, targets, alpha);
    }

    function bondFor(uint256 size, uint256 bondPerByte, uint256 minBond) external pure returns (uint256) {
        return TargetMath.bondFor(size, bondPerByte, minBond);
    }

    function splitReward(
        uint256 reward,
        uint256 feeBps,
        bool confirmed
    ) external pure returns (uint256, uint256, uint256, uint256) {
        return TargetMath.splitReward(reward, feeBps, confirmed);
    }
}
