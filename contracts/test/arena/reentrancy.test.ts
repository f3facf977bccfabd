import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { encodeFunctionData, parseEther } from "viem";
import {
  ROLE_NODE,
  ROLE_VALIDATOR,
  addr,
  commit,
  deployArenaTasks,
  goTo,
  modelHash,
  reveal,
  salt,
  submitAndDraw,
  taskParams,
} from "./helpers.ts";

const conn = await network.create();
const { viem, networkHelpers } = conn;
const MIN = parseEther("10");

async function evilArena() {
  const [admin, user] = await viem.getWalletClients();
  const token = await viem.deployContract("ReentrantToken");
  const falseToken = await viem.deployContract("FalseReturnToken");
  const deploy = (address: `0x${string}`) => deployArenaTasks(conn, address, admin!.account.address);
  const arena = await deploy(token.address);
  const falseArena = await deploy(falseToken.address);
  await arena.write.setMinCreatorStake([parseEther("100")]);
  await falseArena.write.setMinCreatorStake([parseEther("100")]);
  await token.write.transfer([user!.account.address, parseEther("1000")]);
  await token.write.approve([arena.address, 2n ** 255n]);
  await token.write.approve([arena.address, 2n ** 255n], { account: user!.account });
  await falseToken.write.transfer([user!.account.address, parseEther("1000")]);
  await falseToken.write.approve([falseArena.address, 2n ** 255n]);
  await falseToken.write.approve([falseArena.address, 2n ** 255n], { account: user!.account });
  await arena.write.createTask([taskParams(), parseEther("100")]);
  await arena.write.stake([1n, ROLE_VALIDATOR, 2n * MIN], { account: user!.account });
  const node = (await viem.getWalletClients())[2]!;
  await token.write.transfer([node.account.address, parseEther("100")]);
  await token.write.approve([arena.address, 2n ** 255n], { account: node.account });
  await arena.write.stake([1n, ROLE_NODE, MIN], { account: node.account });
  return { arena, falseArena, token, falseToken, admin: admin!, user: user! };
}

describe("Arena against malicious tokens", () => {
  it("blocks reentry from a token callback during stake, withdraw and claim", async () => {
    const { arena, token, user } = await networkHelpers.loadFixture(evilArena);
    const abi = arena.abi;
    // stake → transferFrom → reenters stake
    await token.write.arm([
      arena.address,
      encodeFunctionData({ abi, functionName: "stake", args: [1n, ROLE_VALIDATOR, MIN] }),
    ]);
    await viem.assertions.revertWithCustomError(
      arena.write.stake([1n, ROLE_VALIDATOR, MIN], { account: user.account }),
      arena,
      "ReentrancyGuardReentrantCall",
    );
    await token.write.disarm();
    // claim → transfer → reenters claim (a second payout of the same balance)
    await arena.write.requestUnstake([1n, MIN], { account: user.account });
    const node = (await viem.getWalletClients())[2]!;
    await submitAndDraw(conn, arena, 1n, 1n, [node], () => ["ipfs://m", modelHash("m")]);
    const r = { nodeIndices: [0n], scores: [1_000_000], salt: salt("r") };
    await commit(arena, 1n, 1n, user, r);
    await goTo(conn, arena, 1n, 1n, "reveal");
    await reveal(arena, 1n, 1n, user, r);
    await goTo(conn, arena, 1n, 1n, "end");
    for (const e of [0n, 1n]) await arena.write.settle([1n, e, 100n]);
    const owed = await arena.read.claimableOf([addr(user)]);
    assert.ok(owed > 0n);
    await token.write.arm([arena.address, encodeFunctionData({ abi, functionName: "claim", args: [[]] })]);
    await viem.assertions.revertWithCustomError(
      arena.write.claim([[]], { account: user.account }),
      arena,
      "ReentrancyGuardReentrantCall",
    );
    await token.write.disarm();
    const before = await token.read.balanceOf([addr(user)]);
    await arena.write.claim([[]], { account: user.account });
    assert.equal((await token.read.balanceOf([addr(user)])) - before, owed);

    // withdraw → transfer → reenters withdraw (a second payout of the same unbonding)
    await goTo(conn, arena, 1n, 2n, "start");
    await token.write.arm([arena.address, encodeFunctionData({ abi, functionName: "withdraw", args: [1n] })]);
    await viem.assertions.revertWithCustomError(
      arena.write.withdraw([1n], { account: user.account }),
      arena,
      "ReentrancyGuardReentrantCall",
    );
    await token.write.disarm();
    await arena.write.withdraw([1n], { account: user.account });
    assert.equal((await arena.read.unbondingOf([1n, addr(user)])).amount, 0n);
  });

  it("reverts when a token reports a failed transfer instead of losing track of funds", async () => {
    const { falseArena, falseToken, user } = await networkHelpers.loadFixture(evilArena);
    await falseToken.write.setFailing([true]);
    await viem.assertions.revertWithCustomError(
      falseArena.write.createTask([taskParams(), parseEther("100")]),
      falseArena,
      "SafeERC20FailedOperation",
    );
    await falseToken.write.setFailing([false]);
    await falseArena.write.createTask([taskParams(), parseEther("100")]);
    await falseArena.write.stake([1n, ROLE_VALIDATOR, MIN], { account: user.account });
    await falseArena.write.requestUnstake([1n, MIN], { account: user.account });
    await goTo(conn, falseArena, 1n, 2n, "start");
    await falseToken.write.setFailing([true]);
    await viem.assertions.revertWithCustomError(
      falseArena.write.withdraw([1n], { account: user.account }),
      falseArena,
      "SafeERC20FailedOperation",
    );
    assert.equal(
      (await falseArena.read.unbondingOf([1n, addr(user)])).amount,
      MIN,
      "nothing recorded as paid",
    );
  });
});
