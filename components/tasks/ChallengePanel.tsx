"use client";

import { useState } from "react";
import type { Address } from "viem";
import { arenaTasksAbi } from "@/contracts-abi";
import { canOpenChallenge, challengeState, countdown } from "@/lib/arena/challenges";
import type { ChallengeView, TaskView } from "@/lib/arena/indexer";
import type { PhaseName } from "@/lib/arena/phases";
import { formatTimestamp, formatTokenAmount, shortAddress } from "@/lib/format";
import { AmountInput, parseAmount } from "@/components/arena/AmountInput";
import { useEnsureAllowance } from "@/lib/hooks/useEnsureAllowance";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { GatedButton } from "./GatedButton";

const STAGE_LABELS = {
  answer: "waiting for the node's answer",
  vote: "answered: validators vote",
  resolvable: "windows over: anyone may resolve it",
  resolved: "resolved",
} as const;

/**
 * Challenges of stolen models (docs/ARCHITECTURE.md §3.2): anyone but the node and its delegators opens one with a bond
 * in the challenge phase; the node answers with a proof URI within one epoch length, then validators vote for
 * one more; ≥ 2/3 of validator stake upholding it (or no answer) moves the node's and its delegators' rewards.
 */
export function ChallengePanel({ task, phase, now }: { task: TaskView; phase: PhaseName; now: number }) {
  const { address } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const ensureAllowance = useEnsureAllowance();
  const nodes = [...task.participants.values()].filter((p) => p.role === "node" && p.submissions.length > 0);
  const [node, setNode] = useState<string>(nodes.find((n) => n.account !== address)?.account ?? "");
  const [bond, setBond] = useState(
    task.config ? formatTokenAmount(task.config.challengeBond, 18).replace(/,/g, "") : "",
  );
  const [error, setError] = useState<string | undefined>();
  const openGate = canOpenChallenge(task, phase, (node || undefined) as Address | undefined, address);

  const open = async () => {
    const parsed = parseAmount(bond, { min: task.config?.challengeBond });
    if (!parsed.ok) return setError(parsed.error);
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
      {phase === "Challenge" && nodes.length > 0 && address && (
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
          <GatedButton gate={openGate} onClick={open} primary>
            Approve and challenge
          </GatedButton>
        </div>
      )}
      {phase === "Challenge" && task.config && (
        <p className="text-xs text-zinc-500">
          The node has one epoch length to answer a challenge, then validators one more to vote; the
          node&apos;s rewards and its delegators&apos; stay escrowed until every challenge of it is resolved.
        </p>
      )}
      {challenges.length === 0 ? (
        <p className="text-zinc-500">No challenge in this task.</p>
      ) : (
        <ul className="space-y-3">
          {challenges.map((c) => (
            <ChallengeItem key={c.id.toString()} task={task} c={c} now={now} />
          ))}
        </ul>
      )}
    </div>
  );
}

function ChallengeItem({ task, c, now }: { task: TaskView; c: ChallengeView; now: number }) {
  const { address } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [proof, setProof] = useState("");
  const [error, setError] = useState<string>();
  const state = challengeState(task, c, now, address);
  const uphold = c.votes.filter((v) => v.uphold).reduce((s, v) => s + v.weight, 0n);
  const reject = c.votes.filter((v) => !v.uphold).reduce((s, v) => s + v.weight, 0n);
  const isNode = address === c.node;
  const me = address ? task.participants.get(address) : undefined;

  const answer = async () => {
    if (!proof.trim())
      return setError("Enter the URI of your proof (training log, proof of learning, watermark).");
    setError(undefined);
    const r = await run({
      label: "Answer challenge",
      abi: arenaTasksAbi,
      address: arena,
      functionName: "answerChallenge",
      args: [c.id, proof.trim()],
    });
    if (r.ok) setProof("");
  };
  const vote = (up: boolean) =>
    run({
      label: up ? "Vote to uphold" : "Vote to reject",
      abi: arenaTasksAbi,
      address: arena,
      functionName: "voteChallenge",
      args: [c.id, up],
    });

  return (
    <li className="rounded border border-zinc-200 p-3" data-testid="challenge" data-stage={state.stage}>
      <p>
        Challenge #{c.id.toString()}: {shortAddress(c.challenger)} challenges {shortAddress(c.node)} with a
        bond of {formatTokenAmount(c.bond)} ARENA ·{" "}
        <span className="font-medium">{STAGE_LABELS[state.stage]}</span>
      </p>
      <p className="text-zinc-600">
        Proof: {c.proofURI ?? "not answered yet"} · votes: uphold {formatTokenAmount(uphold)} / reject{" "}
        {formatTokenAmount(reject)}
        {c.settled &&
          ` · ${c.settled.upheld ? "upheld" : "rejected"}, ${formatTokenAmount(c.settled.transferred)} ARENA moved`}
      </p>
      {!c.settled && (
        <ul className="mt-1 text-xs text-zinc-600" data-testid="challenge-deadlines">
          <li>Answer by {countdown(c.answerDeadline, now)}</li>
          <li>Votes until {countdown(c.voteDeadline, now)}</li>
          <li>Resolvable from {formatTimestamp(state.resolvableAt)}</li>
        </ul>
      )}
      {!c.settled && (
        <div className="mt-2 flex flex-wrap items-center gap-2">
          {isNode && c.proofURI === undefined && (
            <>
              <input
                aria-label="Proof URI"
                value={proof}
                onChange={(e) => setProof(e.target.value)}
                placeholder="Training log, proof of learning or watermark URI"
                className="min-w-72 rounded border border-zinc-300 px-2 py-1"
              />
              <GatedButton gate={state.answer} onClick={answer}>
                Answer
              </GatedButton>
            </>
          )}
          {me?.role === "validator" && (
            <>
              <GatedButton gate={state.vote} onClick={() => vote(true)}>
                Vote uphold
              </GatedButton>
              {state.vote.ok && (
                <GatedButton gate={state.vote} onClick={() => vote(false)}>
                  Vote reject
                </GatedButton>
              )}
            </>
          )}
          <GatedButton
            gate={state.resolve}
            onClick={() =>
              run({
                label: "Resolve challenge",
                abi: arenaTasksAbi,
                address: arena,
                functionName: "resolveChallenge",
                args: [c.id],
              })
            }
          >
            Resolve
          </GatedButton>
        </div>
      )}
      {error && (
        <p role="alert" className="mt-1 text-rose-700">
          {error}
        </p>
      )}
    </li>
  );
}
