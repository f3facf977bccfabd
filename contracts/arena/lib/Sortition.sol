// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FixedPointMathLib as FPM} from "solady/src/utils/FixedPointMathLib.sol";
import {RewardMath} from "./RewardMath.sol";

/// @title Sortition
/// @notice Validator assignment of docs/ARCHITECTURE.md §3.3: validator j scores submission i in epoch e iff
/// keccak256(σ_e, i, j) < 2^256·min(1, k·w_j/Σw), with w_j = s_j^β. Anyone can check one pair in O(1).
/// lib/sortition mirrors it.
library Sortition {
    /// @notice w = s^β (s in wei read as WAD).
    function weight(uint256 stake, uint256 beta) internal pure returns (uint256) {
        return RewardMath.pow(stake, beta);
    }

    /// @notice The largest hash that still assigns, or type(uint256).max when the validator is always assigned.
    function threshold(uint256 k, uint256 w, uint256 sumWeight) internal pure returns (uint256) {
        if (sumWeight == 0 || w == 0) return 0;
        if (k * w >= sumWeight) return type(uint256).max;
        return FPM.fullMulDiv(type(uint256).max, k * w, sumWeight);
    }

    function draw(bytes32 seed, uint256 nodeIndex, address validator) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode(seed, nodeIndex, validator)));
    }

    function isAssigned(
        bytes32 seed,
        uint256 nodeIndex,
        address validator,
        uint256 limit
    ) internal pure returns (bool) {
        if (limit == type(uint256).max) return true;
        return draw(seed, nodeIndex, validator) < limit;
    }
}
