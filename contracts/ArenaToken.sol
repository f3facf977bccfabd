// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title ArenaToken
/// @notice The token every Arena stake, reward pool and bond is denominated in.
/// @dev Fixed supply minted once to `holder`; gasless approvals through EIP-2612 permit.
contract ArenaToken is ERC20, ERC20Permit {
    /// @param holder receives the whole supply (the deployer, a treasury or a faucet)
    /// @param supply total supply in wei (18 decimals)
    constructor(address holder, uint256 supply) ERC20("Arena", "ARENA") ERC20Permit("Arena") {
        _mint(holder, supply);
    }
}
