// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaTest, Vm} from "../utils/Vm.sol";
import {ArenaToken} from "../../ArenaToken.sol";
import {MachineRegistry} from "../../machines/MachineRegistry.sol";
import {Machine} from "../../machines/MachineTypes.sol";

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
        bytes32 role = registry.REPORTER_ROLE();
        for (uint256 i; i < weights.length; ++i) {
            uint256 w = bound(weights[i], 1, registry.MAX_JOB_WEIGHT());
            bool success = (successMask >> i) & 1 == 1;
            // One reporter per job: a reporter's own weight per machine and epoch is capped.
            address reporter = address(uint160(0x5EED00 + i));
            registry.grantRole(role, reporter);
            vm.prank(reporter);
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

/// @dev Drives the registry through random sequences of register, add stake, unstake, withdraw, heartbeat, claim,
/// report and time, by several operators, keeping a ghost ledger of what each operator paid in and took out.
contract MachineHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant OPERATORS = 4;
    MachineRegistry internal immutable registry;
    ArenaToken internal immutable token;

    address[OPERATORS] public operators;
    mapping(address operator => uint256) public paidIn;
    mapping(address operator => uint256) public takenOut;
    mapping(address operator => uint64) public firstSlot;
    uint256 public jobNonce;

    constructor(MachineRegistry registry_, ArenaToken token_) {
        registry = registry_;
        token = token_;
        for (uint256 i; i < OPERATORS; ++i) operators[i] = address(uint160(0x0A0000 + i));
    }

    /// Called once by the test after it funded the operators.
    function approveAll() external {
        for (uint256 i; i < OPERATORS; ++i) {
            vm.prank(operators[i]);
            token.approve(address(registry), type(uint256).max);
        }
    }

    function _operator(uint256 seed) internal view returns (address) {
        return operators[seed % OPERATORS];
    }

    function _machine(address operator) internal view returns (bool exists, uint256 id) {
        try registry.machineOf(operator) returns (uint256 machineId) {
            return (true, machineId);
        } catch {
            return (false, 0);
        }
    }

    function register(uint256 seed, uint256 stake) external {
        address operator = _operator(seed);
        (bool exists, ) = _machine(operator);
        if (exists) return;
        stake = 1_000 ether + (stake % 20_000 ether);
        vm.prank(operator);
        registry.register("http://127.0.0.1:7101", "local", uint8(seed % 4), stake);
        paidIn[operator] += stake;
        firstSlot[operator] = registry.currentSlot();
    }

    function addStake(uint256 seed, uint256 amount) external {
        address operator = _operator(seed);
        (bool exists, uint256 id) = _machine(operator);
        if (!exists) return;
        // A machine that left comes back with at least the minimum (reactivations are what uptime must survive).
        amount = (registry.getMachine(id).active ? 1 : registry.minStake()) + (amount % 5_000 ether);
        vm.prank(operator);
        try registry.addStake(id, amount) {
            paidIn[operator] += amount;
        } catch {}
    }

    function requestUnstake(uint256 seed, uint256 amount) external {
        address operator = _operator(seed);
        (bool exists, uint256 id) = _machine(operator);
        if (!exists) return;
        uint256 stake = registry.getMachine(id).stake;
        if (stake == 0) return;
        // Half the time leave entirely, else a random part.
        amount = seed % 2 == 0 ? stake : 1 + (amount % stake);
        vm.prank(operator);
        try registry.requestUnstake(id, amount) {} catch {}
    }

    function withdraw(uint256 seed) external {
        address operator = _operator(seed);
        (bool exists, uint256 id) = _machine(operator);
        if (!exists) return;
        uint256 before = token.balanceOf(operator);
        vm.prank(operator);
        try registry.withdraw(id) {
            takenOut[operator] += token.balanceOf(operator) - before;
        } catch {}
    }

    function heartbeat(uint256 seed) external {
        address operator = _operator(seed);
        (bool exists, uint256 id) = _machine(operator);
        if (!exists) return;
        vm.prank(operator);
        try registry.heartbeat(id) {} catch {}
    }

    function claimAndReport(uint256 seed, uint256 weight, bool success) external {
        address operator = _operator(seed);
        (bool exists, uint256 id) = _machine(operator);
        if (!exists) return;
        bytes32 jobId = keccak256(abi.encode(++jobNonce));
        weight = 1 + (weight % registry.MAX_JOB_WEIGHT());
        vm.prank(operator);
        try registry.claimJob(id, jobId, weight) {} catch {}
        // The test contract granted REPORTER_ROLE to this handler.
        try registry.reportJob(id, jobId, weight, success, seed % 1_000) {} catch {}
    }

    function advance(uint256 secs) external {
        vm.warp(block.timestamp + (secs % 2 days));
    }

    function operatorCount() external pure returns (uint256) {
        return OPERATORS;
    }
}

