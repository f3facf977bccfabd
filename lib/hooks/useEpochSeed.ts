"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useBlockNumber, useConfig, useReadContract } from "wagmi";
import { getBlockNumber } from "wagmi/actions";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import type { EpochWindow } from "@/lib/arena/phases";
import { seedReadableAt, seedStep } from "@/lib/arena/seed";
import { waitForBlock } from "@/lib/chain/blocks";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chains";
import { mineBlocks } from "@/lib/chain/devTime";
import { appConfig, LOCAL_RPC_URL } from "@/lib/config";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { refreshAfterBlock } from "@/lib/indexer/refresh";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/**
 * An epoch's two-step seed (ArenaLifecycle.drawSeed): its state read from chain, and the action that draws it
 * and then makes sure the fixed block and one after it exist (mined on the local chain, awaited on live ones).
 */
export function useEpochSeed(task: TaskView, epoch: number, window: EpochWindow) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [progress, setProgress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const local = chainId === LOCAL_CHAIN_ID && appConfig.localTools && Boolean(LOCAL_RPC_URL);
  const args = [task.id, BigInt(epoch)] as const;
  const seedBlock = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "seedBlockOf",
    args,
    chainId,
    query: { enabled: Boolean(arena) },
  });
  const fixed = Boolean(seedBlock.data);
  const epochState = useReadContract({
    abi: arenaTasksAbi,
    address: arena,
    functionName: "getEpoch",
    args,
    chainId,
    query: {
      enabled: Boolean(arena),
      // While the fixed block is being mined, poll until the seed reads back.
      refetchInterval: (q) => (fixed && BigInt(q.state.data?.[0].seed ?? 0) === 0n ? 2_000 : false),
    },
  });
  const seed = epochState.data?.[0].seed;
  const waiting = fixed && BigInt(seed ?? 0) === 0n;
  const latest = useBlockNumber({ chainId, query: { refetchInterval: waiting ? 2_000 : false } });
  const step = seedStep({ seed, seedBlock: seedBlock.data ?? 0n, latest: latest.data ?? 0n, window });

  /** Waits (or mines, locally) until block `target` exists, then refreshes every read. */
  const reach = async (target: bigint) => {
    await waitForBlock(target, {
      blockNumber: () => getBlockNumber(config, { chainId, cacheTime: 0 }),
      mine: local ? (n) => mineBlocks(LOCAL_RPC_URL!, n) : undefined,
      onProgress: (at, t) =>
        setProgress(at >= t ? "Seed block reached." : `Waiting for block ${t} (the chain is at ${at})…`),
    });
    await refreshAfterBlock(queryClient, chainId);
  };

  const draw = async () => {
    setBusy(true);
    setProgress("Fixing the seed block…");
    try {
      const r = await run({
        label: `Draw the seed of epoch ${epoch}`,
        abi: arenaTasksAbi,
        address: arena,
        functionName: "drawSeed",
        args,
      });
      if (!r.ok) return setProgress(null);
      await reach(seedReadableAt(r.receipt.blockNumber));
      setProgress("Seed drawn: your assignments are below.");
    } catch (e) {
      setProgress(`Could not reach the seed block: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const resume = async () => {
    if (step.step !== "waiting") return;
    setBusy(true);
    try {
      await reach(step.until);
    } catch (e) {
      setProgress(`Could not reach the seed block: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const recorded = task.seeds.get(epoch)?.seed !== undefined;
  return {
    step,
    progress,
    busy,
    local,
    draw,
    resume,
    /** Set once the seed is recorded: whether this (final) epoch is scored on the held-back set. */
    recordedSet: recorded && epochState.data ? { heldBackSet: epochState.data[0].heldBackSet } : undefined,
    error: epochState.error ?? seedBlock.error,
  };
}
