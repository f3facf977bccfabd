// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FixedPointMathLib as FPM} from "solady/src/utils/FixedPointMathLib.sol";

/// @title RewardMath
/// @notice The fixed-point formulas of docs/ARCHITECTURE.md §3.5 and §3.6. lib/rewards/fixed.ts mirrors every line, so
/// the two agree to the wei; change both together.
/// @dev Every division rounds down, so what is paid never exceeds what the formulas give and dust stays in the pool.
library RewardMath {
    uint256 internal constant WAD = 1e18;
    /// Revealed scores are fixed-point integers in 1e-6 units of the metric (SCORE_SCALE per metric unit).
    uint256 internal constant SCORE_SCALE = 1e6;
    /// Mean scores keep MEAN_SCALE more precision than a score: 1e-18 units of the metric.
    uint256 internal constant MEAN_SCALE = 1e12;
    /// A mean score's units per metric unit (SCORE_SCALE · MEAN_SCALE); λ_v is per metric unit.
    uint256 internal constant METRIC_SCALE = 1e18;
    /// Delegation reward-per-share precision.
    uint256 internal constant ACC_SCALE = 1e18;
    /// ln 2 in WAD, rounded down: the validator weights are split into octaves of it (scaledWeight).
    uint256 internal constant LN2_WAD = 693147180559945309;

    /// @notice R_n = R0·(γ + (1 − 2γ)·T/(T+S)), R_v = R0 − R_n.
    function split(uint256 r0, uint256 gamma, uint256 t, uint256 s) internal pure returns (uint256 rn, uint256 rv) {
        uint256 frac = t + s == 0 ? 0 : FPM.mulDiv(t, WAD, t + s);
        uint256 coeff =
            2 * gamma <= WAD ? gamma + FPM.mulWad(WAD - 2 * gamma, frac) : gamma - FPM.mulWad(2 * gamma - WAD, frac);
        rn = FPM.mulWad(r0, coeff);
        rv = r0 - rn;
    }

    /// @notice x^α for a token amount in wei read as WAD; 0 for 0 (ln is undefined there).
    function pow(uint256 x, uint256 alpha) internal pure returns (uint256) {
        if (x == 0) return 0;
        return uint256(FPM.powWad(int256(x), int256(alpha)));
    }

    /// @notice |r̄ − r| in 1e-18 units of the metric, with r̄ in 1e-18 units and r in 1e-6 units.
    function distance(uint256 meanScore, uint256 score) internal pure returns (uint256) {
        score *= MEAN_SCALE;
        return meanScore > score ? meanScore - score : score - meanScore;
    }

    /// @notice The octave of a distance: K = ⌊x / ln 2⌋ with x = ⌊λ·Δ⌋ in WAD (λ in WAD per unit of the metric,
    /// Δ in 1e-18 units), so that e^(−λΔ) = 2^(−K)·e^(−f) with f = x − K·ln 2 in [0, ln 2). K never decreases
    /// as Δ grows, so the rater nearest to r̄ has the smallest octave.
    function octave(uint256 lambda, uint256 delta) internal pure returns (uint256) {
        return FPM.mulDiv(lambda, delta, METRIC_SCALE) / LN2_WAD;
    }

    /// @notice A validator's weight on one submission split into its octave K and mantissa v = e^(−f)·s^α_v in
    /// (s^α_v / 2, s^α_v]: v·2^(−K) = e^(−λΔ)·s^α_v. Settlement uses v·2^(−(K − K_min)) = e^(−λΔ)·s^α_v·2^K_min,
    /// K_min the octave of the submission's nearest rater: the common factor 2^K_min cancels in the softmax, and
    /// the nearest rater's weight is at least s^α_v / 2 however large λΔ is (M5: unshifted, e^(−λΔ) loses
    /// precision from λΔ ≈ 20.7 and is 0 from 41.45). Shifting by whole octaves keeps the arithmetic exact: the
    /// streamed sum Z is never below the sum of the weights it is divided into.
    function scaledWeight(
        uint256 lambda,
        uint256 meanScore,
        uint256 score,
        uint256 stakeAlpha
    ) internal pure returns (uint256 k, uint256 v) {
        uint256 x = FPM.mulDiv(lambda, distance(meanScore, score), METRIC_SCALE);
        k = x / LN2_WAD;
        v = FPM.mulWad(uint256(FPM.expWad(-int256(x - k * LN2_WAD))), stakeAlpha);
    }

    /// @notice Of a pool's earnings F, the part that goes to delegators: ρ·F·t_d/(t_n + t_d).
    function delegatorsPart(
        uint256 earned,
        uint256 rewardShare,
        uint256 own,
        uint256 delegated
    ) internal pure returns (uint256) {
        if (delegated == 0) return 0;
        return FPM.mulDiv(FPM.mulWad(earned, rewardShare), delegated, own + delegated);
    }

    function mulDiv(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return FPM.mulDiv(x, y, d);
    }

    function mulWad(uint256 x, uint256 y) internal pure returns (uint256) {
        return FPM.mulWad(x, y);
    }
}
