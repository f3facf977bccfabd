// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaTest} from "../utils/Vm.sol";
import {RewardMath} from "../../arena/lib/RewardMath.sol";
import {Ranking} from "../../arena/lib/Ranking.sol";
import {Sortition} from "../../arena/lib/Sortition.sol";
import {ScorePacking} from "../../arena/lib/ScorePacking.sol";

/// @notice Fuzz tests of the settlement formulas' building blocks.
contract RewardMathTest is ArenaTest {
    uint256 internal constant WAD = 1e18;

    /// R_n + R_v = R0 exactly, and R_n stays within [min(γ, 1−γ), max(γ, 1−γ)]·R0 (rounded down).
    function testFuzz_SplitConservesR0(uint256 r0, uint256 gamma, uint256 t, uint256 s) public pure {
        r0 = bound(r0, 0, 1e30);
        gamma = bound(gamma, 0, WAD);
        t = bound(t, 0, 1e27);
        s = bound(s, 0, 1e27);
        (uint256 rn, uint256 rv) = RewardMath.split(r0, gamma, t, s);
        assertEq(rn + rv, r0, "R_n + R_v = R0");
        uint256 lo = gamma < WAD - gamma ? gamma : WAD - gamma;
        uint256 hi = gamma < WAD - gamma ? WAD - gamma : gamma;
        if (t + s > 0) {
            assertLe((RewardMath.mulWad(r0, lo) * 999) / 1000, rn + 1, "R_n above the lower bound");
            assertLe(rn, RewardMath.mulWad(r0, hi) + 1, "R_n below the upper bound");
        }
    }

    /// The delegators' part never exceeds ρ·F, and is exactly ρ·F·d/(own+d) rounded down.
    function testFuzz_DelegatorsPartBounded(uint256 earned, uint256 rho, uint256 own, uint256 delegated) public pure {
        earned = bound(earned, 0, 1e30);
        rho = bound(rho, 0, WAD);
        own = bound(own, 0, 1e27);
        delegated = bound(delegated, 0, 1e27);
        uint256 part = RewardMath.delegatorsPart(earned, rho, own, delegated);
        assertLe(part, RewardMath.mulWad(earned, rho), "part <= rho * F");
        if (delegated > 0 && own == 0)
            assertEq(part, RewardMath.mulWad(earned, rho), "all to delegators when no own stake");
    }

    /// Rank weights are non-increasing from best to worst and tied entries get equal weight.
    function testFuzz_TiedGeometricWeights(uint256 seed, uint256 q) public pure {
        q = bound(q, 1, WAD - 1);
        uint256 n = 1 + (seed % 40);
        uint256[] memory keys = new uint256[](n);
        for (uint256 i; i < n; ++i) keys[i] = ((uint256(keccak256(abi.encode(seed, i))) % 5) << 32) | i;
        Ranking.sort(keys);
        uint256[] memory g = Ranking.tiedGeometricWeights(keys, q);
        for (uint256 i = 1; i < n; ++i) {
            assertTrue(keys[i - 1] < keys[i], "sorted");
            assertLe(g[i], g[i - 1], "weights fall with rank");
            if (keys[i] >> 32 == keys[i - 1] >> 32) assertEq(g[i], g[i - 1], "ties share");
        }
        assertLe(g[0], WAD, "best weight <= 1");
    }

    /// The mantissa of e^(−λΔ) is in (1/2, 1], the octave never falls as Δ grows, and relative to the nearer of
    /// two raters the farther one weighs no more (M5: the nearer one always weighs at least 1/2, whatever λΔ).
    function testFuzz_ScaledWeightFallsWithDistance(uint256 lambda, uint256 mean, uint32 a, uint32 b) public pure {
        lambda = bound(lambda, 0, 1e30);
        mean = bound(mean, 0, uint256(type(uint32).max) * 1e12);
        if (_dist(mean, a) > _dist(mean, b)) (a, b) = (b, a);
        (uint256 ka, uint256 va) = RewardMath.scaledWeight(lambda, mean, a, WAD);
        (uint256 kb, uint256 vb) = RewardMath.scaledWeight(lambda, mean, b, WAD);
        assertLe(va, WAD, "mantissa at most 1");
        assertLe(WAD / 2, va, "mantissa above 1/2");
        assertLe(ka, kb, "octave grows with distance");
        assertEq(ka, RewardMath.octave(lambda, _dist(mean, a)), "octave of the distance");
        assertLe(vb >> (kb - ka), va, "farther weighs less");
    }

    /// The assignment bound grows with weight and saturates at k·w >= Σw.
    function testFuzz_SortitionLimitMonotone(uint256 w1, uint256 w2, uint256 sumWeight, uint256 k) public pure {
        sumWeight = bound(sumWeight, 1, 1e40);
        k = bound(k, 1, 64);
        w1 = bound(w1, 0, sumWeight);
        w2 = bound(w2, w1, sumWeight);
        assertLe(Sortition.threshold(k, w1, sumWeight), Sortition.threshold(k, w2, sumWeight), "monotone in weight");
        if (k * w2 >= sumWeight) assertEq(Sortition.threshold(k, w2, sumWeight), type(uint256).max, "saturates");
    }

    mapping(uint256 => uint256) internal words;

    /// Packed cells round-trip through the header and the extra words, at any count.
    function testFuzz_ScorePackingRoundTrip(uint88 stake, uint256 seed, uint8 countRaw) public {
        uint256 count = bound(countRaw, 1, 40);
        uint256 headerCells;
        uint256[] memory cells = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            cells[i] = ScorePacking.cell(r & 0xffff, uint32(r >> 16));
            (uint256 word, uint256 shift) = ScorePacking.locate(i);
            if (word == type(uint256).max) headerCells |= cells[i] << (shift - 104);
            else words[word] |= cells[i] << shift;
        }
        uint256 h = ScorePacking.header(stake, seed % 2 == 0, count, headerCells);
        assertTrue(ScorePacking.hasDelegation(h) == (seed % 2 == 0), "delegation flag");
        assertEq(ScorePacking.stakeOf(h), stake, "stake");
        assertEq(ScorePacking.count(h), count, "count");
        assertTrue(ScorePacking.isRevealed(h), "revealed");
        for (uint256 i; i < count; ++i) {
            uint256 c = ScorePacking.cellAt(h, words, i);
            assertEq(ScorePacking.nodeOf(c), cells[i] & 0xffff, "node");
            assertEq(ScorePacking.scoreOf(c), cells[i] >> 16, "score");
        }
        assertTrue(
            !ScorePacking.isRevealed(ScorePacking.commitmentWord(keccak256(abi.encode(seed)))),
            "commitment is not a header"
        );
    }

    function _dist(uint256 mean, uint256 score) private pure returns (uint256) {
        score *= 1e12;
        return mean > score ? mean - score : score - mean;
    }
}
