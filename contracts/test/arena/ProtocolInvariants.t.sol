// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaToken} from "../../ArenaToken.sol";
import {ArenaTasks} from "../../arena/ArenaTasks.sol";
import {
    Challenge,
    DelegationPosition,
    IArenaEvents,
    Participant,
    Role,
    TaskParams,
    TaskState,
    Unbonding
} from "../../arena/IArena.sol";
import {ArenaSetup} from "./ArenaSetup.sol";
import {ArenaTest} from "../utils/Vm.sol";

/// @notice The log-recording cheatcodes (standard, supported by EDR), not declared in ../utils/Vm.sol.
interface VmLogs {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function recordLogs() external;

    function getRecordedLogs() external returns (Log[] memory);
}

/// @notice Drives three Arena tasks with different mechanisms through random protocol use by many actors, keeping
/// ghost books that are independent of the contract's own arithmetic (amounts the actors sent and received, and
/// the amounts the settlement events announced), and records every call whose outcome contradicts the rules.
/// @dev Every action predicts from the rules whether the call must succeed or must fail; a mismatch either way is a
/// violation (`violations`, `firstViolation`), so a handler never reverts the run on an expected rule failure.
contract ProtocolHandler is ArenaSetup {
    VmLogs internal constant vmLogs = VmLogs(address(uint160(uint256(keccak256("hevm cheat code")))));

    uint256 internal constant NT = 3; // tasks
    uint256 internal constant NN = 5; // nodes
    uint256 internal constant NV = 5; // validators
    uint256 internal constant ND = 5; // delegators
    uint256 internal constant NC = 2; // challengers
    uint256 internal constant NDEL = NN + NV; // delegatees: nodes 0..4, validators 5..9
    uint256 internal constant MAXE = 8; // epochs tracked per position (scoring epochs ≤ 5)
    uint256 internal constant FEE_BPS = 100;
    address internal constant TREASURY = address(0xFEE);
    uint256 internal constant SUBMIT = EPOCH - COMMIT - REVEAL;

    enum Want {
        Either,
        Succeed,
        Fail
    }

    ArenaToken public token;
    ArenaTasks public arena;
    uint256 public t0;

    uint256[NT] internal subEpochs = [2, 3, 4];
    uint256[NT] internal unbondingEpochs = [1, 1, 2];
    uint256[NT] internal validatorsPerSub = [2, 3, 4];
    uint256[NT] internal minNode = [10 ether, 5 ether, 20 ether];
    uint256[NT] internal minVal = [10 ether, 20 ether, 5 ether];
    uint256[NT] internal bondMin = [1 ether, 3 ether, 2 ether];
    uint256[NT] internal poolOf = [5_000 ether, 20_000 ether, 100_000 ether];
    uint256[NT] internal creatorStakeOf = [5 ether, 10 ether, 20 ether];

    address[] internal nodes;
    address[] internal validators;
    address[] internal delegators;
    address[] internal challengers;
    address[] internal creators;
    address[] internal everyone;

    // ----- ghost books -----
    /// tokens actors (and the handler as creator funder) sent to the arena, and what it sent out (incl. fees)
    uint256 public ghostDeposits;
    uint256 public ghostWithdrawals;
    /// independent totals of what the arena owes, by kind
    uint256 public ghostPrincipal; // stake and delegations, staked or unbonding
    uint256 public ghostPools;
    uint256 public ghostCreatorStakes;
    uint256 public ghostBonds;
    uint256 public ghostRewards; // paid from pools + settled bonds − claimed (claimable + escrow + delegation)
    uint256 public ghostFunded; // pools + bonds ever deposited
    uint256 public ghostPaid; // Σ epoch payouts
    uint256[NT] public poolLeft;
    uint256 public dustBound; // rounding the accumulator may leave in the contract (see _onDelegatorsRewarded)

    mapping(address => uint256) public ghostIn;
    mapping(address => uint256) public ghostOut;
    mapping(address => uint256) public principalIn;
    mapping(address => uint256) public principalOut;
    mapping(address => uint256) public lossAllowed;
    mapping(address => uint256) public credited;
    mapping(address => uint256) public claimedGross;

    /// task * MAXE + epoch => Σ rewards announced by SubmissionSettled/ValidatorRewarded
    mapping(uint256 => uint256) internal epochRewards;
    mapping(uint256 => bool) internal epochDone;
    /// task * NDEL + node => rewards the node's escrow should hold
    mapping(uint256 => uint256) internal escrowGhost;
    /// task * NDEL + delegatee => Σ DelegatorsRewarded amounts; per epoch perShare
    mapping(uint256 => uint256) internal delegCredited;
    mapping(uint256 => uint256[MAXE]) internal perShare;
    mapping(uint256 => bool) internal forfeited;
    mapping(uint256 => uint256) internal openChallenges;
    /// (task, delegatee, delegator) => the amount counted in each epoch, harvested rewards, harvest operations
    mapping(uint256 => uint256[MAXE]) internal counted;
    mapping(uint256 => uint256) internal harvested;
    mapping(uint256 => uint256) internal harvestOps;

    uint256[] internal challengeIds;
    mapping(uint256 => mapping(address => bool)) internal voted;
    bool[NT] public exited;
    bool[NT] internal finalRevealed;
    uint256 public exits;

    uint256 public violations;
    string public firstViolation;
    bytes public firstViolationData;
    uint256 public expectedFailures;
    uint256 public succeeded;

    mapping(address => uint8) internal kind; // 1 node, 2 validator, 3 delegator, 4 challenger, 5 creator
    mapping(address => uint256) internal indexOf;

    constructor() {
        vm.warp(1_700_000_000);
        t0 = block.timestamp;
        token = new ArenaToken(address(this), 1e27);
        arena = deployArena(token);
        arena.setProtocolFee(FEE_BPS, TREASURY);
        arena.setMinCreatorStake(5 ether);
        for (uint256 i; i < NN; ++i) _addActor(nodes, actor(i), 1);
        for (uint256 i; i < NV; ++i) _addActor(validators, actor(100 + i), 2);
        for (uint256 i; i < ND; ++i) _addActor(delegators, actor(200 + i), 3);
        for (uint256 i; i < NC; ++i) _addActor(challengers, actor(300 + i), 4);
        for (uint256 i; i < NT; ++i) _addActor(creators, actor(400 + i), 5);
        for (uint256 t; t < NT; ++t) {
            TaskParams memory p = params(uint16(subEpochs[t]), uint16(validatorsPerSub[t]), 0x5eed0 + t * 0x1234567);
            p.rewardPool = uint96(poolOf[t]);
            p.unbondingEpochs = uint16(unbondingEpochs[t]);
            p.minNodeStake = uint96(minNode[t]);
            p.minValidatorStake = uint96(minVal[t]);
            p.challengeBond = uint96(bondMin[t]);
            p.maxNodes = t == 2 ? 4 : 64; // task 3 has room for four of the five nodes
            (bool ok, bytes memory ret) = _call(
                creators[t],
                abi.encodeCall(ArenaTasks.createTask, (p, uint96(creatorStakeOf[t])))
            );
            require(ok && abi.decode(ret, (uint256)) == t + 1, "createTask");
            poolLeft[t] = poolOf[t];
            ghostPools += poolOf[t];
            ghostFunded += poolOf[t];
            ghostCreatorStakes += creatorStakeOf[t];
            principalIn[creators[t]] += creatorStakeOf[t];
            lossAllowed[creators[t]] += poolOf[t]; // corrected to what the epochs paid at reclaim
        }
        // Everybody who counts from epoch 1: most nodes and validators, some delegations and reward shares.
        for (uint256 t; t < NT; ++t) {
            for (uint256 i; i < NN; ++i) {
                if ((i + t) % 4 != 3) _stake(i, t, minNode[t] + i * 7 ether);
            }
            for (uint256 i; i < NV; ++i) {
                if ((i + 2 * t) % 5 != 4) _stake(NN + i, t, minVal[t] + i * 11 ether);
            }
            for (uint256 i; i < 3; ++i) _setRewardShare(i, t, uint64((i + 1) * 3e17));
            for (uint256 i; i < 3; ++i) _setRewardShare(NN + i, t, uint64(1e18 - i * 4e17));
            for (uint256 x; x < ND; ++x) _delegate(x, (x * 3 + t) % NDEL, t, 5 ether + x * 13 ether);
        }
    }

    function _addActor(address[] storage list, address a, uint8 k) private {
        indexOf[a] = list.length;
        list.push(a);
        everyone.push(a);
        kind[a] = k;
        fundActor(token, arena, a, 1_000_000 ether);
    }

    // =====================================================================================================
    // actions
    // =====================================================================================================

    /// @notice A node or validator stakes (sometimes below the minimum, sometimes in a closed phase).
    function stake(uint256 who, uint256 task, uint256 amount) external {
        who = who % NDEL;
        uint256 t = task % NT;
        uint256 min = who < NN ? minNode[t] : minVal[t];
        _stake(who, t, bound(amount, min / 2, min * 10));
    }

    function _stake(uint256 who, uint256 t, uint256 amount) internal {
        address a = who < NN ? nodes[who] : validators[who - NN];
        Role role = who < NN ? Role.Node : Role.Validator;
        bool must = _stakeAllowed(who, t, a, amount);
        (bool ok, bytes memory ret) = _call(a, abi.encodeCall(arena.stake, (t + 1, role, uint96(amount))));
        _want(ok, must ? Want.Succeed : Want.Fail, "stake", ret);
        if (ok) {
            if (_lastPaid != amount) _flag("stake moved a different amount", "");
            ghostPrincipal += amount;
            principalIn[a] += amount;
        }
    }

    function _stakeAllowed(uint256 who, uint256 t, address a, uint256 amount) internal view returns (bool) {
        uint256 e = _epoch();
        (uint256 own, ) = arena.stakeAt(t + 1, a, e + 1);
        Participant memory p = arena.getParticipant(t + 1, a);
        (TaskState memory s, ) = arena.getTask(t + 1);
        bool room = p.role != Role.None || who >= NN || s.nodeCount < (t == 2 ? 4 : 64);
        return _phase(t, e) <= 1 && own + amount >= (who < NN ? minNode[t] : minVal[t]) && room;
    }

    /// @notice A node or validator requests to unstake part or all of its stake (sometimes too much or leaving
    /// less than the minimum).
    function unstake(uint256 who, uint256 task, uint256 amount) external {
        who = who % NDEL;
        uint256 t = task % NT;
        address a = who < NN ? nodes[who] : validators[who - NN];
        _unstake(a, t, amount, false);
    }

    function _unstake(address a, uint256 t, uint256 amount, bool all) internal {
        uint256 e = _epoch();
        (uint256 own, ) = arena.stakeAt(t + 1, a, e + 1);
        amount = all ? own : bound(amount, 1, own + 1);
        if (amount == 0) return;
        uint256 min = kind[a] == 1 ? minNode[t] : minVal[t];
        bool must = amount <= own && (own - amount == 0 || own - amount >= min);
        (bool ok, bytes memory ret) = _call(a, abi.encodeCall(arena.requestUnstake, (t + 1, uint96(amount))));
        _want(ok, must ? Want.Succeed : Want.Fail, "requestUnstake", ret);
        if (ok) _schedule(keccak256(abi.encode(t, a)), t, amount);
    }

    /// (task, account) or (task, delegatee, delegator) => release epoch => amount, as the rule schedules each
    /// request on its own; the contract keeps one release epoch per unbonding (ProtocolFindings.t.sol, finding 3).
    mapping(bytes32 => mapping(uint256 => uint256)) internal unbondingByRelease;
    /// Withdrawals refused although the rule had released some of the amount (finding 3), counted, not flagged.
    uint256 public relockedWithdrawals;

    /// @dev What a withdrawal pays now: what finished unbonding before a later request, and the rest once due.
    function _due(Unbonding memory u) internal view returns (uint256) {
        return uint256(u.released) + (_epoch() >= u.releaseEpoch ? u.amount : 0);
    }

    function _schedule(bytes32 key, uint256 t, uint256 amount) internal {
        unbondingByRelease[key][_epoch() + 1 + unbondingEpochs[t]] += amount;
    }

    /// @dev Checks a withdrawal against the per-request schedule: it never pays more than the rule has released,
    /// and takes what it pays from the oldest released requests. A refusal while the rule has released something
    /// is a request still unbonding that a later request merged into its own (later) release: counted.
    function _checkUnbonding(bytes32 key, bool ok, uint256 paid) internal {
        uint256 e = _epoch();
        uint256 free;
        for (uint256 r; r <= e && r < 40; ++r) free += unbondingByRelease[key][r];
        if (ok && paid > free) _flag("a withdrawal paid stake still unbonding by the rule", "");
        if (!ok && free > 0) relockedWithdrawals += 1;
        if (!ok) return;
        for (uint256 r; r <= e && r < 40 && paid > 0; ++r) {
            uint256 take = paid < unbondingByRelease[key][r] ? paid : unbondingByRelease[key][r];
            unbondingByRelease[key][r] -= take;
            paid -= take;
        }
    }

    /// @notice A node or validator withdraws its unbonded stake (must succeed once the unbonding is over).
    function withdraw(uint256 who, uint256 task) external {
        who = who % NDEL;
        _withdraw(who < NN ? nodes[who] : validators[who - NN], task % NT);
    }

    function _withdraw(address a, uint256 t) internal {
        Unbonding memory u = arena.unbondingOf(t + 1, a);
        uint256 due = _due(u);
        bool must = due > 0;
        (bool ok, bytes memory ret) = _call(a, abi.encodeCall(arena.withdraw, (t + 1)));
        _want(ok, must ? Want.Succeed : Want.Fail, "withdraw after unbonding", ret);
        _checkUnbonding(keccak256(abi.encode(t, a)), ok, due);
        if (ok) {
            if (_lastReceived != due) _flag("withdraw paid a different amount", "");
            ghostPrincipal -= due;
            principalOut[a] += due;
        }
    }

    /// @notice A delegator delegates to a node or validator (may hit SettlementPending, the 8-delegatee cap, a
    /// closed phase or a non-participant delegatee).
    function delegate(uint256 who, uint256 to, uint256 task, uint256 amount) external {
        _delegate(who % ND, to % NDEL, task % NT, bound(amount, 1, 300 ether));
    }

    function _delegate(uint256 x, uint256 d, uint256 t, uint256 amount) internal {
        address from = delegators[x];
        address to = _delegatee(d);
        uint256 e = _epoch();
        (DelegationPosition memory pos, , ) = arena.delegationOf(t + 1, to, from);
        bool fresh = pos.amount == 0 && pos.nextAmount == 0 && pos.nextFrom == 0;
        bool must =
            _phase(t, e) <= 1 &&
                arena.getParticipant(t + 1, to).role != Role.None &&
                !_pending(t, pos, e) &&
                (!fresh || arena.delegateesOf(t + 1, from).length < 8);
        (bool ok, bytes memory ret) = _call(from, abi.encodeCall(arena.delegate, (t + 1, to, uint96(amount))));
        _want(ok, must ? Want.Succeed : Want.Fail, "delegate", ret);
        if (ok) {
            if (_lastPaid != amount) _flag("delegate moved a different amount", "");
            uint256 k = _pk(t, d, x);
            for (uint256 i = e + 1; i < MAXE; ++i) counted[k][i] += amount;
            harvestOps[k] += 1;
            ghostPrincipal += amount;
            principalIn[from] += amount;
        }
    }

    /// @notice A delegator undelegates part or all (may hit SettlementPending or ask for too much).
    function undelegate(uint256 who, uint256 to, uint256 task, uint256 amount) external {
        _undelegate(who % ND, to % NDEL, task % NT, amount, false);
    }

    function _undelegate(uint256 x, uint256 d, uint256 t, uint256 amount, bool all) internal {
        address from = delegators[x];
        address to = _delegatee(d);
        uint256 e = _epoch();
        (DelegationPosition memory pos, , ) = arena.delegationOf(t + 1, to, from);
        amount = all ? pos.nextAmount : bound(amount, 1, uint256(pos.nextAmount) + 1);
        if (amount == 0) return;
        bool must = !_pending(t, pos, e) && amount <= pos.nextAmount;
        (bool ok, bytes memory ret) = _call(from, abi.encodeCall(arena.undelegate, (t + 1, to, uint96(amount))));
        _want(ok, must ? Want.Succeed : Want.Fail, all ? "undelegate everything at exit" : "undelegate", ret);
        if (ok) {
            uint256 k = _pk(t, d, x);
            for (uint256 i = e + 1; i < MAXE; ++i) counted[k][i] -= amount;
            harvestOps[k] += 1;
            _schedule(keccak256(abi.encode(t, d, x)), t, amount);
        }
    }

    /// @notice A delegator withdraws an unbonded delegation (must succeed once the unbonding is over).
    function withdrawDelegation(uint256 who, uint256 to, uint256 task) external {
        _withdrawDelegation(who % ND, to % NDEL, task % NT);
    }

    function _withdrawDelegation(uint256 x, uint256 d, uint256 t) internal {
        address from = delegators[x];
        (, Unbonding memory u, ) = arena.delegationOf(t + 1, _delegatee(d), from);
        uint256 due = _due(u);
        bool must = due > 0;
        (bool ok, bytes memory ret) = _call(from, abi.encodeCall(arena.withdrawDelegation, (t + 1, _delegatee(d))));
        _want(ok, must ? Want.Succeed : Want.Fail, "withdrawDelegation after unbonding", ret);
        _checkUnbonding(keccak256(abi.encode(t, d, x)), ok, due);
        if (ok) {
            if (_lastReceived != due) _flag("withdrawDelegation paid a different amount", "");
            ghostPrincipal -= due;
            principalOut[from] += due;
        }
    }

    /// @notice A node or validator (or a non-participant) sets its reward share ρ (cooldown 30 days).
    function setRewardShare(uint256 who, uint256 task, uint256 share) external {
        _setRewardShare(who % NDEL, task % NT, bound(share, 0, 1.1e18));
    }

    function _setRewardShare(uint256 who, uint256 t, uint256 share) internal {
        address a = _delegatee(who);
        Participant memory p = arena.getParticipant(t + 1, a);
        bool must =
            p.role != Role.None &&
                share <= 1e18 &&
                (p.lastRewardShareChange == 0 || block.timestamp >= uint256(p.lastRewardShareChange) + 30 days);
        (bool ok, bytes memory ret) = _call(a, abi.encodeCall(arena.setRewardShare, (t + 1, uint64(share))));
        _want(ok, must ? Want.Succeed : Want.Fail, "setRewardShare", ret);
    }

    /// @notice Some nodes commit to a model and submit it a block later, in some tasks.
    function submit(uint256 mask, uint256 salt) external {
        uint256 e = _epoch();
        for (uint256 t; t < NT; ++t) {
            for (uint256 i; i < NN; ++i) {
                if ((mask >> (t * NN + i)) & 1 == 0) continue;
                _submit(i, t, e, salt);
            }
        }
    }

    function _submit(uint256 i, uint256 t, uint256 e, uint256 salt) internal {
        address n = nodes[i];
        bool window = _phase(t, e) == 0 && block.timestamp < t0 + e * EPOCH + SUBMIT;
        bool isNode = arena.getParticipant(t + 1, n).role == Role.Node;
        bytes32 content = keccak256(abi.encode(t, n, e, salt, block.number));
        bytes32 commitment = keccak256(abi.encode(t + 1, n, string("ipfs://m"), content));
        (bool ok, bytes memory ret) = _call(n, abi.encodeCall(arena.commitModel, (t + 1, commitment)));
        _want(ok, window && isNode ? Want.Succeed : Want.Fail, "commitModel", ret);
        if (!ok) return;
        vm.roll(block.number + 1);
        (uint256 own, ) = arena.stakeAt(t + 1, n, e);
        (ok, ret) = _call(n, abi.encodeCall(arena.submitModel, (t + 1, "ipfs://m", content)));
        _want(ok, own >= minNode[t] ? Want.Succeed : Want.Fail, "submitModel", ret);
    }

    struct Reveal {
        uint256 t;
        address v;
        uint256[] ids;
        uint32[] scores;
    }

    /// @notice The scoring of the current epoch in every task in a scoring phase: the seed is drawn (two steps),
    /// some validators commit their assigned scores, the commit window closes and most of them reveal.
    function score(uint256 seed) external {
        _score(seed);
    }

    /// @notice A whole epoch: some nodes submit in some tasks, the epoch is scored, then the next epoch starts and
    /// every ended epoch is settled in random page sizes.
    function playEpoch(uint256 seed) external {
        _playEpoch(seed);
    }

    function _playEpoch(uint256 seed) internal {
        uint256 e = _epoch();
        for (uint256 k; k < (seed >> 94) % 3; ++k) _meddle(uint256(keccak256(abi.encode(seed, "early", k))));
        if (block.timestamp < t0 + e * EPOCH + SUBMIT) {
            for (uint256 t; t < NT; ++t) {
                if (_phase(t, e) != 0) continue;
                for (uint256 i; i < NN; ++i) {
                    if ((seed >> (t * NN + i)) % 4 != 0) _submit(i, t, e, seed);
                }
            }
        }
        _score(uint256(keccak256(abi.encode(seed, "score"))));
        for (uint256 t; t < NT; ++t) {
            if (_phase(t, _epoch()) != 2) continue;
            if ((seed >> (100 + t)) % 3 != 0) _challengeRound(t, seed >> (110 + t * 30));
            if ((seed >> (104 + t)) % 4 == 0) _challengeRound(t, seed >> (120 + t * 30));
        }
        vm.warp(t0 + (e + 1) * EPOCH + (seed % 4) * 200);
        // Delegators act before the last epoch is settled (SettlementPending, lagging positions), and some
        // tasks are left unsettled for a while.
        for (uint256 k; k < (seed >> 90) % 3; ++k) _meddle(uint256(keccak256(abi.encode(seed, k))));
        for (uint256 t; t < NT; ++t) {
            if ((seed >> (t * 16 + 40)) % 3 != 0) _settleAll(t, seed >> (t * 16 + 42));
        }
    }

    function _score(uint256 seed) internal {
        uint256 e = _epoch();
        uint256 commitEnd = t0 + e * EPOCH + SUBMIT + COMMIT;
        if (block.timestamp >= commitEnd) return;
        if (block.timestamp < commitEnd - COMMIT) vm.warp(commitEnd - COMMIT);
        bool[NT] memory drawn = _drawSeeds(e, seed);
        Reveal[] memory reveals = new Reveal[](NT * NV);
        uint256 n;
        for (uint256 t; t < NT; ++t) {
            if (!drawn[t]) continue;
            if ((seed >> (210 + t)) & 1 == 0) {
                (bool ok, bytes memory ret) = _call(challengers[1], abi.encodeCall(arena.drawSeed, (t + 1, e)));
                _want(ok, Want.Succeed, "drawSeed reading the hash", ret);
            }
            for (uint256 j; j < NV; ++j) {
                if ((seed >> (t * NV + j)) % 8 == 0) continue; // some validators stay away
                Reveal memory r = _commitScores(t, e, j, seed);
                if (r.ids.length > 0 && (seed >> (100 + t * NV + j)) % 6 != 0) reveals[n++] = r;
            }
        }
        vm.warp(commitEnd + (seed % 300));
        for (uint256 i; i < n; ++i) _reveal(reveals[i], e, seed);
    }

    function _reveal(Reveal memory r, uint256 e, uint256 seed) internal {
        bytes memory data = abi.encodeCall(arena.revealScores, (r.t + 1, e, r.ids, r.scores, RECEIPT, bytes32(seed)));
        (bool ok, bytes memory ret) = _call(r.v, data);
        _want(ok, Want.Succeed, "revealScores of a commitment", ret);
    }

    /// @dev The first step of the seed draw in some tasks, then the fixed block's hash as a chain would set it.
    function _drawSeeds(uint256 e, uint256 seed) internal returns (bool[NT] memory drawn) {
        for (uint256 t; t < NT; ++t) {
            if (_phase(t, e) > 1 || (seed >> (200 + t)) % 4 == 0) continue;
            (bool ok, bytes memory ret) = _call(challengers[0], abi.encodeCall(arena.drawSeed, (t + 1, e)));
            _want(ok, Want.Succeed, "drawSeed in its window", ret);
            drawn[t] = ok;
        }
        uint256 seedBlock = block.number + 1;
        vm.roll(block.number + 2);
        vm.setBlockhash(seedBlock, keccak256(abi.encode("block", seedBlock, seed)));
    }

    /// @dev A validator commits scores for its assignments; returns what it will reveal (no ids: nothing).
    function _commitScores(uint256 t, uint256 e, uint256 j, uint256 seed) internal returns (Reveal memory r) {
        r.t = t;
        r.v = validators[j];
        uint256[] memory ids = arena.assignmentsOf(t + 1, e, r.v);
        if (ids.length == 0) return r;
        r.scores = new uint32[](ids.length);
        for (uint256 i; i < ids.length; ++i) {
            uint256 h = uint256(keccak256(abi.encode(seed, t, j, ids[i])));
            // some agreement (a coarse grid) and some spread
            r.scores[i] = uint32(seed % 3 == 0 ? 1_000_000 + (ids[i] % 2) * 250_000 : 400_000 + (h % 2_000_000));
        }
        (uint256 own, ) = arena.stakeAt(t + 1, r.v, e);
        bytes32 c = keccak256(abi.encode(t + 1, e, r.v, ids, r.scores, RECEIPT, bytes32(seed)));
        (bool ok, bytes memory ret) = _call(r.v, abi.encodeCall(arena.commitScores, (t + 1, c)));
        _want(ok, own >= minVal[t] ? Want.Succeed : Want.Fail, "commitScores", ret);
        if (ok) r.ids = ids;
    }

    /// @notice One settle call on a task's next epoch with a small random page.
    function settle(uint256 task, uint256 steps) external {
        uint256 t = task % NT;
        (TaskState memory s, ) = arena.getTask(t + 1);
        uint256 ep = s.settledEpochs;
        bool must = ep < _scoring(t) && block.timestamp >= t0 + (ep + 1) * EPOCH;
        (bool ok, bytes memory ret) = _call(
            challengers[1],
            abi.encodeCall(arena.settle, (t + 1, ep, bound(steps, 1, 6)))
        );
        _want(ok, must ? Want.Succeed : Want.Fail, "settle of an ended epoch", ret);
    }

    /// @notice Moves to the submission window of a later epoch and settles what is due in random page sizes.
    function nextEpoch(uint256 k, uint256 pageSeed) external {
        uint256 e = _epoch() + bound(k, 1, 2);
        vm.warp(t0 + e * EPOCH + (pageSeed % 4) * 300);
        for (uint256 t; t < NT; ++t) {
            if ((pageSeed >> (t * 16 + 60)) % 2 == 0) _settleAll(t, pageSeed >> (t * 16));
        }
    }

    /// @notice Lets up to half an epoch pass.
    function wait(uint256 secondsAhead) external {
        vm.warp(block.timestamp + bound(secondsAhead, 1, EPOCH / 2));
    }

    /// @notice The creator reveals the held-back evaluation set (only in final validation, once).
    function revealFinalEval(uint256 task) external {
        uint256 t = task % NT;
        bool must = _phase(t, _epoch()) == 1 && !finalRevealed[t];
        (bool ok, bytes memory ret) = _call(
            creators[t],
            abi.encodeCall(arena.revealFinalEval, (t + 1, "held-back", HELD_BACK_HASH, bytes32(0)))
        );
        _want(ok, must ? Want.Succeed : Want.Fail, "revealFinalEval", ret);
        if (ok) finalRevealed[t] = true;
    }

    /// @notice A challenger, a delegator or the node itself challenges a node (with a bond at or below the minimum).
    function openChallenge(uint256 who, uint256 task, uint256 node, uint256 bondSeed) external {
        uint256 t = task % NT;
        address n = nodes[node % NN];
        uint256 w = who % (NC + ND + 1);
        address c =
            w < NC
                ? challengers[w]
                : w < NC + ND
                    ? delegators[w - NC]
                    : n;
        _openChallenge(c, t, n, bondSeed % 5 == 0 ? bondMin[t] - 1 : bondMin[t] + (bondSeed % 3) * 1 ether);
    }

    function _openChallenge(address c, uint256 t, address n, uint256 bond) internal {
        Participant memory p = arena.getParticipant(t + 1, n);
        (DelegationPosition memory pos, , ) = arena.delegationOf(t + 1, n, c);
        bool must =
            _phase(t, _epoch()) == 2 &&
                p.role == Role.Node &&
                p.submitted &&
                c != n &&
                pos.amount == 0 &&
                pos.nextAmount == 0 &&
                bond >= bondMin[t];
        (bool ok, bytes memory ret) = _call(c, abi.encodeCall(arena.openChallenge, (t + 1, n, uint96(bond))));
        _want(ok, must ? Want.Succeed : Want.Fail, "openChallenge", ret);
        if (ok) {
            if (_lastPaid != bond) _flag("openChallenge moved a different bond", "");
            challengeIds.push(abi.decode(ret, (uint256)));
            openChallenges[t * NDEL + indexOf[n]] += 1;
        }
    }

    /// @notice The challenged node (or, to be refused, a validator) answers a challenge.
    function answerChallenge(uint256 pick, bool wrongCaller) external {
        if (challengeIds.length == 0) return;
        uint256 id = challengeIds[pick % challengeIds.length];
        Challenge memory ch = arena.getChallenge(id);
        address caller = wrongCaller ? validators[pick % NV] : ch.node;
        bool must = !wrongCaller && !ch.resolved && !ch.answered && block.timestamp < ch.answerDeadline;
        (bool ok, bytes memory ret) = _call(caller, abi.encodeCall(arena.answerChallenge, (id, "ipfs://proof")));
        _want(ok, must ? Want.Succeed : Want.Fail, "answerChallenge", ret);
    }

    /// @notice A validator votes on a challenge.
    function voteChallenge(uint256 pick, uint256 who, bool uphold) external {
        if (challengeIds.length == 0) return;
        _vote(challengeIds[pick % challengeIds.length], validators[who % NV], uphold);
    }

    function _vote(uint256 id, address v, bool uphold) internal {
        Challenge memory ch = arena.getChallenge(id);
        uint256 t = ch.taskId - 1;
        (uint256 own, uint256 delegated) = arena.stakeAt(ch.taskId, v, ch.openedEpoch);
        bool must =
            !ch.resolved &&
                arena.getParticipant(ch.taskId, v).role == Role.Validator &&
                (ch.answered || block.timestamp >= ch.answerDeadline) &&
                block.timestamp < ch.voteDeadline &&
                !voted[id][v] &&
                own >= minVal[t] &&
                own + delegated > 0;
        (bool ok, bytes memory ret) = _call(v, abi.encodeCall(arena.voteChallenge, (id, uphold)));
        _want(ok, must ? Want.Succeed : Want.Fail, "voteChallenge", ret);
        if (ok) voted[id][v] = true;
    }

    /// @notice Anyone resolves a challenge (must succeed once its window is over and the task is settled).
    function resolveChallenge(uint256 pick) external {
        if (challengeIds.length == 0) return;
        _resolve(challengeIds[pick % challengeIds.length]);
    }

    function _resolve(uint256 id) internal {
        Challenge memory ch = arena.getChallenge(id);
        uint256 t = ch.taskId - 1;
        (TaskState memory s, ) = arena.getTask(ch.taskId);
        bool must = !ch.resolved && s.settledEpochs >= _scoring(t) && block.timestamp >= ch.voteDeadline;
        (bool ok, bytes memory ret) = _call(delegators[0], abi.encodeCall(arena.resolveChallenge, (id)));
        _want(ok, must ? Want.Succeed : Want.Fail, "resolveChallenge after its window", ret);
        if (ok) openChallenges[t * NDEL + indexOf[ch.node]] -= 1;
    }

    /// @notice Any actor claims over all tasks (must succeed with a positive claimable balance; a second claim in
    /// a row must pay nothing).
    function claim(uint256 who) external {
        _claim(everyone[who % everyone.length]);
    }

    function _claim(address a) internal {
        uint256 before = arena.claimableOf(a);
        uint256[] memory ids = new uint256[](NT);
        for (uint256 t; t < NT; ++t) ids[t] = t + 1;
        (bool ok, bytes memory ret) = _call(a, abi.encodeCall(arena.claim, (ids)));
        _want(ok, before > 0 ? Want.Succeed : Want.Either, "claim of a positive claimable balance", ret);
        if (!ok) return;
        uint256 gross = abi.decode(ret, (uint256));
        if (gross < before) _flag("claim paid less than the claimable balance", "");
        if (_lastReceived != gross - (gross * FEE_BPS) / 10_000) _flag("claim paid a different amount", "");
        if (arena.claimableOf(a) != 0) _flag("claimable left after a claim", "");
        for (uint256 t; t < NT; ++t) {
            for (uint256 d; d < NDEL; ++d) if (kind[a] == 3) harvestOps[_pk(t, d, indexOf[a])] += 1;
        }
        (ok, ret) = _call(a, abi.encodeCall(arena.claim, (ids)));
        _want(ok, Want.Fail, "a second claim in a row", ret);
    }

    /// @notice Anyone releases a node's escrowed rewards.
    function releaseNodeRewards(uint256 node, uint256 task) external {
        _release(node % NN, task % NT);
    }

    function _release(uint256 i, uint256 t) internal {
        address n = nodes[i];
        (TaskState memory s, ) = arena.getTask(t + 1);
        bool must =
            _phase(t, _epoch()) == 3 &&
                s.settledEpochs >= _scoring(t) &&
                openChallenges[t * NDEL + i] == 0 &&
                !forfeited[t * NDEL + i] &&
                arena.nodeEscrowOf(t + 1, n) > 0;
        (bool ok, bytes memory ret) = _call(validators[0], abi.encodeCall(arena.releaseNodeRewards, (t + 1, n)));
        _want(ok, must ? Want.Succeed : Want.Fail, "releaseNodeRewards", ret);
    }

    /// @notice The creator (or, to be refused, someone else) reclaims what is left of the pool.
    function reclaimPool(uint256 task, bool wrongCaller) external {
        _reclaim(task % NT, wrongCaller);
    }

    function _reclaim(uint256 t, bool wrongCaller) internal {
        (TaskState memory s, ) = arena.getTask(t + 1);
        bool must = !wrongCaller && _phase(t, _epoch()) == 3 && s.settledEpochs >= _scoring(t) && !s.poolReclaimed;
        address caller = wrongCaller ? creators[(t + 1) % NT] : creators[t];
        (bool ok, bytes memory ret) = _call(caller, abi.encodeCall(arena.reclaimPool, (t + 1)));
        _want(ok, must ? Want.Succeed : Want.Fail, "reclaimPool", ret);
    }

    /// @notice The creator withdraws its creator stake after the task.
    function withdrawCreatorStake(uint256 task) external {
        _withdrawCreatorStake(task % NT);
    }

    function _withdrawCreatorStake(uint256 t) internal {
        (TaskState memory s, ) = arena.getTask(t + 1);
        bool must = _phase(t, _epoch()) == 3 && s.creatorStake > 0;
        (bool ok, bytes memory ret) = _call(creators[t], abi.encodeCall(arena.withdrawCreatorStake, (t + 1)));
        _want(ok, must ? Want.Succeed : Want.Fail, "withdrawCreatorStake after the task", ret);
        if (ok) {
            if (_lastReceived != creatorStakeOf[t]) _flag("creator stake returned a different amount", "");
            principalOut[creators[t]] += creatorStakeOf[t];
        }
    }

    /// @notice Ends a task and has everybody leave it (see `_exit`).
    function exitTask(uint256 task, uint256 seed) external {
        _exit(task % NT, seed);
    }

    /// @notice Exits every task not exited yet (the end of each run).
    function exitAll(uint256 seed) external {
        for (uint256 t; t < NT; ++t) _exit(t, seed >> (t * 8));
    }

    /// @dev Plays the rest of a task to its end: into the challenge phase (maybe a challenge, answered or not,
    /// voted or not), every epoch settled, every challenge resolved after its deadlines, node rewards released,
    /// everybody unstakes and undelegates everything, waits out the unbonding, withdraws and claims; the creator
    /// reclaims the pool and its stake. Then nothing of the task may be left in the contract.
    function _exit(uint256 t, uint256 seed) internal {
        if (exited[t]) return;
        uint256 sEpochs = _scoring(t);
        while (_epoch() < sEpochs) _playEpoch(uint256(keccak256(abi.encode(seed, _epoch()))));
        _settleAll(t, seed);
        if (_phase(t, _epoch()) == 2 && seed % 3 != 0) _challengeRound(t, seed >> 2);
        _advanceTo(t0 + (sEpochs + 1) * EPOCH, seed);
        for (uint256 k; k < challengeIds.length; ++k) {
            Challenge memory ch = arena.getChallenge(challengeIds[k]);
            if (ch.taskId != t + 1 || ch.resolved) continue;
            _advanceTo(ch.voteDeadline, seed >> 3);
            _resolve(challengeIds[k]);
        }
        for (uint256 i; i < NN; ++i) {
            if (arena.nodeEscrowOf(t + 1, nodes[i]) > 0) _release(i, t);
        }
        for (uint256 x; x < ND; ++x) {
            for (uint256 d; d < NDEL; ++d) _undelegate(x, d, t, 0, true);
        }
        for (uint256 i; i < NDEL; ++i) _unstake(_delegatee(i), t, 0, true);
        _advanceTo(t0 + (_epoch() + 2 + unbondingEpochs[t]) * EPOCH, seed >> 5);
        for (uint256 i; i < NDEL; ++i) {
            Unbonding memory own = arena.unbondingOf(t + 1, _delegatee(i));
            if (own.amount > 0 || own.released > 0) _withdraw(_delegatee(i), t);
        }
        for (uint256 x; x < ND; ++x) {
            for (uint256 d; d < NDEL; ++d) {
                (, Unbonding memory u, ) = arena.delegationOf(t + 1, _delegatee(d), delegators[x]);
                if (u.amount > 0 || u.released > 0) _withdrawDelegation(x, d, t);
            }
        }
        _reclaim(t, false);
        if (seed % 5 != 0) _withdrawCreatorStake(t); // sometimes the creator forgets; checked at the very end
        for (uint256 i; i < everyone.length; ++i) {
            if (arena.claimableOf(everyone[i]) > 0) _claim(everyone[i]);
        }
        _checkTaskEmpty(t);
        exited[t] = true;
        exits += 1;
        if (exits == NT) {
            for (uint256 k; k < NT; ++k) {
                (TaskState memory s, ) = arena.getTask(k + 1);
                if (s.creatorStake > 0) _withdrawCreatorStake(k);
            }
        }
    }

    /// @dev A challenger challenges a node that submitted; the node may answer and validators may vote.
    function _challengeRound(uint256 t, uint256 seed) internal {
        uint256 i = (seed >> 4) % NN;
        if (!arena.getParticipant(t + 1, nodes[i]).submitted) return;
        uint256 w = (seed >> 8) % (NC + 1);
        address c = w < NC ? challengers[w] : delegators[(seed >> 10) % ND];
        uint256 before = challengeCount();
        _openChallenge(c, t, nodes[i], bondMin[t]);
        uint256 id = challengeCount();
        // Answer only the challenge this round opened (an open refused by the rules leaves an older one, whose
        // answer window may be over).
        if ((seed >> 12) % 3 == 0 || id == before) return;
        (bool ok, bytes memory ret) = _call(nodes[i], abi.encodeCall(arena.answerChallenge, (id, "ipfs://proof")));
        _want(ok, Want.Succeed, "answerChallenge", ret);
        for (uint256 j; j < NV; ++j) {
            if ((seed >> (16 + j)) & 1 == 1) _vote(id, validators[j], (seed >> (24 + j)) % 4 != 0);
        }
    }

    /// @dev Plays epochs (the other tasks go on) until `ts`, then warps to it.
    function _advanceTo(uint256 ts, uint256 seed) internal {
        while (t0 + (_epoch() + 1) * EPOCH <= ts) _playEpoch(uint256(keccak256(abi.encode(seed, _epoch()))));
        if (block.timestamp < ts) vm.warp(ts);
    }

    function challengeCount() internal view returns (uint256) {
        return arena.challengeCount();
    }

    /// @dev After an exit: the task's pool, creator stake (unless left on purpose), stakes, delegations,
    /// unbondings, escrows and unpaid delegation rewards are all zero.
    function _checkTaskEmpty(uint256 t) internal {
        (TaskState memory s, ) = arena.getTask(t + 1);
        if (s.pool != 0) _flag("exit: pool left", "");
        uint256 e = _epoch();
        for (uint256 i; i < NDEL; ++i) {
            address a = _delegatee(i);
            (uint256 own, uint256 delegated) = arena.stakeAt(t + 1, a, e + 1);
            if (own != 0 || delegated != 0) _flag("exit: stake left", "");
            Unbonding memory left = arena.unbondingOf(t + 1, a);
            if (left.amount != 0 || left.released != 0) _flag("exit: unbonding left", "");
            if (i < NN && arena.nodeEscrowOf(t + 1, a) != 0) _flag("exit: node escrow left", "");
            for (uint256 x; x < ND; ++x) {
                (DelegationPosition memory pos, Unbonding memory u, uint256 pending) = arena.delegationOf(
                    t + 1,
                    a,
                    delegators[x]
                );
                if (pos.nextAmount != 0 || u.amount != 0 || u.released != 0) _flag("exit: delegation left", "");
                if (pending != 0 || pos.escrowed != 0) _flag("exit: delegation rewards left", "");
            }
        }
    }

    // =====================================================================================================
    // settlement
    // =====================================================================================================

    /// @dev Settles every ended scoring epoch of a task in random page sizes; each call must succeed and each
    /// epoch must complete.
    function _settleAll(uint256 t, uint256 seed) internal {
        uint256 current = _epoch();
        for (uint256 guard; guard < 400; ++guard) {
            (TaskState memory s, ) = arena.getTask(t + 1);
            uint256 ep = s.settledEpochs;
            if (ep >= _scoring(t) || ep >= current) return;
            uint256 steps = seed % 5 == 0 ? 1000 : bound(seed, 1, 7);
            seed = uint256(keccak256(abi.encode(seed)));
            (bool ok, bytes memory ret) = _call(challengers[0], abi.encodeCall(arena.settle, (t + 1, ep, steps)));
            _want(ok, Want.Succeed, "settle of an ended epoch", ret);
            if (!ok) return;
            // Between pages of an epoch's settlement, delegators harvest, delegate and undelegate.
            if (!abi.decode(ret, (bool)) && seed % 4 == 0) _meddle(seed >> 8);
        }
        _flag("settlement did not complete", "");
    }

    /// @dev A random delegator claims, delegates or undelegates a little.
    function _meddle(uint256 seed) internal {
        uint256 x = seed % ND;
        uint256 d = (seed >> 8) % NDEL;
        uint256 t = (seed >> 16) % NT;
        uint256 op = (seed >> 24) % 3;
        if (op == 0) _claim(delegators[x]);
        else if (op == 1) _delegate(x, d, t, 1 ether + ((seed >> 32) % 50 ether));
        else _undelegate(x, d, t, seed >> 40, false);
    }

    // =====================================================================================================
    // calls, logs and ghost books
    // =====================================================================================================

    uint256 internal _lastPaid;
    uint256 internal _lastReceived;
    /// The address of the call whose events are being read (its own token movements are booked by `_call`).
    address internal _caller;

    /// @dev Calls the arena as `who`, books the tokens `who` sent or received (and the treasury's fee) and
    /// reads the events the call emitted.
    function _call(address who, bytes memory data) internal returns (bool ok, bytes memory ret) {
        uint256 whoBefore = token.balanceOf(who);
        uint256 feeBefore = token.balanceOf(TREASURY);
        vmLogs.recordLogs();
        _caller = who;
        vm.prank(who);
        (ok, ret) = address(arena).call(data);
        uint256 whoAfter = token.balanceOf(who);
        uint256 fee = token.balanceOf(TREASURY) - feeBefore;
        _lastPaid = whoBefore > whoAfter ? whoBefore - whoAfter : 0;
        _lastReceived = whoAfter > whoBefore ? whoAfter - whoBefore : 0;
        ghostDeposits += _lastPaid;
        ghostIn[who] += _lastPaid;
        ghostWithdrawals += _lastReceived + fee;
        ghostOut[who] += _lastReceived;
        if (ok) succeeded += 1;
        // A reverted call changed nothing, but the log recorder still holds what it emitted before reverting
        // (e.g. a harvest inside a delegate refused for SettlementPending): drop those.
        if (ok) _readLogs();
        else vmLogs.getRecordedLogs();
    }

    mapping(bytes32 => uint256) public eventCount;

    function _readLogs() internal {
        VmLogs.Log[] memory logs = vmLogs.getRecordedLogs();
        for (uint256 i; i < logs.length; ++i) {
            VmLogs.Log memory l = logs[i];
            if (l.emitter != address(arena)) continue;
            bytes32 sig = l.topics[0];
            eventCount[sig] += 1;
            if (sig == IArenaEvents.SubmissionSettled.selector) {
                (, , uint256 reward) = abi.decode(l.data, (uint256, uint256, uint256));
                uint256 t = uint256(l.topics[1]) - 1;
                epochRewards[t * MAXE + uint256(l.topics[2])] += reward;
                escrowGhost[t * NDEL + _dIndex(_addr(l.topics[3]))] += reward;
                _onPaid(reward);
            } else if (sig == IArenaEvents.ValidatorRewarded.selector) {
                uint256 reward = abi.decode(l.data, (uint256));
                epochRewards[(uint256(l.topics[1]) - 1) * MAXE + uint256(l.topics[2])] += reward;
                credited[_addr(l.topics[3])] += reward;
                _onPaid(reward);
            } else if (sig == IArenaEvents.DelegatorsRewarded.selector) {
                _onDelegatorsRewarded(l);
            } else if (sig == IArenaEvents.EpochSettled.selector) {
                _onEpochSettled(l);
            } else if (sig == IArenaEvents.DelegationRewardsHarvested.selector) {
                uint256 amount = abi.decode(l.data, (uint256));
                uint256 t = uint256(l.topics[1]) - 1;
                address x = _addr(l.topics[3]);
                harvested[_pk(t, _dIndex(_addr(l.topics[2])), indexOf[x])] += amount;
                credited[x] += amount;
            } else if (sig == IArenaEvents.NodeRewardsReleased.selector) {
                uint256 amount = abi.decode(l.data, (uint256));
                address n = _addr(l.topics[2]);
                uint256 k = (uint256(l.topics[1]) - 1) * NDEL + indexOf[n];
                if (amount != escrowGhost[k]) _flag("released node rewards != what its epochs paid it", "");
                escrowGhost[k] = 0;
                credited[n] += amount;
            } else if (sig == IArenaEvents.NodeRewardsForfeited.selector) {
                (uint256 own, uint256 dels) = abi.decode(l.data, (uint256, uint256));
                uint256 k = (uint256(l.topics[1]) - 1) * NDEL + indexOf[_addr(l.topics[2])];
                if (own != escrowGhost[k]) _flag("forfeited escrow != what the node's epochs paid it", "");
                if (dels != delegCredited[k]) _flag("forfeited delegator rewards != what they were credited", "");
                escrowGhost[k] = 0;
                forfeited[k] = true;
            } else if (sig == IArenaEvents.ChallengeOpened.selector) {
                (, uint256 bond, , ) = abi.decode(l.data, (address, uint256, uint256, uint256));
                ghostBonds += bond;
                ghostFunded += bond;
            } else if (sig == IArenaEvents.ChallengeSettled.selector) {
                (bool upheld, uint256 transferred) = abi.decode(l.data, (bool, uint256));
                Challenge memory ch = arena.getChallenge(uint256(l.topics[1]));
                ghostBonds -= ch.bond;
                if (upheld) {
                    // The bond goes straight back to the challenger (no claim, no fee); the escrow is credited.
                    credited[ch.challenger] += transferred;
                    if (ch.challenger != _caller) {
                        ghostWithdrawals += ch.bond;
                        ghostOut[ch.challenger] += ch.bond;
                    }
                } else {
                    ghostRewards += ch.bond;
                    if (transferred != ch.bond) _flag("rejected challenge moved != its bond", "");
                    credited[ch.node] += ch.bond;
                    lossAllowed[ch.challenger] += ch.bond;
                }
            } else if (sig == IArenaEvents.Claimed.selector) {
                (uint256 amount, uint256 fee) = abi.decode(l.data, (uint256, uint256));
                address a = _addr(l.topics[1]);
                claimedGross[a] += amount + fee;
                lossAllowed[a] += fee; // the protocol fee is charged on every claim (returned bonds are not claimed)
                ghostRewards -= amount + fee;
                if (fee != ((amount + fee) * FEE_BPS) / 10_000) _flag("claim fee != feeBps", "");
                if (claimedGross[a] > credited[a]) _flag("claimed more than was ever credited", "");
            } else if (sig == IArenaEvents.PoolReclaimed.selector) {
                uint256 amount = abi.decode(l.data, (uint256));
                uint256 t = uint256(l.topics[1]) - 1;
                if (amount != poolLeft[t]) _flag("reclaimed pool != funded - paid", "");
                if (_lastReceived != amount) _flag("reclaim transferred a different amount", "");
                ghostPools -= amount;
                lossAllowed[creators[t]] -= amount;
                poolLeft[t] = 0;
            } else if (sig == IArenaEvents.CreatorStakeReturned.selector) {
                ghostCreatorStakes -= abi.decode(l.data, (uint256));
            }
        }
    }

    /// @dev The accumulator's rounding leaves at most ⌈delegated / 1e18⌉ wei per reward in the contract
    /// (perShare is floored), and each harvest floors two products (≤ 2 wei, counted in `dustBound()`).
    function _onDelegatorsRewarded(VmLogs.Log memory l) internal {
        (uint256 amount, uint256 ps) = abi.decode(l.data, (uint256, uint256));
        uint256 t = uint256(l.topics[1]) - 1;
        uint256 e = uint256(l.topics[2]);
        address d = _addr(l.topics[3]);
        uint256 di = _dIndex(d);
        uint256 k = t * NDEL + di;
        delegCredited[k] += amount;
        perShare[k][e] += ps;
        uint256 delegated;
        for (uint256 x; x < ND; ++x) delegated += counted[_pk(t, di, x)][e];
        // Σ over the positions that counted of amount × perShare never exceeds what was credited
        if (delegated * ps > amount * 1e18) _flag("perShare pays out more than was credited", "");
        dustBound += delegated / 1e18 + 1;
        if (di < NN) escrowGhost[k] -= amount;
        else credited[d] -= amount;
    }

    function _onEpochSettled(VmLogs.Log memory l) internal {
        (uint256 reward, , , uint256 paid, uint256 scored) = abi.decode(
            l.data,
            (uint256, uint256, uint256, uint256, uint256)
        );
        uint256 t = uint256(l.topics[1]) - 1;
        uint256 e = uint256(l.topics[2]);
        uint256 k = t * MAXE + e;
        if (epochDone[k]) _flag("an epoch settled twice", "");
        epochDone[k] = true;
        uint256 r0 = poolLeft[t] / (_scoring(t) - e);
        if (reward != (scored == 0 ? 0 : r0)) _flag("epoch reward != pool left / scoring epochs left", "");
        if (paid > reward) _flag("epoch paid more than its R0", "");
        if (paid != epochRewards[k]) _flag("epoch paid != sum of its node and validator rewards", "");
        poolLeft[t] -= paid;
    }

    /// @dev The pool is debited page by page, as each submission and validator is paid (not when the epoch's
    /// settlement completes), so the books follow each payment: the invariants also hold between two pages.
    function _onPaid(uint256 reward) internal {
        ghostPools -= reward;
        ghostRewards += reward;
        ghostPaid += reward;
    }

    /// @dev A delegation change waits for settlement when a switch took effect in an epoch not yet settled.
    function _pending(uint256 t, DelegationPosition memory pos, uint256 e) internal view returns (bool) {
        (TaskState memory s, ) = arena.getTask(t + 1);
        return
            pos.amount != pos.nextAmount &&
            pos.nextFrom <= e &&
            pos.nextFrom > s.settledEpochs &&
            s.settledEpochs < _scoring(t);
    }

    function _want(bool ok, Want want, string memory what, bytes memory ret) internal {
        if (want == Want.Succeed && !ok) _flag(string.concat("unexpected revert: ", what), ret);
        else if (want == Want.Fail && ok) _flag(string.concat("a call the rules forbid succeeded: ", what), "");
        else if (!ok) expectedFailures += 1;
    }

    function _flag(string memory what, bytes memory data) internal {
        if (violations++ == 0) {
            firstViolation = what;
            firstViolationData = data;
        }
    }

    // =====================================================================================================
    // views for the invariants
    // =====================================================================================================

    function _epoch() internal view returns (uint256) {
        return (block.timestamp - t0) / EPOCH;
    }

    function _scoring(uint256 t) internal view returns (uint256) {
        return subEpochs[t] + 1;
    }

    /// @dev 0 submission, 1 final validation, 2 challenge, 3 ended (one final and one challenge epoch).
    function _phase(uint256 t, uint256 e) internal view returns (uint256) {
        if (e < subEpochs[t]) return 0;
        if (e < subEpochs[t] + 1) return 1;
        if (e < subEpochs[t] + 2) return 2;
        return 3;
    }

    function _delegatee(uint256 d) internal view returns (address) {
        return d < NN ? nodes[d] : validators[d - NN];
    }

    function _dIndex(address a) internal view returns (uint256) {
        return kind[a] == 1 ? indexOf[a] : NN + indexOf[a];
    }

    function _pk(uint256 t, uint256 d, uint256 x) internal pure returns (uint256) {
        return (t * NDEL + d) * ND + x;
    }

    function _addr(bytes32 topic) internal pure returns (address) {
        return address(uint160(uint256(topic)));
    }

    function actorCount() external view returns (uint256) {
        return everyone.length;
    }

    function actorAt(uint256 i) external view returns (address) {
        return everyone[i];
    }

    /// @notice A position's rewards as the rules give them, exactly (1e-18 wei units): Σ over settled epochs of the
    /// amount counted in the epoch × the epoch's reward per share; and what it got (harvested, as of now).
    function positionBooks(
        uint256 t,
        uint256 d,
        uint256 x
    ) external view returns (uint256 exact, uint256 got, uint256 ops, bool lost, uint256 credit, uint256 countedNext) {
        (TaskState memory s, ) = arena.getTask(t + 1);
        uint256 k = _pk(t, d, x);
        for (uint256 e; e < s.settledEpochs && e < MAXE; ++e) exact += counted[k][e] * perShare[t * NDEL + d][e];
        got = harvested[k];
        ops = harvestOps[k];
        lost = forfeited[t * NDEL + d];
        credit = delegCredited[t * NDEL + d];
        countedNext = counted[k][_epoch() + 1 < MAXE ? _epoch() + 1 : MAXE - 1];
    }

    function countedAt(uint256 t, uint256 d, uint256 x, uint256 e) external view returns (uint256) {
        return counted[_pk(t, d, x)][e];
    }

    function epochNow() external view returns (uint256) {
        return _epoch();
    }

    function delegateeAt(uint256 d) external view returns (address) {
        return _delegatee(d);
    }

    function delegatorAt(uint256 x) external view returns (address) {
        return delegators[x];
    }

    /// @notice The dust the contract may keep once every task is exited: accumulator rounding per reward plus two
    /// floored products per harvest of every position.
    function totalDustBound() external view returns (uint256 bound_) {
        bound_ = dustBound;
        for (uint256 k; k < NT * NDEL * ND; ++k) bound_ += 2 * (harvestOps[k] + 1);
    }
}

