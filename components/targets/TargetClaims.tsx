"use client";

import Link from "next/link";
import { arenaTargetsAbi } from "@/contracts-abi";
import { formatTokenAmount } from "@/lib/format";
import { splitReward } from "@/lib/targets";
import { useTransactor } from "@/components/tx/TxProvider";
import { useArenaChain } from "@/components/wallet/useArenaChain";
import type { TargetInfo } from "./market";
import { useTargetsMarket } from "./useTargetsMarket";

/**
 * Claimable target rewards of the connected account: as submitter (45% + the bond), as the winning model's
 * owner (45%), or as the drawn auditor that confirmed it (10%). One claim pays all three.
 */
export function TargetClaims() {
  const market = useTargetsMarket();
  const { address, isConnected } = useArenaChain();
  const { run } = useTransactor();
  const me = address?.toLowerCase();
  const data = market.data;

  const rows = (data?.targets ?? []).flatMap((t) => {
    if (t.phase !== "claimable" || !t.submission || !me) return [];
    const owner = data?.models.find((m) => m.id === t.submission!.modelId)?.owner.toLowerCase();
    const asSubmitter = t.submission.submitter.toLowerCase() === me;
    const asOwner = owner === me;
    const asAuditor = t.submission.confirmed && t.submission.auditor.toLowerCase() === me;
    if (!asSubmitter && !asOwner && !asAuditor) return [];
    const split = splitReward(t.reward, t.submission.confirmed);
    const amount =
      (asSubmitter ? split.toSubmitter + t.submission.bond : 0n) +
      (asOwner ? split.toModel : 0n) +
      (asAuditor ? split.toAuditor : 0n);
    const role = [asSubmitter && "submitter", asOwner && "model owner", asAuditor && "auditor"]
      .filter(Boolean)
      .join(" and ");
    return [{ target: t, amount, role }];
  });

  const claim = (t: TargetInfo) =>
    run({
      label: `Claim target #${t.id}`,
      abi: arenaTargetsAbi,
      address: data?.address,
      functionName: "claim",
      args: [t.id],
    });

  return (
    <section aria-labelledby="target-claims">
      <h2 id="target-claims" className="mb-2 text-lg font-semibold">
        Claimable target rewards
      </h2>
      {!isConnected && <p className="text-zinc-600">Connect a wallet to see your claimable rewards.</p>}
      {isConnected && market.error && (
        <p role="alert" className="text-rose-800">
          Could not read claims: {market.error.message}
        </p>
      )}
      {isConnected && data && rows.length === 0 && (
        <p className="text-zinc-600">
          Nothing to claim: rewards become claimable after a target&apos;s audit epoch.
        </p>
      )}
      {rows.length > 0 && (
        <ul className="divide-y divide-zinc-100">
          {rows.map(({ target, amount, role }) => (
            <li key={target.id} className="flex items-center gap-4 py-2" data-testid="target-claim">
              <Link href={`/targets/${target.id}`} className="font-medium text-teal-800 underline">
                Target #{target.id.toString()}
              </Link>
              <span className="text-sm text-zinc-600">as {role}</span>
              <span className="ml-auto font-medium">{formatTokenAmount(amount)} ARENA</span>
              <button
                type="button"
                onClick={() => void claim(target)}
                className="rounded-md bg-teal-700 px-3 py-1 text-sm font-medium text-white hover:bg-teal-800"
              >
                Claim target #{target.id.toString()}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
