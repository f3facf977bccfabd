// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaTest} from "../utils/Vm.sol";
import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {ArenaSettlement} from "../../arena/ArenaSettlement.sol";
import {ArenaLifecycle} from "../../arena/ArenaLifecycle.sol";
import {ArenaDelegation} from "../../arena/ArenaDelegation.sol";
import {MechanismParams, Metric, Role, TaskParams} from "../../arena/IArena.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Deployment and scripted actions shared by the Arena Solidity tests.
abstract contract ArenaSetup is ArenaTest {
    uint256 internal constant EPOCH = 3600;
    uint256 internal constant COMMIT = 600;
    uint256 internal constant REVEAL = 600;
    uint256 internal constant MIN_STAKE = 10 ether;
    /// sha256 of the held-back set's bytes, committed with its URI at creation and revealed with it
    bytes32 internal constant HELD_BACK_HASH = sha256("held-back-bytes");
    /// a scoring receipt's sha256 (its document is off chain; the contract only binds it to the scores)
    bytes32 internal constant RECEIPT = keccak256("scoring receipt");

    function deployArena(ArenaToken token) internal returns (ArenaTasks arena) {
        IERC20 t = IERC20(address(token));
        arena = new ArenaTasks(
            t,
            address(this),
            address(new ArenaSettlement(t)),
            address(new ArenaLifecycle(t)),
            address(new ArenaDelegation(t))
        );
        arena.grantRole(arena.EXPERT_ROLE(), address(this));
        token.approve(address(arena), type(uint256).max);
    }

    function params(uint16 submissionEpochs, uint16 k, uint256 seed) internal pure returns (TaskParams memory p) {
        p.title = "t";
        p.baseModel = "m";
        p.dataURI = "d";
        p.evalSetURI = "e";
        p.evalSetHash = sha256("e-bytes");
        p.finalEvalCommit = keccak256(abi.encode(string("held-back"), HELD_BACK_HASH, bytes32(0)));
        p.contextLength = 1024;
        p.maxParams = 1e9;
        p.rewardPool = uint96(1_000 ether + (seed % 1_000_000 ether));
        p.epochLength = uint32(EPOCH);
        p.commitWindow = uint32(COMMIT);
        p.revealWindow = uint32(REVEAL);
        p.submissionEpochs = submissionEpochs;
        p.finalEpochs = 1;
        p.challengeEpochs = 1;
        p.unbondingEpochs = 1;
        p.minNodeStake = uint96(MIN_STAKE);
        p.minValidatorStake = uint96(MIN_STAKE);
        p.challengeBond = 1 ether;
        p.validatorsPerSubmission = k;
        p.maxAssignmentsPerEpoch = 64;
        p.maxNodes = 64;
        p.metric = Metric(seed % 3);
        p.mechanism = MechanismParams({
            gamma: uint64((seed >> 8) % 1e18),
            q: uint64(5e16 + ((seed >> 16) % 9e17)),
            alphaT: uint64((seed >> 24) % 1e18),
            lambdaV: uint128(((seed >> 32) % 20) * 1e18),
            alphaV: uint64((seed >> 40) % 1e18),
            beta: uint64(1e17 + ((seed >> 48) % 9e17))
        });
    }

    function actor(uint256 i) internal pure returns (address) {
        return address(uint160(0xA000 + i));
    }

    function fundActor(ArenaToken token, ArenaTasks arena, address who, uint256 amount) internal {
        token.transfer(who, amount);
        vm.prank(who);
        token.approve(address(arena), type(uint256).max);
    }

    function epochStart(ArenaTasks arena, uint256 taskId, uint256 epoch) internal view returns (uint256 start) {
        (start, , , ) = arena.epochTimes(taskId, epoch);
    }

    /// @dev Every assigned validator commits and reveals scores derived from `seed`; returns how many revealed.
    function scoreEpoch(
        ArenaTasks arena,
        uint256 taskId,
        uint256 epoch,
        address[] memory validators,
        uint256 seed
    ) internal returns (uint256 revealed) {
        (, uint256 submitEnd, uint256 commitEnd, ) = arena.epochTimes(taskId, epoch);
        vm.warp(submitEnd);
        drawSeedNow(arena, taskId, epoch);
        uint256[][] memory ids = new uint256[][](validators.length);
        uint32[][] memory scores = new uint32[][](validators.length);
        for (uint256 j; j < validators.length; ++j) {
            ids[j] = arena.assignmentsOf(taskId, epoch, validators[j]);
            scores[j] = new uint32[](ids[j].length);
            for (uint256 i; i < ids[j].length; ++i) {
                // Some ties (coarse grid) and some spread.
                uint256 h = uint256(keccak256(abi.encode(seed, j, ids[j][i])));
                scores[j][i] = uint32(
                    seed % 2 == 0 ? 1_000_000 + (ids[j][i] % 2) * 250_000 : 500_000 + (h % 2_000_000)
                );
            }
            if (ids[j].length == 0) continue;
            vm.prank(validators[j]);
            arena.commitScores(
                taskId,
                keccak256(abi.encode(taskId, epoch, validators[j], ids[j], scores[j], RECEIPT, bytes32(seed)))
            );
        }
        vm.warp(commitEnd);
        for (uint256 j; j < validators.length; ++j) {
            if (ids[j].length == 0) continue;
            vm.prank(validators[j]);
            arena.revealScores(taskId, epoch, ids[j], scores[j], RECEIPT, bytes32(seed));
            ++revealed;
        }
    }

    function stakeAs(ArenaTasks arena, uint256 taskId, address who, Role role, uint256 amount) internal {
        vm.prank(who);
        arena.stake(taskId, role, uint96(amount));
    }

    /// @dev Commits to a model, then submits it one block later.
    function submitAs(ArenaTasks arena, uint256 taskId, address who, uint256 epoch) internal {
        submitHash(arena, taskId, who, keccak256(abi.encode(who, epoch, address(arena))));
    }

    function submitHash(ArenaTasks arena, uint256 taskId, address who, bytes32 contentHash) internal {
        vm.prank(who);
        arena.commitModel(taskId, keccak256(abi.encode(taskId, who, string("ipfs://m"), contentHash)));
        vm.roll(block.number + 1);
        vm.prank(who);
        arena.submitModel(taskId, "ipfs://m", contentHash);
    }

    /// @dev Both steps of the seed draw, with the fixed block's hash set as a chain would have it.
    function drawSeedNow(ArenaTasks arena, uint256 taskId, uint256 epoch) internal {
        arena.drawSeed(taskId, epoch);
        uint256 seedBlock = block.number + 1;
        vm.roll(block.number + 2);
        vm.setBlockhash(seedBlock, keccak256(abi.encode("block", taskId, epoch)));
    }
}
