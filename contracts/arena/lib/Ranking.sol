// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RewardMath} from "./RewardMath.sol";

/// @title Ranking
/// @notice Rank weights of §3.5: sort by mean score (best first), geometric weights q^(k−1), tied submissions share
/// the mean of their ranks' weights. The normalisation (1−q)/(1−q^n) cancels in f_i = g_i·t_i^α / Σ g_k·t_k^α, so
/// it is left out (one rounding fewer).
library Ranking {
    /// @notice Sorts keys ascending in place. A key is (orderKey << 32 | position); equal order keys are ties.
    /// @dev Heapsort: O(n log n) comparisons whatever the input. The quicksort it replaces (middle pivot) took
    /// O(n²) on inputs that validators can produce through their scores (265,719 comparisons instead of ~13k for
    /// 1024 submissions), which pushed the one-step ranking over the per-transaction gas cap (H1). Keys are
    /// distinct (the position breaks ties), so every correct sort gives the same order.
    function sort(uint256[] memory a) internal pure {
        uint256 n = a.length;
        if (n < 2) return;
        // In assembly: the sort is most of the ranking step's computation, and bounds checks would double it.
        assembly ("memory-safe") {
            // Moves b[root] down the max-heap b[0..len) until both its children are smaller.
            function siftDown(b, root, len) {
                let x := mload(add(b, shl(5, root)))
                for {
                    let child := add(shl(1, root), 1)
                } lt(child, len) {
                    child := add(shl(1, root), 1)
                } {
                    let c := mload(add(b, shl(5, child)))
                    let right := add(child, 1)
                    if lt(right, len) {
                        let r := mload(add(b, shl(5, right)))
                        if gt(r, c) {
                            child := right
                            c := r
                        }
                    }
                    if iszero(gt(c, x)) {
                        break
                    }
                    mstore(add(b, shl(5, root)), c)
                    root := child
                }
                mstore(add(b, shl(5, root)), x)
            }
            let base := add(a, 0x20)
            for {
                let i := shr(1, n)
            } i {
                i := sub(i, 1)
            } {
                siftDown(base, sub(i, 1), n)
            }
            for {
                let end := sub(n, 1)
            } end {
                end := sub(end, 1)
            } {
                let last := add(base, shl(5, end))
                let top := mload(base)
                mstore(base, mload(last))
                mstore(last, top)
                siftDown(base, 0, end)
            }
        }
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
}
