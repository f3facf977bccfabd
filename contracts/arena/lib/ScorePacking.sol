// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ScorePacking
/// @notice A validator's revealed scores for one epoch, packed. The header word overwrites the commitment (a
/// non-zero slot, so no fresh storage) and holds the stake snapshot plus the first three cells, which is all a
/// validator has at the usual k·n/m of two or three assignments; further cells go five to a word.
/// A cell is (uint16 node index, uint32 score) = 48 bits.
///
/// header: [0..87] stake (own + delegated) counted in the epoch, [88..98] cell count, [99] has delegated stake,
///         [104..247] cells 0–2, [248..255] revealed marker. A commitment is stored shifted right by 8 bits, so its top byte is 0 and it
///         can never be mistaken for a header.
library ScorePacking {
    uint256 internal constant HEADER_CELLS = 3;
    uint256 internal constant CELLS_PER_WORD = 5;
    uint256 private constant MASK48 = (1 << 48) - 1;
    uint256 private constant MASK88 = (1 << 88) - 1;

    function header(uint256 stake, bool delegated, uint256 cells, uint256 headerCells) internal pure returns (uint256) {
        return stake | (cells << 88) | (delegated ? uint256(1) << 99 : 0) | (headerCells << 104) | (1 << 248);
    }

    function hasDelegation(uint256 word) internal pure returns (bool) {
        return (word >> 99) & 1 == 1;
    }

    function commitmentWord(bytes32 commitment) internal pure returns (uint256) {
        return uint256(commitment) >> 8;
    }

    function isRevealed(uint256 word) internal pure returns (bool) {
        return word >> 248 != 0;
    }

    function stakeOf(uint256 word) internal pure returns (uint256) {
        return word & MASK88;
    }

    function count(uint256 word) internal pure returns (uint256) {
        return (word >> 88) & 0x7ff;
    }

    function cell(uint256 nodeIndex, uint256 score) internal pure returns (uint256) {
        return nodeIndex | (score << 16);
    }

    /// @notice Where cell `i` lives: in the header (word = max) or in extra word `word` at `slot`.
    function locate(uint256 i) internal pure returns (uint256 word, uint256 shift) {
        if (i < HEADER_CELLS) return (type(uint256).max, 104 + 48 * i);
        return ((i - HEADER_CELLS) / CELLS_PER_WORD, 48 * ((i - HEADER_CELLS) % CELLS_PER_WORD));
    }

    /// @notice Cell `i` of a revealed header and its extra words.
    function cellAt(
        uint256 head,
        mapping(uint256 => uint256) storage words,
        uint256 i
    ) internal view returns (uint256) {
        (uint256 word, uint256 shift) = locate(i);
        uint256 source = word == type(uint256).max ? head : words[word];
        return (source >> shift) & MASK48;
    }

    function nodeOf(uint256 c) internal pure returns (uint256) {
        return c & 0xffff;
    }

    function scoreOf(uint256 c) internal pure returns (uint256) {
        return c >> 16;
    }
}
