// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IArenaErrors, MechanismParams, TaskConfig, TaskParams} from "../IArena.sol";

/// @title ArenaParams
/// @notice Range checks of every task parameter (docs/ARCHITECTURE.md §3.1). A failed check reverts with
/// InvalidParameter naming the parameter, its value and the allowed range.
library ArenaParams {
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MAX_AMOUNT = (1 << 88) - 1;
    uint256 internal constant MAX_NODES = 1024;
    /// Scores one validator may reveal per epoch. Settlement processes all of one validator's scores in one step,
    /// at up to ~26.2k gas each (AGGREGATE on fresh storage), so this bounds the largest step (H1): at 256 it
    /// is ≈ 6.8M gas, 41% of the 16,777,216 per-transaction cap (SettlementGasCap.t.sol measures every step at
    /// the largest parameters); at 1024 a single step needed 26.8M and the task could never settle again.
    /// The headroom leaves room for storage repricing. (The packed header could count 2047 cells.)
    uint256 internal constant MAX_ASSIGNMENTS = 256;
    uint256 internal constant MAX_VALIDATORS_PER_SUBMISSION = 64;
    uint256 internal constant MAX_LAMBDA = 1e30;
    uint256 internal constant MIN_EPOCH_LENGTH = 60;
    uint256 internal constant MAX_EPOCH_LENGTH = 30 days;
    uint256 internal constant MAX_SUBMISSION_EPOCHS = 1000;
    uint256 internal constant MAX_PHASE_EPOCHS = 100;
    uint256 internal constant MAX_TEXT = 1024;
    /// Title and base model, in bytes.
    uint256 internal constant MAX_SHORT_TEXT = 200;
    uint256 internal constant MAX_CONTEXT_LENGTH = 10_000_000;

    function check(string memory name, uint256 value, uint256 min, uint256 max) internal pure {
        if (value < min || value > max) revert IArenaErrors.InvalidParameter(name, value, min, max);
    }

    function toConfig(TaskParams calldata p) internal pure returns (TaskConfig memory c) {
        check("title", bytes(p.title).length, 1, MAX_SHORT_TEXT);
        check("description", bytes(p.description).length, 0, MAX_TEXT);
        check("baseModel", bytes(p.baseModel).length, 1, MAX_SHORT_TEXT);
        check("dataURI", bytes(p.dataURI).length, 1, MAX_TEXT);
        check("evalSetURI", bytes(p.evalSetURI).length, 1, MAX_TEXT);
        check("evalSetHash", uint256(p.evalSetHash), 1, type(uint256).max);
        check("finalEvalCommit", uint256(p.finalEvalCommit), 1, type(uint256).max);
        check("contextLength", p.contextLength, 1, MAX_CONTEXT_LENGTH);
        check("maxParams", p.maxParams, 1, type(uint64).max);
        check("rewardPool", p.rewardPool, 1, MAX_AMOUNT);
        check("epochLength", p.epochLength, MIN_EPOCH_LENGTH, MAX_EPOCH_LENGTH);
        check("commitWindow", p.commitWindow, 1, p.epochLength - 2);
        check("revealWindow", p.revealWindow, 1, p.epochLength - p.commitWindow - 1);
        // Nobody has stake that counts in epoch 0, so one submission epoch could never be scored.
        check("submissionEpochs", p.submissionEpochs, 2, MAX_SUBMISSION_EPOCHS);
        check("finalEpochs", p.finalEpochs, 1, MAX_PHASE_EPOCHS);
        check("challengeEpochs", p.challengeEpochs, 1, MAX_PHASE_EPOCHS);
        check("unbondingEpochs", p.unbondingEpochs, 1, MAX_PHASE_EPOCHS);
        check("minNodeStake", p.minNodeStake, 1, MAX_AMOUNT);
        check("minValidatorStake", p.minValidatorStake, 1, MAX_AMOUNT);
        check("challengeBond", p.challengeBond, 1, MAX_AMOUNT);
        check("validatorsPerSubmission", p.validatorsPerSubmission, 1, MAX_VALIDATORS_PER_SUBMISSION);
        check("maxAssignmentsPerEpoch", p.maxAssignmentsPerEpoch, 1, MAX_ASSIGNMENTS);
        check("maxNodes", p.maxNodes, 1, MAX_NODES);
        _checkMechanism(p.mechanism);
        c.epochLength = p.epochLength;
        c.commitWindow = p.commitWindow;
        c.revealWindow = p.revealWindow;
        c.submissionEpochs = p.submissionEpochs;
        c.finalEpochs = p.finalEpochs;
        c.challengeEpochs = p.challengeEpochs;
        c.unbondingEpochs = p.unbondingEpochs;
        c.validatorsPerSubmission = p.validatorsPerSubmission;
        c.maxAssignmentsPerEpoch = p.maxAssignmentsPerEpoch;
        c.maxNodes = p.maxNodes;
        c.metric = p.metric;
        c.minNodeStake = p.minNodeStake;
        c.minValidatorStake = p.minValidatorStake;
        c.challengeBond = p.challengeBond;
        c.mechanism = p.mechanism;
    }

    function _checkMechanism(MechanismParams calldata m) private pure {
        check("gamma", m.gamma, 0, WAD);
        check("q", m.q, 1, WAD - 1);
        check("alphaT", m.alphaT, 0, WAD);
        check("lambdaV", m.lambdaV, 0, MAX_LAMBDA);
        check("alphaV", m.alphaV, 0, WAD);
        check("beta", m.beta, 1, WAD);
    }
}