contract MachineRegistryInvariantTest is ArenaTest {
    /// Carries the outcome of a full exit out of the call that is reverted to undo it.
    error ExitOutcome(uint256 shortfalls, uint256 leftInRegistry);

    ArenaToken internal token;
    MachineRegistry internal registry;
    MachineHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 10_000_000 ether);
        registry = new MachineRegistry(token, address(this), 1 days, 1 hours, 1 days, 1_000 ether);
        handler = new MachineHandler(registry, token);
        registry.grantRole(registry.REPORTER_ROLE(), address(handler));
        for (uint256 i; i < handler.operatorCount(); ++i) token.transfer(handler.operators(i), 1_000_000 ether);
        handler.approveAll();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// The registry holds exactly the active stake plus the unbonding stake of every machine, to the wei, and
    /// each operator's machine holds exactly what it paid in less what it took out.
    function invariant_BalanceEqualsStakesPlusUnbonding() public view {
        uint256 owed;
        uint256 count = registry.machineCount();
        for (uint256 id; id < count; ++id) {
            MachineTypesView memory m = _view(id);
            owed += m.stake + m.unbonding;
            assertEq(m.stake + m.unbonding, handler.paidIn(m.operator) - handler.takenOut(m.operator), "ledger");
        }
        assertEq(token.balanceOf(address(registry)), owed, "balance vs stakes + unbonding");
    }

    /// Leaving and coming back never moves the start of a machine's uptime window, and no epoch counts more
    /// heartbeats than it had slots since then (so uptime never reads above 100%).
    function invariant_UptimeCountsEverySlotSinceFirstRegistration() public view {
        uint256 count = registry.machineCount();
        uint64 perEpoch = registry.slotsPerEpoch();
        uint64 epoch = registry.currentEpoch();
        for (uint256 id; id < count; ++id) {
            Machine memory m = registry.getMachine(id);
            assertEq(m.registeredSlot, handler.firstSlot(m.operator), "registeredSlot moved");
            uint64 first = epoch * perEpoch > m.registeredSlot ? epoch * perEpoch : m.registeredSlot;
            uint256 owed = uint256(registry.currentSlot() - first) + 1;
            assertLe(registry.epochStats(id, epoch).heartbeats, owed, "more heartbeats than slots");
            assertLe(registry.uptimeBps(id, epoch), 10_000, "uptime above 100%");
        }
    }

    /// Whatever happened before, every operator can unstake everything and, after the unbonding period, take its
    /// full stake back; the registry is then empty. Checked inside a call that is reverted, so the run goes on.
    function invariant_EveryOperatorCanWithdrawItsFullStake() public {
        uint256 started = block.timestamp;
        try this.exitEveryone() {
            revert AssertionFailed("exitEveryone must revert with its outcome", 0, 1);
        } catch (bytes memory data) {
            vm.warp(started);
            if (bytes4(data) != ExitOutcome.selector) {
                revert AssertionFailed("exit reverted", uint256(bytes32(data)), 0);
            }
            (uint256 shortfalls, uint256 left) = abi.decode(_args(data), (uint256, uint256));
            assertEq(shortfalls, 0, "operators short of their stake");
            assertEq(left, 0, "tokens left in the registry");
        }
    }

    function exitEveryone() external {
        uint256 count = registry.machineCount();
        uint256[] memory owed = new uint256[](count);
        uint256[] memory before = new uint256[](count);
        for (uint256 id; id < count; ++id) {
            MachineTypesView memory m = _view(id);
            owed[id] = m.stake + m.unbonding;
            before[id] = token.balanceOf(m.operator);
            if (m.stake > 0) {
                vm.prank(m.operator);
                registry.requestUnstake(id, m.stake);
            }
        }
        vm.warp(block.timestamp + registry.unbondingPeriod());
        uint256 shortfalls;
        for (uint256 id; id < count; ++id) {
            address operator = registry.getMachine(id).operator;
            if (owed[id] > 0) {
                vm.prank(operator);
                registry.withdraw(id);
            }
            if (token.balanceOf(operator) - before[id] != owed[id]) ++shortfalls;
        }
        revert ExitOutcome(shortfalls, token.balanceOf(address(registry)));
    }

    struct MachineTypesView {
        address operator;
        uint256 stake;
        uint256 unbonding;
    }

    function _view(uint256 id) internal view returns (MachineTypesView memory v) {
        Machine memory m = registry.getMachine(id);
        v = MachineTypesView(m.operator, m.stake, m.unbonding);
    }

    function _args(bytes memory data) internal pure returns (bytes memory args) {
        args = new bytes(data.length - 4);
        for (uint256 i; i < args.length; ++i) args[i] = data[i + 4];
    }
}
