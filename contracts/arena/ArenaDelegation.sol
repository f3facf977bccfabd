// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ArenaModule} from "./ArenaModule.sol";
import {DelegationPosition, Participant, Role, TaskConfig, TaskState, Unbonding} from "./IArena.sol";

/// @title ArenaDelegation
/// @notice Leaving stake (unbonding, withdrawal) and delegation to a (task, node or validator) pair and the delegatee's reward-share ratio ρ
/// (docs/ARCHITECTURE.md §3.6), run by ArenaTasks through delegatecall. Delegations follow the stake rules: they
/// count from the next epoch and leave through an unbonding period. Rewards reach delegators through a
/// reward-per-share accumulator per delegatee, never a loop over delegators.
contract ArenaDelegation is ArenaModule {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    constructor(IERC20 token_) ArenaModule(token_) {}

    /// @notice Stops `amount` of own stake counting from the next epoch and starts its unbonding period.
    /// @dev What remains must be zero or at least the role's minimum stake.
    function requestUnstake(uint256 taskId, uint96 amount) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        if (amount == 0) revert ZeroAmount();
        Participant storage p = _participants[taskId][msg.sender];
        uint256 current = _ownStake[taskId][msg.sender].latest();
        if (amount > current) revert InsufficientStake(amount, current);
        uint256 remaining = current - amount;
        uint256 minStake = p.role == Role.Node ? c.minNodeStake : c.minValidatorStake;
        if (remaining != 0 && remaining < minStake) revert BelowMinStake(remaining, minStake);
        uint256 epoch = _epochOf(t, c);
        _setOwnStake(taskId, msg.sender, epoch + 1, remaining);
        uint32 release = _startUnbonding(_unbonding[taskId][msg.sender], amount, epoch, c);
        emit UnstakeRequested(taskId, msg.sender, amount, remaining, release);
    }

    /// @notice Withdraws own stake whose unbonding period is over.
    function withdraw(uint256 taskId) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        uint256 amount = _finishUnbonding(_unbonding[taskId][msg.sender], _epochOf(t, _configs[taskId]));
        emit Withdrawn(taskId, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Delegates `amount` to a node or validator of task `taskId`; counts from the next epoch.
    function delegate(uint256 taskId, address delegatee, uint96 amount) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        uint256 epoch = _requireStakingOpen(t, c, taskId);
        if (amount == 0) revert ZeroAmount();
        if (delegatee == msg.sender) revert SelfDelegation();
        Role role = _participants[taskId][delegatee].role;
        if (role == Role.None) revert WrongRole(taskId, delegatee, Role.Node);
        DelegationPosition storage pos = _positions[taskId][delegatee][msg.sender];
        if (pos.nextAmount == 0 && pos.amount == 0 && pos.nextFrom == 0) {
            address[] storage list = _delegateesOf[taskId][msg.sender];
            if (list.length == MAX_DELEGATIONS_PER_TASK) revert TooManyDelegations(taskId, MAX_DELEGATIONS_PER_TASK);
            list.push(delegatee);
            t.stakerCount += 1;
        }
        _harvest(taskId, delegatee, msg.sender);
        _rollPosition(taskId, pos, epoch);
        pos.nextAmount += amount;
        pos.nextFrom = uint32(epoch + 1);
        _setDelegatedStake(taskId, delegatee, epoch + 1, uint256(_delegatedStake[taskId][delegatee].latest()) + amount);
        ledger.staked += amount;
        emit Delegated(taskId, delegatee, msg.sender, amount, epoch + 1);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Stops `amount` of a delegation counting from the next epoch and starts its unbonding period.
    function undelegate(uint256 taskId, address delegatee, uint96 amount) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        if (amount == 0) revert ZeroAmount();
        uint256 epoch = _epochOf(t, c);
        DelegationPosition storage pos = _positions[taskId][delegatee][msg.sender];
        _harvest(taskId, delegatee, msg.sender);
        _rollPosition(taskId, pos, epoch);
        if (amount > pos.nextAmount) revert InsufficientStake(amount, pos.nextAmount);
        pos.nextAmount -= amount;
        pos.nextFrom = uint32(epoch + 1);
        _setDelegatedStake(taskId, delegatee, epoch + 1, uint256(_delegatedStake[taskId][delegatee].latest()) - amount);
        uint32 release = _startUnbonding(_delegationUnbonding[taskId][delegatee][msg.sender], amount, epoch, c);
        emit Undelegated(taskId, delegatee, msg.sender, amount, release);
    }

    /// @notice Withdraws a delegation whose unbonding period is over.
    function withdrawDelegation(uint256 taskId, address delegatee) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        uint256 amount = _finishUnbonding(
            _delegationUnbonding[taskId][delegatee][msg.sender],
            _epochOf(t, _configs[taskId])
        );
        emit DelegationWithdrawn(taskId, delegatee, msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    /// @notice Sets the share ρ (WAD) of this node's or validator's pool earnings that goes to its delegators.
    /// @dev Takes effect from the next epoch; at most once per 30 days.
    function setRewardShare(uint256 taskId, uint64 rewardShare) external onlyDelegateCall {
        TaskState storage t = _task(taskId);
        Participant storage p = _participants[taskId][msg.sender];
        if (p.role == Role.None) revert WrongRole(taskId, msg.sender, Role.Node);
        if (rewardShare > WAD) revert RewardShareTooHigh(rewardShare);
        if (p.lastRewardShareChange != 0 && block.timestamp < p.lastRewardShareChange + REWARD_SHARE_COOLDOWN) {
            revert RewardShareChangeTooSoon(p.lastRewardShareChange + REWARD_SHARE_COOLDOWN);
        }
        p.lastRewardShareChange = uint40(block.timestamp);
        uint256 from = _epochOf(t, _configs[taskId]) + 1;
        _rewardShare[taskId][msg.sender].push(uint48(from), rewardShare);
        emit RewardShareSet(taskId, msg.sender, rewardShare, from);
    }
}
