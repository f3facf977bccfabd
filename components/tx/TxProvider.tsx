"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Abi } from "viem";
import { useConfig } from "wagmi";
import { parseError, type ParsedError } from "@/lib/errors/parseError";
import { TxContext } from "@/lib/hooks/useTransactor";
import {
  txKey,
  type TxContextValue,
  type TxEntry,
  type TxResult,
  type WriteRequest,
} from "@/lib/tx/transactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { claimButton, holdButton, trackClicks } from "@/lib/tx/pendingButtons";
import { TxToasts } from "./TxToasts";

let nextId = 1;

/**
 * Owns the transaction UX of the whole app: checks (connected, right chain, deployed), simulation, then
 * awaiting signature → pending (hash, explorer link) → confirmed, or a readable error (explained from the error
 * registry). After a confirmed transaction every cached read is refreshed, so pages update without a reload.
 * An action is sent once at a time: a second send of it while the first is in flight gets the first's result,
 * and the button that started it stays disabled until it settles.
 */
export function TxProvider({ children }: { children: ReactNode }) {
  const config = useConfig();
  const queryClient = useQueryClient();
  const { address, isConnected, wrongNetwork, chainId, chain } = useArenaChain();
  const [entries, setEntries] = useState<TxEntry[]>([]);
  const inFlight = useRef(new Map<string, Promise<TxResult>>());
  useEffect(() => trackClicks(), []);

  const update = useCallback((id: number, patch: Partial<TxEntry>) => {
    setEntries((list) => list.map((e) => (e.id === id ? { ...e, ...patch } : e)));
  }, []);
  const dismiss = useCallback((id: number) => setEntries((list) => list.filter((e) => e.id !== id)), []);

  const send = useCallback(
    async (id: number, key: string, request: WriteRequest<Abi, string>): Promise<TxResult> => {
      const fail = (error: ParsedError): TxResult => {
        setEntries((list) => [
          ...list.filter((e) => e.id !== id),
          { id, key, label: request.label, stage: "failed", error },
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
      const target = request.address;
      if (!target) return fail({ kind: "unknown", message: `Arena is not deployed on ${chain.name}.` });
      setEntries((list) => [...list, { id, key, label: request.label, stage: "awaiting-signature" }]);
      let result: TxResult;
      try {
        const { sendWrite } = await import("@/lib/tx/sendWrite");
        result = await sendWrite({
          config,
          queryClient,
          chain,
          chainId,
          account: address,
          abi: request.abi,
          address: target,
          functionName: request.functionName,
          args: request.args as readonly unknown[],
          value: request.value,
          onSent: (hash, explorerUrl) => update(id, { stage: "pending", hash, explorerUrl }),
          onConfirmed: () => {
            update(id, { stage: "confirmed" });
            setTimeout(() => dismiss(id), 8000);
          },
        });
      } catch (error) {
        result = { ok: false, error: parseError(error) };
      }
      return result.ok ? result : fail(result.error);
    },
    [address, chain, chainId, config, dismiss, isConnected, queryClient, update, wrongNetwork],
  );

  const run = useCallback<TxContextValue["run"]>(
    (request) => {
      const key = `${address?.toLowerCase()}:${txKey(request)}`;
      const button = claimButton();
      const release = button ? holdButton(button) : undefined;
      let result = inFlight.current.get(key);
      if (!result) {
        const started = send(nextId++, key, request as unknown as WriteRequest<Abi, string>);
        result = started.finally(() => inFlight.current.delete(key));
        inFlight.current.set(key, result);
      }
      return release ? result.finally(release) : result;
    },
    [address, send],
  );

  const isPending = useCallback(
    (key: string) =>
      entries.some(
        (e) => (e.stage === "awaiting-signature" || e.stage === "pending") && e.key.endsWith(`:${key}`),
      ),
    [entries],
  );

  const value = useMemo(() => ({ entries, dismiss, isPending, run }), [entries, dismiss, isPending, run]);
  return (
    <TxContext.Provider value={value}>
      {children}
      <TxToasts entries={entries} onDismiss={dismiss} />
    </TxContext.Provider>
  );
}
