"use client";

import { appConfig } from "@/lib/config";
import { formatClockTime } from "@/lib/chain/rpcHealth";
import { useRpcHealth } from "@/lib/hooks/useRpcHealth";

/** The outage banner: which chain, at which URL, since when, and that pages recover by themselves. */
export function RpcBannerView() {
  const { chainName, url, lastOkAt } = useRpcHealth();
  return (
    <div role="alert" data-testid="rpc-banner" className="border-b border-rose-300 bg-rose-50">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm text-rose-900">
        <strong>Cannot reach the chain {chainName}</strong> at <code>{url}</code>
        {lastOkAt ? ` (last answer at ${formatClockTime(lastOkAt)})` : ""}. Pages show the last data read,
        marked stale, and refresh by themselves when it answers again
        {appConfig.localTools && (
          <>
            {" "}
            (locally: is <code>npm run dev</code> still running?)
          </>
        )}
        .
      </p>
    </div>
  );
}
