"use client";

import { useState } from "react";
import type { Hex } from "viem";
import { arenaTasksAbi } from "@/contracts-abi";
import { loadFinalEvalSecret, type FinalEvalSecret } from "@/lib/arena/commitStore";
import { finalEvalCommitment } from "@/lib/arena/params";
import { fetchEvalSetBytes } from "@/lib/scoring/evalSet";
import type { TaskView } from "@/lib/arena/indexer";
import type { PhaseName } from "@/lib/arena/phases";
import { formatTokenAmount } from "@/lib/format";
import { creatorStakeGate, reclaimPoolGate } from "@/lib/portfolio/arena";
import { useTaskChain } from "@/lib/hooks/useTaskChain";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { GatedButton } from "./GatedButton";
import { HashValue } from "./HashValue";
import { isBytes32 } from "@/lib/units";

/**
 * The creator's actions: cancel before anyone staked; reveal the held-back evaluation set in final validation;
 * take back the creator stake once the task has ended and what the epochs left in the pool once they are settled.
 */
export function CreatorPanel({
  task,
  phase,
  finalEvalCommit,
}: {
  task: TaskView;
  phase: PhaseName;
  finalEvalCommit?: Hex;
}) {
  const { chainId, address } = useArenaChain();
  const chainTask = useTaskChain(task.id);
  const [busy, setBusy] = useState(false);
  const send = async (label: string, functionName: "withdrawCreatorStake" | "reclaimPool") => {
    setBusy(true);
    await run({ label, abi: arenaTasksAbi, address: arena, functionName, args: [task.id] });
    setBusy(false);
  };
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const saved = readSecret(chainId, finalEvalCommit);
  const [uri, setUri] = useState(saved?.uri ?? "");
  const [salt, setSalt] = useState<string>(saved?.salt ?? "");
  const [error, setError] = useState<string>();
  const [checking, setChecking] = useState(false);
  const anyoneStaked = [...task.participants.values()].some((p) => p.ownStake > 0n || p.delegated > 0n);

  const reveal = async () => {
    if (!isBytes32(salt)) return setError("The salt is 32 bytes of hex (0x + 64 digits).");
    setError(undefined);
    setChecking(true);
    // The set is hashed from what its URI serves now: validators will check the same bytes against this hash.
    const fetched = await fetchEvalSetBytes(uri.trim()).catch((e: Error) => e);
    setChecking(false);
    if (fetched instanceof Error)
      return setError(`The held-back set cannot be fetched, so it cannot be revealed: ${fetched.message}`);
    const { sha256 } = fetched;
    if (finalEvalCommit && finalEvalCommitment(uri, sha256, salt as Hex) !== finalEvalCommit) {
      if (saved?.sha256 && saved.uri === uri && saved.salt === salt && saved.sha256 !== sha256)
        return setError(
          `The held-back set at ${uri} has changed since the task was created: its sha256 is now ${sha256}, you committed to ${saved.sha256}. Serve the original file again to reveal it.`,
        );
      return setError(
        `This URI, salt and the set's sha256 (${sha256}) do not match the commitment made when the task was created.`,
      );
    }
    await run({
      label: "Reveal the held-back evaluation set",
      abi: arenaTasksAbi,
      address: arena,
      functionName: "revealFinalEval",
      args: [task.id, uri, sha256, salt as Hex],
    });
  };

  return (
    <div className="space-y-3 text-sm" data-testid="creator-panel">
      {phase === "Submission" && !anyoneStaked && (
        <button
          type="button"
          className="rounded-md border border-rose-300 px-3 py-1.5 text-rose-800"
          onClick={() =>
            run({
              label: "Cancel task",
              abi: arenaTasksAbi,
              address: arena,
              functionName: "cancelTask",
              args: [task.id],
            })
          }
        >
          Cancel task and refund the pool
        </button>
      )}
      {phase === "FinalValidation" && !task.finalEvalURI && (
        <div className="space-y-2">
          <p>
            Reveal the held-back evaluation set so validators can score the final models on it. Each final
            epoch uses the set that was revealed when its seed was recorded: epochs whose seed is already
            recorded stay on the public set, so reveal early.
          </p>
          <label className="flex flex-col gap-1">
            Held-back set URI
            <input
              value={uri}
              onChange={(e) => setUri(e.target.value)}
              className="rounded border border-zinc-300 px-2 py-1"
            />
          </label>
          <label className="flex flex-col gap-1">
            Salt
            <input
              value={salt}
              onChange={(e) => setSalt(e.target.value.trim())}
              className="rounded border border-zinc-300 px-2 py-1 font-mono text-xs"
            />
          </label>
          {!saved && (
            <p className="text-amber-800">This browser has no record of the salt: paste the one you kept.</p>
          )}
          {saved?.sha256 && (
            <p className="text-zinc-600">
              Committed sha256 of the set: <HashValue hash={saved.sha256} testId="held-back-committed-hash" />
            </p>
          )}
          <button
            type="button"
            onClick={reveal}
            disabled={checking}
            className="rounded-md bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50"
          >
            {checking ? "Checking the set…" : "Reveal"}
          </button>
          {error && (
            <p role="alert" className="text-rose-700">
              {error}
            </p>
          )}
        </div>
      )}
      {chainTask && address && !chainTask.cancelled && (
        <div className="space-y-2" data-testid="creator-exit">
          {chainTask.creatorStake > 0n ? (
            <div className="flex flex-wrap items-center gap-3">
              <span>Creator stake: {formatTokenAmount(chainTask.creatorStake)} ARENA.</span>
              <GatedButton
                gate={creatorStakeGate(chainTask, address).gate}
                busy={busy}
                onClick={() => void send("Withdraw creator stake", "withdrawCreatorStake")}
              >
                Withdraw creator stake
              </GatedButton>
            </div>
          ) : (
            <p className="text-zinc-500">Creator stake: withdrawn.</p>
          )}
          {chainTask.poolReclaimed ? (
            <p className="text-zinc-500">What the epochs left in the pool was reclaimed.</p>
          ) : (
            <div className="flex flex-wrap items-center gap-3">
              <span>
                Pool left: {formatTokenAmount(chainTask.pool)} ARENA (pays the remaining epochs; what they
                leave comes back to you).
              </span>
              <GatedButton
                gate={reclaimPoolGate(chainTask, address).gate}
                busy={busy}
                onClick={() => void send("Reclaim the unused pool", "reclaimPool")}
              >
                Reclaim pool
              </GatedButton>
            </div>
          )}
        </div>
      )}
    </div>
  );
}

/** What the create form kept for the reveal (lib/arena/commitStore.ts; older forms are migrated on read). */
function readSecret(chainId: number, commit: Hex | undefined): FinalEvalSecret | undefined {
  if (!commit || typeof localStorage === "undefined") return undefined;
  try {
    return loadFinalEvalSecret(localStorage, chainId, commit);
  } catch {
    return undefined;
  }
}
