"use client";

import { useCallback } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { readContract } from "wagmi/actions";
import { arenaTokenAbi } from "@/contracts-abi";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { type TxResult } from "@/lib/tx/transactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";

/**
 * The first step of every "approve + act" flow: approves exactly `amount` for `spender` when the current
 * allowance is short, through the transactor (so the user sees both steps). Resolves true when the allowance is
 * enough afterwards. `label` names the approval in the transaction list ("Approve ARENA" by default).
 */
export function useEnsureAllowance() {
  const config = useConfig();
  const { run } = useTransactor();
  const { address, chainId } = useArenaChain();
  const token = useContractAddress("ArenaToken");
  return useCallback(
    async (
      spender: Address | undefined,
      amount: bigint,
      label = "Approve ARENA",
    ): Promise<TxResult | { ok: true; receipt?: undefined }> => {
      if (!address || !token || !spender) return { ok: true };
      const allowance = await readContract(config, {
        abi: arenaTokenAbi,
        address: token,
        functionName: "allowance",
        args: [address, spender],
        chainId,
      });
      if (allowance >= amount) return { ok: true };
      return run({
        label,
        abi: arenaTokenAbi,
        address: token,
        functionName: "approve",
        args: [spender, amount],
      });
    },
    [address, chainId, config, run, token],
  );
}
