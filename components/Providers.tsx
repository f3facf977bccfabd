"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { WagmiProvider } from "wagmi";
import { appConfig } from "@/lib/config";
import { createWagmiConfig } from "@/lib/wallet/wagmiConfig";
import { TxProvider } from "./tx/TxProvider";
import { WalletUiLoader } from "./wallet/WalletUiLoader";

export const wagmiConfig = createWagmiConfig(appConfig);

declare module "wagmi" {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Register {
    config: typeof wagmiConfig;
  }
}

/**
 * Wagmi and TanStack Query at first load (reads and wallet reconnect need them); RainbowKit's provider and
 * modals are mounted beside the app by `WalletUiLoader` once a wallet button is used.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 4_000, retry: 1 } } }),
  );
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <TxProvider>{children}</TxProvider>
        <WalletUiLoader />
      </QueryClientProvider>
    </WagmiProvider>
  );
}