/// @notice What the invariant runner reads to call only the handler's actions.
struct FuzzSelector {
    address addr;
    bytes4[] selectors;
}

/// @notice ArenaTasks.ledger() as one value.
struct Totals {
    uint128 staked;
    uint128 unbonding;
    uint128 pools;
    uint128 claimable;
    uint128 escrow;
    uint128 delegation;
    uint128 bonds;
    uint128 creatorStakes;
    uint128 funded;
    uint128 paidOut;
}

/// @notice Protocol-wide invariants over random use of three tasks (different mechanisms, 2–4 submission epochs,
/// one final and one challenge epoch) by five nodes, five validators, five delegators, two challengers and three
/// creators; every run ends with every task exited (`afterInvariant`).
contract ProtocolInvariantTest is ArenaTest {
    ProtocolHandler internal handler;

    function setUp() public {
        handler = new ProtocolHandler();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory s = new bytes4[](23);
        s[22] = ProtocolHandler.playEpoch.selector;
        s[0] = ProtocolHandler.stake.selector;
        s[1] = ProtocolHandler.unstake.selector;
        s[2] = ProtocolHandler.withdraw.selector;
        s[3] = ProtocolHandler.delegate.selector;
        s[4] = ProtocolHandler.undelegate.selector;
        s[5] = ProtocolHandler.withdrawDelegation.selector;
        s[6] = ProtocolHandler.setRewardShare.selector;
        s[7] = ProtocolHandler.submit.selector;
        s[8] = ProtocolHandler.score.selector;
        s[9] = ProtocolHandler.settle.selector;
        s[10] = ProtocolHandler.nextEpoch.selector;
        s[11] = ProtocolHandler.wait.selector;
        s[12] = ProtocolHandler.revealFinalEval.selector;
        s[13] = ProtocolHandler.openChallenge.selector;
        s[14] = ProtocolHandler.answerChallenge.selector;
        s[15] = ProtocolHandler.voteChallenge.selector;
        s[16] = ProtocolHandler.resolveChallenge.selector;
        s[17] = ProtocolHandler.claim.selector;
        s[18] = ProtocolHandler.releaseNodeRewards.selector;
        s[19] = ProtocolHandler.reclaimPool.selector;
        s[20] = ProtocolHandler.withdrawCreatorStake.selector;
        s[21] = ProtocolHandler.exitTask.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), s);
    }

    /// Every run ends with every task exited, so the exit invariant is checked on every run.
    function afterInvariant() public {
        handler.exitAll(uint256(keccak256(abi.encode(block.timestamp, handler.succeeded()))));
        _checkNoViolation();
        _checkExits();
        _checkLedger();
    }

    /// The handler is not vacuous: four scripted runs of 32 random actions each (then every task exited) score
    /// epochs, pay nodes, validators and delegators, harvest, release, forfeit and settle challenges, and every
    /// invariant holds after each run.
    /// The token books hold between any two pages of a settlement, not only once an epoch is settled: the pool is
    /// debited as each submission and validator is paid. Random sequences with one-step settle pages in between,
    /// the ledger checked after every call.
    function test_BooksHoldBetweenSettlementPages() public {
        bytes4[] memory sels = targetSelectors()[0].selectors;
        uint256 r = 7;
        uint256 partialPages;
        for (uint256 run; run < 4; ++run) {
            handler = new ProtocolHandler();
            for (uint256 i; i < 48; ++i) {
                r = uint256(keccak256(abi.encode(r)));
                bool ok;
                if (r % 3 == 0) {
                    uint256 paidBefore = handler.ghostPaid();
                    (ok, ) = address(handler).call(abi.encodeCall(ProtocolHandler.settle, (r >> 8, 0)));
                    if (handler.ghostPaid() > paidBefore) ++partialPages;
                } else {
                    bytes4 sel = sels[r % sels.length];
                    (ok, ) = address(handler).call(
                        abi.encodeWithSelector(sel, r % 1000, uint256(keccak256(abi.encode(r, 2))) % 1e24, r >> 1, r)
                    );
                }
                ok;
                _checkLedger();
            }
        }
        assertTrue(partialPages > 0, "some one-step pages paid rewards mid-epoch");
    }

    function test_HandlerReachesEveryStage() public {
        bytes4[] memory sels = targetSelectors()[0].selectors;
        bytes32[8] memory sigs = [
            IArenaEvents.SubmissionSettled.selector,
            IArenaEvents.ValidatorRewarded.selector,
            IArenaEvents.DelegatorsRewarded.selector,
            IArenaEvents.DelegationRewardsHarvested.selector,
            IArenaEvents.NodeRewardsReleased.selector,
            IArenaEvents.NodeRewardsForfeited.selector,
            IArenaEvents.ChallengeSettled.selector,
            IArenaEvents.PoolReclaimed.selector
        ];
        uint256[8] memory seen;
        uint256 r = 42;
        for (uint256 run; run < 4; ++run) {
            handler = new ProtocolHandler();
            for (uint256 i; i < 32; ++i) {
                r = uint256(keccak256(abi.encode(r)));
                bytes4 sel = sels[r % sels.length];
                uint256 w2 = uint256(keccak256(abi.encode(r, 2)));
                uint256 w3 = uint256(keccak256(abi.encode(r, 3)));
                if (sel == ProtocolHandler.answerChallenge.selector || sel == ProtocolHandler.reclaimPool.selector)
                    w2 %= 2;
                if (sel == ProtocolHandler.voteChallenge.selector) w3 %= 2;
                (bool ok, ) = address(handler).call(abi.encodeWithSelector(sel, r % 1000, w2 % 1e24, w3, r));
                ok;
            }
            afterInvariant();
            invariant_DelegationRewardsExactPerEpoch();
            invariant_SettlementBoundedAndClaimsOnce();
            for (uint256 k; k < 8; ++k) seen[k] += handler.eventCount(sigs[k]);
            assertTrue(handler.expectedFailures() > 0, "rule failures exercised");
        }
        string[8] memory names = [
            "nodes paid",
            "validators paid",
            "delegators rewarded",
            "delegation rewards harvested",
            "node rewards released",
            "node rewards forfeited",
            "challenges settled",
            "pools reclaimed"
        ];
        for (uint256 k; k < 8; ++k) assertTrue(seen[k] > 0, names[k]);
    }

    // ----- 1. tokens -----

    /// The token balance equals the ledger's owed totals to the wei, the handler's deposits − withdrawals, and
    /// the handler's independent books of each kind of debt.
    function invariant_TokenBalanceEqualsLedgerAndGhostBooks() public view {
        _checkLedger();
    }

    function _ledger() internal view returns (Totals memory l) {
        (bool ok, bytes memory ret) = address(handler.arena()).staticcall(abi.encodeWithSignature("ledger()"));
        require(ok, "ledger");
        l = abi.decode(ret, (Totals));
    }

    function _checkLedger() internal view {
        Totals memory l = _ledger();
        uint256 balance = handler.token().balanceOf(address(handler.arena()));
        uint256 owed =
            uint256(l.staked) +
                l.unbonding +
                l.pools +
                l.claimable +
                l.escrow +
                l.delegation +
                l.bonds +
                l.creatorStakes;
        assertEq(balance, owed, "1: token balance == ledger's owed totals");
        assertEq(balance, handler.ghostDeposits() - handler.ghostWithdrawals(), "1: balance == deposits - withdrawals");
        assertEq(uint256(l.staked) + l.unbonding, handler.ghostPrincipal(), "1: staked + unbonding == principal books");
        assertEq(l.pools, handler.ghostPools(), "1: pools == funded - paid - reclaimed");
        assertEq(l.bonds, handler.ghostBonds(), "1: bonds == open challenge bonds");
        assertEq(l.creatorStakes, handler.ghostCreatorStakes(), "1: creator stakes == locked - returned");
        // Rewards owed: what the epochs paid and the settled bonds, less the claims; the accumulator's rounding
        // stays in `delegation`, so the ledger may hold dust above the books but never less.
        uint256 rewards = uint256(l.claimable) + l.escrow + l.delegation;
        assertLe(handler.ghostRewards(), rewards, "1: rewards held >= paid + settled bonds - claimed");
        assertLe(rewards - handler.ghostRewards(), handler.totalDustBound(), "1: reward dust within its bound");
    }

    // ----- 2. delegation -----

    /// Each position's rewards (harvested + pending) equal, to the rounding of its harvests, Σ over settled epochs
    /// of the amount that counted in the epoch × that epoch's reward per share; never more. Per delegatee, what
    /// its delegators got and are owed never exceeds what was credited to them. The delegated stake the contract
    /// counts equals the sum of the positions.
    function invariant_DelegationRewardsExactPerEpoch() public view {
        ArenaTasks arena = handler.arena();
        uint256 e = handler.epochNow();
        for (uint256 t; t < 3; ++t) {
            for (uint256 d; d < 10; ++d) {
                address to = handler.delegateeAt(d);
                uint256 sumGot;
                uint256 credit;
                for (uint256 x; x < 5; ++x) {
                    (, , uint256 pending) = arena.delegationOf(t + 1, to, handler.delegatorAt(x));
                    uint256 exact;
                    uint256 got;
                    uint256 ops;
                    bool lost;
                    (exact, got, ops, lost, credit, ) = handler.positionBooks(t, d, x);
                    if (lost) {
                        assertEq(got + pending, 0, "2: a forfeited node's delegators get nothing");
                        continue;
                    }
                    got += pending;
                    sumGot += got;
                    assertLe(got * 1e18, exact, "2: position paid more than counted amount x reward per share");
                    assertLe(exact - got * 1e18, (2 * ops + 2) * 1e18, "2: position underpaid beyond rounding");
                }
                assertLe(sumGot, credit, "2: delegators' rewards <= what was credited to them");
                for (uint256 ep = e > 0 ? e - 1 : 0; ep <= e + 1 && ep < 8; ++ep) {
                    uint256 sum;
                    for (uint256 x; x < 5; ++x) sum += handler.countedAt(t, d, x, ep);
                    (, uint256 delegated) = arena.stakeAt(t + 1, to, ep);
                    assertEq(delegated, sum, "2: delegated stake == sum of the positions counted");
                }
            }
        }
    }

    // ----- 3. exits -----

    /// Once a task is exited it holds nothing but dust; once all are, every address got its principal back and
    /// every credit was claimed (losses only where the rules take them: rejected bonds, the creator's paid pool).
    function invariant_ExitReturnsEverything() public view {
        _checkExits();
    }

    function _checkExits() internal view {
        if (handler.exits() < 3) return;
        ArenaTasks arena = handler.arena();
        Totals memory l = _ledger();
        uint256 owed = uint256(l.staked) + l.unbonding + l.pools + l.claimable + l.escrow + l.bonds + l.creatorStakes;
        assertEq(owed, 0, "3: everything but delegation dust paid out");
        uint256 balance = handler.token().balanceOf(address(arena));
        assertLe(balance, handler.totalDustBound(), "3: only rounding dust left");
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actorAt(i);
            assertEq(arena.claimableOf(a), 0, "3: nothing left to claim");
            assertEq(handler.principalOut(a), handler.principalIn(a), "3: principal returned exactly");
            assertEq(handler.claimedGross(a), handler.credited(a), "3: every credit claimed");
            assertLe(handler.ghostIn(a), handler.ghostOut(a) + handler.lossAllowed(a), "3: nobody lost principal");
        }
    }

    // ----- 4. settlement and claims -----

    /// Every settle call that the rules allow succeeded and every epoch completed (else a violation is recorded);
    /// no epoch paid more than its R0 (checked per epoch as settled); Σ paid ≤ Σ funded; nobody claimed more
    /// than was credited to it or twice.
    function invariant_SettlementBoundedAndClaimsOnce() public view {
        Totals memory l = _ledger();
        assertLe(l.paidOut, l.funded, "4: paid out <= funded");
        assertLe(handler.ghostPaid(), handler.ghostFunded(), "4: epochs paid <= pools and bonds funded");
        for (uint256 i; i < handler.actorCount(); ++i) {
            address a = handler.actorAt(i);
            assertLe(handler.claimedGross(a), handler.credited(a), "4: claimed <= credited");
        }
        _checkNoViolation();
    }

    /// Every call the rules say must succeed did, and every call they forbid failed.
    function invariant_CallsFollowTheRules() public view {
        _checkNoViolation();
    }

    function _checkNoViolation() internal view {
        if (handler.violations() == 0) return;
        revert AssertionFailed(
            string.concat(handler.firstViolation(), " / ", _hex(handler.firstViolationData())),
            handler.violations(),
            0
        );
    }

    function _hex(bytes memory b) internal pure returns (string memory) {
        bytes memory out = new bytes(2 + b.length * 2);
        out[0] = "0";
        out[1] = "x";
        bytes16 digits = "0123456789abcdef";
        for (uint256 i; i < b.length; ++i) {
            out[2 + 2 * i] = digits[uint8(b[i]) >> 4];
            out[3 + 2 * i] = digits[uint8(b[i]) & 15];
        }
        return string(out);
    }
}
