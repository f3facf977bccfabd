// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaTest, Vm} from "../utils/Vm.sol";
import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTargets} from "../../targets/ArenaTargets.sol";
import {IArenaTargets} from "../../targets/IArenaTargets.sol";
import {TargetMath} from "../../targets/TargetMath.sol";

/// @dev The best-ranked model of a target (models are packed 16 bits each, best first).
function _firstModel(ArenaTargets market, uint256 targetId) view returns (uint16) {
    (, , , , uint64 models) = market.targets(targetId);
    return uint16(models);
}

/// @dev Cheatcodes beyond ../utils/Vm.sol that the targets tests need (same cheatcode address).
interface VmBlocks {
    function setBlockhash(uint256 blockNumber, bytes32 blockHash) external;
}

/// @dev The two-step seed draw and the commit-then-reveal submission, as a user (or the app) performs them.
library TargetsSteps {
    VmBlocks internal constant vmb = VmBlocks(address(uint160(uint256(keccak256("hevm cheat code")))));
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev What a submitter commits to: itself followed by the ABI-encoded arguments of its `submit` call.
    function commitment(
        address submitter,
        IArenaTargets.SubmitParams memory p,
        bytes32 salt
    ) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(submitter, abi.encode(p, salt)));
    }

    /// @dev Fixes the seed block, lets it be produced (with `hash`), then reads it and opens the epoch.
    function open(ArenaTargets market, bytes32 hash) internal {
        uint256 sb = market.requestSeed();
        vm.roll(sb + 1);
        vmb.setBlockhash(sb, hash);
        market.openEpoch();
    }

    /// @dev Commits, moves one block on, reveals (as the caller: use inside a prank for another submitter).
    function commitAndSubmit(ArenaTargets market, address submitter, IArenaTargets.SubmitParams memory p) internal {
        bytes32 salt = keccak256(abi.encode(p.targetId, submitter, block.number));
        market.commit(p.targetId, TargetsSteps.commitment(submitter, p, salt));
        vm.roll(block.number + 1);
        market.submit(p, salt);
    }
}

/// @dev Shared deployment: three models, three validators, a funded pool and an opened epoch 1.
abstract contract TargetsSetup is ArenaTest {
    uint16 internal constant DIM = 16;
    ArenaToken internal token;
    ArenaTargets internal market;
    address[3] internal validatorSet = [address(0xA1), address(0xA2), address(0xA3)];

    function _config() internal pure returns (IArenaTargets.Config memory c) {
        c = IArenaTargets.Config({
            epochLength: 1 days,
            dimension: DIM,
            targetsPerEpoch: 3,
            modelsPerTarget: 2,
            maxActiveModels: 4,
            maxValidators: 8,
            rewardPerTarget: 100 ether,
            bondPerByte: 0.01 ether,
            maxDataSize: 10_000,
            minModelStake: 1000 ether,
            minValidatorStake: 500 ether,
            initialThreshold: 300_000,
            minThreshold: 20_000,
            maxThreshold: 1_000_000,
            targetFillRate: 500_000,
            emaAlpha: 300_000
        });
    }

    function _vector(uint256 label, int256 base) internal pure returns (bytes memory packed) {
        for (uint256 i; i < DIM; ++i) {
            int256 x = base + int256(uint256(keccak256(abi.encode(label, i))) % 600_001) - 300_000;
            packed = abi.encodePacked(packed, int32(x));
        }
    }

    function _pack(int256[] memory v) internal pure returns (bytes memory packed) {
        for (uint256 i; i < v.length; ++i) packed = abi.encodePacked(packed, int32(v[i]));
    }

    function _deploy() internal {
        vm.warp(1_700_000_000);
        token = new ArenaToken(address(this), 100_000_000 ether);
        market = new ArenaTargets(token, address(this), _config());
        market.setGenerator(_vector(0, 400_000), 50_000);
        token.approve(address(market), type(uint256).max);
        market.fundPool(5_000 ether);
        for (uint256 i; i < 3; ++i) {
            market.registerModel("sha256:m", bytes32(i + 1), _vector(i + 1, 400_000), uint96(1000 ether * (i + 1)));
            address v = validatorSet[i];
            token.transfer(v, 1000 ether);
            vm.startPrank(v);
            token.approve(address(market), type(uint256).max);
            market.joinValidators(1000 ether);
            vm.stopPrank();
        }
        vm.warp(block.timestamp + 1 days);
        _open(keccak256("epoch 1"));
    }

    function _open(bytes32 hash) internal {
        TargetsSteps.open(market, hash);
    }

    function _submit(IArenaTargets.SubmitParams memory p) internal {
        TargetsSteps.commitAndSubmit(market, address(this), p);
    }

    function _params(
        uint256 targetId,
        bytes memory embedding,
        uint64 distance,
        uint32 size
    ) internal view returns (IArenaTargets.SubmitParams memory) {
        return
            IArenaTargets.SubmitParams({
                targetId: targetId,
                dataUri: "sha256:data",
                dataHash: keccak256(embedding),
                dataSize: size,
                modelId: _firstModel(market, targetId),
                loss: 1_000_000,
                embedding: embedding,
                distance: distance
            });
    }
}

