// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {
    Challenge,
    DelegationPosition,
    EpochState,
    ModelCommit,
    IArenaErrors,
    IArenaEvents,
    Participant,
    Phase,
    Role,
    TaskConfig,
    TaskState,
    Unbonding
} from "./IArena.sol";
import {RewardMath} from "./lib/RewardMath.sol";
import {Sortition} from "./lib/Sortition.sol";

/// @notice Totals the contract holds tokens for; their sum equals the token balance (tested as an invariant).
struct Ledger {
    uint128 staked; // own + delegated stake not yet unbonding
    uint128 unbonding;
    uint128 pools; // task reward pools not yet paid out
    uint128 claimable; // credited to addresses, not yet claimed
    uint128 escrow; // node rewards held until the challenge phase is over
    uint128 delegation; // credited to delegators through reward-per-share, not yet harvested
    uint128 bonds; // open challenge bonds
    uint128 creatorStakes;
    uint128 funded; // Σ pools and bonds ever deposited
    uint128 paidOut; // Σ claims (incl. fees), pool refunds
}

/// @title ArenaBase
/// @notice Storage layout and shared internals of the Arena protocol. ArenaTasks and its delegatecall modules
/// (ArenaSettlement, ArenaLifecycle, ArenaDelegation) all inherit it, so they read and write the same slots.
abstract contract ArenaBase is IArenaErrors, IArenaEvents, AccessControl, ReentrancyGuardTransient {
    using Checkpoints for Checkpoints.Trace208;

    bytes32 public constant EXPERT_ROLE = keccak256("EXPERT_ROLE");
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MAX_FEE_BPS = 1_000;
    uint256 internal constant MAX_DELEGATIONS_PER_TASK = 8;
    uint256 internal constant REWARD_SHARE_COOLDOWN = 30 days;
    /// Stakes live in 88 bits in the packed score header (ArenaToken's whole supply fits).
    uint256 internal constant MAX_STAKE = (1 << 88) - 1;
    uint256 internal constant PARTICIPATED = 1 << 255;

    IERC20 public immutable token;

    uint256 public taskCount;
    uint256 public challengeCount;
    uint256 public minCreatorStake;
    uint256 public feeBps;
    address public treasury;
    Ledger public ledger;

    mapping(uint256 => TaskState) internal _tasks;
    mapping(uint256 => TaskConfig) internal _configs;
    mapping(uint256 => mapping(address => Participant)) internal _participants;
    mapping(uint256 => mapping(uint256 => address)) internal _nodeAt;
    mapping(uint256 => mapping(uint256 => address)) internal _validatorAt;
    mapping(uint256 => mapping(address => Checkpoints.Trace208)) internal _ownStake;
    mapping(uint256 => mapping(address => Checkpoints.Trace208)) internal _delegatedStake;
    mapping(uint256 => mapping(address => Checkpoints.Trace208)) internal _rewardShare;
    mapping(uint256 => mapping(address => Checkpoints.Trace208)) internal _accPerShare;
    mapping(uint256 => Checkpoints.Trace208) internal _sumWeight;
    mapping(uint256 => Checkpoints.Trace208) internal _sumValidatorStake;
    mapping(uint256 => mapping(address => Unbonding)) internal _unbonding;
    /// task => delegatee => delegator
    mapping(uint256 => mapping(address => mapping(address => DelegationPosition))) internal _positions;
    mapping(uint256 => mapping(address => mapping(address => Unbonding))) internal _delegationUnbonding;
    mapping(uint256 => mapping(address => address[])) internal _delegateesOf;
    mapping(uint256 => mapping(bytes32 => address)) internal _modelHashOwner;
    mapping(uint256 => mapping(uint256 => EpochState)) internal _epochs;
    /// task => epoch => validator index => commitment, replaced by the packed score header at reveal
    mapping(uint256 => mapping(uint256 => mapping(uint256 => uint256))) internal _scoreHeader;
    /// task => epoch => validator index => word => five packed cells
    mapping(uint256 => mapping(uint256 => mapping(uint256 => mapping(uint256 => uint256)))) internal _scoreWords;
    mapping(uint256 => mapping(uint256 => uint32[])) internal _revealed;
    mapping(uint256 => mapping(uint256 => uint16[])) internal _scored;
    /// task => node index => settlement scratch words, tagged with the epoch being settled (reused every epoch)
    mapping(uint256 => mapping(uint256 => uint256[3])) internal _nodeScratch;
    /// Claimable balance; the top bit records that the address was paid as a validator in a settled epoch.
    mapping(address => uint256) internal _claimable;
    /// Nodes paid in a settled epoch (creator eligibility by participation).
    mapping(address => bool) internal _participatedAsNode;
    /// task => epoch => word => bit per node index: submitted in that epoch
    mapping(uint256 => mapping(uint256 => mapping(uint256 => uint256))) internal _submittedBits;
    /// task => word => bit per node index: submitted at least once
    mapping(uint256 => mapping(uint256 => uint256)) internal _everSubmittedBits;
    mapping(uint256 => mapping(address => uint256)) internal _nodeEscrow;
    mapping(uint256 => mapping(address => uint256)) internal _openChallenges;
    mapping(uint256 => Challenge) internal _challenges;
    mapping(uint256 => mapping(address => bool)) internal _voted;
    /// task => epoch => the block whose hash becomes the epoch's seed (0: not fixed)
    mapping(uint256 => mapping(uint256 => uint256)) internal _seedBlock;
    mapping(uint256 => mapping(address => ModelCommit)) internal _modelCommits;
    /// task => node => Σ rewards its delegators earned in the task (escrowed with the node's own)
    mapping(uint256 => mapping(address => uint256)) internal _nodeDelegatorRewards;
    /// task => [sha256 of the public evaluation set, sha256 of the held-back set (0 until revealed)]
    mapping(uint256 => bytes32[2]) internal _evalSetHashes;

    constructor(IERC20 token_) {
        if (address(token_) == address(0)) revert ZeroAddress();
        token = token_;
    }

    // ----- tasks, epochs, phases -----

    function _task(uint256 taskId) internal view returns (TaskState storage t) {
        t = _tasks[taskId];
        if (t.creator == address(0)) revert TaskNotFound(taskId);
    }

    function _epochOf(TaskState storage t, TaskConfig storage c) internal view returns (uint256) {
        return (block.timestamp - t.start) / c.epochLength;
    }

    function _scoringEpochs(TaskConfig storage c) internal view returns (uint256) {
        return uint256(c.submissionEpochs) + c.finalEpochs;
    }

    function _phaseAt(TaskState storage t, TaskConfig storage c, uint256 epoch) internal view returns (Phase) {
        if (t.cancelled) return Phase.Cancelled;
        if (epoch < c.submissionEpochs) return Phase.Submission;
        if (epoch < _scoringEpochs(c)) return Phase.FinalValidation;
        if (epoch < _scoringEpochs(c) + c.challengeEpochs) return Phase.Challenge;
        return Phase.Ended;
    }

    /// @dev An epoch's start, when submissions close, when commits close and its end (when reveals close).
    function _epochTimes(
        TaskState storage t,
        TaskConfig storage c,
        uint256 epoch
    ) internal view returns (uint256 start, uint256 submitEnd, uint256 commitEnd, uint256 end) {
        start = t.start + epoch * c.epochLength;
        end = start + c.epochLength;
        commitEnd = end - c.revealWindow;
        submitEnd = commitEnd - c.commitWindow;
    }

    /// @dev The seed of an epoch: drawn, or readable now from its fixed block (0 otherwise). The block was fixed
    /// after submissions closed and lay in the future then, so no participant knew or could retry it; only the
    /// block producer is trusted not to withhold or choose that block's hash (SECURITY.md).
    function _seedOf(uint256 taskId, uint256 epoch) internal view returns (bytes32) {
        bytes32 seed = _epochs[taskId][epoch].seed;
        if (seed != bytes32(0)) return seed;
        uint256 b = _seedBlock[taskId][epoch];
        if (b == 0 || block.number <= b) return bytes32(0);
        bytes32 h = blockhash(b);
        return h == bytes32(0) ? bytes32(0) : keccak256(abi.encode(h, taskId, epoch));
    }

    /// @dev Records σ_e and the Σw snapshot once the seed block's hash is readable; returns whether it is drawn.
    function _readSeed(TaskState storage t, uint256 taskId, uint256 epoch) internal returns (bool) {
        EpochState storage e = _epochs[taskId][epoch];
        if (e.seed != bytes32(0)) return true;
        bytes32 seed = _seedOf(taskId, epoch);
        if (seed == bytes32(0)) return false;
        e.seed = seed;
        e.sumWeight = _sumWeight[taskId].upperLookupRecent(uint48(epoch));
        e.heldBackSet = t.finalEvalRevealed && epoch >= _configs[taskId].submissionEpochs;
        emit EpochOpened(taskId, epoch, seed, e.sumWeight);
        return true;
    }

    /// @dev Seeds are drawn and scores committed in the current epoch of a scoring phase, in [submitEnd, commitEnd).
    function _requireCommitWindow(
        TaskState storage t,
        TaskConfig storage c,
        uint256 taskId,
        uint256 epoch
    ) internal view {
        uint256 current = _epochOf(t, c);
        Phase phase = _phaseAt(t, c, current);
        if (phase != Phase.Submission && phase != Phase.FinalValidation) revert WrongPhase(taskId, phase);
        (, uint256 submitEnd, uint256 commitEnd, ) = _epochTimes(t, c, current);
        if (epoch != current || block.timestamp < submitEnd || block.timestamp >= commitEnd)
            revert NotInWindow(epoch, submitEnd, commitEnd);
    }

    // ----- stake -----

    function _ownAt(uint256 taskId, address account, uint256 epoch) internal view returns (uint256) {
        return _ownStake[taskId][account].upperLookupRecent(uint48(epoch));
    }

    function _delegatedAt(uint256 taskId, address account, uint256 epoch) internal view returns (uint256) {
        return _delegatedStake[taskId][account].upperLookupRecent(uint48(epoch));
    }

    function _setOwnStake(uint256 taskId, address account, uint256 fromEpoch, uint256 newOwn) internal {
        Role role = _participants[taskId][account].role;
        _setStake(taskId, account, role, fromEpoch, newOwn, _delegatedStake[taskId][account].latest());
    }

    function _setDelegatedStake(uint256 taskId, address account, uint256 fromEpoch, uint256 newDelegated) internal {
        Role role = _participants[taskId][account].role;
        _setStake(taskId, account, role, fromEpoch, _ownStake[taskId][account].latest(), newDelegated);
    }

    /// @dev Sets own and/or delegated stake from `fromEpoch` on and keeps the validator sortition totals in step.
    function _setStake(
        uint256 taskId,
        address account,
        Role role,
        uint256 fromEpoch,
        uint256 newOwn,
        uint256 newDelegated
    ) private {
        // The packed score header holds own + delegated in 88 bits.
        if (newOwn + newDelegated > MAX_STAKE) revert InvalidParameter("stake", newOwn + newDelegated, 0, MAX_STAKE);
        Checkpoints.Trace208 storage own = _ownStake[taskId][account];
        Checkpoints.Trace208 storage delegated = _delegatedStake[taskId][account];
        uint256 oldOwn = own.latest();
        uint256 oldTotal = oldOwn + delegated.latest();
        if (oldOwn != newOwn) own.push(uint48(fromEpoch), uint208(newOwn));
        if (delegated.latest() != newDelegated) delegated.push(uint48(fromEpoch), uint208(newDelegated));
        if (role == Role.Validator)
            _moveValidatorTotals(taskId, fromEpoch, oldOwn, oldTotal, newOwn, newOwn + newDelegated);
    }

    /// @dev Only a validator that can commit (own stake at the minimum) counts towards Σw and S, so delegations
    /// to one that left do not dilute everyone's odds and votes.
    function _moveValidatorTotals(
        uint256 taskId,
        uint256 fromEpoch,
        uint256 oldOwn,
        uint256 oldTotal,
        uint256 newOwn,
        uint256 newTotal
    ) private {
        TaskConfig storage c = _configs[taskId];
        uint256 minStake = c.minValidatorStake;
        if (oldOwn < minStake) oldTotal = 0;
        if (newOwn < minStake) newTotal = 0;
        uint256 beta = c.mechanism.beta;
        Checkpoints.Trace208 storage sw = _sumWeight[taskId];
        sw.push(
            uint48(fromEpoch),
            uint208(sw.latest() + Sortition.weight(newTotal, beta) - Sortition.weight(oldTotal, beta))
        );
        Checkpoints.Trace208 storage ss = _sumValidatorStake[taskId];
        ss.push(uint48(fromEpoch), uint208(ss.latest() + newTotal - oldTotal));
    }

    // ----- rewards -----

    function _credit(address account, uint256 amount) internal {
        _claimable[account] += amount;
        ledger.claimable += uint128(amount);
    }

    /// @dev A validator's epoch reward, recording participation in the same slot.
    function _creditValidator(address account, uint256 amount) internal {
        _claimable[account] = (_claimable[account] + amount) | PARTICIPATED;
        ledger.claimable += uint128(amount);
    }

    function _claimableOf(address account) internal view returns (uint256) {
        return _claimable[account] & ~PARTICIPATED;
    }

    /// @notice Whether an address was paid as a node or validator in a settled epoch (creator eligibility).
    function hasParticipated(address account) public view returns (bool) {
        return _participatedAsNode[account] || _claimable[account] & PARTICIPATED != 0;
    }

    /// @dev How far delegation rewards are final: epochs below `settled` are settled, and none after them can
    /// pay once every scoring epoch is settled (`done`).
    function _settledThrough(uint256 taskId) internal view returns (uint256 settled, bool done) {
        TaskState storage t = _tasks[taskId];
        settled = t.settledEpochs;
        done = t.cancelled || settled >= _scoringEpochs(_configs[taskId]);
    }

    /// @dev Delegator rewards accrued on a position since the last harvest, counting each settled epoch with the
    /// amount that counted in it: `amount` before `nextFrom`, `nextAmount` from it (docs/ARCHITECTURE.md §3.6). Only
    /// settled epochs are read (`upperLookupRecent(settled − 1)`), never one being settled, so a position is paid
    /// for exactly the epochs in which it was counted, whatever the order of calls. Pure read; `_harvest` applies it.
    function _pendingDelegation(
        uint256 taskId,
        address delegatee,
        DelegationPosition memory pos
    ) internal view returns (uint256 earned, uint256 paidTo) {
        (uint256 settled, ) = _settledThrough(taskId);
        paidTo = pos.accPaid;
        if (settled == 0) return (0, paidTo);
        Checkpoints.Trace208 storage acc = _accPerShare[taskId][delegatee];
        uint256 last = acc.upperLookupRecent(uint48(settled - 1));
        if (last <= paidTo) return (0, paidTo);
        uint256 before = pos.amount;
        uint256 atSwitch = paidTo;
        if (pos.nextAmount != pos.amount && pos.nextFrom <= settled) {
            // Epochs up to nextFrom − 1 counted `amount`, later settled ones `nextAmount`.
            uint256 s = acc.upperLookupRecent(uint48(pos.nextFrom - 1));
            if (s > paidTo) atSwitch = s;
            before = pos.nextAmount;
            earned = RewardMath.mulDiv(pos.amount, atSwitch - paidTo, RewardMath.ACC_SCALE);
        } else {
            atSwitch = paidTo;
        }
        earned += RewardMath.mulDiv(before, last - atSwitch, RewardMath.ACC_SCALE);
        paidTo = last;
    }

    /// @dev Credits a position's rewards up to the last settled epoch. A training node's delegators' rewards stay
    /// escrowed in the position until the node's own are released, and are lost with them to an upheld challenge.
    function _harvest(uint256 taskId, address delegatee, address delegator) internal returns (uint256 earned) {
        DelegationPosition storage pos = _positions[taskId][delegatee][delegator];
        uint256 paidTo;
        (earned, paidTo) = _pendingDelegation(taskId, delegatee, pos);
        pos.accPaid = paidTo;
        (uint256 settled, bool done) = _settledThrough(taskId);
        if (pos.nextFrom <= settled || done) pos.amount = pos.nextAmount;
        Participant storage p = _participants[taskId][delegatee];
        if (p.role == Role.Node) {
            if (p.forfeited) {
                pos.escrowed = 0;
                return 0;
            }
            if (!_nodeReleasable(taskId, delegatee)) {
                pos.escrowed += uint128(earned);
                return 0;
            }
            earned += pos.escrowed;
            pos.escrowed = 0;
        }
        if (earned > 0) {
            ledger.delegation -= uint128(earned);
            _credit(delegator, earned);
            emit DelegationRewardsHarvested(taskId, delegatee, delegator, earned);
        }
    }

    /// @dev Whether no challenge can take a node's task rewards any more: the task ended, every scoring epoch is
    /// settled, no challenge of the node is open, and none was upheld.
    function _nodeReleasable(uint256 taskId, address node) internal view returns (bool) {
        TaskState storage t = _tasks[taskId];
        TaskConfig storage c = _configs[taskId];
        if (_phaseAt(t, c, _epochOf(t, c)) != Phase.Ended) return false;
        if (t.settledEpochs < _scoringEpochs(c) || _openChallenges[taskId][node] != 0) return false;
        return !_participants[taskId][node].forfeited;
    }

    /// @dev Moves a node's escrowed task rewards to its claimable balance once no challenge can take them.
    function _tryReleaseNode(uint256 taskId, address node) internal returns (bool released) {
        if (!_nodeReleasable(taskId, node)) return false;
        uint256 amount = _nodeEscrow[taskId][node];
        if (amount == 0) return false;
        _nodeEscrow[taskId][node] = 0;
        ledger.escrow -= uint128(amount);
        _credit(node, amount);
        emit NodeRewardsReleased(taskId, node, amount);
        return true;
    }

    // ----- stake helpers -----

    function _requireStakingOpen(
        TaskState storage t,
        TaskConfig storage c,
        uint256 taskId
    ) internal view returns (uint256 epoch) {
        epoch = _epochOf(t, c);
        Phase phase = _phaseAt(t, c, epoch);
        if (phase != Phase.Submission && phase != Phase.FinalValidation) revert WrongPhase(taskId, phase);
    }

    /// @dev Before a delegation changes: once the pending amount counts, it becomes the current amount. A switch
    /// that took effect in an epoch not yet settled cannot be folded (that epoch still pays the old amount), so the
    /// change waits for settlement, which anyone can run (`SettlementPending`).
    function _rollPosition(uint256 taskId, DelegationPosition storage pos, uint256 epoch) internal {
        if (pos.amount == pos.nextAmount || pos.nextFrom > epoch) return;
        (uint256 settled, bool done) = _settledThrough(taskId);
        if (pos.nextFrom > settled && !done) revert SettlementPending(taskId, settled);
        pos.amount = pos.nextAmount;
    }

    /// @dev A new request waits `unbondingEpochs` from the next epoch; what already finished its unbonding moves to
    /// `released` and stays withdrawable (a later request never locks it again). Amounts still unbonding join the
    /// new request's release.
    function _startUnbonding(
        Unbonding storage u,
        uint256 amount,
        uint256 epoch,
        TaskConfig storage c
    ) internal returns (uint32 release) {
        release = uint32(epoch + 1 + c.unbondingEpochs);
        if (u.amount != 0 && epoch >= u.releaseEpoch) {
            u.released += u.amount;
            u.amount = 0;
        }
        u.amount += uint96(amount);
        u.releaseEpoch = release;
        ledger.staked -= uint128(amount);
        ledger.unbonding += uint128(amount);
    }

    /// @dev Everything whose unbonding is over: the released part, and the rest once its release epoch is reached.
    function _finishUnbonding(Unbonding storage u, uint256 epoch) internal returns (uint256 amount) {
        amount = u.released;
        bool due = epoch >= u.releaseEpoch;
        if (due) amount += u.amount;
        if (amount == 0) {
            if (u.amount == 0) revert NothingToWithdraw();
            revert UnbondingNotOver(u.releaseEpoch, epoch);
        }
        u.released = 0;
        if (due) u.amount = 0;
        ledger.unbonding -= uint128(amount);
    }
}
