// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaTest} from "../utils/Vm.sol";
import {ArenaToken} from "../../ArenaToken.sol";
import {MachineRegistry} from "../../machines/MachineRegistry.sol";

contract MachineRegistryFuzzTest is ArenaTest {
    uint64 internal constant EPOCH = 1 days;
    uint64 internal constant SLOT = 1 hours;
    uint256 internal constant MIN_STAKE = 1_000 ether;
    address internal constant OPERATOR = address(0xA11CE);

    ArenaToken internal token;
    MachineRegistry internal registry;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 1_000_000 ether);
        registry = new MachineRegistry(token, address(this), EPOCH, SLOT, EPOCH, MIN_STAKE);
        registry.grantRole(registry.REPORTER_ROLE(), address(this));
        token.transfer(OPERATOR, 100_000 ether);
        vm.prank(OPERATOR);
        token.approve(address(registry), type(uint256).max);
        vm.prank(OPERATOR);
        registry.register("http://127.0.0.1:7101", "local", 1, 5_000 ether);
    }

    /// Fuzz: whatever the job weights and outcomes, the task score is 1 + min(1, Σ(w·s)/10) and stays in [1, 2].
    function testFuzz_TaskScoreMatchesFormula(uint256[8] memory weights, uint8 successMask) public {
        uint256 sum;
        uint64 epoch = registry.currentEpoch();
        for (uint256 i; i < weights.length; ++i) {
            uint256 w = bound(weights[i], 1, registry.MAX_JOB_WEIGHT());
            bool success = (successMask >> i) & 1 == 1;
            registry.reportJob(0, keccak256(abi.encode(i)), w, success, 10 + i);
            if (success) sum += w;
        }
        uint256 expected = 1e18 + (sum * 1e18) / 10e18 > 2e18 ? 2e18 : 1e18 + (sum * 1e18) / 10e18;
        uint256 score = registry.taskScore(0, epoch);
        assertEq(score, expected, "task score");
        assertTrue(score >= 1e18 && score <= 2e18, "score range");
    }

    /// Fuzz: heartbeats at any gaps count at most once per slot and uptime never exceeds 100%; it is exact
    /// for the slots the machine beat in.
    function testFuzz_UptimeNeverExceedsOwedSlots(uint256[6] memory gaps) public {
        uint64 epoch = registry.currentEpoch();
        uint256 beats = 1;
        for (uint256 i; i < gaps.length; ++i) {
            vm.warp(block.timestamp + bound(gaps[i], 0, 3 * SLOT));
            if (registry.currentEpoch() != epoch) break;
            uint64 slot = registry.currentSlot();
            if (registry.getMachine(0).lastHeartbeatSlot == slot) {
                vm.expectRevert(abi.encodeWithSelector(MachineRegistry.HeartbeatAlreadySent.selector, 0, slot));
            } else {
                ++beats;
            }
            vm.prank(OPERATOR);
            registry.heartbeat(0);
        }
        uint256 uptime = registry.uptimeBps(0, epoch);
        assertLe(uptime, 10_000, "uptime <= 100%");
        assertEq(registry.epochStats(0, epoch).heartbeats, beats, "heartbeats counted once per slot");
    }

    /// Fuzz: stake in equals stake held plus stake withdrawn; nothing leaves before the unbonding period.
    function testFuzz_StakeConservation(uint256 add, uint256 out, uint256 wait) public {
        add = bound(add, 1, 50_000 ether);
        vm.prank(OPERATOR);
        registry.addStake(0, add);
        uint256 total = 5_000 ether + add;
        out = bound(out, 1, total);
        uint256 remaining = total - out;
        if (remaining != 0 && remaining < MIN_STAKE) {
            vm.expectRevert(abi.encodeWithSelector(MachineRegistry.StakeBelowMinimum.selector, remaining, MIN_STAKE));
            vm.prank(OPERATOR);
            registry.requestUnstake(0, out);
            return;
        }
        vm.prank(OPERATOR);
        registry.requestUnstake(0, out);
        wait = bound(wait, 0, 2 * EPOCH);
        vm.warp(block.timestamp + wait);
        uint256 before = token.balanceOf(OPERATOR);
        if (wait < EPOCH) {
            vm.expectRevert(
                abi.encodeWithSelector(MachineRegistry.StillUnbonding.selector, 0, registry.getMachine(0).unlockAt)
            );
        }
        vm.prank(OPERATOR);
        registry.withdraw(0);
        uint256 withdrawn = token.balanceOf(OPERATOR) - before;
        assertEq(withdrawn, wait < EPOCH ? 0 : out, "withdrawn");
        assertEq(token.balanceOf(address(registry)), total - withdrawn, "registry holds the rest");
        assertTrue(registry.getMachine(0).active == (remaining != 0), "active iff stake remains");
    }
}