contract TargetMathFuzzTest is ArenaTest {
    /// Fuzz: any two non-zero vectors are between 0 and 2e6 apart, a vector is 0 from itself and from any
    /// positive multiple of itself, and distance is symmetric.
    function testFuzz_CosineDistanceBounds(int32[8] memory a, int32[8] memory b, uint8 scale) public pure {
        int256[] memory va = new int256[](8);
        int256[] memory vb = new int256[](8);
        int256[] memory vs = new int256[](8);
        for (uint256 i; i < 8; ++i) {
            va[i] = a[i];
            vb[i] = b[i];
            vs[i] = int256(a[i]) * int256(uint256(scale) + 1);
        }
        if (TargetMath.normSquared(va) == 0 || TargetMath.normSquared(vb) == 0) return;
        uint256 d = TargetMath.cosineDistance(va, vb);
        assertLe(d, 2_000_000, "distance above 2");
        assertEq(d, TargetMath.cosineDistance(vb, va), "symmetric");
        assertEq(TargetMath.cosineDistance(va, va), 0, "self distance");
        assertLe(TargetMath.cosineDistance(va, vs), 1, "scaled copy");
    }

    /// Fuzz: the threshold always stays within its bounds.
    function testFuzz_ThresholdBounded(uint256 t, uint256 ema, uint256 target, uint256 min, uint256 span) public pure {
        t = bound(t, 0, 2_000_000);
        ema = bound(ema, 0, 1_000_000);
        target = bound(target, 1, 1_000_000);
        min = bound(min, 1, 1_000_000);
        uint256 max = min + bound(span, 0, 1_000_000);
        uint256 next = TargetMath.nextThreshold(t, ema, target, min, max);
        assertTrue(next >= min && next <= max, "threshold out of bounds");
    }
}

contract ArenaTargetsFuzzTest is TargetsSetup {
    function setUp() public {
        _deploy();
    }

    /// Fuzz: a submission is accepted exactly when its recomputed distance is within the threshold, and an
    /// accepted one takes max(bondPerByte × size, minBond).
    function testFuzz_SubmitAcceptsExactlyWithinThreshold(uint256 blend, uint32 size) public {
        blend = bound(blend, 0, 100);
        size = uint32(bound(size, 1, 10_000));
        int256[] memory target = market.targetEmbedding(1);
        int256[] memory far = TargetMath.unpack(_vector(99, -400_000), DIM);
        int256[] memory v = new int256[](DIM);
        for (uint256 i; i < DIM; ++i) v[i] = (target[i] * int256(100 - blend) + far[i] * int256(blend)) / 100;
        if (TargetMath.normSquared(v) == 0) return;
        uint256 d = TargetMath.cosineDistance(v, target);
        uint256 before = token.balanceOf(address(this));
        IArenaTargets.SubmitParams memory p = _params(1, _pack(v), uint64(d), size);
        bytes32 salt = bytes32(blend);
        market.commit(1, TargetsSteps.commitment(address(this), p, salt));
        vm.roll(block.number + 1);
        if (d > 300_000) {
            vm.expectRevert(abi.encodeWithSelector(IArenaTargets.OutsideThreshold.selector, d, 300_000));
        }
        market.submit(p, salt);
        if (d <= 300_000) {
            uint256 bond = uint256(size) * 0.01 ether;
            if (bond < 25 ether) bond = 25 ether;
            assertEq(before - token.balanceOf(address(this)), bond, "bond");
            assertEq(market.bondsHeld(), bond, "bonds held");
        }
    }
}

interface IERC20Like {
    function transfer(address to, uint256 amount) external returns (bool);
    function approve(address spender, uint256 amount) external returns (bool);
}

