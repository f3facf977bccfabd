// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ArenaTargets} from "../../targets/ArenaTargets.sol";
import {TargetMath} from "../../targets/TargetMath.sol";

/// @notice Test only: the targets market's internal constants and enum values as the compiled contracts see them,
/// one function per `<Contract>_<CONSTANT>` and `<Enum>_<Member>` of contracts-abi/protocol.ts that no deployed
/// contract's getter answers (ArenaTargets' public constants are read from a deployed ArenaTargets).
/// constants.test.ts asks for every generated entry, so one added in Solidity without a function here fails it.
/// @dev It inherits ArenaTargets to reach its internal constants, so it is ArenaTargets' size and more: the test
/// deploys it on a network that allows contracts over 24 KiB.
contract TargetsProbe is ArenaTargets {
    constructor(IERC20 token_, address owner_, Config memory config_) ArenaTargets(token_, owner_, config_) {}

    // ArenaTargets (internal)
    function ArenaTargets_MICRO() external pure returns (uint256) {
        return MICRO;
    }

    function ArenaTargets_MAX_MODELS_PER_TARGET() external pure returns (uint256) {
        return MAX_MODELS_PER_TARGET;
    }

    function ArenaTargets_MAX_ACTIVE_MODELS() external pure returns (uint256) {
        return MAX_ACTIVE_MODELS;
    }

    function ArenaTargets_MAX_TARGETS_PER_EPOCH() external pure returns (uint256) {
        return MAX_TARGETS_PER_EPOCH;
    }

    function ArenaTargets_MAX_VALIDATORS() external pure returns (uint256) {
        return MAX_VALIDATORS;
    }

    function ArenaTargets_BLOCKHASH_WINDOW() external pure returns (uint256) {
        return BLOCKHASH_WINDOW;
    }

    // TargetMath
    function TargetMath_MICRO() external pure returns (uint256) {
        return TargetMath.MICRO;
    }

    // Enums: each member's value, and how many members there are.
    function TargetStatus_count() external pure returns (uint256) {
        return uint256(type(TargetStatus).max) + 1;
    }

    function TargetStatus_None() external pure returns (uint256) {
        return uint256(TargetStatus.None);
    }

    function TargetStatus_Open() external pure returns (uint256) {
        return uint256(TargetStatus.Open);
    }

    function TargetStatus_Filled() external pure returns (uint256) {
        return uint256(TargetStatus.Filled);
    }

    function TargetStatus_Fraudulent() external pure returns (uint256) {
        return uint256(TargetStatus.Fraudulent);
    }

    function TargetStatus_Claimed() external pure returns (uint256) {
        return uint256(TargetStatus.Claimed);
    }

    function TargetStatus_Expired() external pure returns (uint256) {
        return uint256(TargetStatus.Expired);
    }
}
