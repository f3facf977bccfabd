import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { parseEther } from "viem";

const DRIP = parseEther("1000");
const DAY = 24n * 60n * 60n;

describe("ArenaToken and Faucet", async () => {
  const { viem, networkHelpers } = await network.create();
  const [deployer, alice, bob] = await viem.getWalletClients();
  const publicClient = await viem.getPublicClient();

  async function deploy() {
    const token = await viem.deployContract("ArenaToken", [deployer!.account.address, parseEther("1000000")]);
    const faucet = await viem.deployContract("Faucet", [token.address, DRIP, DAY]);
    await token.write.transfer([faucet.address, parseEther("10000")]);
    return { token, faucet };
  }

  it("mints the whole supply to the holder", async () => {
    const { token } = await networkHelpers.loadFixture(deploy);
    assert.equal(await token.read.totalSupply(), parseEther("1000000"));
    assert.equal(await token.read.symbol(), "ARENA");
    assert.equal(await token.read.decimals(), 18);
  });

  it("accepts an EIP-2612 permit signed off chain", async () => {
    const { token } = await networkHelpers.loadFixture(deploy);
    const owner = alice!.account.address;
    const spender = bob!.account.address;
    const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
    const nonce = await token.read.nonces([owner]);
    const signature = await alice!.signTypedData({
      domain: {
        name: "Arena",
        version: "1",
        chainId: await publicClient.getChainId(),
        verifyingContract: token.address,
      },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner, spender, value: 123n, nonce, deadline },
    });
    const r = `0x${signature.slice(2, 66)}` as const;
    const s = `0x${signature.slice(66, 130)}` as const;
    const v = Number.parseInt(signature.slice(130, 132), 16);
    await token.write.permit([owner, spender, 123n, deadline, v, r, s]);
    assert.equal(await token.read.allowance([owner, spender]), 123n);
    assert.equal(await token.read.nonces([owner]), nonce + 1n);
  });

  it("drips once per cooldown per address and emits Dripped", async () => {
    const { token, faucet } = await networkHelpers.loadFixture(deploy);
    const asAlice = { account: alice!.account };
    await viem.assertions.emit(faucet.write.drip(asAlice), faucet, "Dripped");
    assert.equal(await token.read.balanceOf([alice!.account.address]), DRIP);

    const availableAt = await faucet.read.nextDripAt([alice!.account.address]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      faucet.write.drip(asAlice),
      faucet,
      "FaucetCooldown",
      [alice!.account.address, availableAt],
    );
    // Another address is not limited by Alice's drip.
    await faucet.write.drip({ account: bob!.account });

    await networkHelpers.time.increaseTo(availableAt);
    await faucet.write.drip(asAlice);
    assert.equal(await token.read.balanceOf([alice!.account.address]), 2n * DRIP);
  });

  it("refuses zero parameters and reports an empty faucet", async () => {
    const { token } = await networkHelpers.loadFixture(deploy);
    const faucetArtifact = await viem.deployContract("Faucet", [token.address, DRIP, DAY]);
    await viem.assertions.revertWithCustomErrorWithArgs(
      faucetArtifact.write.drip(),
      faucetArtifact,
      "FaucetEmpty",
      [0n, DRIP],
    );
    await assert.rejects(viem.deployContract("Faucet", [token.address, 0n, DAY]), /FaucetZeroParameter/);
    await assert.rejects(viem.deployContract("Faucet", [token.address, DRIP, 0n]), /FaucetZeroParameter/);
  });
});
