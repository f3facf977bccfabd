"use client";

import { useAccount, useChainId } from "wagmi";
import { deployments } from "@/contracts-abi";
import { appConfig } from "@/lib/config";

/**
 * Which chain the app reads and writes: the wallet's when it is on a served chain with a deployment, else
 * the first served chain. `wrongNetwork` is true when a connected wallet is anywhere else; writes are blocked then.
 */
export function useArenaChain() {
  const { address, chainId: walletChainId, isConnected, connector } = useAccount();
  const configChainId = useChainId();
  const served = (id: number | undefined) => id !== undefined && appConfig.chains.some((c) => c.id === id);
  const hasDeployment = (id: number | undefined) => id !== undefined && deployments[id] !== undefined;
  const walletOk = served(walletChainId) && hasDeployment(walletChainId);
  const chainId =
    isConnected && walletOk ? walletChainId! : served(configChainId) ? configChainId : appConfig.chains[0].id;
  const chain = appConfig.chains.find((c) => c.id === chainId) ?? appConfig.chains[0];
  return {
    address,
    isConnected,
    connectorType: connector?.type,
    walletChainId,
    chainId,
    chain,
    wrongNetwork: isConnected && !walletOk,
  };
}
