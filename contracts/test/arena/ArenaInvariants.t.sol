// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {DelegationPosition, Role, TaskState, Unbonding} from "../../arena/IArena.sol";
import {ArenaSetup} from "./ArenaSetup.sol";

/// @notice Drives one Arena task through random stake, delegation, scored epochs, paged settlement and claims.
contract ArenaHandler is ArenaSetup {
    ArenaToken public token;
    ArenaTasks public arena;
    uint256 public taskId;
    address[] internal nodes;
    address[] internal validators;
    address[] internal delegators;
    uint256 public nextEpoch = 1;

    uint256 public ghostClaimed;
    uint256 public ghostFunded;
    bool public ghostDoubleClaim;
    bool public ghostOverpaidEpoch;

    constructor() {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 1e27);
        arena = deployArena(token);
        arena.setProtocolFee(100, address(0xFEE));
        taskId = arena.createTask(params(60, 3, 12345), 0);
        (TaskState memory s, ) = arena.getTask(taskId);
        ghostFunded = s.pool;
        for (uint256 i; i < 4; ++i) {
            nodes.push(actor(i));
            validators.push(actor(100 + i));
            delegators.push(actor(200 + i));
            fundActor(token, arena, actor(i), 100_000 ether);
            fundActor(token, arena, actor(100 + i), 100_000 ether);
            fundActor(token, arena, actor(200 + i), 100_000 ether);
            stakeAs(arena, taskId, actor(i), Role.Node, MIN_STAKE * (i + 1));
            stakeAs(arena, taskId, actor(100 + i), Role.Validator, MIN_STAKE * (i + 2));
        }
    }

    function _open() internal view returns (bool) {
        (uint256 epoch, ) = arena.currentEpoch(taskId);
        return epoch < 60;
    }

    function stake(uint256 who, uint256 amount) external {
        if (!_open()) return;
        bool node = who % 2 == 0;
        address a = node ? nodes[(who / 2) % 4] : validators[(who / 2) % 4];
        stakeAs(arena, taskId, a, node ? Role.Node : Role.Validator, bound(amount, 1, 1_000 ether));
    }

    function unstake(uint256 who, uint256 amount) external {
        bool node = who % 2 == 0;
        address a = node ? nodes[(who / 2) % 4] : validators[(who / 2) % 4];
        (uint256 epoch, ) = arena.currentEpoch(taskId);
        (uint256 own, ) = arena.stakeAt(taskId, a, epoch + 1);
        if (own <= MIN_STAKE) return;
        amount = bound(amount, 1, own - MIN_STAKE);
        vm.prank(a);
        arena.requestUnstake(taskId, uint96(amount));
    }

    function withdraw(uint256 who) external {
        address a = who % 2 == 0 ? nodes[(who / 2) % 4] : validators[(who / 2) % 4];
        Unbonding memory u = arena.unbondingOf(taskId, a);
        (uint256 epoch, ) = arena.currentEpoch(taskId);
        if (u.amount == 0 || epoch < u.releaseEpoch) return;
        uint256 before = token.balanceOf(a);
        vm.prank(a);
        arena.withdraw(taskId);
        assertEq(token.balanceOf(a) - before, u.amount, "withdrawn");
    }

    function delegate(uint256 who, uint256 to, uint256 amount) external {
        if (!_open()) return;
        address d = delegators[who % 4];
        address target = to % 2 == 0 ? nodes[(to / 2) % 4] : validators[(to / 2) % 4];
        vm.prank(d);
        arena.delegate(taskId, target, uint96(bound(amount, 1, 1_000 ether)));
    }

    function undelegate(uint256 who, uint256 to, uint256 amount) external {
        address d = delegators[who % 4];
        address target = to % 2 == 0 ? nodes[(to / 2) % 4] : validators[(to / 2) % 4];
        (DelegationPosition memory p, , ) = arena.delegationOf(taskId, target, d);
        if (p.nextAmount == 0) return;
        vm.prank(d);
        arena.undelegate(taskId, target, uint96(bound(amount, 1, p.nextAmount)));
    }

    function withdrawDelegation(uint256 who, uint256 to) external {
        address d = delegators[who % 4];
        address target = to % 2 == 0 ? nodes[(to / 2) % 4] : validators[(to / 2) % 4];
        (, Unbonding memory u, ) = arena.delegationOf(taskId, target, d);
        (uint256 epoch, ) = arena.currentEpoch(taskId);
        if (u.amount == 0 || epoch < u.releaseEpoch) return;
        vm.prank(d);
        arena.withdrawDelegation(taskId, target);
    }

    /// @notice One whole epoch: submissions, sortition-assigned scoring, then paged settlement of what is due.
    function runEpoch(uint256 seed, uint256 pageSize) external {
        if (nextEpoch >= 61) return;
        uint256 epoch = nextEpoch++;
        uint256 start = epochStart(arena, taskId, epoch);
        if (block.timestamp > start) return;
        vm.warp(start);
        for (uint256 i; i < 4; ++i) {
            (uint256 own, ) = arena.stakeAt(taskId, nodes[i], epoch);
            if (own >= MIN_STAKE && epoch < 60) {
                submitHash(arena, taskId, nodes[i], keccak256(abi.encode(nodes[i], epoch)));
            }
        }
        if (epoch < 60) scoreEpoch(arena, taskId, epoch, validators, seed);
        vm.warp(epochStart(arena, taskId, epoch + 1));
        _settleDue(bound(pageSize, 1, 40));
    }

    function _settleDue(uint256 pageSize) internal {
        (uint256 current, ) = arena.currentEpoch(taskId);
        for (;;) {
            (TaskState memory s, ) = arena.getTask(taskId);
            uint256 e = s.settledEpochs;
            if (e >= current || e >= 61) return;
            uint256 poolBefore = s.pool;
            while (!arena.settle(taskId, e, pageSize)) {}
            (TaskState memory after_, ) = arena.getTask(taskId);
            if (poolBefore - after_.pool > poolBefore / (61 - e)) ghostOverpaidEpoch = true;
        }
    }

    function claim(uint256 who) external {
        address a =
            who % 3 == 0
                ? validators[(who / 3) % 4]
                : who % 3 == 1
                    ? delegators[(who / 3) % 4]
                    : nodes[(who / 3) % 4];
        uint256[] memory ids = new uint256[](1);
        ids[0] = taskId;
        uint256 before = token.balanceOf(a);
        uint256 feeBefore = token.balanceOf(address(0xFEE));
        vm.prank(a);
        (bool ok, ) = address(arena).call(abi.encodeCall(arena.claim, (ids)));
        if (!ok) return;
        uint256 got = token.balanceOf(a) - before + token.balanceOf(address(0xFEE)) - feeBefore;
        ghostClaimed += got;
        if (arena.claimableOf(a) != 0) ghostDoubleClaim = true;
        vm.prank(a);
        (bool again, ) = address(arena).call(abi.encodeCall(arena.claim, (ids)));
        if (again) ghostDoubleClaim = true;
    }

    function wait(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 0, EPOCH / 3));
    }
}

/// @notice Invariants of the Arena protocol under random use.
contract ArenaInvariantTest is ArenaSetup {
    ArenaHandler internal handler;

    function setUp() public {
        handler = new ArenaHandler();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// Total tokens held = stakes + unbonding + unpaid rewards + pools (+ bonds and creator stakes).
    function invariant_TokensHeldMatchLedger() public view {
        ArenaTasks arena = handler.arena();
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
        assertEq(handler.token().balanceOf(address(arena)), sum, "tokens held = ledger");
    }

    /// Σ paid ≤ Σ funded, both as the contract counts it and as the handler observed claims.
    function invariant_PaidNeverExceedsFunded() public view {
        (, , , , , , , , uint128 funded, uint128 paidOut) = handler.arena().ledger();
        assertLe(paidOut, funded, "paid out <= funded");
        assertLe(handler.ghostClaimed(), handler.ghostFunded(), "claimed <= pool");
        assertTrue(!handler.ghostOverpaidEpoch(), "no epoch paid more than its R0");
    }

    /// A claim empties the claimable balance and a second claim pays nothing.
    function invariant_NobodyClaimsTwice() public view {
        assertTrue(!handler.ghostDoubleClaim(), "no double claim");
    }
}
