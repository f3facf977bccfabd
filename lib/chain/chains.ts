import { defineChain, type Chain } from "viem";
import { base, baseSepolia } from "viem/chains";

export const LOCAL_CHAIN_ID = 31337;
export const DEFAULT_LOCAL_RPC_URL = "http://127.0.0.1:8545";

/** The Hardhat node `npm run dev` and the tests start; Multicall3 sits at its canonical address there too. */
export function localChain(rpcUrl: string = DEFAULT_LOCAL_RPC_URL): Chain {
  return defineChain({
    id: LOCAL_CHAIN_ID,
    name: "Arena local",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    contracts: {
      multicall3: { address: "0xcA11bde05977b3631167028862bE2a173976CA11", blockCreated: 0 },
    },
    testnet: true,
  });
}

/** Chains the app knows how to talk to, besides the local one. */
export const publicChains: Record<number, Chain> = {
  [baseSepolia.id]: baseSepolia,
  [base.id]: base,
};

/** A block explorer page for a transaction, where the chain has an explorer. */
export function explorerTxUrl(chain: Chain | undefined, hash: string): string | undefined {
  const explorer = chain?.blockExplorers?.default.url;
  return explorer ? `${explorer}/tx/${hash}` : undefined;
}
