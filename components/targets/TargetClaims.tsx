"use client";

import Link from "next/link";
import { arenaTargetsAbi } from "@/contracts-abi";
import { formatTokenAmount, shortAddress } from "@/lib/format";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import type { MarketLive } from "@/lib/targets/market";
import { useTargetClaims } from "@/lib/hooks/useTargetClaims";

/**
 * Claimable target rewards of the connected account: as submitter (45% + the bond), as the winning model's
 * owner (45%), or as the drawn auditor that confirmed it (10%). One claim pays all three. Below, what the
 * account claimed before (from the indexer).
 */
export function TargetClaims({ market }: { market: MarketLive }) {
  const { address, isConnected } = useArenaChain();
  const { run } = useTransactor();
  const { history, live } = useTargetClaims(address, market.currentEpoch);
  const rows = live.data ?? [];
  const error = history.error ?? live.error;

  const claim = (id: bigint) =>
    run({
      label: `Claim target #${id}`,
      abi: arenaTargetsAbi,
      address: market.address,
      functionName: "claim",
      args: [id],
    });

  return (
    <section aria-labelledby="target-claims">
      <h2 id="target-claims" className="mb-2 text-lg font-semibold">
        Claimable target rewards
      </h2>
      {!isConnected && <p className="text-zinc-600">Connect a wallet to see your claimable rewards.</p>}
      {isConnected && error && (
        <p role="alert" className="text-rose-800">
          Could not read claims: {error.message.split("\n")[0]}
        </p>
      )}
      {isConnected && !error && (history.isPending || (live.isPending && live.fetchStatus !== "idle")) && (
        <p className="text-zinc-500">Reading your claims…</p>
      )}
      {isConnected && live.data && rows.length === 0 && (
        <p className="text-zinc-600">
          Nothing to claim: rewards become claimable after a target&apos;s audit epoch.
        </p>
      )}
      {rows.length > 0 && (
        <ul className="divide-y divide-zinc-100">
          {rows.map(({ targetId, amount, role }) => (
            <li key={targetId} className="flex items-center gap-4 py-2" data-testid="target-claim">
              <Link href={`/targets/${targetId}`} className="font-medium text-teal-800 underline">
                Target #{targetId.toString()}
              </Link>
              <span className="text-sm text-zinc-600">as {role}</span>
              <span className="ml-auto font-medium">{formatTokenAmount(amount)} ARENA</span>
              <button
                type="button"
                onClick={() => void claim(targetId)}
                className="rounded-md bg-teal-700 px-3 py-1 text-sm font-medium text-white hover:bg-teal-800"
              >
                Claim target #{targetId.toString()}
              </button>
            </li>
          ))}
        </ul>
      )}
      {history.data && history.data.claims.length > 0 && (
        <>
          <h3 className="mt-4 mb-1 text-sm font-medium text-zinc-700">Your past claims</h3>
          <ul className="text-sm" data-testid="my-target-claims">
            {history.data.claims.map((c) => {
              const me = address?.toLowerCase();
              const got =
                (c.submitter.toLowerCase() === me ? c.submitterReward + c.bondReturned : 0n) +
                (c.modelOwner.toLowerCase() === me ? c.modelReward : 0n) +
                (c.auditor.toLowerCase() === me ? c.auditorFee : 0n);
              return (
                <li key={c.targetId} className="py-0.5">
                  Target #{c.targetId.toString()}: {formatTokenAmount(got)} ARENA to you (submitter{" "}
                  {shortAddress(c.submitter)}, block {c.block.toString()})
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
