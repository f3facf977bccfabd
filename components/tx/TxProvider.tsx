"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import type {
  Abi,
  Address,
  ContractFunctionArgs,
  ContractFunctionName,
  Hash,
  TransactionReceipt,
} from "viem";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { arenaTokenAbi } from "@/contracts-abi";
import { explorerTxUrl } from "@/lib/chain/chains";
import { parseError, type ParsedError } from "@/lib/errors/parseError";
import { useArenaChain } from "@/components/wallet/useArenaChain";
import { TxToasts } from "./TxToasts";

export type TxStage = "awaiting-signature" | "pending" | "confirmed" | "failed";

export type TxEntry = {
  id: number;
  label: string;
  stage: TxStage;
  hash?: Hash;
  explorerUrl?: string;
  error?: ParsedError;
};

type Mutability = "nonpayable" | "payable";

export type WriteRequest<TAbi extends Abi, TFn extends ContractFunctionName<TAbi, Mutability>> = {
  /** What the user is doing, in a few words ("Claim rewards"). */
  label: string;
  abi: TAbi;
  address: Address | undefined;
  functionName: TFn;
  args: ContractFunctionArgs<TAbi, Mutability, TFn>;
  value?: bigint;
};

export type TxResult = { ok: true; receipt: TransactionReceipt } | { ok: false; error: ParsedError };

type TxContextValue = {
  entries: TxEntry[];
  dismiss: (id: number) => void;
  run: <const TAbi extends Abi, TFn extends ContractFunctionName<TAbi, Mutability>>(
    request: WriteRequest<TAbi, TFn>,
  ) => Promise<TxResult>;
};

const TxContext = createContext<TxContextValue | null>(null);
let nextId = 1;

/** Errors a call can bubble up from the token it moves, so they decode by name whatever contract was called. */
const SHARED_ERRORS = arenaTokenAbi.filter((item) => item.type === "error");

/**
 * Owns the transaction UX of the whole app: checks (connected, right chain, deployed), simulation, then
 * awaiting signature → pending (hash, explorer link) → confirmed, or a readable error. After a confirmed
 * transaction every cached read is refreshed, so pages update without a reload.
 */
export function TxProvider({ children }: { children: ReactNode }) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address, isConnected, wrongNetwork, chainId, chain } = useArenaChain();
  const [entries, setEntries] = useState<TxEntry[]>([]);

  const update = useCallback((id: number, patch: Partial<TxEntry>) => {
    setEntries((list) => list.map((e) => (e.id === id ? { ...e, ...patch } : e)));
  }, []);
  const dismiss = useCallback((id: number) => setEntries((list) => list.filter((e) => e.id !== id)), []);

  const run = useCallback<TxContextValue["run"]>(
    async (request) => {
      const id = nextId++;
      const fail = (error: ParsedError): TxResult => {
        setEntries((list) => [
          ...list.filter((e) => e.id !== id),
          { id, label: request.label, stage: "failed", error },
        ]);
        return { ok: false, error };
      };
      if (!isConnected || !address) return fail({ kind: "unknown", message: "Connect a wallet first." });
      if (wrongNetwork) {
        return fail({
          kind: "wrong-network",
          message: `Your wallet is on another network. Switch to ${chain.name} to continue.`,
        });
      }
      if (!request.address) {
        return fail({ kind: "unknown", message: `Arena is not deployed on ${chain.name}.` });
      }
      setEntries((list) => [...list, { id, label: request.label, stage: "awaiting-signature" }]);
      try {
        const { request: prepared } = await simulateContract(config, {
          abi: [...(request.abi as Abi), ...SHARED_ERRORS] as Abi,
          address: request.address,
          functionName: request.functionName as string,
          args: request.args as readonly unknown[],
          value: request.value,
          account: address,
          chainId,
        } as Parameters<typeof simulateContract>[1]);
        const hash = await writeContract(config, prepared as Parameters<typeof writeContract>[1]);
        update(id, { stage: "pending", hash, explorerUrl: explorerTxUrl(chain, hash) });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId });
        if (receipt.status !== "success") {
          return fail({ kind: "reverted", message: "The transaction was mined but reverted." });
        }
        update(id, { stage: "confirmed" });
        setTimeout(() => dismiss(id), 8000);
        await queryClient.invalidateQueries();
        return { ok: true, receipt };
      } catch (error) {
        return fail(parseError(error));
      }
    },
    [address, chain, chainId, config, dismiss, isConnected, queryClient, update, wrongNetwork],
  );

  const value = useMemo(() => ({ entries, dismiss, run }), [entries, dismiss, run]);
  return (
    <TxContext.Provider value={value}>
      {children}
      <TxToasts entries={entries} onDismiss={dismiss} />
    </TxContext.Provider>
  );
}

export function useTransactor(): TxContextValue {
  const ctx = useContext(TxContext);
  if (!ctx) throw new Error("useTransactor must be used inside <TxProvider>");
  return ctx;
}
