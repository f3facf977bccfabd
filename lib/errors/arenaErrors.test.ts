import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseEther } from "viem";
import { arenaTasksAbi } from "../../contracts-abi";
import { explainCustomError, registerCustomErrorExplainers } from "./customErrors";
import { ARENA_EXPLAINERS } from "./arenaErrors";

registerCustomErrorExplainers(ARENA_EXPLAINERS);

const node = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const other = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("arena error explanations", () => {
  it("explains every error the hardened protocol added", () => {
    const added = [
      "SelfChallenge",
      "ChallengeWindowClosed",
      "ChallengeNotAnswered",
      "ChallengeStillOpen",
      "SettlementPending",
      "SeedNotDrawn",
      "SeedBlockNotReached",
      "ModelNotCommitted",
      "ModelCommitTooRecent",
      "ModuleTokenMismatch",
    ];
    const inAbi = new Set<string>(arenaTasksAbi.filter((i) => i.type === "error").map((i) => i.name));
    for (const name of added) {
      assert.ok(inAbi.has(name), `${name} is in the ABI`);
      assert.ok(ARENA_EXPLAINERS[name], `${name} is explained`);
    }
    for (const name of Object.keys(ARENA_EXPLAINERS)) assert.ok(inAbi.has(name), `${name} exists`);
  });

  it("renders arguments for people: dates, epochs, amounts, short addresses", () => {
    assert.equal(
      explainCustomError("ChallengeStillOpen", [3n, 1_700_000_000n]),
      "Challenge #3 can be resolved from 2023-11-14 22:13 UTC, when its vote window is over.",
    );
    assert.match(explainCustomError("SettlementPending", [2n, 4n])!, /Settle epoch 4 \(anyone may\)/);
    assert.match(
      explainCustomError("SelfChallenge", [1n, node, other])!,
      /0x3C44…93BC cannot challenge 0x7099…79C8/,
    );
    assert.match(explainCustomError("ModelCommitTooRecent", [10n, 10n])!, /committed in block 10/);
    assert.match(explainCustomError("SeedBlockNotReached", [12n, 11n])!, /hash of block 12/);
    assert.match(explainCustomError("SeedNotDrawn", [1n, 2n])!, /Epoch 2 of task #1/);
    assert.match(
      explainCustomError("InvalidParameter", ["stake", parseEther("5"), 0n, parseEther("2")])!,
      /capped at 2 ARENA; this would make it 5 ARENA/,
    );
    assert.match(
      explainCustomError("BondTooLow", [parseEther("10"), parseEther("25")])!,
      /at least 25 ARENA/,
    );
  });
});
