// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaBase} from "./ArenaBase.sol";
import {EpochState, Participant, Role, TaskConfig, TaskState} from "./IArena.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ScorePacking} from "./lib/ScorePacking.sol";
import {Sortition} from "./lib/Sortition.sol";

/// @title ArenaScoring
/// @notice Commit-reveal scoring of submissions by sortition-assigned validators (docs/ARCHITECTURE.md §3.3–§3.4);
/// submissions, seeds and the held-back set are in ArenaLifecycle. Each epoch: submissions until `submitEnd`, commits until `commitEnd`,
/// reveals until the epoch ends.
abstract contract ArenaScoring is ArenaBase {
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Commits keccak256(abi.encode(taskId, epoch, validator, nodeIndices, scores, receipt, salt)) for this
    /// epoch, once its seed can be read (`drawSeed`); `receipt` is the sha256 of the scoring receipt (what was scored,
    /// how, and the Merkle root of the per-example values; docs/ARCHITECTURE.md §3.4).
    /// @dev May be replaced until the commit window closes. In final validation, validators score on the held-back
    /// set if the creator revealed it before the seed was recorded (`getEpoch(..).heldBackSet`), else on the
    /// public set: a creator who keeps the held-back set back cannot leave the final epochs unscored.
    function commitScores(uint256 taskId, bytes32 commitment) external {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        uint256 epoch = _epochOf(t, c);
        _requireCommitWindow(t, c, taskId, epoch);
        Participant storage p = _participants[taskId][msg.sender];
        if (p.role != Role.Validator) revert WrongRole(taskId, msg.sender, Role.Validator);
        uint256 own = _ownAt(taskId, msg.sender, epoch);
        if (own < c.minValidatorStake) revert StakeNotActive(epoch, own, c.minValidatorStake);
        uint256 word = ScorePacking.commitmentWord(commitment);
        if (word == 0) revert InvalidParameter("commitment", uint256(commitment), 1 << 8, type(uint256).max);
        if (!_readSeed(t, taskId, epoch)) revert SeedNotDrawn(taskId, epoch);
        _scoreHeader[taskId][epoch][p.index] = word;
        emit ScoresCommitted(taskId, epoch, msg.sender, commitment);
    }

    /// @notice Reveals the committed scores (1e-6 units) of `epoch` for assigned submissions, by node index ascending,
    /// between the commit deadline and the end of the epoch.
    /// The receipt (sha256 of the receipt document, non-zero) is only emitted: anyone can fetch the document by that
    /// name from the blob store and spot-check the scores against it.
    /// @dev Stores the scores packed with the validator's stake snapshot for the epoch.
    function revealScores(
        uint256 taskId,
        uint256 epoch,
        uint256[] calldata nodeIndices,
        uint32[] calldata scores,
        bytes32 receipt,
        bytes32 salt
    ) external {
        if (receipt == bytes32(0)) revert MissingReceipt();
        uint256 vIndex = _checkReveal(
            taskId,
            epoch,
            keccak256(abi.encode(taskId, epoch, msg.sender, nodeIndices, scores, receipt, salt))
        );
        uint256 n = nodeIndices.length;
        if (n != scores.length) revert LengthMismatch(n, scores.length);
        if (n == 0) revert EmptyReveal();
        TaskConfig storage c = _configs[taskId];
        if (n > c.maxAssignmentsPerEpoch) revert TooManyAssignments(n, c.maxAssignmentsPerEpoch);
        _store(taskId, epoch, vIndex, nodeIndices, scores);
        _revealed[taskId][epoch].push(uint32(vIndex));
        emit ScoresRevealed(taskId, epoch, msg.sender, nodeIndices, scores, receipt);
    }

    /// @dev Reveal window, role, commitment; returns the validator's index.
    function _checkReveal(uint256 taskId, uint256 epoch, bytes32 revealed) private view returns (uint256 vIndex) {
        TaskState storage t = _task(taskId);
        (, , uint256 commitEnd, uint256 end) = _epochTimes(t, _configs[taskId], epoch);
        if (block.timestamp < commitEnd || block.timestamp >= end) revert NotInWindow(epoch, commitEnd, end);
        Participant storage p = _participants[taskId][msg.sender];
        if (p.role != Role.Validator) revert WrongRole(taskId, msg.sender, Role.Validator);
        vIndex = p.index;
        uint256 word = _scoreHeader[taskId][epoch][vIndex];
        if (word == 0) revert NoCommitment(epoch, msg.sender);
        if (ScorePacking.isRevealed(word)) revert AlreadyRevealed(epoch, msg.sender);
        if (ScorePacking.commitmentWord(revealed) != word) revert RevealMismatch(bytes32(word << 8), revealed);
    }

    struct CellCheck {
        uint256 taskId;
        uint256 epoch;
        bytes32 seed;
        uint256 limit;
    }

    /// @dev Writes the header (stake snapshot, count, first three cells) over the commitment, and the other cells.
    function _store(
        uint256 taskId,
        uint256 epoch,
        uint256 vIndex,
        uint256[] calldata nodeIndices,
        uint32[] calldata scores
    ) private {
        CellCheck memory check = CellCheck(taskId, epoch, _epochs[taskId][epoch].seed, 0);
        uint256 delegated = _delegatedAt(taskId, msg.sender, epoch);
        uint256 stake = _ownAt(taskId, msg.sender, epoch) + delegated;
        check.limit = _assignmentLimit(taskId, epoch, _configs[taskId], stake);
        uint256 headerCells = _storeCells(check, _scoreWords[taskId][epoch][vIndex], nodeIndices, scores);
        _scoreHeader[taskId][epoch][vIndex] = ScorePacking.header(
            stake,
            delegated > 0,
            nodeIndices.length,
            headerCells
        );
    }

    /// @dev Checks each cell's assignment and packs it; returns the header's cells, writes the rest five to a word.
    function _storeCells(
        CellCheck memory check,
        mapping(uint256 => uint256) storage words,
        uint256[] calldata nodeIndices,
        uint32[] calldata scores
    ) private returns (uint256 headerCells) {
        uint256 n = nodeIndices.length;
        bool finalPhase = check.epoch >= _configs[check.taskId].submissionEpochs;
        uint256 packed;
        for (uint256 i; i < n; ++i) {
            uint256 nodeIndex = nodeIndices[i];
            if (i > 0 && nodeIndex <= nodeIndices[i - 1]) revert SubmissionsNotAscending(i);
            if (!_submittedAt(check.taskId, check.epoch, finalPhase, nodeIndex))
                revert NoSubmission(check.epoch, nodeIndex);
            if (!Sortition.isAssigned(check.seed, nodeIndex, msg.sender, check.limit)) {
                revert NotAssigned(check.epoch, nodeIndex, msg.sender);
            }
            uint256 c = ScorePacking.cell(nodeIndex, scores[i]);
            (uint256 word, uint256 shift) = ScorePacking.locate(i);
            if (word == type(uint256).max) {
                headerCells |= c << (shift - 104);
                continue;
            }
            packed |= c << shift;
            if (shift == 48 * (ScorePacking.CELLS_PER_WORD - 1) || i == n - 1) {
                words[word] = packed;
                packed = 0;
            }
        }
    }

    /// @dev A node has a submission in a submission-phase epoch if it submitted in it; in the final phase, if it
    /// ever submitted (its latest model is re-scored).
    function _submittedAt(
        uint256 taskId,
        uint256 epoch,
        bool finalPhase,
        uint256 nodeIndex
    ) internal view returns (bool) {
        uint256 bits =
            finalPhase ? _everSubmittedBits[taskId][nodeIndex >> 8] : _submittedBits[taskId][epoch][nodeIndex >> 8];
        return (bits >> (nodeIndex & 0xff)) & 1 == 1;
    }

    /// @notice Whether `validator` must score node `nodeIndex`'s submission in `epoch` (ignoring the per-epoch cap).
    function isAssigned(
        uint256 taskId,
        uint256 epoch,
        uint256 nodeIndex,
        address validator
    ) public view returns (bool) {
        TaskConfig storage c = _configs[taskId];
        if (!_submittedAt(taskId, epoch, epoch >= c.submissionEpochs, nodeIndex)) return false;
        if (_participants[taskId][validator].role != Role.Validator) return false;
        uint256 s = _ownAt(taskId, validator, epoch) + _delegatedAt(taskId, validator, epoch);
        bytes32 seed = _seedOf(taskId, epoch);
        if (seed == bytes32(0)) return false;
        return Sortition.isAssigned(seed, nodeIndex, validator, _assignmentLimit(taskId, epoch, c, s));
    }

    /// @notice The submissions (node indices, ascending) `validator` must score in `epoch`, capped at
    /// `maxAssignmentsPerEpoch`. Empty until the epoch's seed can be read (`drawSeed`).
    function assignmentsOf(
        uint256 taskId,
        uint256 epoch,
        address validator
    ) external view returns (uint256[] memory list) {
        TaskConfig storage c = _configs[taskId];
        uint256 nodeCount = _tasks[taskId].nodeCount;
        list = new uint256[](c.maxAssignmentsPerEpoch < nodeCount ? c.maxAssignmentsPerEpoch : nodeCount);
        bytes32 seed = _seedOf(taskId, epoch);
        if (seed == bytes32(0)) {
            assembly {
                mstore(list, 0)
            }
            return list;
        }
        uint256 found;
        if (_participants[taskId][validator].role == Role.Validator) {
            uint256 s = _ownAt(taskId, validator, epoch) + _delegatedAt(taskId, validator, epoch);
            uint256 limit = _assignmentLimit(taskId, epoch, c, s);
            bool finalPhase = epoch >= c.submissionEpochs;
            for (uint256 i; i < nodeCount && found < list.length; ++i) {
                if (_submittedAt(taskId, epoch, finalPhase, i) && Sortition.isAssigned(seed, i, validator, limit)) {
                    list[found++] = i;
                }
            }
        }
        assembly {
            mstore(list, found)
        }
    }

    function _assignmentLimit(
        uint256 taskId,
        uint256 epoch,
        TaskConfig storage c,
        uint256 s
    ) internal view returns (uint256) {
        uint256 w = Sortition.weight(s, c.mechanism.beta);
        EpochState storage e = _epochs[taskId][epoch];
        // Σw counts from the epoch's start (stake changes apply from the next epoch), so before the seed is
        // recorded the checkpoint gives the same value.
        uint256 sumWeight = e.seed == bytes32(0) ? _sumWeight[taskId].upperLookupRecent(uint48(epoch)) : e.sumWeight;
        return Sortition.threshold(c.validatorsPerSubmission, w, sumWeight);
    }
}
