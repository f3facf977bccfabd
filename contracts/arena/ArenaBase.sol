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
/// (ArenaSettlement, ArenaChallenges) all inherit it, so they read and write the same slots.
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

    /// @dev Records σ_e from block.prevrandao and Σw at the first action of an epoch.
    function _openEpoch(uint256 taskId, uint256 epoch) internal returns (EpochState storage e) {
        e = _epochs[taskId][epoch];
        if (e.seed == bytes32(0)) {
            e.seed = keccak256(abi.encode(block.prevrandao, taskId, epoch));
            e.sumWeight = _sumWeight[taskId].upperLookupRecent(uint48(epoch));
            emit EpochOpened(taskId, epoch, e.seed, e.sumWeight);
        }
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
        if (newOwn > MAX_STAKE) revert InvalidParameter("stake", newOwn, 0, MAX_STAKE);
        if (newDelegated > MAX_STAKE) revert InvalidParameter("delegatedStake", newDelegated, 0, MAX_STAKE);
        Checkpoints.Trace208 storage own = _ownStake[taskId][account];
        Checkpoints.Trace208 storage delegated = _delegatedStake[taskId][account];
        uint256 oldTotal = uint256(own.latest()) + delegated.latest();
        if (own.latest() != newOwn) own.push(uint48(fromEpoch), uint208(newOwn));
        if (delegated.latest() != newDelegated) delegated.push(uint48(fromEpoch), uint208(newDelegated));
        if (role == Role.Validator) {
            uint256 newTotal = newOwn + newDelegated;
            uint256 beta = _configs[taskId].mechanism.beta;
            Checkpoints.Trace208 storage sw = _sumWeight[taskId];
            sw.push(
                uint48(fromEpoch),
                uint208(sw.latest() + Sortition.weight(newTotal, beta) - Sortition.weight(oldTotal, beta))
            );
            Checkpoints.Trace208 storage ss = _sumValidatorStake[taskId];
            ss.push(uint48(fromEpoch), uint208(ss.latest() + newTotal - oldTotal));
        }
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

    /// @dev Delegator rewards accrued on a position since the last harvest, split at the epoch its pending change
    /// took effect (see ARCHITECTURE.md §3.6). Pure read; `_harvest` applies it.
    function _pendingDelegation(
        uint256 taskId,
        address delegatee,
        DelegationPosition memory pos
    ) internal view returns (uint256 earned, uint256 latest) {
        Checkpoints.Trace208 storage acc = _accPerShare[taskId][delegatee];
        latest = acc.latest();
        if (latest == pos.accPaid) return (0, latest);
        if (pos.nextAmount != pos.amount) {
            uint256 atSwitch = acc.upperLookupRecent(uint48(pos.nextFrom - 1));
            if (atSwitch > pos.accPaid) {
                return (
                    RewardMath.mulDiv(pos.amount, atSwitch - pos.accPaid, RewardMath.ACC_SCALE) +
                        RewardMath.mulDiv(pos.nextAmount, latest - atSwitch, RewardMath.ACC_SCALE),
                    latest
                );
            }
            return (RewardMath.mulDiv(pos.nextAmount, latest - pos.accPaid, RewardMath.ACC_SCALE), latest);
        }
        return (RewardMath.mulDiv(pos.amount, latest - pos.accPaid, RewardMath.ACC_SCALE), latest);
    }

    function _harvest(uint256 taskId, address delegatee, address delegator) internal returns (uint256 earned) {
        DelegationPosition storage pos = _positions[taskId][delegatee][delegator];
        uint256 latest;
        (earned, latest) = _pendingDelegation(taskId, delegatee, pos);
        pos.accPaid = latest;
        if (earned > 0) {
            ledger.delegation -= uint128(earned);
            _credit(delegator, earned);
            emit DelegationRewardsHarvested(taskId, delegatee, delegator, earned);
        }
    }

    /// @dev Moves a node's escrowed task rewards to its claimable balance once no challenge can take them.
    function _tryReleaseNode(uint256 taskId, address node) internal returns (bool released) {
        TaskState storage t = _tasks[taskId];
        TaskConfig storage c = _configs[taskId];
        if (_phaseAt(t, c, _epochOf(t, c)) != Phase.Ended) return false;
        if (t.settledEpochs < _scoringEpochs(c) || _openChallenges[taskId][node] != 0) return false;
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

    /// @dev Once the pending amount counts, it becomes the current amount.
    function _rollPosition(DelegationPosition storage pos, uint256 epoch) internal {
        if (pos.nextFrom <= epoch && pos.amount != pos.nextAmount) pos.amount = pos.nextAmount;
    }

    function _startUnbonding(
        Unbonding storage u,
        uint256 amount,
        uint256 epoch,
        TaskConfig storage c
    ) internal returns (uint32 release) {
        release = uint32(epoch + 1 + c.unbondingEpochs);
        u.amount += uint96(amount);
        u.releaseEpoch = release;
        ledger.staked -= uint128(amount);
        ledger.unbonding += uint128(amount);
    }

    function _finishUnbonding(Unbonding storage u, uint256 epoch) internal returns (uint256 amount) {
        amount = u.amount;
        if (amount == 0) revert NothingToWithdraw();
        if (epoch < u.releaseEpoch) revert UnbondingNotOver(u.releaseEpoch, epoch);
        u.amount = 0;
        ledger.unbonding -= uint128(amount);
    }
}
