import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeErrorResult, parseEther, type Abi, type AbiParameter, type Hex } from "viem";
import { abis, arenaTargetsAbi, arenaTasksAbi, type ContractName } from "../../contracts-abi";
import { decodeRevert, everyError, explainDecoded, explainerFor } from "./registry";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** A plausible value for each ABI type, so every error can be encoded and explained. */
function sample(p: AbiParameter, i: number): unknown {
  if (p.type === "address") return ALICE;
  if (p.type === "bool") return true;
  if (p.type === "string") return "epochLength";
  if (p.type.startsWith("bytes")) return `0x${"ab".repeat(p.type === "bytes" ? 4 : Number(p.type.slice(5)))}`;
  if (p.type.startsWith("uint8")) return i + 1;
  const name = p.name ?? "";
  if (/At$|deadline/.test(name)) return 1_800_000_000n + BigInt(i);
  if (
    /stake|amount|balance|allowance|needed|bond|requested|available|total|cap|weight|pool/i.test(name) &&
    !/count/i.test(name)
  )
    return BigInt(i + 2) * 10n ** 18n + 5n * 10n ** 17n;
  if (p.type.startsWith("uint") || p.type.startsWith("int")) return BigInt(i + 3);
  throw new Error(`no sample for ${p.type}`);
}

/** Errors whose arguments the generic samples would make absurd. */
const SAMPLES: Record<string, readonly unknown[]> = {
  InvalidJobWeight: [parseEther("12"), parseEther("10")],
  ReporterCapExceeded: [ALICE, 1n, 4n, parseEther("5"), parseEther("5")],
};

function encode(contract: ContractName, name: string, args: readonly unknown[]): Hex {
  return encodeErrorResult({ abi: abis[contract] as Abi, errorName: name, args } as never);
}

describe("the error registry", () => {
  it("explains every custom error of every generated ABI", () => {
    const missing = everyError()
      .filter(({ contract, item }) => !explainerFor(contract, item.name))
      .map(({ contract, item }) => `${contract}.${item.name}`);
    assert.deepEqual(missing, []);
    const names = new Set(everyError().map((c) => `${c.contract}.${c.item.name}`));
    assert.ok(names.size > 150, `walked ${names.size} errors`);
  });

  it("renders every error with sample arguments, without undefined, NaN or raw 18-decimal numbers", () => {
    for (const { contract, item } of everyError()) {
      const args = SAMPLES[item.name] ?? item.inputs.map(sample);
      const decoded = decodeRevert(encode(contract, item.name, args), contract);
      assert.equal(decoded?.name, item.name, `${contract}.${item.name} decodes`);
      const text = explainDecoded(decoded!, { epochStart: (e) => 1_800_000_000n + e * 600n });
      assert.ok(text, `${contract}.${item.name} has words`);
      assert.doesNotMatch(text, /undefined|NaN|\[object|Infinity/, `${contract}.${item.name}: ${text}`);
      assert.doesNotMatch(
        text,
        /\d{13,}|\d{1,3}(,\d{3}){4,}/,
        `${contract}.${item.name}: no raw big number: ${text}`,
      );
      assert.doesNotMatch(text, /0x[0-9a-fA-F]{12,}/, `${contract}.${item.name} shortens hex: ${text}`);
    }
  });

  it("RewardShareChangeTooSoon gives the date", () => {
    const decoded = decodeRevert(encode("ArenaTasks", "RewardShareChangeTooSoon", [1_798_974_884n]));
    assert.equal(
      explainDecoded(decoded!),
      "Your reward share (ρ) may change once every 30 days; the next change is possible from 2027-01-03 11:14 UTC.",
    );
  });

  it("UnbondingNotOver gives epochs, the date when the task is known, and how long to wait", () => {
    const decoded = decodeRevert(encode("ArenaTasks", "UnbondingNotOver", [4n, 2n]))!;
    assert.equal(
      explainDecoded(decoded),
      "Your unstaked tokens are still unbonding: they can be withdrawn from epoch 4; this is epoch 2, 2 epochs to go.",
    );
    const clock = { epochStart: (e: bigint) => 1_700_000_000n + e * 86_400n, now: 1_700_200_000n };
    assert.match(
      explainDecoded(decoded, clock)!,
      /from epoch 4 \(starts 2023-11-18 22:13 UTC\); this is epoch 2, 2 epochs to go/,
    );
  });

  it("RevealMismatch shows both hashes short", () => {
    const committed = `0x${"12".repeat(31)}00` as const;
    const revealed = `0x${"34".repeat(32)}` as const;
    const text = explainDecoded(decodeRevert(encode("ArenaTasks", "RevealMismatch", [committed, revealed]))!);
    assert.equal(
      text,
      "These scores, receipt and salt hash to 0x3434…3434, which is not your commitment 0x1212…1200: reveal exactly the scores, receipt and salt you committed (import the commit backup of this epoch).",
    );
  });

  it("decodes a bare selector: 0x64ab3466 is NothingToClaim", () => {
    const decoded = decodeRevert("0x64ab3466");
    assert.equal(decoded?.name, "NothingToClaim");
    assert.equal(decoded?.contract, "ArenaTasks");
    const full = decodeRevert(encode("ArenaTasks", "NothingToClaim", [ALICE]));
    assert.match(explainDecoded(full!)!, /nothing to claim for 0x7099…79C8/);
  });

  it("a selector shared by two contracts decodes as the called contract's error", () => {
    const data = encodeErrorResult({ abi: arenaTasksAbi, errorName: "NoCommitment", args: [3n, ALICE] });
    assert.equal(
      data,
      encodeErrorResult({ abi: arenaTargetsAbi, errorName: "NoCommitment", args: [3n, ALICE] }),
    );
    assert.match(explainDecoded(decodeRevert(data, "ArenaTasks")!)!, /did not commit scores in epoch 3/);
    assert.match(explainDecoded(decodeRevert(data, "ArenaTargets")!)!, /submission to target #3/);
  });

  it("names differ by contract: InvalidParameter of tasks and of the machine registry", () => {
    const task = decodeRevert(
      encode("ArenaTasks", "InvalidParameter", ["stake", parseEther("5"), 0n, parseEther("2")]),
    );
    assert.match(explainDecoded(task!)!, /capped at 2 ARENA per task; this would make it 5 ARENA/);
    const window = decodeRevert(encode("ArenaTasks", "InvalidParameter", ["commitWindow", 700n, 1n, 598n]));
    assert.equal(explainDecoded(window!), "commitWindow must be between 1s and 9m 58s; it is 11m 40s.");
    const machine = decodeRevert(encode("MachineRegistry", "InvalidParameter", ["minStake"]));
    assert.match(explainDecoded(machine!)!, /machine registry's minStake/);
  });
});
