"use client";

import dynamic from "next/dynamic";
import { useArenaChain } from "@/lib/hooks/useArenaChain";

const WrongNetworkBannerView = dynamic(
  () => import("./WrongNetworkBannerView").then((m) => m.WrongNetworkBannerView),
  { ssr: false },
);

/**
 * Shown whenever the connected wallet is on a chain Arena is not deployed on; every write is blocked then.
 * Its switch button (wagmi's switchChain) is loaded only when needed.
 */
export function WrongNetworkBanner() {
  const { wrongNetwork } = useArenaChain();
  return wrongNetwork ? <WrongNetworkBannerView /> : null;
}
