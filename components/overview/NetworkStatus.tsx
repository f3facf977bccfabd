"use client";

import { useBlockNumber, useReadContracts } from "wagmi";
import { arenaTokenAbi, deployments } from "@/contracts-abi";
import { formatTokenAmount } from "@/lib/format";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

export function NetworkStatus() {
  const { chain, chainId } = useArenaChain();
  const deployed = deployments[chainId];
  const token = deployed?.ArenaToken?.address;
  const blockNumber = useBlockNumber({ chainId, watch: false });
  const reads = useReadContracts({
    contracts: [
      { abi: arenaTokenAbi, address: token, functionName: "totalSupply", chainId },
      { abi: arenaTokenAbi, address: token, functionName: "symbol", chainId },
    ],
    query: { enabled: Boolean(token) },
  });
  const unreachable = blockNumber.isError;
  return (
    <section className="rounded-lg border border-zinc-200 bg-white p-5" aria-labelledby="network-title">
      <h2 id="network-title" className="text-lg font-semibold">
        Network
      </h2>
      {unreachable && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          Cannot reach {chain.name} at {chain.rpcUrls.default.http[0]}. Locally, start it with `npm run dev`.
        </p>
      )}
      <dl className="mt-3 grid grid-cols-[7rem_minmax(0,1fr)] gap-x-2 gap-y-2 text-sm">
        <dt className="text-zinc-500">Chain</dt>
        <dd>
          {chain.name} ({chain.id})
        </dd>
        <dt className="text-zinc-500">Latest block</dt>
        <dd data-testid="block-number">{blockNumber.data?.toString() ?? (unreachable ? "—" : "…")}</dd>
        <dt className="text-zinc-500">Token supply</dt>
        <dd>
          {reads.data?.[0]?.result !== undefined
            ? `${formatTokenAmount(reads.data[0].result, 0)} ${reads.data[1]?.result ?? ""}`
            : deployed
              ? "…"
              : "not deployed on this chain"}
        </dd>
        <dt className="text-zinc-500">Contracts</dt>
        <dd className="space-y-1">
          {deployed ? (
            Object.entries(deployed).map(([name, d]) => (
              <div key={name} className="flex flex-wrap items-baseline justify-between gap-x-2">
                <span>{name}</span>
                <span className="min-w-0 font-mono text-xs break-all" title={d?.address}>
                  {d?.address}
                </span>
              </div>
            ))
          ) : (
            <span>none</span>
          )}
        </dd>
      </dl>
    </section>
  );
}
