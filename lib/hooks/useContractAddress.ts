"use client";

import { deployments, type ContractName } from "@/contracts-abi";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

/** The deployed address of a contract on the chain the app uses, or undefined where it is not deployed. */
export function useContractAddress(name: ContractName) {
  const { chainId } = useArenaChain();
  return deployments[chainId]?.[name]?.address;
}
