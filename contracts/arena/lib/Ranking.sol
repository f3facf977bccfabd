// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RewardMath} from "./RewardMath.sol";

/// @title Ranking
/// @notice Rank weights of §3.5: sort by mean score (best first), geometric weights q^(k−1), tied submissions share
/// the mean of their ranks' weights. The normalisation (1−q)/(1−q^n) cancels in f_i = g_i·t_i^α / Σ g_k·t_k^α, so
/// it is left out (one rounding fewer).
library Ranking {
    /// @notice Sorts keys ascending in place. A key is (orderKey << 32 | position); equal order keys are ties.
    function sort(uint256[] memory a) internal pure {
        if (a.length > 1) _quickSort(a, 0, int256(a.length - 1));
    }

    /// @notice For keys sorted best first, the rank weight of each entry (indexed like the sorted array).
    function tiedGeometricWeights(uint256[] memory sorted, uint256 q) internal pure returns (uint256[] memory g) {
        uint256 n = sorted.length;
        g = new uint256[](n);
        uint256 p = RewardMath.WAD;
        uint256 start;
        uint256 groupSum;
        for (uint256 i; i < n; ++i) {
            groupSum += p;
            p = RewardMath.mulWad(p, q);
            bool groupEnds = i + 1 == n || (sorted[i + 1] >> 32) != (sorted[i] >> 32);
            if (groupEnds) {
                uint256 mean = groupSum / (i + 1 - start);
                for (uint256 j = start; j <= i; ++j) g[j] = mean;
                start = i + 1;
                groupSum = 0;
            }
        }
    }

    function _quickSort(uint256[] memory a, int256 lo, int256 hi) private pure {
        while (lo < hi) {
            uint256 pivot = a[uint256(lo + (hi - lo) / 2)];
            int256 i = lo;
            int256 j = hi;
            while (i <= j) {
                while (a[uint256(i)] < pivot) ++i;
                while (a[uint256(j)] > pivot) --j;
                if (i <= j) {
                    (a[uint256(i)], a[uint256(j)]) = (a[uint256(j)], a[uint256(i)]);
                    ++i;
                    --j;
                }
            }
            // Recurse into the smaller side so the stack stays O(log n).
            if (j - lo < hi - i) {
                _quickSort(a, lo, j);
                lo = i;
            } else {
                _quickSort(a, i, hi);
                hi = j;
            }
        }
    }
}