/// @dev Drives the market through random sequences of commit + submit by several submitters, confirm, report,
/// claim, expire, validators joining and leaving, seed draws and time, recording what was paid so the
/// invariants can check it.
contract TargetsHandler {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
    VmBlocks internal constant vmb = VmBlocks(address(uint160(uint256(keccak256("hevm cheat code")))));
    ArenaTargets internal immutable market;
    address[3] internal validatorSet;
    address[3] internal submitters = [address(0x5001), address(0x5002), address(0x5003)];
    address[2] internal churners = [address(0x6001), address(0x6002)];

    mapping(uint256 targetId => uint256) public rewardPayments;
    mapping(uint256 targetId => bool) public bondReturned;
    mapping(uint256 targetId => bool) public bondForfeited;
    uint256 public epochsOpened = 1;
    uint256 public violations;
    /// @dev What the sequence did, so a run that never fills, claims or forfeits shows up.
    uint256 public fills;
    uint256 public claims;
    uint256 public forfeits;

    constructor(ArenaTargets market_, address[3] memory validators_) {
        market = market_;
        validatorSet = validators_;
    }

    /// @dev Funds and approves the actors (called once by the test, which holds the tokens).
    function fund() external {
        for (uint256 i; i < 3; ++i) _approve(submitters[i]);
        for (uint256 i; i < 2; ++i) _approve(churners[i]);
    }

    function _approve(address who) internal {
        IERC20Like t = IERC20Like(address(market.token()));
        t.transfer(who, 100_000 ether);
        vm.prank(who);
        t.approve(address(market), type(uint256).max);
    }

    function _pick(uint256 seed) internal view returns (uint256) {
        uint256 count = market.targetCount();
        return count == 0 ? 0 : (seed % count) + 1;
    }

    function _status(uint256 id) internal view returns (IArenaTargets.TargetStatus status) {
        (, , , status, ) = market.targets(id);
    }

    /// @dev One of the newest targets (those of the last opened epoch): where fills, audits and claims happen.
    function _recent(uint256 seed) internal view returns (uint256) {
        uint256 count = market.targetCount();
        uint256 back = seed % 6;
        return back >= count ? count : count - back;
    }

    function submit(uint256 seed, uint32 size, uint8 who) external {
        uint256 id = _recent(seed);
        if (id == 0 || _status(id) != IArenaTargets.TargetStatus.Open) return;
        (, uint32 epoch, , , ) = market.targets(id);
        if (epoch != market.currentEpoch()) return;
        int256[] memory v = market.targetEmbedding(id);
        bytes memory packed;
        for (uint256 i; i < v.length; ++i) packed = abi.encodePacked(packed, int32(v[i]));
        IArenaTargets.SubmitParams memory p = IArenaTargets.SubmitParams({
            targetId: id,
            dataUri: "sha256:x",
            dataHash: bytes32(seed),
            dataSize: uint32(size % 10_000) + 1,
            modelId: _firstModel(market, id),
            loss: uint64(seed % 2e9),
            embedding: packed,
            distance: 0
        });
        address submitter = submitters[who % 3];
        bytes32 salt = bytes32(seed);
        vm.prank(submitter);
        try market.commit(id, TargetsSteps.commitment(submitter, p, salt)) {} catch {
            return;
        }
        vm.roll(block.number + 1);
        vm.prank(submitter);
        try market.submit(p, salt) {
            ++fills;
        } catch {}
    }

    function confirm(uint256 seed) external {
        uint256 id = _recent(seed);
        if (id == 0) return;
        address auditor = market.auditorOf(id);
        if (auditor == address(0)) return;
        vm.prank(auditor);
        try market.confirm(id) {} catch {}
    }

    function report(uint256 seed) external {
        uint256 id = _recent(seed);
        if (id == 0 || _status(id) != IArenaTargets.TargetStatus.Filled) return;
        address[] memory list = market.validatorList();
        for (uint256 i; i < list.length && _status(id) == IArenaTargets.TargetStatus.Filled; ++i) {
            if (list[i] == address(0) || (seed >> i) % 3 == 0) continue;
            vm.prank(list[i]);
            try market.report(id) {} catch {}
        }
        if (_status(id) == IArenaTargets.TargetStatus.Fraudulent && !bondForfeited[id]) {
            if (bondReturned[id]) ++violations;
            bondForfeited[id] = true;
            ++forfeits;
        }
    }

    function claim(uint256 seed) external {
        uint256 id = _pick(seed);
        if (id == 0) return;
        try market.claim(id) {
            rewardPayments[id] += 1;
            ++claims;
            if (bondForfeited[id] || bondReturned[id]) ++violations;
            bondReturned[id] = true;
        } catch {}
    }

    function expire(uint256 seed) external {
        uint256 id = _pick(seed);
        if (id == 0) return;
        try market.expire(id) {} catch {}
    }

    function churn(uint8 who) external {
        address v = churners[who % 2];
        (, , uint32 exitEpoch, bool exists) = market.validators(v);
        vm.startPrank(v);
        if (!exists) {
            try market.joinValidators(500 ether) {} catch {}
        } else if (exitEpoch == 0) {
            market.exitValidators();
        } else {
            try market.withdrawValidatorStake() {} catch {}
        }
        vm.stopPrank();
    }

    function advance(uint256 secs, bool draw) external {
        vm.warp(block.timestamp + 12 hours + (secs % 1 days));
        if (!draw && secs % 4 != 0) return;
        try market.requestSeed() returns (uint256 sb) {
            vm.roll(sb + 1);
            vmb.setBlockhash(sb, keccak256(abi.encode(secs)));
        } catch {}
        try market.openEpoch() {
            ++epochsOpened;
        } catch {}
    }
}

