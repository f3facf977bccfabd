"use client";

import { useMemo } from "react";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";
import { machineRegistryAbi } from "@/contracts-abi";
import {
  BASE_TASK_SCORE,
  epochUptimeBps,
  machinesPath,
  meanLatencyMs,
  type MachineEpochView,
  type MachinesOverview,
} from "@/lib/indexer/machines";
import { useIndexerView } from "@/lib/hooks/useIndexerView";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import { wadToNumber } from "@/lib/units";

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
  /** Running epoch's uptime, 0–1 (from the chain: it moves with time alone). */
  uptime: number;
  /** Mean reported latency of the running epoch, else of the previous one; null when never reported. */
  latencyMs: number | null;
  /** Running epoch's AI task score (1–2); null while the indexer's history is unavailable. */
  taskScore: number | null;
  /** Jobs reported in the running epoch, and ever; null while the indexer's history is unavailable. */
  jobs: number | null;
  totalJobs: number | null;
  /** Per-epoch history (empty while the indexer's history is unavailable). */
  history: EpochPoint[];
};

/**
 * Every registered machine: its profile, stake and running-epoch uptime from the chain (exact at this block),
 * its per-epoch history (heartbeats, latency, jobs, task score) and recent jobs from the indexer.
 */
export function useMachines() {
  const { chainId } = useArenaChain();
  const registry = useContractAddress("MachineRegistry");
  const common = { abi: machineRegistryAbi, address: registry, chainId } as const;
  const query = { enabled: Boolean(registry), refetchInterval: REFRESH_MS };
  const clock = useReadContracts({
    contracts: [
      { ...common, functionName: "currentEpoch" },
      { ...common, functionName: "currentSlot" },
      { ...common, functionName: "slotsPerEpoch" },
    ],
    allowFailure: false,
    query,
  });
  const listRead = useReadContract({ ...common, functionName: "getMachines", args: [0n, 100n], query });
  const [epoch, nowSlot, slotsPerEpoch] = clock.data ?? [];
  const list = listRead.data;
  const from =
    epoch === undefined ? 0n : epoch >= BigInt(HISTORY_EPOCHS - 1) ? epoch - BigInt(HISTORY_EPOCHS - 1) : 0n;
  const uptimeRead = useReadContracts({
    contracts: (list ?? []).map(
      (_, i) => ({ ...common, functionName: "uptimeBps", args: [BigInt(i), epoch ?? 0n] }) as const,
    ),
    allowFailure: false,
    query: {
      enabled: Boolean(registry && list && list.length > 0 && epoch !== undefined),
      refetchInterval: REFRESH_MS,
    },
  });
  const history = useIndexerView<MachinesOverview>(
    epoch === undefined ? undefined : machinesPath(from, epoch),
    REFRESH_MS,
  );

  const rows = useMemo<MachineRow[]>(() => {
    const past = history.data;
    const uptimes = uptimeRead.data;
    if (!list || epoch === undefined || nowSlot === undefined || !slotsPerEpoch || !uptimes) return [];
    const stats = new Map<string, MachineEpochView>(
      (past?.epochs ?? []).map((e) => [`${e.machineId}:${e.epoch}`, e]),
    );
    return list.map((m, i) => {
      const id = BigInt(i);
      const at = (e: bigint) => stats.get(`${id}:${e}`);
      const points: EpochPoint[] = [];
      for (let e = from; past && e <= epoch; e++) {
        const s = at(e);
        const uptime =
          e === epoch
            ? uptimes[i]!
            : epochUptimeBps({
                heartbeats: s?.heartbeats ?? 0,
                epoch: e,
                registeredSlot: m.registeredSlot,
                nowSlot,
                slotsPerEpoch,
              });
        points.push({
          epoch: Number(e),
          uptime: Number(uptime) / 10_000,
          taskScore: wadToNumber(s?.taskScore ?? BASE_TASK_SCORE),
          latencyMs: meanLatencyMs(s),
        });
      }
      const current = at(epoch);
      return {
        id,
        operator: m.operator,
        endpoint: m.endpoint,
        region: m.region,
        tier: m.tier,
        active: m.active,
        stake: m.stake,
        uptime: Number(uptimes[i]!) / 10_000,
        latencyMs: meanLatencyMs(current) ?? (epoch > 0n ? meanLatencyMs(at(epoch - 1n)) : null),
        taskScore: past ? wadToNumber(current?.taskScore ?? BASE_TASK_SCORE) : null,
        jobs: past ? (current?.jobs ?? 0) : null,
        totalJobs: past ? (past.jobTotals.get(id)?.jobs ?? 0) : null,
        history: points,
      };
    });
  }, [list, epoch, nowSlot, slotsPerEpoch, uptimeRead.data, history.data, from]);

  return {
    registry,
    epoch,
    rows,
    recentJobs: history.data?.recentJobs ?? [],
    isLoading: clock.isLoading || listRead.isLoading || uptimeRead.isLoading || history.isLoading,
    error: clock.error ?? listRead.error ?? uptimeRead.error,
    historyError: history.error,
    historyRefreshError: history.refreshError,
    historyUpdatedAt: history.dataUpdatedAt,
  };
}
