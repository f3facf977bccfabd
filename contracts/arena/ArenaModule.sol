// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ArenaBase} from "./ArenaBase.sol";

/// @title ArenaModule
/// @notice A delegatecall module of ArenaTasks (ArenaSettlement, ArenaLifecycle, ArenaDelegation): it runs on
/// ArenaTasks' storage, so its functions refuse to run on the module's own (empty) storage.
abstract contract ArenaModule is ArenaBase {
    address private immutable _self;

    constructor(IERC20 token_) ArenaBase(token_) {
        _self = address(this);
    }

    modifier onlyDelegateCall() {
        if (address(this) == _self) revert OnlyDelegateCall();
        _;
    }
}
