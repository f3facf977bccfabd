import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Address } from "viem";
import type { ParticipantView, TaskView } from "./indexer";
import { submissionRows } from "./submissions";

const A = "0x00000000000000000000000000000000000000aa" as Address;
const B = "0x00000000000000000000000000000000000000bb" as Address;
const sub = (epoch: number, nodeIndex: number, block: bigint, uri: string) => ({
  epoch,
  nodeIndex,
  block,
  uri,
  contentHash: "0x01" as const,
});
const node = (account: Address, submissions: ReturnType<typeof sub>[]) =>
  ({ account, role: "node", submissions }) as unknown as ParticipantView;

describe("submissionRows", () => {
  it("puts an epoch's result on the node's last submission and marks the earlier ones superseded", () => {
    const task = {
      participants: new Map([
        [A, node(A, [sub(1, 0, 10n, "first"), sub(1, 0, 12n, "second"), sub(2, 0, 20n, "third")])],
        [B, node(B, [sub(1, 1, 11n, "b")])],
      ]),
      nodeResults: [
        { epoch: 1, node: A, meanScore: 5n, weight: 1n, reward: 500n },
        { epoch: 1, node: B, meanScore: 4n, weight: 1n, reward: 300n },
      ],
    } as unknown as TaskView;
    const rows = submissionRows(task);
    assert.deepEqual(
      rows.map((r) => [r.uri, r.counted, r.result?.reward, r.supersededBy]),
      [
        ["third", true, undefined, undefined],
        ["second", true, 500n, undefined],
        ["first", false, undefined, 12n],
        ["b", true, 300n, undefined],
      ],
    );
    const paid = rows.reduce((s, r) => s + (r.result?.reward ?? 0n), 0n);
    assert.equal(paid, 800n, "each epoch's reward is counted once");
  });
});
