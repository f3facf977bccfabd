// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {Role, TaskState} from "../../arena/IArena.sol";
import {ArenaSetup} from "./ArenaSetup.sol";

/// @notice Fuzz: the same epoch settled in one call and in pages of any size credits every address the same,
/// pays at most R0, and leaves the contract holding exactly what its ledger says.
contract SettlementFuzzTest is ArenaSetup {
    ArenaToken internal token;
    ArenaTasks internal whole;
    ArenaTasks internal paged;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 1e27);
        whole = deployArena(token);
        paged = deployArena(token);
    }

    struct Cast {
        address[] nodes;
        address[] validators;
        address delegator;
    }

    function _cast(uint256 seed) internal pure returns (Cast memory c) {
        c.nodes = new address[](2 + (seed % 5));
        c.validators = new address[](2 + ((seed >> 4) % 7));
        for (uint256 i; i < c.nodes.length; ++i) c.nodes[i] = actor(i);
        for (uint256 j; j < c.validators.length; ++j) c.validators[j] = actor(100 + j);
        c.delegator = actor(999);
    }

    function _prepare(ArenaTasks arena, Cast memory c, uint256 seed) internal returns (uint256 taskId) {
        taskId = arena.createTask(params(2, uint16(1 + ((seed >> 8) % 4)), seed), 0);
        for (uint256 i; i < c.nodes.length; ++i) {
            fundActor(token, arena, c.nodes[i], 10_000 ether);
            stakeAs(
                arena,
                taskId,
                c.nodes[i],
                Role.Node,
                MIN_STAKE + (uint256(keccak256(abi.encode(seed, i))) % 1_000 ether)
            );
        }
        for (uint256 j; j < c.validators.length; ++j) {
            fundActor(token, arena, c.validators[j], 10_000 ether);
            stakeAs(
                arena,
                taskId,
                c.validators[j],
                Role.Validator,
                MIN_STAKE + (uint256(keccak256(abi.encode(seed, j, 1))) % 1_000 ether)
            );
            vm.prank(c.validators[j]);
            arena.setRewardShare(taskId, uint64(uint256(keccak256(abi.encode(seed, j, 2))) % 1e18));
        }
        fundActor(token, arena, c.delegator, 10_000 ether);
        vm.prank(c.delegator);
        arena.delegate(taskId, c.validators[0], 500 ether);
        vm.prank(c.delegator);
        arena.delegate(taskId, c.nodes[0], 300 ether);
        vm.prank(c.nodes[0]);
        arena.setRewardShare(taskId, 5e17);
        vm.warp(epochStart(arena, taskId, 1));
        for (uint256 i; i < c.nodes.length; ++i) submitAs(arena, taskId, c.nodes[i], 1);
        scoreEpoch(arena, taskId, 1, c.validators, seed);
        vm.warp(epochStart(arena, taskId, 2));
        arena.settle(taskId, 0, 1);
    }

    function testFuzz_SettlementIndependentOfPaging(uint256 seed, uint256 pageSize) public {
        Cast memory c = _cast(seed);
        uint256 start = block.timestamp;
        uint256 a = _prepare(whole, c, seed);
        vm.warp(start);
        uint256 b = _prepare(paged, c, seed);
        (uint256 poolBefore, ) = _pool(whole, a);

        assertTrue(whole.settle(a, 1, type(uint256).max), "one call settles");
        pageSize = bound(pageSize, 1, 5);
        uint256 calls;
        while (!paged.settle(b, 1, pageSize)) ++calls;
        (, uint256 revealedCount, ) = paged.getEpoch(b, 1);
        assertTrue(calls > 0 || revealedCount == 0, "a scored epoch takes several calls in pages of at most 5 steps");

        for (uint256 i; i < c.nodes.length; ++i) {
            assertEq(whole.nodeEscrowOf(a, c.nodes[i]), paged.nodeEscrowOf(b, c.nodes[i]), "node escrow");
            assertEq(whole.accPerShareAt(a, c.nodes[i], 1), paged.accPerShareAt(b, c.nodes[i], 1), "node per share");
        }
        for (uint256 j; j < c.validators.length; ++j) {
            assertEq(whole.claimableOf(c.validators[j]), paged.claimableOf(c.validators[j]), "validator credit");
            assertEq(
                whole.accPerShareAt(a, c.validators[j], 1),
                paged.accPerShareAt(b, c.validators[j], 1),
                "validator per share"
            );
        }
        (uint256 poolAfter, ) = _pool(whole, a);
        (uint256 pagedPool, ) = _pool(paged, b);
        assertEq(poolAfter, pagedPool, "pool");
        assertLe(poolBefore - poolAfter, poolBefore / 2, "paid at most R0 (pool / 2 scoring epochs left)");
        _assertLedger(whole);
        _assertLedger(paged);
    }

    function _pool(ArenaTasks arena, uint256 taskId) internal view returns (uint256 pool, uint256 settled) {
        (TaskState memory s, ) = arena.getTask(taskId);
        return (s.pool, s.settledEpochs);
    }

    function _assertLedger(ArenaTasks arena) internal view {
        (
            uint128 staked,
            uint128 unbonding,
            uint128 pools,
            uint128 claimable,
            uint128 escrow,
            uint128 delegation,
            uint128 bonds,
            uint128 creatorStakes,
            ,

        ) = arena.ledger();
        uint256 sum = uint256(staked) + unbonding + pools + claimable + escrow + delegation + bonds + creatorStakes;
        assertEq(token.balanceOf(address(arena)), sum, "tokens held = ledger");
    }
}
