// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {Challenge, Role, TaskParams} from "../../arena/IArena.sol";
import {ArenaSetup} from "./ArenaSetup.sol";

/// @notice Minimal reproductions of what the protocol invariants (ProtocolInvariants.t.sol) found, as attacks: on
/// the code they ran against each one succeeded (the challenger paid a fee on its own bond, an alias took the
/// node's delegators' rewards, a later unstake locked free stake again); each now asserts the fix.
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

    function _voteAll(uint256 id, bool uphold) internal {
        for (uint256 i; i < validators.length; ++i) {
            vm.prank(validators[i]);
            arena.voteChallenge(id, uphold);
        }
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
    function test_attack_UpheldChallengerPaysTheProtocolFeeOnItsOwnBond() public {
        vm.warp(epochStart(arena, taskId, 1));
        submitAs(arena, taskId, node, 1); // submitted, never scored: nothing in escrow
        vm.warp(epochStart(arena, taskId, 3) + 1);
        for (uint256 e; e < 3; ++e) arena.settle(taskId, e, 1_000);
        uint256 before = token.balanceOf(challenger);
        vm.prank(challenger);
        uint256 id = arena.openChallenge(taskId, node, 1 ether);
        Challenge memory ch = arena.getChallenge(id);
        vm.warp(ch.answerDeadline); // unanswered: the validators vote
        _voteAll(id, true);
        vm.warp(ch.voteDeadline);
        assertTrue(arena.resolveChallenge(id), "upheld");
        // Proved right, the challenger has its whole bond back at once, no fee taken (nothing else to claim).
        assertEq(token.balanceOf(challenger), before, "the bond comes back whole");
        assertEq(arena.claimableOf(challenger), 0, "nothing left to claim");
    }

    /// Finding 2 (invariant 2/3, delegators' rewards): the self-challenge rule only compares addresses, so a node
    /// operator challenges its own node from a second address and leaves it unanswered; the upheld challenge pays
    /// the alias the node's escrow and every delegator's escrowed rewards. The operator keeps its own rewards
    /// and takes its delegators', at the cost of the (returned) bond.
    function test_attack_NodeTakesItsDelegatorsRewardsBySelfChallengeFromAnAlias() public {
        _scoreAndEnterChallengePhase();
        uint256 escrow = arena.nodeEscrowOf(taskId, node);
        (, , uint256 delegatorRewards) = arena.delegationOf(taskId, node, delegator);
        assertTrue(escrow > 0 && delegatorRewards > 0, "node and delegator earned");
        vm.prank(alias_);
        uint256 id = arena.openChallenge(taskId, node, 1 ether);
        vm.warp(arena.getChallenge(id).answerDeadline); // the node does not answer
        // Not answering decides nothing: the validators (none of whom upholds a model that was not stolen) do.
        vm.warp(arena.getChallenge(id).voteDeadline);
        assertTrue(!arena.resolveChallenge(id), "rejected without 2/3 of the validator stake upholding it");
        assertEq(arena.claimableOf(alias_), 0, "the alias gets nothing");
        (, , uint256 left) = arena.delegationOf(taskId, node, delegator);
        assertEq(left, delegatorRewards, "the delegator keeps its rewards");
        assertEq(arena.nodeEscrowOf(taskId, node), escrow, "and the node its escrow");
    }

    /// Finding 3 (rule "unstake → unbonding unbondingEpochs → withdraw"): unbonding amounts share one release
    /// epoch, and every new request moves it to the new request's release; stake whose unbonding is already over
    /// is locked again by a later request (own stake and delegations alike, `_startUnbonding`).
    function test_attack_ALaterUnstakeRelocksStakeWhoseUnbondingIsOver() public {
        stakeAs(arena, taskId, validators[0], Role.Validator, 20 ether); // 40 ether from epoch 1
        vm.prank(validators[0]);
        arena.requestUnstake(taskId, 10 ether); // epoch 0: release at epoch 0 + 1 + 1 = 2
        vm.warp(epochStart(arena, taskId, 2));
        // The first 10 ether's unbonding is over: withdrawable now. A second request first ...
        vm.prank(validators[0]);
        arena.requestUnstake(taskId, 10 ether); // release at 2 + 1 + 1 = 4, for all 20 ether
        // ... does not lock the 10 ether that was free: it is withdrawn now, the other 10 from epoch 4.
        uint256 before = token.balanceOf(validators[0]);
        vm.prank(validators[0]);
        arena.withdraw(taskId);
        assertEq(token.balanceOf(validators[0]) - before, 10 ether, "the released 10 ether");
        vm.prank(validators[0]);
        vm.expectRevert(abi.encodeWithSignature("UnbondingNotOver(uint256,uint256)", 4, 2));
        arena.withdraw(taskId);
        vm.warp(epochStart(arena, taskId, 4));
        vm.prank(validators[0]);
        arena.withdraw(taskId);
        assertEq(token.balanceOf(validators[0]) - before, 20 ether, "and the rest once due");
    }
}
