"use client";

import { useSyncExternalStore } from "react";
import { appConfig } from "@/lib/config";
import { INITIAL_RPC_HEALTH, rpcHealth } from "@/lib/chain/rpcHealth";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

const serverHealth = () => INITIAL_RPC_HEALTH;

/** The RPC's health (see RpcBanner's probe) with the chain it is about, named for people. */
export function useRpcHealth() {
  const health = useSyncExternalStore(rpcHealth.subscribe, rpcHealth.get, serverHealth);
  const { chain, chainId } = useArenaChain();
  return {
    ...health,
    down: health.status === "down",
    chainName: chain.name,
    url: appConfig.rpcUrls[chainId] ?? chain.rpcUrls.default.http[0] ?? "",
  };
}
