"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useState, useSyncExternalStore } from "react";
import { useBlock } from "wagmi";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chains";
import { advanceTime, advanceTo } from "@/lib/chain/devTime";
import { appConfig } from "@/lib/config";
import { parseError } from "@/lib/errors/parseError";
import { formatDuration, formatTimestamp, shortAddress } from "@/lib/format";
import { DEV_CONNECTOR_TYPE } from "@/lib/wallet/devConnector";
import { devWalletStore } from "@/lib/wallet/devWalletStore";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { refreshAfterBlock } from "@/lib/indexer/refresh";
import { TaskJumps } from "./TaskJumps";

/** The dev panel's tools, loaded only on the local chain (see DevPanel). */
export function DevPanelBody({ rpcUrl }: { rpcUrl: string }) {
  const [open, setOpen] = useState(false);
  const [seconds, setSeconds] = useState("3600");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const queryClient = useQueryClient();
  const block = useBlock({ chainId: LOCAL_CHAIN_ID, query: { refetchInterval: open ? 4000 : false } });
  const wallet = useSyncExternalStore(devWalletStore.subscribe, devWalletStore.get, devWalletStore.get);
  const { connectorType, address } = useArenaChain();
  const usingDevWallet = connectorType === DEV_CONNECTOR_TYPE;
  const taskInView = /^\/tasks\/(\d+)$/.exec(usePathname() ?? "")?.[1];

  const act = async (work: () => Promise<void>, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await work();
      await refreshAfterBlock(queryClient, LOCAL_CHAIN_ID);
      setMessage({ ok: true, text: done });
    } catch (error) {
      setMessage({ ok: false, text: parseError(error).message });
    } finally {
      setBusy(false);
    }
  };
  const advance = (by: number) =>
    act(
      () => advanceTime(rpcUrl, by),
      by > 0 ? `Advanced ${formatDuration(by)} and mined a block.` : "Mined a block.",
    );
  const jump = (to: bigint, label: string) =>
    act(() => advanceTo(rpcUrl, to), `Moved to ${label.toLowerCase()} (${formatTimestamp(to)}).`);

  const secondsValue = Number(seconds);
  const secondsValid = /^\d+$/.test(seconds) && secondsValue > 0 && secondsValue <= 10 * 365 * 86_400;

  return (
    // Below 1280 px it sits in the page's flow after the content, so it covers nothing; from 1280 px it is
    // fixed in the left margin beside the content (72 px wide there), small while closed.
    <aside
      className="mx-auto max-w-6xl px-4 pb-6 text-sm xl:fixed xl:bottom-3 xl:left-2 xl:z-40 xl:mx-0 xl:max-w-none xl:p-0"
      aria-label="Dev panel"
    >
      {open ? (
        <div className="w-80 max-w-full rounded-lg border border-zinc-300 bg-white p-3 shadow-lg">
          <div className="mb-2 flex items-center justify-between">
            <h2 className="font-semibold">Dev panel (local chain)</h2>
            <button type="button" onClick={() => setOpen(false)} aria-label="Close dev panel">
              ×
            </button>
          </div>
          <p className="text-zinc-600" data-testid="chain-time">
            Block {block.data?.number.toString() ?? "…"} ·{" "}
            {block.data ? formatTimestamp(block.data.timestamp) : "…"}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <button
              type="button"
              disabled={busy}
              className="rounded bg-teal-700 px-2 py-1 text-white disabled:opacity-50"
              onClick={() => advance(appConfig.devEpochSeconds)}
            >
              Next epoch (+{formatDuration(appConfig.devEpochSeconds)})
            </button>
            <button
              type="button"
              disabled={busy}
              className="rounded border border-zinc-300 px-2 py-1 disabled:opacity-50"
              onClick={() => advance(0)}
            >
              Mine a block
            </button>
          </div>
          <form
            className="mt-2 flex items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (secondsValid) void advance(secondsValue);
            }}
          >
            <label className="flex items-center gap-1">
              Advance
              <input
                value={seconds}
                onChange={(e) => setSeconds(e.target.value.trim())}
                inputMode="numeric"
                aria-label="Seconds to advance"
                aria-invalid={!secondsValid}
                className="w-24 rounded border border-zinc-300 px-1 py-0.5 aria-[invalid=true]:border-rose-500"
              />
              s
            </label>
            <button
              type="submit"
              disabled={busy || !secondsValid}
              className="rounded border border-zinc-300 px-2 py-1 disabled:opacity-50"
            >
              Go
            </button>
          </form>
          {taskInView && (
            <TaskJumps taskId={BigInt(taskInView)} busy={busy} onJump={(to, l) => void jump(to, l)} />
          )}
          {!secondsValid && (
            <p className="text-rose-700">Enter a whole number of seconds, up to ten years.</p>
          )}
          {message && (
            <p
              role={message.ok ? "status" : "alert"}
              className={message.ok ? "text-emerald-700" : "text-rose-700"}
            >
              {message.text}
            </p>
          )}
          {usingDevWallet && (
            <fieldset className="mt-3 border-t border-zinc-200 pt-2">
              <legend className="font-medium">Dev wallet</legend>
              <label className="flex items-center gap-2">
                Account
                <select
                  aria-label="Dev wallet account"
                  value={address ?? ""}
                  onChange={(e) => devWalletStore.select(e.target.value as `0x${string}`)}
                  className="flex-1 rounded border border-zinc-300 px-1 py-0.5 font-mono"
                >
                  {wallet.accounts.map((a, i) => (
                    <option key={a} value={a}>
                      #{i} {shortAddress(a)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="mt-1 flex items-center gap-2">
                <input
                  type="checkbox"
                  checked={wallet.rejectNext}
                  onChange={(e) => devWalletStore.setRejectNext(e.target.checked)}
                />
                Reject the next wallet request
              </label>
              <button
                type="button"
                className="mt-1 rounded border border-zinc-300 px-2 py-1"
                onClick={() => devWalletStore.setChainId(1)}
              >
                Pretend the wallet is on Ethereum (chain 1)
              </button>
            </fieldset>
          )}
        </div>
      ) : (
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-label="Dev panel"
          title="Dev panel (local chain): time, blocks, dev wallet"
          className="rounded-full bg-zinc-800 px-3 py-1.5 text-white shadow-lg xl:px-2.5 xl:text-xs"
        >
          <span className="xl:hidden">Dev panel</span>
          <span className="hidden xl:inline">Dev</span>
        </button>
      )}
    </aside>
  );
}
