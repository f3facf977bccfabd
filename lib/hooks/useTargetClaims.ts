"use client";

import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient } from "wagmi";
import type { TargetAccountView } from "@/lib/indexer/targets";
import { claimRows, type ClaimCandidate } from "@/lib/targets";
import { useIndexerView } from "@/lib/hooks/useIndexerView";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { readTargets } from "@/lib/targets/market";

/**
 * The account's claimable targets: the indexer names the filled targets that may pay it (and its past claims);
 * the chain says, at the latest block, which of them are still filled and claimable and for how much.
 */
export function useTargetClaims(account: Address | undefined, currentEpoch: bigint | undefined) {
  const { chainId } = useArenaChain();
  const address = useContractAddress("ArenaTargets");
  const client = usePublicClient({ chainId });
  const history = useIndexerView<TargetAccountView>(account ? `/v1/targets/account/${account}` : undefined);
  const pending = history.data?.pending;
  const live = useQuery({
    queryKey: [
      "target-claims",
      chainId,
      address,
      account,
      currentEpoch?.toString(),
      pending?.map((p) => p.target.id.toString()).join(","),
    ],
    enabled: Boolean(client && address && account && pending && currentEpoch !== undefined),
    queryFn: async () => {
      const ids = pending!.map((p) => p.target.id);
      const owners = new Map(pending!.map((p) => [p.target.id, p.modelOwner]));
      const targets = await readTargets(client!, address!, ids, currentEpoch!);
      const candidates = targets.flatMap((t): ClaimCandidate[] =>
        t.submission
          ? [
              {
                targetId: t.id,
                reward: t.reward,
                status: t.status,
                submitter: t.submission.submitter,
                modelOwner: owners.get(t.id)!,
                auditor: t.submission.auditor,
                confirmed: t.submission.confirmed,
                bond: t.submission.bond,
                fillEpoch: t.submission.fillEpoch,
              },
            ]
          : [],
      );
      return claimRows(candidates, account!, currentEpoch!);
    },
  });
  return { history, live };
}
