"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { arenaTargetsAbi } from "@/contracts-abi";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chains";
import { refreshAfterBlock } from "@/lib/indexer/refresh";
import { appConfig, LOCAL_RPC_URL } from "@/lib/config";
import { BLOCKHASH_WINDOW, seedStep } from "@/lib/targets";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import type { MarketLive } from "@/lib/targets/market";

const button = "rounded border border-amber-700 px-2 py-0.5 disabled:opacity-50";

/**
 * The current epoch's seed draw, in two steps anyone may take: fix the next block, then (once that block exists)
 * read its hash, which opens the epoch's targets. Nobody can know the seed when fixing the block, and nobody can
 * redraw it once it can be read (only after 256 unread blocks).
 */
export function SeedDraw({ market }: { market: MarketLive }) {
  const { run } = useTransactor();
  const { isConnected, chainId } = useArenaChain();
  const queryClient = useQueryClient();
  const [mining, setMining] = useState(false);
  const opened = market.currentEpochOpened;
  const step = seedStep(opened, market.seedBlock, market.blockNumber);
  if (step === "opened") return null;
  const epoch = market.currentEpoch.toString();
  const local = appConfig.localTools && LOCAL_RPC_URL !== undefined && chainId === LOCAL_CHAIN_ID;
  const expired = market.seedBlock !== 0n && step === "request";

  const mineBlock = async () => {
    if (!LOCAL_RPC_URL) return;
    setMining(true);
    try {
      const { advanceTime } = await import("@/lib/chain/devTime");
      // Past the seed block, so that its hash is readable by the next transaction and its simulation.
      for (let b = market.blockNumber; b <= market.seedBlock; b++) await advanceTime(LOCAL_RPC_URL, 0);
      await refreshAfterBlock(queryClient, LOCAL_CHAIN_ID);
    } finally {
      setMining(false);
    }
  };

  /** One step's transaction: anyone connected may send it. */
  const stepButton = (label: string, functionName: "requestSeed" | "openEpoch", text: string) => (
    <button
      type="button"
      className={button}
      disabled={!isConnected}
      title={isConnected ? undefined : "Connect a wallet first"}
      onClick={() =>
        void run({ label, abi: arenaTargetsAbi, address: market.address, functionName, args: [] })
      }
    >
      {text}
    </button>
  );
  return (
    <div className="space-y-1 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="seed-draw">
      <p>
        Epoch {epoch} has no targets yet: its seed is drawn in two steps that anyone may take. Step 1 fixes
        the next block; step 2 reads that block&apos;s hash once it exists (within{" "}
        {BLOCKHASH_WINDOW.toString()} blocks), which opens the targets and draws the auditors of epoch{" "}
        {(market.currentEpoch - 1n).toString()}&apos;s fills.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        {step === "request" && (
          <>
            {expired && (
              <span>
                Block #{market.seedBlock.toString()} went unread for {BLOCKHASH_WINDOW.toString()} blocks: fix
                a new one.
              </span>
            )}
            {stepButton(`Fix the seed block of epoch ${epoch}`, "requestSeed", "Step 1: fix the seed block")}
          </>
        )}
        {step === "wait" && (
          <>
            <span data-testid="seed-wait">
              Seed block #{market.seedBlock.toString()} is not readable yet (latest #
              {market.blockNumber.toString()}); step 2 opens once a block follows it.
            </span>
            {local && (
              <button type="button" className={button} disabled={mining} onClick={() => void mineBlock()}>
                {mining ? "Mining…" : "Mine past the seed block (local chain)"}
              </button>
            )}
          </>
        )}
        {step === "open" && (
          <>
            <span>
              Readable until block #{(market.seedBlock + BLOCKHASH_WINDOW).toString()} (latest #
              {market.blockNumber.toString()}).
            </span>
            {stepButton(
              `Draw the seed and open epoch ${epoch}`,
              "openEpoch",
              `Step 2: draw the seed and open epoch ${epoch}`,
            )}
          </>
        )}
      </div>
    </div>
  );
}
