// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title Faucet
/// @notice Hands out test tokens on local and test chains, at most once per cooldown per address.
/// @dev Holds a token balance that the deployer tops up; never deployed where the token has real value.
contract Faucet {
    using SafeERC20 for IERC20;

    /// @notice The token handed out.
    IERC20 public immutable token;
    /// @notice Tokens (wei) handed out per drip.
    uint256 public immutable dripAmount;
    /// @notice Seconds an address must wait between two drips.
    uint256 public immutable cooldown;
    /// @notice Timestamp of each address's last drip (0 if never).
    mapping(address account => uint256 timestamp) public lastDrip;

    /// @notice The caller dripped less than `cooldown` seconds ago; it may drip again at `availableAt`.
    error FaucetCooldown(address account, uint256 availableAt);
    /// @notice The faucet holds `balance`, less than one drip of `dripAmount`.
    error FaucetEmpty(uint256 balance, uint256 dripAmount);
    /// @notice A constructor argument was zero.
    error FaucetZeroParameter(string name);

    /// @notice Tokens were sent to `account`.
    event Dripped(address indexed account, uint256 amount, uint256 nextAvailableAt);

    constructor(IERC20 token_, uint256 dripAmount_, uint256 cooldown_) {
        if (address(token_) == address(0)) revert FaucetZeroParameter("token");
        if (dripAmount_ == 0) revert FaucetZeroParameter("dripAmount");
        if (cooldown_ == 0) revert FaucetZeroParameter("cooldown");
        token = token_;
        dripAmount = dripAmount_;
        cooldown = cooldown_;
    }

    /// @notice When `account` may drip next (now or in the past if it may drip already).
    function nextDripAt(address account) public view returns (uint256) {
        uint256 last = lastDrip[account];
        return last == 0 ? 0 : last + cooldown;
    }

    /// @notice Sends `dripAmount` tokens to the caller.
    function drip() external {
        uint256 availableAt = nextDripAt(msg.sender);
        if (block.timestamp < availableAt) revert FaucetCooldown(msg.sender, availableAt);
        uint256 balance = token.balanceOf(address(this));
        if (balance < dripAmount) revert FaucetEmpty(balance, dripAmount);
        lastDrip[msg.sender] = block.timestamp;
        emit Dripped(msg.sender, dripAmount, block.timestamp + cooldown);
        token.safeTransfer(msg.sender, dripAmount);
    }
}
