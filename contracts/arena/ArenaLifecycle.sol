// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ArenaBase} from "./ArenaBase.sol";
import {Challenge, Participant, Phase, Role, TaskConfig, TaskParams, TaskState} from "./IArena.sol";
import {ArenaParams} from "./lib/ArenaParams.sol";

/// @title ArenaLifecycle
/// @notice Creation, cancellation, the challenge phase (ARCHITECTURE.md §3.2) and the end of a task, run by
/// ArenaTasks through delegatecall. In the challenge phase anyone may challenge a node's model as stolen by posting a bond; the node answers with a proof
/// reference; validators vote with the stake they had when the challenge opened. At the end of the task, an
/// unanswered challenge or ≥ 2/3 of validator stake upholding it gives the node's escrowed task rewards to the
/// challenger; otherwise the bond goes to the node.
contract ArenaLifecycle is ArenaBase {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    address private immutable _self;

    constructor(IERC20 token_) ArenaBase(token_) {
        _self = address(this);
    }

    modifier onlyDelegateCall() {
        if (address(this) == _self) revert OnlyDelegateCall();
        _;
    }

    /// @notice Creates a task and escrows its reward pool. The creator qualifies by locking at least
    /// `minCreatorStake` (returned after the task), by having been paid as a node or validator in an earlier
    /// epoch, or by holding EXPERT_ROLE.
    function createTask(
        TaskParams calldata params,
        uint96 creatorStake
    ) external onlyDelegateCall returns (uint256 taskId) {
        TaskConfig memory config = ArenaParams.toConfig(params);
        uint256 minStake = minCreatorStake;
        if (creatorStake > 0 && creatorStake < minStake) revert CreatorStakeTooLow(creatorStake, minStake);
        bool byStake = creatorStake > 0 && creatorStake >= minStake;
        if (!byStake && !hasParticipated(msg.sender) && !hasRole(EXPERT_ROLE, msg.sender)) {
            revert CreatorNotEligible(msg.sender, minStake);
        }
        taskId = ++taskCount;
        _configs[taskId] = config;
        TaskState storage t = _tasks[taskId];
        t.creator = msg.sender;
        t.start = uint40(block.timestamp);
        t.pool = params.rewardPool;
        t.creatorStake = creatorStake;
        t.finalEvalCommit = params.finalEvalCommit;
        ledger.pools += params.rewardPool;
        ledger.funded += params.rewardPool;
        ledger.creatorStakes += creatorStake;
        _emitCreated(taskId, params, config);
        if (creatorStake > 0) emit CreatorStakeLocked(taskId, msg.sender, creatorStake);
        token.safeTransferFrom(msg.sender, address(this), uint256(params.rewardPool) + creatorStake);
    }

    function _emitCreated(uint256 taskId, TaskParams calldata params, TaskConfig memory config) private {
        emit TaskCreated(taskId, msg.sender, params.metric, params.rewardPool, block.timestamp);
        emit TaskDescribed(
            taskId,
            params.title,
            params.description,
            params.baseModel,
            params.dataURI,
            params.evalSetURI
        );
        emit TaskConfigured(taskId, config, params.contextLength, params.maxParams);
    }

    /// @notice Cancels a task nobody has staked in or delegated to yet; refunds the pool and creator stake.
    function cancelTask(uint256 taskId) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        if (msg.sender != t.creator) revert NotTaskCreator(taskId, msg.sender);
        if (t.cancelled) revert WrongPhase(taskId, Phase.Cancelled);
        if (t.stakerCount != 0) revert TaskHasStakers(taskId, t.stakerCount);
        uint256 refund = uint256(t.pool) + t.creatorStake;
        ledger.pools -= t.pool;
        ledger.creatorStakes -= t.creatorStake;
        ledger.paidOut += t.pool;
        t.cancelled = true;
        t.pool = 0;
        t.creatorStake = 0;
        emit TaskCancelled(taskId, refund);
        token.safeTransfer(msg.sender, refund);
    }

    /// @notice Challenges `node`'s model in task `taskId` as stolen, posting `bond` (at least the task's bond).
    function openChallenge(
        uint256 taskId,
        address node,
        uint96 bond
    ) external onlyDelegateCall returns (uint256 challengeId) {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        uint256 epoch = _epochOf(t, c);
        Phase phase = _phaseAt(t, c, epoch);
        if (phase != Phase.Challenge) revert WrongPhase(taskId, phase);
        Participant storage p = _participants[taskId][node];
        if (p.role != Role.Node || !p.submitted) revert WrongRole(taskId, node, Role.Node);
        if (_openChallenges[taskId][node] != 0) revert ChallengeAlreadyOpen(taskId, node);
        if (bond < c.challengeBond) revert BondTooLow(bond, c.challengeBond);
        challengeId = ++challengeCount;
        Challenge storage ch = _challenges[challengeId];
        ch.taskId = taskId;
        ch.node = node;
        ch.challenger = msg.sender;
        ch.bond = bond;
        ch.openedEpoch = uint32(epoch);
        _openChallenges[taskId][node] = 1;
        ledger.bonds += bond;
        ledger.funded += bond;
        emit ChallengeOpened(challengeId, taskId, node, msg.sender, bond);
        token.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @notice The challenged node answers with a proof reference (training log, proof of learning, watermark).
    function answerChallenge(uint256 challengeId, string calldata proofURI) external onlyDelegateCall {
        Challenge storage ch = _openChallenge(challengeId);
        if (msg.sender != ch.node) revert NotChallengedNode(challengeId, msg.sender);
        if (ch.answered) revert AlreadyAnswered(challengeId);
        ch.answered = true;
        emit ChallengeAnswered(challengeId, proofURI);
    }

    /// @notice A validator of the task votes, weighted by its stake (own + delegated) when the challenge opened.
    function voteChallenge(uint256 challengeId, bool uphold) external onlyDelegateCall {
        Challenge storage ch = _openChallenge(challengeId);
        uint256 taskId = ch.taskId;
        if (_participants[taskId][msg.sender].role != Role.Validator)
            revert WrongRole(taskId, msg.sender, Role.Validator);
        if (_voted[challengeId][msg.sender]) revert AlreadyVoted(challengeId, msg.sender);
        uint256 weight = _ownAt(taskId, msg.sender, ch.openedEpoch) + _delegatedAt(taskId, msg.sender, ch.openedEpoch);
        if (weight == 0) revert NoVotingStake(challengeId, msg.sender);
        _voted[challengeId][msg.sender] = true;
        if (uphold) ch.votesUphold += uint96(weight);
        else ch.votesReject += uint96(weight);
        emit ChallengeVoted(challengeId, msg.sender, uphold, weight);
    }

    /// @notice Settles a challenge once the task has ended and every scoring epoch is settled.
    function resolveChallenge(uint256 challengeId) external onlyDelegateCall returns (bool upheld) {
        Challenge storage ch = _challenges[challengeId];
        if (ch.challenger == address(0)) revert ChallengeNotFound(challengeId);
        if (ch.resolved) revert ChallengeResolved(challengeId);
        uint256 taskId = ch.taskId;
        _requireEndedAndSettled(taskId);
        uint256 total = _sumValidatorStake[taskId].upperLookupRecent(uint48(ch.openedEpoch));
        upheld = !ch.answered || (total > 0 && uint256(ch.votesUphold) * 3 >= total * 2);
        ch.resolved = true;
        ch.upheld = upheld;
        _openChallenges[taskId][ch.node] = 0;
        uint256 bond = ch.bond;
        ledger.bonds -= uint128(bond);
        uint256 transferred;
        if (upheld) {
            transferred = _nodeEscrow[taskId][ch.node];
            _nodeEscrow[taskId][ch.node] = 0;
            ledger.escrow -= uint128(transferred);
            _credit(ch.challenger, transferred + bond);
        } else {
            transferred = bond;
            _credit(ch.node, bond);
        }
        emit ChallengeSettled(challengeId, upheld, transferred);
    }

    /// @notice Releases a node's escrowed task rewards to its claimable balance after the task (anyone may call).
    function releaseNodeRewards(uint256 taskId, address node) external onlyDelegateCall {
        _requireEndedAndSettled(taskId);
        if (_openChallenges[taskId][node] != 0) revert ChallengesOpen(taskId, node, 1);
        if (!_tryReleaseNode(taskId, node)) revert NothingToClaim(node);
    }

    /// @notice The creator takes back what the epochs left in the pool (unscored epochs and rounding dust).
    function reclaimPool(uint256 taskId) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        if (msg.sender != t.creator) revert NotTaskCreator(taskId, msg.sender);
        _requireEndedAndSettled(taskId);
        if (t.poolReclaimed) revert PoolAlreadyReclaimed(taskId);
        uint256 amount = t.pool;
        t.poolReclaimed = true;
        t.pool = 0;
        ledger.pools -= uint128(amount);
        ledger.paidOut += uint128(amount);
        emit PoolReclaimed(taskId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Returns the creator's locked stake once the task has ended.
    function withdrawCreatorStake(uint256 taskId) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        if (msg.sender != t.creator) revert NotTaskCreator(taskId, msg.sender);
        TaskConfig storage c = _configs[taskId];
        Phase phase = _phaseAt(t, c, _epochOf(t, c));
        if (phase != Phase.Ended) revert WrongPhase(taskId, phase);
        uint256 amount = t.creatorStake;
        if (amount == 0) revert NothingToWithdraw();
        t.creatorStake = 0;
        ledger.creatorStakes -= uint128(amount);
        emit CreatorStakeReturned(taskId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    function _openChallenge(uint256 challengeId) private view returns (Challenge storage ch) {
        ch = _challenges[challengeId];
        if (ch.challenger == address(0)) revert ChallengeNotFound(challengeId);
        if (ch.resolved) revert ChallengeResolved(challengeId);
        TaskState storage t = _tasks[ch.taskId];
        TaskConfig storage c = _configs[ch.taskId];
        Phase phase = _phaseAt(t, c, _epochOf(t, c));
        if (phase != Phase.Challenge) revert WrongPhase(ch.taskId, phase);
    }

    function _requireEndedAndSettled(uint256 taskId) private view {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        Phase phase = _phaseAt(t, c, _epochOf(t, c));
        if (phase != Phase.Ended) revert WrongPhase(taskId, phase);
        if (t.settledEpochs < _scoringEpochs(c)) revert EpochsNotSettled(t.settledEpochs, _scoringEpochs(c));
    }
}
