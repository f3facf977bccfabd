// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {EpochState, Metric, Role, TaskParams} from "../../arena/IArena.sol";
import {ArenaSetup} from "./ArenaSetup.sol";

/// @notice Attack on the validator softmax (M5): when every rater of a submission is far from the mean in units of
/// 1/λ, the unshifted weights e^(−λΔ) all round to 0 and the validators who did the work are paid nothing. The
/// softmax is unchanged by subtracting the per-submission minimum distance, so the nearest rater must always weigh
/// e^0 = 1 and the validators must share R_v.
contract SoftmaxPrecisionAttackTest is ArenaSetup {
    ArenaToken internal token;
    ArenaTasks internal arena;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 1e27);
        arena = deployArena(token);
    }

    /// @dev One node, two validators (k = 2, so both are assigned), scores one 1e-6 unit apart.
    function _run(
        uint128 lambda,
        uint96 stakeA,
        uint96 stakeB,
        uint32 scoreA,
        uint32 scoreB
    ) internal returns (uint256 taskId, address a, address b) {
        TaskParams memory p = params(2, 2, 0);
        p.metric = Metric.Loss;
        p.mechanism.lambdaV = lambda;
        p.mechanism.alphaV = 1e18;
        p.mechanism.gamma = 5e17;
        taskId = arena.createTask(p, 0);
        address node = actor(1);
        a = actor(101);
        b = actor(102);
        fundActor(token, arena, node, 10_000 ether);
        fundActor(token, arena, a, 10_000 ether);
        fundActor(token, arena, b, 10_000 ether);
        stakeAs(arena, taskId, node, Role.Node, 100 ether);
        stakeAs(arena, taskId, a, Role.Validator, stakeA);
        stakeAs(arena, taskId, b, Role.Validator, stakeB);
        vm.warp(epochStart(arena, taskId, 1));
        submitAs(arena, taskId, node, 1);
        (, uint256 submitEnd, uint256 commitEnd, ) = arena.epochTimes(taskId, 1);
        vm.warp(submitEnd);
        drawSeedNow(arena, taskId, 1);
        _commit(taskId, a, scoreA);
        _commit(taskId, b, scoreB);
        vm.warp(commitEnd);
        _reveal(taskId, a, scoreA);
        _reveal(taskId, b, scoreB);
        vm.warp(epochStart(arena, taskId, 2));
        arena.settle(taskId, 0, 10);
        assertTrue(arena.settle(taskId, 1, 100), "settled");
    }

    function _ids() internal pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
    }

    function _scores(uint32 score) internal pure returns (uint32[] memory s) {
        s = new uint32[](1);
        s[0] = score;
    }

    function _commit(uint256 taskId, address v, uint32 score) internal {
        vm.prank(v);
        arena.commitScores(
            taskId,
            keccak256(abi.encode(taskId, uint256(1), v, _ids(), _scores(score), RECEIPT, bytes32(0)))
        );
    }

    function _reveal(uint256 taskId, address v, uint32 score) internal {
        vm.prank(v);
        arena.revealScores(taskId, 1, _ids(), _scores(score), RECEIPT, bytes32(0));
    }

    function _rewardValidators(uint256 taskId) internal view returns (uint256) {
        (EpochState memory e, , ) = arena.getEpoch(taskId, 1);
        return e.rewardValidators;
    }

    /// λ = 1e30 (the largest accepted), stakes 100 and 300, scores 1.000000 and 1.000001: r̄ = 1.00000075, so
    /// λΔ = 7.5e5 and 2.5e5, far past expWad's cut-off at 41.45. B is the nearer rater and is owed all of R_v
    /// (A's relative weight is e^(−5e5) = 0). Before the fix both weights were 0 and B got nothing.
    function test_M5_FarRatersStillPaid() public {
        (uint256 taskId, address a, address b) = _run(1e30, 100 ether, 300 ether, 1_000_000, 1_000_001);
        uint256 rv = _rewardValidators(taskId);
        assertTrue(rv > 0, "validators have a reward");
        assertEq(arena.claimableOf(b), rv, "the nearest rater is owed all of R_v");
        assertEq(arena.claimableOf(a), 0, "the far rater weighs e^(-5e5) = 0");
    }

    /// Equal stakes and λΔ = 5e5 for both: each is owed exactly half of R_v (φ = 1/2 each).
    function test_M5_EqualFarRatersShare() public {
        (uint256 taskId, address a, address b) = _run(1e30, 200 ether, 200 ether, 1_000_000, 1_000_001);
        uint256 rv = _rewardValidators(taskId);
        assertEq(arena.claimableOf(a), rv / 2, "half of R_v");
        assertEq(arena.claimableOf(b), rv / 2, "half of R_v");
    }

    /// λ = 2e26 (2e8 per metric unit), Δ = 0.25e-6 and 0.75e-6: λΔ = 50 and 150, both past the cut-off, so
    /// before the fix both weighed 0 and R_v stayed unpaid. The nearer rater weighs 1, the farther e^(−100) ≈ 0.
    function test_M5_ModerateLambdaBeyondCutoff() public {
        (uint256 taskId, address a, address b) = _run(2e26, 100 ether, 300 ether, 1_000_000, 1_000_001);
        uint256 rv = _rewardValidators(taskId);
        assertEq(arena.claimableOf(b), rv, "the nearest rater is owed all of R_v");
        assertEq(arena.claimableOf(a), 0, "the far rater weighs e^(-100)");
    }
}
