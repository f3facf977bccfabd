// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ArenaTest} from "./utils/Vm.sol";
import {ArenaToken} from "../ArenaToken.sol";
import {Faucet} from "../Faucet.sol";

contract FaucetTest is ArenaTest {
    uint256 internal constant DRIP = 1_000 ether;
    uint256 internal constant COOLDOWN = 1 days;

    ArenaToken internal token;
    Faucet internal faucet;

    function setUp() public {
        token = new ArenaToken(address(this), 1_000_000 ether);
        faucet = new Faucet(token, DRIP, COOLDOWN);
        token.transfer(address(faucet), 100_000 ether);
        vm.warp(1_700_000_000);
    }

    function test_DripSendsTokensOnce() public {
        vm.prank(address(0xA11CE));
        faucet.drip();
        assertEq(token.balanceOf(address(0xA11CE)), DRIP, "balance after drip");
        vm.expectRevert(
            abi.encodeWithSelector(Faucet.FaucetCooldown.selector, address(0xA11CE), block.timestamp + COOLDOWN)
        );
        vm.prank(address(0xA11CE));
        faucet.drip();
    }

    /// Fuzz: whatever the callers and the time between their drips, each gets at most one drip per cooldown and
    /// the tokens leaving the faucet are exactly the tokens the callers received.
    function testFuzz_RateLimitAndConservation(uint160 seedA, uint160 seedB, uint256 gap1, uint256 gap2) public {
        address a = address(uint160(bound(seedA, 1, type(uint160).max / 2)));
        address b = address(uint160(bound(seedB, type(uint160).max / 2 + 1, type(uint160).max)));
        vm.assume(a.code.length == 0 && b.code.length == 0);
        gap1 = bound(gap1, 0, 3 * COOLDOWN);
        gap2 = bound(gap2, 0, 3 * COOLDOWN);
        uint256 faucetBefore = token.balanceOf(address(faucet));

        uint256 expectedA = _dripAs(a, 0);
        expectedA += _dripAs(a, gap1);
        uint256 expectedB = _dripAs(b, 0);
        expectedB += _dripAs(b, gap2);

        assertEq(token.balanceOf(a), expectedA, "a received");
        assertEq(token.balanceOf(b), expectedB, "b received");
        assertEq(faucetBefore - token.balanceOf(address(faucet)), expectedA + expectedB, "faucet paid");
        assertEq(expectedA, gap1 >= COOLDOWN ? 2 * DRIP : DRIP, "a rate limit");
    }

    function _dripAs(address who, uint256 wait) internal returns (uint256 received) {
        vm.warp(block.timestamp + wait);
        bool allowed = block.timestamp >= faucet.nextDripAt(who);
        if (!allowed) {
            vm.expectRevert(abi.encodeWithSelector(Faucet.FaucetCooldown.selector, who, faucet.nextDripAt(who)));
        }
        vm.prank(who);
        faucet.drip();
        return allowed ? DRIP : 0;
    }

    function test_EmptyFaucetReverts() public {
        Faucet dry = new Faucet(token, DRIP, COOLDOWN);
        vm.expectRevert(abi.encodeWithSelector(Faucet.FaucetEmpty.selector, 0, DRIP));
        dry.drip();
    }
}
