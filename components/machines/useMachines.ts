"use client";

import { useMemo } from "react";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { machineRegistryAbi } from "@/contracts-abi";
import { useArenaChain, useContractAddress } from "@/components/wallet/useArenaChain";

/** Epochs shown in the charts, the running one included. */
export const HISTORY_EPOCHS = 7;
const REFRESH_MS = 4_000;

export type EpochPoint = { epoch: number; uptime: number; taskScore: number; latencyMs: number | null };

export type MachineRow = {
  id: bigint;
  operator: Address;
  endpoint: string;
  region: string;
  tier: number;
  active: boolean;
  stake: bigint;
  /** Running epoch's uptime, 0–1. */
  uptime: number;
  /** Mean reported latency of the running epoch, else of the previous one; null when never reported. */
  latencyMs: number | null;
  /** Running epoch's AI task score (1–2). */
  taskScore: number;
  jobs: number;
  history: EpochPoint[];
};

const fromWad = (value: bigint) => Number(value) / 1e18;

/** Every registered machine with its running-epoch numbers and recent history, refreshed every few seconds. */
export function useMachines() {
  const { chainId } = useArenaChain();
  const registry = useContractAddress("MachineRegistry");
  const common = { abi: machineRegistryAbi, address: registry, chainId } as const;
  const query = { enabled: Boolean(registry), refetchInterval: REFRESH_MS };
  const epochRead = useReadContract({ ...common, functionName: "currentEpoch", query });
  const listRead = useReadContract({ ...common, functionName: "getMachines", args: [0n, 100n], query });
  const epoch = epochRead.data;
  const list = listRead.data;
  const from =
    epoch === undefined ? 0n : epoch >= BigInt(HISTORY_EPOCHS - 1) ? epoch - BigInt(HISTORY_EPOCHS - 1) : 0n;

  const detailRead = useReadContracts({
    contracts: (list ?? []).flatMap((_, i) => {
      const id = BigInt(i);
      const e = epoch ?? 0n;
      return [
        { ...common, functionName: "history", args: [id, from, e] },
        { ...common, functionName: "averageLatencyMs", args: [id, e > 0n ? e - 1n : 0n] },
        { ...common, functionName: "averageLatencyMs", args: [id, e] },
        { ...common, functionName: "epochStats", args: [id, e] },
      ] as const;
    }),
    query: {
      enabled: Boolean(registry && list && list.length > 0 && epoch !== undefined),
      refetchInterval: REFRESH_MS,
    },
  });

  const rows = useMemo<MachineRow[]>(() => {
    if (!list || epoch === undefined || !detailRead.data) return [];
    return list.flatMap((m, i) => {
      const [history, previousLatency, latency, stats] = detailRead.data.slice(i * 4, i * 4 + 4);
      if (history?.status !== "success" || latency?.status !== "success" || stats?.status !== "success")
        return [];
      const [uptimes, scores, latencies] = history.result as readonly [
        readonly bigint[],
        readonly bigint[],
        readonly bigint[],
      ];
      const points: EpochPoint[] = uptimes.map((u, j) => ({
        epoch: Number(from) + j,
        uptime: Number(u) / 10_000,
        taskScore: fromWad(scores[j] ?? 0n),
        latencyMs: latencies[j] ? Number(latencies[j]) : null,
      }));
      const [mean, samples] = latency.result as readonly [bigint, bigint];
      const previous =
        previousLatency?.status === "success"
          ? (previousLatency.result as readonly [bigint, bigint])
          : [0n, 0n];
      const current = points[points.length - 1];
      return [
        {
          id: BigInt(i),
          operator: m.operator,
          endpoint: m.endpoint,
          region: m.region,
          tier: m.tier,
          active: m.active,
          stake: m.stake,
          uptime: current?.uptime ?? 0,
          latencyMs: samples > 0n ? Number(mean) : previous[1] > 0n ? Number(previous[0]) : null,
          taskScore: current?.taskScore ?? 1,
          jobs: (stats.result as { jobs: number }).jobs,
          history: points,
        },
      ];
    });
  }, [list, epoch, detailRead.data, from]);

  return {
    registry,
    epoch,
    rows,
    isLoading: epochRead.isLoading || listRead.isLoading || detailRead.isLoading,
    error: epochRead.error ?? listRead.error ?? detailRead.error,
  };
}
