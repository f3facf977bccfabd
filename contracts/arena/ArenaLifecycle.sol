// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ArenaModule} from "./ArenaModule.sol";
import {
    Challenge,
    DelegationPosition,
    ModelCommit,
    Participant,
    Phase,
    Role,
    TaskConfig,
    TaskParams,
    TaskState
} from "./IArena.sol";
import {ArenaParams} from "./lib/ArenaParams.sol";

/// @title ArenaLifecycle
/// @notice Creation, cancellation, the challenge phase (docs/ARCHITECTURE.md §3.2) and the end of a task, run by
/// ArenaTasks through delegatecall. In the challenge phase anyone but the node and its delegators may challenge a
/// node's model as stolen by posting a bond; several challenges of one node may be open at once. Each challenge has
/// its own windows: the node answers with a proof reference within one epoch length of the opening, then validators
/// vote (with the stake they had when it opened) until one more epoch length has passed. An unanswered challenge,
/// or ≥ 2/3 of validator stake upholding it, gives the node's escrowed task rewards and its delegators' escrowed
/// rewards to the challenger; otherwise the bond goes to the node. The escrow is held until every challenge of the
/// node is resolved, so a challenge opened in the phase's last block is answered like any other.
contract ArenaLifecycle is ArenaModule {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    constructor(IERC20 token_) ArenaModule(token_) {}

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
        // minCreatorStake = 0 disables the stake route (a 1-wei stake must not qualify).
        bool byStake = minStake > 0 && creatorStake >= minStake;
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
        _evalSetHashes[taskId][0] = params.evalSetHash;
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
            params.evalSetURI,
            params.evalSetHash
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

    // ----- submissions -----

    /// @notice Commits to this epoch's model before submitting it: keccak256(abi.encode(taskId, node, uri,
    /// contentHash)) (`lib/sortition` `modelCommitment`). The submission must come in a later block of the same
    /// epoch, so a watcher who copies a content hash from a pending submission is too late to commit to it.
    function commitModel(uint256 taskId, bytes32 commitment) external onlyDelegateCall {
        (uint256 epoch, ) = _checkSubmitWindow(taskId);
        _modelCommits[taskId][msg.sender] = ModelCommit(commitment, uint64(block.number), uint32(epoch));
        emit ModelCommitted(taskId, epoch, msg.sender, commitment);
    }

    /// @notice Submits this epoch's model: a URI and its content hash, committed in an earlier block of this
    /// epoch (`commitModel`). The latest submission of the epoch counts.
    /// @dev A content hash may appear only once per task (a copied model is rejected). If another node submitted
    /// the same hash in this epoch on a later commitment (a front-runner that saw this submission pending), this
    /// submission takes it over and revokes theirs; seeds are drawn only after submissions close, so no
    /// assignment depended on it.
    function submitModel(uint256 taskId, string calldata uri, bytes32 contentHash) external onlyDelegateCall {
        (uint256 epoch, TaskConfig storage c) = _checkSubmitWindow(taskId);
        ModelCommit memory mc = _modelCommits[taskId][msg.sender];
        if (mc.epoch != epoch || mc.commitment != keccak256(abi.encode(taskId, msg.sender, uri, contentHash)))
            revert ModelNotCommitted(taskId, msg.sender);
        if (block.number <= mc.blockNumber) revert ModelCommitTooRecent(mc.blockNumber, block.number);
        delete _modelCommits[taskId][msg.sender];
        uint256 own = _ownAt(taskId, msg.sender, epoch);
        if (own < c.minNodeStake) revert StakeNotActive(epoch, own, c.minNodeStake);
        if (contentHash == bytes32(0)) revert InvalidParameter("contentHash", 0, 1, type(uint256).max);
        address usedBy = _modelHashOwner[taskId][contentHash];
        if (usedBy != address(0)) _takeOver(taskId, epoch, contentHash, usedBy, mc.blockNumber);
        _modelHashOwner[taskId][contentHash] = msg.sender;
        Participant storage p = _participants[taskId][msg.sender];
        p.submitted = true;
        p.lastSubmitEpoch = uint16(epoch);
        p.commitBlock = mc.blockNumber;
        p.modelHash = contentHash;
        _markSubmitted(taskId, epoch, p.index, true);
        emit ModelSubmitted(taskId, epoch, msg.sender, p.index, uri, contentHash);
    }

    /// @dev Only an earlier commitment to the same hash in the same epoch beats an existing submission.
    function _takeOver(uint256 taskId, uint256 epoch, bytes32 contentHash, address usedBy, uint64 myBlock) private {
        Participant storage other = _participants[taskId][usedBy];
        bool current = other.modelHash == contentHash && other.lastSubmitEpoch == epoch;
        if (!current || other.commitBlock <= myBlock || usedBy == msg.sender)
            revert DuplicateModelHash(contentHash, usedBy);
        other.modelHash = bytes32(0);
        _markSubmitted(taskId, epoch, other.index, false);
        emit ModelSubmissionRevoked(taskId, epoch, usedBy, contentHash);
    }

    function _checkSubmitWindow(uint256 taskId) private view returns (uint256 epoch, TaskConfig storage c) {
        TaskState storage t = _task(taskId);
        c = _configs[taskId];
        epoch = _epochOf(t, c);
        Phase phase = _phaseAt(t, c, epoch);
        if (phase != Phase.Submission) revert WrongPhase(taskId, phase);
        if (_participants[taskId][msg.sender].role != Role.Node) revert WrongRole(taskId, msg.sender, Role.Node);
        (uint256 start, uint256 submitEnd, , ) = _epochTimes(t, c, epoch);
        if (block.timestamp >= submitEnd) revert NotInWindow(epoch, start, submitEnd);
    }

    /// @dev Sets or clears a node's submission bit for the epoch; "ever submitted" (final phase) is only set.
    function _markSubmitted(uint256 taskId, uint256 epoch, uint256 nodeIndex, bool on) private {
        uint256 bit = 1 << (nodeIndex & 0xff);
        if (!on) {
            _submittedBits[taskId][epoch][nodeIndex >> 8] &= ~bit;
            return;
        }
        _submittedBits[taskId][epoch][nodeIndex >> 8] |= bit;
        uint256 ever = _everSubmittedBits[taskId][nodeIndex >> 8];
        if (ever & bit == 0) _everSubmittedBits[taskId][nodeIndex >> 8] = ever | bit;
    }

    /// @notice The creator reveals the held-back evaluation set committed at creation, opening final validation:
    /// its URI and the sha256 of its bytes, which scorers check the fetched set against.
    function revealFinalEval(
        uint256 taskId,
        string calldata evalSetURI,
        bytes32 evalSetHash,
        bytes32 salt
    ) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        if (msg.sender != t.creator) revert NotTaskCreator(taskId, msg.sender);
        Phase phase = _phaseAt(t, c, _epochOf(t, c));
        if (phase != Phase.FinalValidation || t.finalEvalRevealed) revert WrongPhase(taskId, phase);
        bytes32 actual = keccak256(abi.encode(evalSetURI, evalSetHash, salt));
        if (actual != t.finalEvalCommit) revert FinalEvalMismatch(t.finalEvalCommit, actual);
        t.finalEvalRevealed = true;
        _evalSetHashes[taskId][1] = evalSetHash;
        emit FinalEvalRevealed(taskId, evalSetURI, evalSetHash);
    }

    /// @notice Draws the current epoch's sortition seed in two steps, callable by anyone once submissions have
    /// closed: a first call fixes the next block, a call after that block reads its hash (`commitScores` reads it
    /// too). If 256 blocks pass unread (the hash is gone), the next call fixes a new block.
    /// @dev Nobody knows the fixed block's hash when it is fixed and nobody can retry it; only the block producer
    /// could withhold or choose it (SECURITY.md). Final-validation epochs are drawn the same way.
    function drawSeed(uint256 taskId, uint256 epoch) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        _requireCommitWindow(t, _configs[taskId], taskId, epoch);
        if (_readSeed(t, taskId, epoch)) return;
        uint256 b = _seedBlock[taskId][epoch];
        if (b != 0 && block.number <= b) revert SeedBlockNotReached(b, block.number);
        _seedBlock[taskId][epoch] = block.number + 1;
        emit SeedBlockFixed(taskId, epoch, block.number + 1);
    }

    /// @notice Challenges `node`'s model in task `taskId` as stolen, posting `bond` (at least the task's bond).
    /// @dev Not by the node itself nor by one of its delegators. The node has one epoch length to answer, then
    /// validators one more to vote.
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
        DelegationPosition storage pos = _positions[taskId][node][msg.sender];
        if (msg.sender == node || pos.amount != 0 || pos.nextAmount != 0)
            revert SelfChallenge(taskId, node, msg.sender);
        if (bond < c.challengeBond) revert BondTooLow(bond, c.challengeBond);
        challengeId = ++challengeCount;
        Challenge storage ch = _challenges[challengeId];
        ch.taskId = taskId;
        ch.node = node;
        ch.challenger = msg.sender;
        ch.bond = bond;
        ch.openedEpoch = uint32(epoch);
        ch.answerDeadline = uint40(block.timestamp + c.epochLength);
        ch.voteDeadline = uint40(block.timestamp + 2 * uint256(c.epochLength));
        _openChallenges[taskId][node] += 1;
        ledger.bonds += bond;
        ledger.funded += bond;
        emit ChallengeOpened(challengeId, taskId, node, msg.sender, bond, ch.answerDeadline, ch.voteDeadline);
        token.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @notice The challenged node answers with a proof reference (training log, proof of learning, watermark),
    /// before the challenge's answer deadline.
    function answerChallenge(uint256 challengeId, string calldata proofURI) external onlyDelegateCall {
        Challenge storage ch = _unresolved(challengeId);
        if (msg.sender != ch.node) revert NotChallengedNode(challengeId, msg.sender);
        if (ch.answered) revert AlreadyAnswered(challengeId);
        if (block.timestamp >= ch.answerDeadline) revert ChallengeWindowClosed(challengeId, ch.answerDeadline);
        ch.answered = true;
        emit ChallengeAnswered(challengeId, proofURI);
    }

    /// @notice A validator of the task votes on a challenge once it is answered or its answer window has passed,
    /// until its vote deadline, weighted by its stake (own + delegated) when the challenge opened.
    function voteChallenge(uint256 challengeId, bool uphold) external onlyDelegateCall {
        Challenge storage ch = _unresolved(challengeId);
        uint256 taskId = ch.taskId;
        if (_participants[taskId][msg.sender].role != Role.Validator)
            revert WrongRole(taskId, msg.sender, Role.Validator);
        if (!ch.answered && block.timestamp < ch.answerDeadline) revert ChallengeNotAnswered(challengeId);
        if (block.timestamp >= ch.voteDeadline) revert ChallengeWindowClosed(challengeId, ch.voteDeadline);
        if (_voted[challengeId][msg.sender]) revert AlreadyVoted(challengeId, msg.sender);
        uint256 own = _ownAt(taskId, msg.sender, ch.openedEpoch);
        // Same rule as the total it is compared with: a validator below the minimum does not count.
        uint256 weight =
            own < _configs[taskId].minValidatorStake ? 0 : own + _delegatedAt(taskId, msg.sender, ch.openedEpoch);
        if (weight == 0) revert NoVotingStake(challengeId, msg.sender);
        _voted[challengeId][msg.sender] = true;
        if (uphold) ch.votesUphold += uint96(weight);
        else ch.votesReject += uint96(weight);
        emit ChallengeVoted(challengeId, msg.sender, uphold, weight);
    }

    /// @notice Settles a challenge once every scoring epoch is settled and its vote window is over. Upheld (≥ 2/3 of
    /// the validator stake of its opening epoch, answered or not: an unanswered challenge still needs the
    /// validators, so a node cannot hand its delegators' rewards to an alias of its own by not answering): the
    /// challenger gets its bond back (paid at once, no fee) and is credited the node's escrowed task rewards and
    /// its delegators'. Rejected: the bond is credited to the node.
    function resolveChallenge(uint256 challengeId) external onlyDelegateCall returns (bool upheld) {
        Challenge storage ch = _unresolved(challengeId);
        uint256 taskId = ch.taskId;
        TaskState storage t = _tasks[taskId];
        TaskConfig storage c = _configs[taskId];
        if (t.settledEpochs < _scoringEpochs(c)) revert EpochsNotSettled(t.settledEpochs, _scoringEpochs(c));
        if (block.timestamp < ch.voteDeadline) revert ChallengeStillOpen(challengeId, ch.voteDeadline);
        uint256 total = _sumValidatorStake[taskId].upperLookupRecent(uint48(ch.openedEpoch));
        upheld = total > 0 && uint256(ch.votesUphold) * 3 >= total * 2;
        ch.resolved = true;
        ch.upheld = upheld;
        _openChallenges[taskId][ch.node] -= 1;
        uint256 bond = ch.bond;
        ledger.bonds -= uint128(bond);
        uint256 transferred;
        if (upheld) {
            transferred = _forfeit(taskId, ch.node);
            _credit(ch.challenger, transferred);
            ledger.paidOut += uint128(bond);
        } else {
            transferred = bond;
            _credit(ch.node, bond);
        }
        emit ChallengeSettled(challengeId, upheld, transferred);
        if (upheld) token.safeTransfer(ch.challenger, bond);
    }

    /// @dev Takes a node's escrow and what its delegators earned in the task; later upheld challenges get nothing more.
    function _forfeit(uint256 taskId, address node) private returns (uint256) {
        Participant storage p = _participants[taskId][node];
        if (p.forfeited) return 0;
        p.forfeited = true;
        uint256 own = _nodeEscrow[taskId][node];
        _nodeEscrow[taskId][node] = 0;
        ledger.escrow -= uint128(own);
        uint256 delegators = _nodeDelegatorRewards[taskId][node];
        ledger.delegation -= uint128(delegators);
        emit NodeRewardsForfeited(taskId, node, own, delegators);
        return own + delegators;
    }

    /// @notice Releases a node's escrowed task rewards to its claimable balance after the task (anyone may call).
    function releaseNodeRewards(uint256 taskId, address node) external onlyDelegateCall {
        _requireEndedAndSettled(taskId);
        uint256 open = _openChallenges[taskId][node];
        if (open != 0) revert ChallengesOpen(taskId, node, open);
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

    // ----- admin -----

    /// @notice Sets the protocol fee on claims (at most 10%) and the treasury receiving it. It applies to every
    /// later claim, including rewards earned before the change (SECURITY.md: the admin is trusted for this).
    function setProtocolFee(uint256 feeBps_, address treasury_) external onlyDelegateCall onlyRole(DEFAULT_ADMIN_ROLE) {
        if (feeBps_ > MAX_FEE_BPS) revert FeeTooHigh(feeBps_, MAX_FEE_BPS);
        if (feeBps_ > 0 && treasury_ == address(0)) revert ZeroAddress();
        feeBps = feeBps_;
        treasury = treasury_;
        emit ProtocolFeeSet(feeBps_, treasury_);
    }

    /// @notice Sets the stake a creator must lock to qualify by stake (0 disables that route).
    function setMinCreatorStake(uint256 amount) external onlyDelegateCall onlyRole(DEFAULT_ADMIN_ROLE) {
        minCreatorStake = amount;
        emit MinCreatorStakeSet(amount);
    }

    function _unresolved(uint256 challengeId) private view returns (Challenge storage ch) {
        ch = _challenges[challengeId];
        if (ch.challenger == address(0)) revert ChallengeNotFound(challengeId);
        if (ch.resolved) revert ChallengeResolved(challengeId);
    }

    function _requireEndedAndSettled(uint256 taskId) private view {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        Phase phase = _phaseAt(t, c, _epochOf(t, c));
        if (phase != Phase.Ended) revert WrongPhase(taskId, phase);
        if (t.settledEpochs < _scoringEpochs(c)) revert EpochsNotSettled(t.settledEpochs, _scoringEpochs(c));
    }
}
