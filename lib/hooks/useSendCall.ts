"use client";

import { useCallback } from "react";
import { arenaTargetsAbi, arenaTasksAbi, machineRegistryAbi } from "@/contracts-abi";
import type { Call } from "@/lib/portfolio/lines";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { type TxResult } from "@/lib/tx/transactor";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/** Sends a portfolio line's call through the app's transactor. */
export function useSendCall() {
  const { run } = useTransactor();
  const arena = useContractAddress("ArenaTasks");
  const targets = useContractAddress("ArenaTargets");
  const machines = useContractAddress("MachineRegistry");
  return useCallback(
    (label: string, call: Call): Promise<TxResult> => {
      const tasks = { label, abi: arenaTasksAbi, address: arena } as const;
      const tg = { label, abi: arenaTargetsAbi, address: targets } as const;
      const mr = { label, abi: machineRegistryAbi, address: machines } as const;
      switch (call.contract) {
        case "ArenaTasks":
          switch (call.fn) {
            case "requestUnstake":
              return run({ ...tasks, functionName: "requestUnstake", args: call.args });
            case "withdraw":
              return run({ ...tasks, functionName: "withdraw", args: call.args });
            case "undelegate":
              return run({ ...tasks, functionName: "undelegate", args: call.args });
            case "withdrawDelegation":
              return run({ ...tasks, functionName: "withdrawDelegation", args: call.args });
            case "claim":
              return run({ ...tasks, functionName: "claim", args: call.args });
            case "withdrawCreatorStake":
              return run({ ...tasks, functionName: "withdrawCreatorStake", args: call.args });
            case "reclaimPool":
              return run({ ...tasks, functionName: "reclaimPool", args: call.args });
            case "resolveChallenge":
              return run({ ...tasks, functionName: "resolveChallenge", args: call.args });
          }
          break;
        case "ArenaTargets":
          switch (call.fn) {
            case "claim":
              return run({ ...tg, functionName: "claim", args: call.args });
            case "retireModel":
              return run({ ...tg, functionName: "retireModel", args: call.args });
            case "exitValidators":
              return run({ ...tg, functionName: "exitValidators", args: call.args });
            case "withdrawValidatorStake":
              return run({ ...tg, functionName: "withdrawValidatorStake", args: call.args });
          }
          break;
        case "MachineRegistry":
          switch (call.fn) {
            case "requestUnstake":
              return run({ ...mr, functionName: "requestUnstake", args: call.args });
            case "withdraw":
              return run({ ...mr, functionName: "withdraw", args: call.args });
          }
      }
      throw new Error("Unknown call");
    },
    [arena, machines, run, targets],
  );
}
