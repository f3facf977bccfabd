// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {Challenge, Role, TaskParams} from "../../arena/IArena.sol";
import {ArenaSetup} from "./ArenaSetup.sol";

/// @notice Minimal reproductions of what the protocol invariants (ProtocolInvariants.t.sol) found. Each test
/// asserts the behaviour as it is today, so the suite stays green; when a finding is fixed, its test fails and
/// should be turned into a regression test of the fix.
contract ProtocolFindingsTest is ArenaSetup {
    ArenaToken internal token;
    ArenaTasks internal arena;
    uint256 internal taskId;
    address internal node = actor(0);
    address internal alias_ = actor(1); // a second address of the node's operator
    address internal delegator = actor(2);
    address internal challenger = actor(3);
    address[] internal validators;

    function setUp() public {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 1e27);
        arena = deployArena(token);
        arena.setProtocolFee(100, address(0xFEE));
        TaskParams memory p = params(2, 3, 7);
        taskId = arena.createTask(p, 0);
        for (uint256 i; i < 4; ++i) fundActor(token, arena, actor(i), 10_000 ether);
        validators.push(actor(100));
        validators.push(actor(101));
        for (uint256 i; i < 2; ++i) {
            fundActor(token, arena, validators[i], 10_000 ether);
            stakeAs(arena, taskId, validators[i], Role.Validator, 20 ether);
        }
        stakeAs(arena, taskId, node, Role.Node, MIN_STAKE);
        vm.prank(node);
        arena.setRewardShare(taskId, 5e17);
        vm.prank(delegator);
        arena.delegate(taskId, node, 30 ether);
    }

    /// @dev Epoch 1: the node submits and is scored; epochs 0–2 settled; now in the challenge phase (epoch 3).
    function _scoreAndEnterChallengePhase() internal {
        vm.warp(epochStart(arena, taskId, 1));
        submitAs(arena, taskId, node, 1);
        scoreEpoch(arena, taskId, 1, validators, 11);
        vm.warp(epochStart(arena, taskId, 3) + 1);
        for (uint256 e; e < 3; ++e) arena.settle(taskId, e, 1_000);
    }

    /// Finding 1 (invariant 3, "principal back"): a challenger whose challenge is upheld gets its bond back only
    /// through `claim`, which charges the protocol fee on it, so being proved right costs feeBps of the bond
    /// (here 1%). A rejected challenge is the only rule by which a challenger may lose its bond.
    function test_Finding1_UpheldChallengerPaysTheProtocolFeeOnItsOwnBond() public {
        vm.warp(epochStart(arena, taskId, 1));
        submitAs(arena, taskId, node, 1); // submitted, never scored: nothing in escrow
        vm.warp(epochStart(arena, taskId, 3) + 1);
        for (uint256 e; e < 3; ++e) arena.settle(taskId, e, 1_000);
        uint256 before = token.balanceOf(challenger);
        vm.prank(challenger);
        uint256 id = arena.openChallenge(taskId, node, 1 ether);
        Challenge memory ch = arena.getChallenge(id);
        vm.warp(ch.answerDeadline); // unanswered: upheld
        assertTrue(arena.resolveChallenge(id), "upheld");
        vm.prank(challenger);
        arena.claim(new uint256[](0));
        // Proved right, the challenger still ends 0.01 ether short of what it put up.
        assertEq(before - token.balanceOf(challenger), 0.01 ether, "fee taken from the returned bond");
    }

    /// Finding 2 (invariant 2/3, delegators' rewards): the self-challenge rule only compares addresses, so a node
    /// operator challenges its own node from a second address and leaves it unanswered; the upheld challenge pays
    /// the alias the node's escrow and every delegator's escrowed rewards. The operator keeps its own rewards
    /// and takes its delegators', at the cost of the (returned) bond.
    function test_Finding2_NodeTakesItsDelegatorsRewardsBySelfChallengeFromAnAlias() public {
        _scoreAndEnterChallengePhase();
        uint256 escrow = arena.nodeEscrowOf(taskId, node);
        (, , uint256 delegatorRewards) = arena.delegationOf(taskId, node, delegator);
        assertTrue(escrow > 0 && delegatorRewards > 0, "node and delegator earned");
        vm.prank(alias_);
        uint256 id = arena.openChallenge(taskId, node, 1 ether);
        vm.warp(arena.getChallenge(id).answerDeadline); // the node does not answer
        assertTrue(arena.resolveChallenge(id), "upheld");
        // The operator (node + alias) now holds its own rewards, its delegators' and its bond ...
        assertEq(arena.claimableOf(alias_), escrow + delegatorRewards + 1 ether, "alias got everything");
        // ... and the delegator, who did nothing wrong, gets nothing for the epochs it backed the node.
        (, , uint256 left) = arena.delegationOf(taskId, node, delegator);
        assertEq(left, 0, "delegator's rewards gone");
    }

    /// Finding 3 (rule "unstake → unbonding unbondingEpochs → withdraw"): unbonding amounts share one release
    /// epoch, and every new request moves it to the new request's release; stake whose unbonding is already over
    /// is locked again by a later request (own stake and delegations alike, `_startUnbonding`).
    function test_Finding3_ALaterUnstakeRelocksStakeWhoseUnbondingIsOver() public {
        stakeAs(arena, taskId, validators[0], Role.Validator, 20 ether); // 40 ether from epoch 1
        vm.prank(validators[0]);
        arena.requestUnstake(taskId, 10 ether); // epoch 0: release at epoch 0 + 1 + 1 = 2
        vm.warp(epochStart(arena, taskId, 2));
        // The first 10 ether's unbonding is over: withdrawable now. A second request first ...
        vm.prank(validators[0]);
        arena.requestUnstake(taskId, 10 ether); // release at 2 + 1 + 1 = 4, for all 20 ether
        // ... and the 10 ether that was free is locked until epoch 4.
        vm.prank(validators[0]);
        vm.expectRevert(abi.encodeWithSignature("UnbondingNotOver(uint256,uint256)", 4, 2));
        arena.withdraw(taskId);
    }
}
