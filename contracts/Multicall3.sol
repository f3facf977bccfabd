// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Multicall3
/// @notice The `aggregate3` batch-read entry point of the canonical Multicall3, for the local chain.
/// @dev Public chains already have Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11; the dev
/// orchestration places this contract's runtime code at that same address on the local node, so the app's
/// chain definitions batch reads the same way everywhere. viem only calls `aggregate3`.
contract Multicall3 {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    /// @notice Call `calls[i].target` (index `index`) failed and was not allowed to.
    error Multicall3CallFailed(uint256 index);

    /// @notice Runs every call in order and returns each outcome.
    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory results) {
        uint256 length = calls.length;
        results = new Result[](length);
        for (uint256 i = 0; i < length; ++i) {
            Call3 calldata call = calls[i];
            (bool success, bytes memory data) = call.target.call(call.callData);
            if (!success && !call.allowFailure) revert Multicall3CallFailed(i);
            results[i] = Result(success, data);
        }
    }

    /// @notice The current block number (viem reads it in some batched calls).
    function getBlockNumber() external view returns (uint256) {
        return block.number;
    }

    /// @notice The current block timestamp.
    function getCurrentBlockTimestamp() external view returns (uint256) {
        return block.timestamp;
    }

    /// @notice The native balance of `account`.
    function getEthBalance(address account) external view returns (uint256) {
        return account.balance;
    }
}
