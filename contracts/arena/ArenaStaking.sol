// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ArenaBase} from "./ArenaBase.sol";
import {DelegationPosition, Participant, Phase, Role, TaskConfig, TaskState, Unbonding} from "./IArena.sol";

/// @title ArenaStaking
/// @notice Joining a task with stake per role, and claims (docs/ARCHITECTURE.md §2). Stake counts from the next
/// epoch; leaving (ArenaDelegation) starts an unbonding period before withdrawal.
abstract contract ArenaStaking is ArenaBase {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Stakes `amount` in task `taskId` as a training node or a validator; counts from the next epoch.
    /// @dev An address holds one role per task. The resulting stake must reach the role's minimum.
    function stake(uint256 taskId, Role role, uint96 amount) external nonReentrant {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        uint256 epoch = _requireStakingOpen(t, c, taskId);
        if (role == Role.None) revert InvalidParameter("role", 0, 1, 2);
        if (amount == 0) revert ZeroAmount();
        Participant storage p = _participants[taskId][msg.sender];
        if (p.role == Role.None) {
            _register(t, c, taskId, msg.sender, role);
        } else if (p.role != role) {
            revert RoleConflict(taskId, msg.sender, p.role);
        }
        uint256 newOwn = uint256(_ownStake[taskId][msg.sender].latest()) + amount;
        uint256 minStake = role == Role.Node ? c.minNodeStake : c.minValidatorStake;
        if (newOwn < minStake) revert BelowMinStake(newOwn, minStake);
        _setOwnStake(taskId, msg.sender, epoch + 1, newOwn);
        ledger.staked += amount;
        emit Staked(taskId, msg.sender, role, amount, newOwn, epoch + 1);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Pays out everything the caller has earned: validator and challenge credits, plus, for each task
    /// listed, delegator rewards and (once the challenge phase is over) node rewards.
    /// @dev A protocol fee of `feeBps` goes to the treasury.
    function claim(uint256[] calldata taskIds) external nonReentrant returns (uint256 amount) {
        for (uint256 i; i < taskIds.length; ++i) {
            uint256 taskId = taskIds[i];
            _task(taskId);
            address[] storage delegatees = _delegateesOf[taskId][msg.sender];
            for (uint256 j; j < delegatees.length; ++j) _harvest(taskId, delegatees[j], msg.sender);
            if (_participants[taskId][msg.sender].role == Role.Node) _tryReleaseNode(taskId, msg.sender);
        }
        uint256 word = _claimable[msg.sender];
        amount = word & ~PARTICIPATED;
        if (amount == 0) revert NothingToClaim(msg.sender);
        _claimable[msg.sender] = word & PARTICIPATED;
        ledger.claimable -= uint128(amount);
        ledger.paidOut += uint128(amount);
        uint256 fee = treasury == address(0) ? 0 : (amount * feeBps) / 10_000;
        emit Claimed(msg.sender, amount - fee, fee);
        token.safeTransfer(msg.sender, amount - fee);
        if (fee > 0) token.safeTransfer(treasury, fee);
    }

    function _register(TaskState storage t, TaskConfig storage c, uint256 taskId, address account, Role role) private {
        Participant storage p = _participants[taskId][account];
        p.role = role;
        if (role == Role.Node) {
            if (t.nodeCount >= c.maxNodes) revert TooManyNodes(taskId, c.maxNodes);
            p.index = t.nodeCount;
            _nodeAt[taskId][t.nodeCount] = account;
            t.nodeCount += 1;
        } else {
            p.index = t.validatorCount;
            _validatorAt[taskId][t.validatorCount] = account;
            t.validatorCount += 1;
        }
        t.stakerCount += 1;
    }
}
