// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {ArenaModule} from "./ArenaModule.sol";
import {EpochState, Metric, TaskConfig, TaskState} from "./IArena.sol";
import {Ranking} from "./lib/Ranking.sol";
import {RewardMath} from "./lib/RewardMath.sol";
import {ScorePacking} from "./lib/ScorePacking.sol";

/// @title ArenaSettlement
/// @notice Paged settlement of one epoch (docs/ARCHITECTURE.md §3.5), run by ArenaTasks through delegatecall.
/// Stages: aggregate scores per submission (over revealed validators), mean scores and stakes (over scored
/// submissions), rank (one step), pay nodes, sum validator weights per submission, pay validators. Each item
/// is one step; `maxSteps` bounds the work of one call, and the result does not depend on how it is paged.
contract ArenaSettlement is ArenaModule {
    using Checkpoints for Checkpoints.Trace208;

    uint8 internal constant AGGREGATE = 0;
    uint8 internal constant MEANS = 1;
    uint8 internal constant RANK = 2;
    uint8 internal constant PAY_NODES = 3;
    uint8 internal constant DISTANCES = 4;
    uint8 internal constant PAY_VALIDATORS = 5;
    uint8 internal constant DONE = 6;

    uint256 private constant MASK32 = (1 << 32) - 1;
    uint256 private constant MASK33 = (1 << 33) - 1;
    uint256 private constant MASK119 = (1 << 119) - 1;
    uint256 private constant MASK72 = (1 << 72) - 1;
    uint256 private constant MASK152 = (1 << 152) - 1;
    uint256 private constant MASK96 = (1 << 96) - 1;
    uint256 private constant MASK128 = (1 << 128) - 1;

    struct Run {
        uint256 taskId;
        uint256 epoch;
        uint256 tag;
        uint256 steps;
        uint256 lambda;
        uint256 alphaV;
    }

    constructor(IERC20 token_) ArenaModule(token_) {}

    /// @notice Advances the settlement of `epoch` by at most `maxSteps` items; callable by anyone once the
    /// epoch is over, in epoch order.
    /// @return done whether the epoch is now fully settled
    function settle(uint256 taskId, uint256 epoch, uint256 maxSteps) external onlyDelegateCall returns (bool done) {
        TaskState storage t = _task(taskId);
        TaskConfig storage c = _configs[taskId];
        if (epoch >= _scoringEpochs(c)) revert NotScoringEpoch(epoch, _scoringEpochs(c));
        if (epoch < t.settledEpochs) revert EpochAlreadySettled(epoch);
        if (epoch > t.settledEpochs) revert EpochOutOfOrder(epoch, t.settledEpochs);
        (, , , uint256 end) = _epochTimes(t, c, epoch);
        if (block.timestamp < end) revert EpochNotOver(epoch, end);
        if (maxSteps == 0) revert InvalidParameter("maxSteps", 0, 1, type(uint256).max);

        EpochState storage e = _epochs[taskId][epoch];
        Run memory run = Run(taskId, epoch, epoch + 1, maxSteps, c.mechanism.lambdaV, c.mechanism.alphaV);
        uint8 stage = e.stage;
        uint256 cursor = e.cursor;
        while (stage < DONE && run.steps > 0) {
            if (stage == AGGREGATE) (stage, cursor) = _aggregate(run, e, cursor);
            else if (stage == MEANS) (stage, cursor) = _means(run, e, cursor);
            else if (stage == RANK) (stage, cursor) = _rank(run, e, t, c);
            else if (stage == PAY_NODES) (stage, cursor) = _payNodes(run, e, t, cursor);
            else if (stage == DISTANCES) (stage, cursor) = _distances(run, cursor);
            else (stage, cursor) = _payValidators(run, e, t, cursor);
        }
        e.stage = stage;
        e.cursor = uint32(cursor);
        emit SettlementProgress(taskId, epoch, stage, cursor);
        if (stage == DONE) {
            t.settledEpochs += 1;
            _emitSettled(run, e);
            return true;
        }
    }

    function _emitSettled(Run memory run, EpochState storage e) private {
        uint256 rn = e.rewardNodes;
        uint256 rv = e.rewardValidators;
        emit EpochSettled(run.taskId, run.epoch, rn + rv, rn, rv, e.paid, _scored[run.taskId][run.epoch].length);
    }

    function _aggregate(Run memory run, EpochState storage e, uint256 cursor) private returns (uint8, uint256) {
        uint32[] storage revealed = _revealed[run.taskId][run.epoch];
        uint256 sumStake = e.sumValidatorStake;
        for (; cursor < revealed.length && run.steps > 0; ++cursor) {
            --run.steps;
            uint256 vIndex = revealed[cursor];
            uint256 header = _scoreHeader[run.taskId][run.epoch][vIndex];
            uint256 s = ScorePacking.stakeOf(header);
            sumStake += s;
            mapping(uint256 => uint256) storage words = _scoreWords[run.taskId][run.epoch][vIndex];
            uint256 count = ScorePacking.count(header);
            for (uint256 i; i < count; ++i) _accumulate(run, ScorePacking.cellAt(header, words, i), s);
        }
        e.sumValidatorStake = uint96(sumStake);
        if (cursor < revealed.length) return (AGGREGATE, cursor);
        return (_scored[run.taskId][run.epoch].length == 0 ? DONE : MEANS, 0);
    }

    /// @dev Scratch word 0 while aggregating: [224..255] epoch tag, [128..223] Σ s_j, [0..127] Σ r_ji·s_j.
    function _accumulate(Run memory run, uint256 cell, uint256 s) private {
        uint256 node = ScorePacking.nodeOf(cell);
        uint256[3] storage scratch = _nodeScratch[run.taskId][node];
        uint256 word = scratch[0];
        if (word >> 224 != run.tag) {
            word = run.tag << 224;
            _scored[run.taskId][run.epoch].push(uint16(node));
        }
        uint256 den = ((word >> 128) & MASK96) + s;
        uint256 num = (word & MASK128) + ScorePacking.scoreOf(cell) * s;
        scratch[0] = (run.tag << 224) | (den << 128) | num;
    }

    /// @dev After: word 0 = [224..255] tag, [152..223] r̄_i in 1e-18 units, [0..151] zero (the validator
    /// weights' nearest score and Z_i, filled in DISTANCES); word 1 = own | delegated << 96; word 2 = t_i^α_t.
    function _means(Run memory run, EpochState storage e, uint256 cursor) private returns (uint8, uint256) {
        uint16[] storage scored = _scored[run.taskId][run.epoch];
        uint256 sumStake = e.sumNodeStake;
        uint256 alphaT = _configs[run.taskId].mechanism.alphaT;
        for (; cursor < scored.length && run.steps > 0; ++cursor) {
            --run.steps;
            sumStake += _meanOf(run, scored[cursor], alphaT);
        }
        e.sumNodeStake = uint96(sumStake);
        return cursor < scored.length ? (MEANS, cursor) : (RANK, 0);
    }

    function _meanOf(Run memory run, uint256 node, uint256 alphaT) private returns (uint256 total) {
        address account = _nodeAt[run.taskId][node];
        uint256[3] storage scratch = _nodeScratch[run.taskId][node];
        uint256 word = scratch[0];
        uint256 mean = RewardMath.mulDiv(word & MASK128, RewardMath.MEAN_SCALE, (word >> 128) & MASK96);
        uint256 own = _ownAt(run.taskId, account, run.epoch);
        uint256 delegated = _delegatedAt(run.taskId, account, run.epoch);
        total = own + delegated;
        scratch[0] = (run.tag << 224) | (mean << 152);
        scratch[1] = own | (delegated << 96);
        scratch[2] = RewardMath.pow(total, alphaT);
    }

    function _rank(
        Run memory run,
        EpochState storage e,
        TaskState storage t,
        TaskConfig storage c
    ) private returns (uint8, uint256) {
        --run.steps;
        uint16[] storage scored = _scored[run.taskId][run.epoch];
        uint256 n = scored.length;
        bool lowerIsBetter = c.metric == Metric.Loss;
        uint256[] memory keys = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            uint256 mean = (_nodeScratch[run.taskId][scored[i]][0] >> 152) & MASK72;
            keys[i] = ((lowerIsBetter ? mean : MASK72 - mean) << 32) | i;
        }
        Ranking.sort(keys);
        uint256[] memory g = Ranking.tiedGeometricWeights(keys, c.mechanism.q);
        uint256 sumWeight;
        for (uint256 k; k < n; ++k) {
            uint256[3] storage scratch = _nodeScratch[run.taskId][scored[keys[k] & MASK32]];
            uint256 weight = RewardMath.mulWad(g[k], scratch[2]);
            scratch[2] = weight;
            sumWeight += weight;
        }
        e.sumNodeWeight = sumWeight;
        _splitReward(run, e, t, c);
        return (PAY_NODES, 0);
    }

    /// @dev R0 = what is left in the pool over the scoring epochs left, so unpaid epochs roll over.
    function _splitReward(Run memory run, EpochState storage e, TaskState storage t, TaskConfig storage c) private {
        uint256 r0 = t.pool / (_scoringEpochs(c) - run.epoch);
        (uint256 rn, uint256 rv) = RewardMath.split(r0, c.mechanism.gamma, e.sumNodeStake, e.sumValidatorStake);
        e.rewardNodes = uint96(rn);
        e.rewardValidators = uint96(rv);
    }

    function _payNodes(
        Run memory run,
        EpochState storage e,
        TaskState storage t,
        uint256 cursor
    ) private returns (uint8, uint256) {
        uint16[] storage scored = _scored[run.taskId][run.epoch];
        uint256 sumWeight = e.sumNodeWeight;
        uint256 rn = e.rewardNodes;
        uint256 paid;
        for (; cursor < scored.length && run.steps > 0; ++cursor) {
            --run.steps;
            paid += _payNode(run, scored[cursor], rn, sumWeight);
        }
        _debitPool(e, t, paid);
        return cursor < scored.length ? (PAY_NODES, cursor) : (DISTANCES, 0);
    }

    /// @dev Node pool i earns f_i·R_n with f_i = g_i·t_i^α_t / Σ g_k·t_k^α_t.
    function _payNode(Run memory run, uint256 nodeIndex, uint256 rn, uint256 sumWeight) private returns (uint256) {
        uint256[3] storage scratch = _nodeScratch[run.taskId][nodeIndex];
        uint256 weight = scratch[2];
        uint256 reward = sumWeight == 0 ? 0 : RewardMath.mulDiv(rn, weight, sumWeight);
        address node = _nodeAt[run.taskId][nodeIndex];
        uint256 stakes = scratch[1];
        emit SubmissionSettled(run.taskId, run.epoch, node, (scratch[0] >> 152) & MASK72, weight, reward);
        return _payout(run, node, stakes & MASK96, stakes >> 96, reward, true);
    }

    function _distances(Run memory run, uint256 cursor) private returns (uint8, uint256) {
        uint32[] storage revealed = _revealed[run.taskId][run.epoch];
        for (; cursor < revealed.length && run.steps > 0; ++cursor) {
            --run.steps;
            uint256 vIndex = revealed[cursor];
            uint256 header = _scoreHeader[run.taskId][run.epoch][vIndex];
            uint256 stakeAlpha = RewardMath.pow(ScorePacking.stakeOf(header), run.alphaV);
            mapping(uint256 => uint256) storage words = _scoreWords[run.taskId][run.epoch][vIndex];
            uint256 count = ScorePacking.count(header);
            for (uint256 i; i < count; ++i) _addWeight(run, ScorePacking.cellAt(header, words, i), stakeAlpha);
        }
        return cursor < revealed.length ? (DISTANCES, cursor) : (PAY_VALIDATORS, 0);
    }

    /// @notice Streams one score into its submission's softmax denominator (M5): Z_i = Σ_j v_j·2^(−(K_j − K_min)),
    /// K_min the smallest octave among the raters seen so far (RewardMath.scaledWeight). When a rater with a
    /// smaller octave arrives, Z is shifted right by the difference first, so no pass over the scores is added and
    /// the weights never underflow for the nearest rater however large λΔ is. The pass runs in reveal order, so
    /// Z does not depend on paging; lib/rewards/fixed.ts streams in the same order.
    /// @dev Word 0 = [224..255] tag, [152..223] r̄_i, [119..151] nearest score + 1 (0: no rater yet; MEANS
    /// clears it every epoch), [0..118] Z_i. Storing the score rather than K_min keeps Z 119 bits wide: Z ≤
    /// Σ_j s_j^α_v ≤ Σ_j max(s_j, 1 token), which stays below 2^119 wei (6.6e17 tokens) as the raters' stakes
    /// are tokens held by this contract.
    function _addWeight(Run memory run, uint256 cell, uint256 stakeAlpha) private {
        uint256[3] storage scratch = _nodeScratch[run.taskId][ScorePacking.nodeOf(cell)];
        uint256 word = scratch[0];
        uint256 mean = (word >> 152) & MASK72;
        uint256 score = ScorePacking.scoreOf(cell);
        (uint256 k, uint256 v) = RewardMath.scaledWeight(run.lambda, mean, score, stakeAlpha);
        uint256 nearest = (word >> 119) & MASK33;
        uint256 z = v;
        if (nearest == 0) {
            nearest = score + 1;
        } else {
            uint256 kMin = RewardMath.octave(run.lambda, RewardMath.distance(mean, nearest - 1));
            if (k >= kMin) {
                z = (word & MASK119) + (v >> (k - kMin));
            } else {
                z = ((word & MASK119) >> (kMin - k)) + v;
                nearest = score + 1;
            }
        }
        scratch[0] = (word & ~MASK152) | (nearest << 119) | z;
    }

    function _payValidators(
        Run memory run,
        EpochState storage e,
        TaskState storage t,
        uint256 cursor
    ) private returns (uint8, uint256) {
        uint32[] storage revealed = _revealed[run.taskId][run.epoch];
        uint256 denominator = _scored[run.taskId][run.epoch].length * WAD;
        uint256 rv = e.rewardValidators;
        uint256 paid;
        for (; cursor < revealed.length && run.steps > 0; ++cursor) {
            --run.steps;
            paid += _payValidator(run, revealed[cursor], rv, denominator);
        }
        _debitPool(e, t, paid);
        return cursor < revealed.length ? (PAY_VALIDATORS, cursor) : (DONE, 0);
    }

    /// @dev Validator j earns R_v·Σ_i φ_ji / n.
    function _payValidator(Run memory run, uint256 vIndex, uint256 rv, uint256 denominator) private returns (uint256) {
        uint256 header = _scoreHeader[run.taskId][run.epoch][vIndex];
        uint256 reward = RewardMath.mulDiv(rv, _sumShares(run, vIndex, header), denominator);
        address validator = _validatorAt[run.taskId][vIndex];
        emit ValidatorRewarded(run.taskId, run.epoch, validator, reward);
        if (reward == 0) return 0;
        uint256 delegated = ScorePacking.hasDelegation(header) ? _delegatedAt(run.taskId, validator, run.epoch) : 0;
        return _payout(run, validator, ScorePacking.stakeOf(header) - delegated, delegated, reward, false);
    }

    function _sumShares(Run memory run, uint256 vIndex, uint256 header) private view returns (uint256 phi) {
        uint256 stakeAlpha = RewardMath.pow(ScorePacking.stakeOf(header), run.alphaV);
        mapping(uint256 => uint256) storage words = _scoreWords[run.taskId][run.epoch][vIndex];
        uint256 count = ScorePacking.count(header);
        for (uint256 i; i < count; ++i) phi += _share(run, ScorePacking.cellAt(header, words, i), stakeAlpha);
    }

    /// @notice φ_ji = u_ji / Z_i with u_ji = v_ji·2^(−(K_ji − K_min,i)), the same shifted weight DISTANCES summed
    /// into Z_i. Z_i is at least Σ_j u_ji (a right shift of a sum is at least the sum of the shifted terms), so
    /// Σ_j φ_ji ≤ 1 and validators are never paid more than R_v. A submission with Z_i = 0 (every rater with a
    /// zero stake weight) pays its validators nothing.
    function _share(Run memory run, uint256 cell, uint256 stakeAlpha) private view returns (uint256) {
        uint256 word = _nodeScratch[run.taskId][ScorePacking.nodeOf(cell)][0];
        uint256 z = word & MASK119;
        if (z == 0) return 0;
        uint256 mean = (word >> 152) & MASK72;
        uint256 kMin = RewardMath.octave(run.lambda, RewardMath.distance(mean, ((word >> 119) & MASK33) - 1));
        (uint256 k, uint256 v) = RewardMath.scaledWeight(run.lambda, mean, ScorePacking.scoreOf(cell), stakeAlpha);
        return RewardMath.mulDiv(v >> (k - kMin), WAD, z);
    }

    /// @dev Splits a pool's earnings F between the delegatee and its delegators (§3.6) and credits both.
    function _payout(
        Run memory run,
        address account,
        uint256 own,
        uint256 delegated,
        uint256 earned,
        bool isNode
    ) private returns (uint256) {
        if (earned == 0) return 0;
        uint256 toDelegators;
        if (delegated > 0) {
            uint256 share = _rewardShare[run.taskId][account].upperLookupRecent(uint48(run.epoch));
            toDelegators = RewardMath.delegatorsPart(earned, share, own, delegated);
            uint256 perShare = RewardMath.mulDiv(toDelegators, RewardMath.ACC_SCALE, delegated);
            if (perShare == 0) {
                toDelegators = 0;
            } else {
                Checkpoints.Trace208 storage acc = _accPerShare[run.taskId][account];
                acc.push(uint48(run.epoch), acc.latest() + uint208(perShare));
                ledger.delegation += uint128(toDelegators);
                // A node's delegators are paid from the same stolen-model escrow as the node (H4).
                if (isNode) _nodeDelegatorRewards[run.taskId][account] += toDelegators;
                emit DelegatorsRewarded(run.taskId, run.epoch, account, toDelegators, perShare);
            }
        }
        uint256 kept = earned - toDelegators;
        if (isNode) {
            _nodeEscrow[run.taskId][account] += kept;
            ledger.escrow += uint128(kept);
            if (!_participatedAsNode[account]) _participatedAsNode[account] = true;
        } else {
            _creditValidator(account, kept);
        }
        return earned;
    }

    function _debitPool(EpochState storage e, TaskState storage t, uint256 paid) private {
        if (paid == 0) return;
        t.pool -= uint96(paid);
        e.paid += uint96(paid);
        ledger.pools -= uint128(paid);
    }
}
