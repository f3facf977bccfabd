"use client";

import { useBlock, useReadContract } from "wagmi";
import { arenaTasksAbi } from "@/contracts-abi";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chains";
import { taskJumps } from "@/lib/dev/taskJumps";
import { formatTimestamp } from "@/lib/format";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/** "Next epoch / next phase of this task" for the task in view: its own epoch length, not a day. */
export function TaskJumps({
  taskId,
  busy,
  onJump,
}: {
  taskId: bigint;
  busy: boolean;
  onJump: (to: bigint, label: string) => void;
}) {
  const arena = useContractAddress("ArenaTasks");
  const task = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "getTask",
    args: [taskId],
    chainId: LOCAL_CHAIN_ID,
    query: { enabled: Boolean(arena) },
  });
  const block = useBlock({ chainId: LOCAL_CHAIN_ID, query: { refetchInterval: 4000 } });
  if (!task.data || !block.data || task.data[0].creator === "0x0000000000000000000000000000000000000000")
    return null;
  const [state, config] = task.data;
  const jumps = taskJumps(
    {
      start: BigInt(state.start),
      epochLength: BigInt(config.epochLength),
      commitWindow: BigInt(config.commitWindow),
      revealWindow: BigInt(config.revealWindow),
      submissionEpochs: config.submissionEpochs,
      finalEpochs: config.finalEpochs,
      challengeEpochs: config.challengeEpochs,
    },
    block.data.timestamp,
  );
  return (
    <fieldset className="mt-3 border-t border-zinc-200 pt-2">
      <legend className="font-medium">Task #{taskId.toString()}</legend>
      {jumps.length === 0 ? (
        <p className="text-zinc-600">This task has ended: nothing lies ahead.</p>
      ) : (
        <div className="flex flex-col gap-1">
          {jumps.map((j) => (
            <button
              key={j.label}
              type="button"
              disabled={busy}
              className="rounded border border-zinc-300 px-2 py-1 text-left disabled:opacity-50"
              onClick={() => onJump(j.to, j.label)}
              title={formatTimestamp(j.to)}
            >
              {j.label}
            </button>
          ))}
        </div>
      )}
    </fieldset>
  );
}
