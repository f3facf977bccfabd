"use client";

import { useState } from "react";
import type { Address } from "viem";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import type { PhaseName } from "@/lib/arena/phases";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { useEnsureAllowance } from "@/components/arena/useApproval";
import { useTransactor } from "@/components/tx/TxProvider";
import { useArenaChain, useContractAddress } from "@/components/wallet/useArenaChain";

/**
 * Challenges of stolen models (ARCHITECTURE §3.2): anyone opens one with a bond in the challenge phase, the node
 * answers with a proof URI, validators vote; ≥ 2/3 of validator stake upholding it moves the node's rewards.
 */
export function ChallengePanel({ task, phase }: { task: TaskView; phase: PhaseName }) {
  const { address } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const ensureAllowance = useEnsureAllowance();
  const nodes = [...task.participants.values()].filter((p) => p.role === "node" && p.submissions.length > 0);
  const [node, setNode] = useState<string>(nodes[0]?.account ?? "");
  const [bond, setBond] = useState(
    task.config ? formatTokenAmount(task.config.challengeBond, 18).replace(/,/g, "") : "",
  );
  const [proof, setProof] = useState("");
  const [error, setError] = useState<string | undefined>();
  const me = address ? task.participants.get(address) : undefined;
  const isValidator = me?.role === "validator" && me.ownStake > 0n;

  const open = async () => {
    const parsed = parseAmount(bond, { min: task.config?.challengeBond });
    if (!parsed.ok) return setError(parsed.error);
    if (!node) return setError("Pick the node whose model you challenge.");
    setError(undefined);
    if (!(await ensureAllowance(arena, parsed.value)).ok) return;
    await run({
      label: "Open challenge",
      abi: arenaTasksAbi,
      address: arena,
      functionName: "openChallenge",
      args: [task.id, node as Address, parsed.value],
    });
  };

  const challenges = [...task.challenges.values()];
  return (
    <div className="space-y-4 text-sm" data-testid="challenge-panel">
      {phase === "Challenge" && nodes.length > 0 && (
        <div className="flex flex-wrap items-end gap-3">
          <label className="flex flex-col gap-1">
            Node
            <select
              value={node}
              onChange={(e) => setNode(e.target.value)}
              className="rounded border border-zinc-300 px-2 py-1"
            >
              {nodes.map((n) => (
                <option key={n.account} value={n.account}>
                  {shortAddress(n.account)}
                </option>
              ))}
            </select>
          </label>
          <AmountInput label="Bond" value={bond} onChange={setBond} error={error} />
          <button type="button" onClick={open} className="rounded-md bg-teal-700 px-3 py-1.5 text-white">
            Approve and challenge
          </button>
        </div>
      )}
      {challenges.length === 0 ? (
        <p className="text-zinc-500">No challenge in this task.</p>
      ) : (
        <ul className="space-y-3">
          {challenges.map((c) => {
            const uphold = c.votes.filter((v) => v.uphold).reduce((s, v) => s + v.weight, 0n);
            const reject = c.votes.filter((v) => !v.uphold).reduce((s, v) => s + v.weight, 0n);
            const voted = c.votes.some((v) => v.validator === address);
            const call = (label: string, functionName: "voteChallenge" | "resolveChallenge", up?: boolean) =>
              functionName === "voteChallenge"
                ? run({ label, abi: arenaTasksAbi, address: arena, functionName, args: [c.id, up ?? false] })
                : run({ label, abi: arenaTasksAbi, address: arena, functionName, args: [c.id] });
            return (
              <li
                key={c.id.toString()}
                className="rounded border border-zinc-200 p-3"
                data-testid="challenge"
              >
                <p>
                  Challenge #{c.id.toString()}: {shortAddress(c.challenger)} challenges {shortAddress(c.node)}{" "}
                  with a bond of {formatTokenAmount(c.bond)} ARENA.
                </p>
                <p className="text-zinc-600">
                  Proof: {c.proofURI ?? "not answered yet"} · votes: uphold {formatTokenAmount(uphold)} /
                  reject {formatTokenAmount(reject)}
                  {c.settled && ` · ${c.settled.upheld ? "upheld" : "rejected"}`}
                </p>
                {!c.settled && (
                  <div className="mt-2 flex flex-wrap gap-2">
                    {address === c.node && !c.proofURI && (
                      <>
                        <input
                          aria-label="Proof URI"
                          value={proof}
                          onChange={(e) => setProof(e.target.value)}
                          placeholder="Training log, proof of learning or watermark URI"
                          className="min-w-72 rounded border border-zinc-300 px-2 py-1"
                        />
                        <button
                          type="button"
                          className="rounded-md border border-zinc-300 px-3 py-1"
                          onClick={() =>
                            run({
                              label: "Answer challenge",
                              abi: arenaTasksAbi,
                              address: arena,
                              functionName: "answerChallenge",
                              args: [c.id, proof],
                            })
                          }
                        >
                          Answer
                        </button>
                      </>
                    )}
                    {isValidator && !voted && (
                      <>
                        <button
                          type="button"
                          className="rounded-md border border-zinc-300 px-3 py-1"
                          onClick={() => call("Vote to uphold", "voteChallenge", true)}
                        >
                          Vote uphold
                        </button>
                        <button
                          type="button"
                          className="rounded-md border border-zinc-300 px-3 py-1"
                          onClick={() => call("Vote to reject", "voteChallenge", false)}
                        >
                          Vote reject
                        </button>
                      </>
                    )}
                    <button
                      type="button"
                      className="rounded-md border border-zinc-300 px-3 py-1"
                      onClick={() => call("Resolve challenge", "resolveChallenge")}
                    >
                      Resolve
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
