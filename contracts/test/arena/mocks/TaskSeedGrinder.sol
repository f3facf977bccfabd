// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Role} from "../../../arena/IArena.sol";

interface IArenaForGrinder {
    function stake(uint256 taskId, Role role, uint96 amount) external;
    function commitModel(uint256 taskId, bytes32 commitment) external;
    function submitModel(uint256 taskId, string calldata uri, bytes32 contentHash) external;
    function drawSeed(uint256 taskId, uint256 epoch) external;
    function isAssigned(
        uint256 taskId,
        uint256 epoch,
        uint256 nodeIndex,
        address validator
    ) external view returns (bool);
}

/// @notice An attacker node that retries its submission once per block and keeps it only when the epoch's draw
/// assigns it to its friendly validator and not to the honest one (the seed-grinding attack, finding H2).
contract TaskSeedGrinder {
    IArenaForGrinder public immutable arena;
    uint256 public wins;
    uint256 public tries;

    constructor(IArenaForGrinder arena_, IERC20 token) {
        arena = arena_;
        token.approve(address(arena_), type(uint256).max);
    }

    function stake(uint256 taskId, uint96 amount) external {
        arena.stake(taskId, Role.Node, amount);
    }

    /// @dev Commits in one block so that `grind` may submit in a later one (a no-op where commits do not exist).
    function commit(uint256 taskId, bytes32 commitment) external {
        arena.commitModel(taskId, commitment);
    }

    /// @notice Submits (and, where it can, draws the seed) and keeps the result only if the draw is friendly.
    function grind(
        uint256 taskId,
        uint256 epoch,
        uint256 myIndex,
        address friend,
        address honest,
        bytes32 contentHash
    ) external {
        tries += 1;
        try this.attempt(taskId, epoch, myIndex, friend, honest, contentHash) {
            wins += 1;
        } catch {}
    }

    function attempt(
        uint256 taskId,
        uint256 epoch,
        uint256 myIndex,
        address friend,
        address honest,
        bytes32 contentHash
    ) external {
        require(msg.sender == address(this), "self only");
        arena.submitModel(taskId, "ipfs://grind", contentHash);
        try arena.drawSeed(taskId, epoch) {} catch {}
        bool friendly =
            arena.isAssigned(taskId, epoch, myIndex, friend) && !arena.isAssigned(taskId, epoch, myIndex, honest);
        require(friendly, "unfriendly draw: retry next block");
    }
}
