// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ArenaBase} from "../../../arena/ArenaBase.sol";
import {Metric, Phase, Role} from "../../../arena/IArena.sol";
import {ArenaParams} from "../../../arena/lib/ArenaParams.sol";
import {RewardMath} from "../../../arena/lib/RewardMath.sol";

/// @notice Test only: returns the protocol's constants and enum values as the compiled contracts see them, one
/// function per `<Contract>_<CONSTANT>` and `<Enum>_<Member>` of contracts-abi/protocol.ts. constants.test.ts
/// calls one for every generated entry, so a constant or member added in Solidity without one here fails it.
contract ProtocolProbe is ArenaBase {
    constructor() ArenaBase(IERC20(address(1))) {}

    // ArenaParams
    function ArenaParams_WAD() external pure returns (uint256) {
        return ArenaParams.WAD;
    }

    function ArenaParams_MAX_AMOUNT() external pure returns (uint256) {
        return ArenaParams.MAX_AMOUNT;
    }

    function ArenaParams_MAX_NODES() external pure returns (uint256) {
        return ArenaParams.MAX_NODES;
    }

    function ArenaParams_MAX_ASSIGNMENTS() external pure returns (uint256) {
        return ArenaParams.MAX_ASSIGNMENTS;
    }

    function ArenaParams_MAX_VALIDATORS_PER_SUBMISSION() external pure returns (uint256) {
        return ArenaParams.MAX_VALIDATORS_PER_SUBMISSION;
    }

    function ArenaParams_MAX_LAMBDA() external pure returns (uint256) {
        return ArenaParams.MAX_LAMBDA;
    }

    function ArenaParams_MIN_EPOCH_LENGTH() external pure returns (uint256) {
        return ArenaParams.MIN_EPOCH_LENGTH;
    }

    function ArenaParams_MAX_EPOCH_LENGTH() external pure returns (uint256) {
        return ArenaParams.MAX_EPOCH_LENGTH;
    }

    function ArenaParams_MAX_SUBMISSION_EPOCHS() external pure returns (uint256) {
        return ArenaParams.MAX_SUBMISSION_EPOCHS;
    }

    function ArenaParams_MAX_PHASE_EPOCHS() external pure returns (uint256) {
        return ArenaParams.MAX_PHASE_EPOCHS;
    }

    function ArenaParams_MAX_TEXT() external pure returns (uint256) {
        return ArenaParams.MAX_TEXT;
    }

    function ArenaParams_MAX_SHORT_TEXT() external pure returns (uint256) {
        return ArenaParams.MAX_SHORT_TEXT;
    }

    function ArenaParams_MAX_CONTEXT_LENGTH() external pure returns (uint256) {
        return ArenaParams.MAX_CONTEXT_LENGTH;
    }

    // ArenaBase
    function ArenaBase_WAD() external pure returns (uint256) {
        return WAD;
    }

    function ArenaBase_MAX_FEE_BPS() external pure returns (uint256) {
        return MAX_FEE_BPS;
    }

    function ArenaBase_MAX_DELEGATIONS_PER_TASK() external pure returns (uint256) {
        return MAX_DELEGATIONS_PER_TASK;
    }

    function ArenaBase_REWARD_SHARE_COOLDOWN() external pure returns (uint256) {
        return REWARD_SHARE_COOLDOWN;
    }

    function ArenaBase_MAX_STAKE() external pure returns (uint256) {
        return MAX_STAKE;
    }

    function ArenaBase_PARTICIPATED() external pure returns (uint256) {
        return PARTICIPATED;
    }

    // RewardMath
    function RewardMath_WAD() external pure returns (uint256) {
        return RewardMath.WAD;
    }

    function RewardMath_SCORE_SCALE() external pure returns (uint256) {
        return RewardMath.SCORE_SCALE;
    }

    function RewardMath_MEAN_SCALE() external pure returns (uint256) {
        return RewardMath.MEAN_SCALE;
    }

    function RewardMath_METRIC_SCALE() external pure returns (uint256) {
        return RewardMath.METRIC_SCALE;
    }

    function RewardMath_ACC_SCALE() external pure returns (uint256) {
        return RewardMath.ACC_SCALE;
    }

    function RewardMath_LN2_WAD() external pure returns (uint256) {
        return RewardMath.LN2_WAD;
    }

    // Enums: each member's value, and how many members there are.
    function Metric_count() external pure returns (uint256) {
        return uint256(type(Metric).max) + 1;
    }

    function Metric_Loss() external pure returns (uint256) {
        return uint256(Metric.Loss);
    }

    function Metric_Accuracy() external pure returns (uint256) {
        return uint256(Metric.Accuracy);
    }

    function Metric_ReferenceSimilarity() external pure returns (uint256) {
        return uint256(Metric.ReferenceSimilarity);
    }

    function Role_count() external pure returns (uint256) {
        return uint256(type(Role).max) + 1;
    }

    function Role_None() external pure returns (uint256) {
        return uint256(Role.None);
    }

    function Role_Node() external pure returns (uint256) {
        return uint256(Role.Node);
    }

    function Role_Validator() external pure returns (uint256) {
        return uint256(Role.Validator);
    }

    function Phase_count() external pure returns (uint256) {
        return uint256(type(Phase).max) + 1;
    }

    function Phase_Submission() external pure returns (uint256) {
        return uint256(Phase.Submission);
    }

    function Phase_FinalValidation() external pure returns (uint256) {
        return uint256(Phase.FinalValidation);
    }

    function Phase_Challenge() external pure returns (uint256) {
        return uint256(Phase.Challenge);
    }

    function Phase_Ended() external pure returns (uint256) {
        return uint256(Phase.Ended);
    }

    function Phase_Cancelled() external pure returns (uint256) {
        return uint256(Phase.Cancelled);
    }
}
