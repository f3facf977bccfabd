"use client";

import dynamic from "next/dynamic";
import { useRpcProbe } from "@/lib/hooks/useRpcProbe";
import { useRpcHealth } from "@/lib/hooks/useRpcHealth";

/**
 * Not first-load JS, but fetched soon after it: during an outage the app's server may be down too (`npm run dev`
 * stops or restarts everything when its chain dies), and the banner must still show.
 */
const loadView = () => import("./RpcBannerView");
const RpcBannerView = dynamic(() => loadView().then((m) => m.RpcBannerView), { ssr: false });

/** One app-wide line while the chain's RPC cannot be reached; it goes by itself when the chain is back. */
export function RpcBanner() {
  useRpcProbe(loadView);
  const { down } = useRpcHealth();
  return down ? <RpcBannerView /> : null;
}