contract ArenaTargetsInvariantTest is TargetsSetup {
    TargetsHandler internal handler;

    function setUp() public {
        _deploy();
        handler = new TargetsHandler(market, validatorSet);
        token.transfer(address(handler), 1_000_000 ether);
        handler.fund();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// Funds are conserved to the wei: the market holds exactly the pool, the reserved rewards, the bonds and
    /// the stakes; and the bonds and reserved rewards are exactly those of the filled (and open) targets.
    function invariant_FundsConserved() public view {
        uint256 accounted =
            market.pool() +
                market.reservedRewards() +
                market.bondsHeld() +
                market.modelStakeTotal() +
                market.validatorStakeTotal();
        assertEq(token.balanceOf(address(market)), accounted, "balance vs accounting");
        uint256 bonds;
        uint256 reserved;
        for (uint256 id = 1; id <= market.targetCount(); ++id) {
            (uint96 reward, , , IArenaTargets.TargetStatus status, ) = market.targets(id);
            if (status == IArenaTargets.TargetStatus.Filled) {
                (, , , , uint128 bond, , , , , , ) = market.submissions(id);
                bonds += bond;
                assertLe(25 ether, bond, "bond below the minimum");
            }
            if (status == IArenaTargets.TargetStatus.Open || status == IArenaTargets.TargetStatus.Filled) {
                reserved += reward;
            }
        }
        assertEq(market.bondsHeld(), bonds, "bonds held vs filled targets");
        assertEq(market.reservedRewards(), reserved, "reserved vs live targets");
    }

    /// A target pays its reward at most once, and a bond is either returned or forfeited, exactly once.
    function invariant_PaysOnceAndBondsOneWay() public view {
        for (uint256 id = 1; id <= market.targetCount(); ++id) {
            assertLe(handler.rewardPayments(id), 1, "reward paid twice");
            assertTrue(!(handler.bondReturned(id) && handler.bondForfeited(id)), "bond returned and forfeited");
            (, , , IArenaTargets.TargetStatus status, ) = market.targets(id);
            if (handler.bondReturned(id)) assertTrue(status == IArenaTargets.TargetStatus.Claimed, "claimed");
            if (handler.bondForfeited(id)) assertTrue(status == IArenaTargets.TargetStatus.Fraudulent, "forfeit");
        }
        assertEq(handler.violations(), 0, "violations");
    }

    /// The pool is reserved no faster than its schedule: at most targetsPerEpoch targets per opened epoch (fills
    /// spawn none), and no address fills more than maxFillsPerSubmitter targets in an epoch.
    function invariant_PoolFollowsTheEpochSchedule() public view {
        assertLe(market.targetCount(), handler.epochsOpened() * 3, "targets beyond the schedule");
        uint256 now_ = market.currentEpoch();
        for (uint256 e; e <= now_; ++e) {
            (, , , , uint32 count, uint32 fills, ) = market.epochs(e);
            assertLe(count, 3, "targets in one epoch");
            assertLe(fills, count, "fills beyond targets");
            for (uint256 i; i < 3; ++i) {
                assertLe(market.fillsBy(e, address(uint160(0x5001 + i))), market.maxFillsPerSubmitter(), "cap");
            }
        }
    }
}
