"use client";

import { useState } from "react";
import { bytesToHex, type Hex } from "viem";
import { useConfig } from "wagmi";
import { getBlockNumber } from "wagmi/actions";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import { modelCommitment } from "@/lib/sortition";
import { waitForBlock } from "@/lib/chain/blocks";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chains";
import { mineBlocks } from "@/lib/chain/devTime";
import { appConfig, LOCAL_RPC_URL } from "@/lib/config";
import { useTransactor } from "@/components/tx/TxProvider";
import { useArenaChain, useContractAddress } from "@/components/wallet/useArenaChain";

/** The file whose hash identifies a model: a shipped model folder's ONNX graph, or the URI itself. */
export function modelFileUrl(uri: string): string {
  const local = /^\/models\/([\w.-]+)\/?$/.exec(uri.trim());
  return local ? `/models/${local[1]}/onnx/model.onnx` : uri.trim();
}

async function sha256Of(url: string): Promise<Hex> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not fetch ${url} (HTTP ${res.status}).`);
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", await res.arrayBuffer())));
}

/**
 * A training node submits this epoch's model in two transactions (front-running defence): it commits to
 * keccak256(taskId, node, URI, content hash), then submits the URI and hash in a later block of the same epoch.
 * The latest submission of the epoch counts.
 */
export function SubmitModelPanel({ task, epoch }: { task: TaskView; epoch: number }) {
  const config = useConfig();
  const { address, chainId } = useArenaChain();
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [uri, setUri] = useState("/models/arena-lm-small");
  const [hash, setHash] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const local = chainId === LOCAL_CHAIN_ID && appConfig.localTools && Boolean(LOCAL_RPC_URL);
  const pending = address ? task.participants.get(address)?.modelCommit : undefined;
  const validHash = /^0x[0-9a-fA-F]{64}$/.test(hash);
  const commitment =
    address && uri.trim() && validHash
      ? modelCommitment(task.id, address, uri.trim(), hash as Hex)
      : undefined;
  /** Committed to exactly this URI and hash earlier in this epoch: only the submission is left. */
  const committedHere = pending !== undefined && pending.epoch === epoch && pending.commitment === commitment;

  const computeHash = async () => {
    setHashing(true);
    setError(null);
    try {
      setHash(await sha256Of(modelFileUrl(uri)));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setHashing(false);
    }
  };

  /** The submission must be mined in a later block than the commitment. */
  const afterBlock = async (committedIn: bigint) => {
    await waitForBlock(committedIn + 1n, {
      blockNumber: () => getBlockNumber(config, { chainId, cacheTime: 0 }),
      mine: local ? (n) => mineBlocks(LOCAL_RPC_URL!, n) : undefined,
      onProgress: (at, target) =>
        at < target && setProgress(`2/3 Waiting for a block after the commitment (block ${at})…`),
    });
  };

  const submit = async () => {
    if (!uri.trim()) return setError("Enter the model's URI.");
    if (!validHash) return setError("The content hash must be 32 bytes of hex (0x + 64 digits).");
    if (!commitment) return setError("Connect the node's wallet first.");
    setError(null);
    setBusy(true);
    try {
      if (!committedHere) {
        setProgress("1/3 Committing to the model…");
        const c = await run({
          label: "Commit model",
          abi: arenaTasksAbi,
          address: arena,
          functionName: "commitModel",
          args: [task.id, commitment],
        });
        if (!c.ok) return setProgress(null);
        await afterBlock(c.receipt.blockNumber);
      } else if (pending) {
        await afterBlock(pending.block);
      }
      setProgress("3/3 Submitting the model…");
      const s = await run({
        label: "Submit model",
        abi: arenaTasksAbi,
        address: arena,
        functionName: "submitModel",
        args: [task.id, uri.trim(), hash as Hex],
      });
      setProgress(
        s.ok
          ? "Model submitted."
          : "The commitment is on chain: submit again to finish (the URI and hash must stay the same).",
      );
    } catch (e) {
      setProgress(null);
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-2 text-sm" data-testid="submit-panel">
      <label className="flex flex-col gap-1">
        Model URI
        <input
          value={uri}
          onChange={(e) => setUri(e.target.value)}
          className="rounded border border-zinc-300 px-2 py-1 font-mono"
        />
      </label>
      <label className="flex flex-col gap-1">
        Content hash (sha256)
        <div className="flex gap-2">
          <input
            value={hash}
            onChange={(e) => setHash(e.target.value.trim())}
            placeholder="0x…"
            className="flex-1 rounded border border-zinc-300 px-2 py-1 font-mono text-xs"
          />
          <button
            type="button"
            onClick={computeHash}
            disabled={hashing}
            className="rounded-md border border-zinc-300 px-3 py-1"
          >
            {hashing ? "Hashing…" : "Hash the model file"}
          </button>
        </div>
      </label>
      <button
        type="button"
        onClick={submit}
        disabled={busy}
        className="rounded-md bg-teal-700 px-3 py-1.5 text-white disabled:opacity-50"
      >
        {committedHere ? "Submit model" : "Commit and submit model"}
      </button>
      <p className="text-xs text-zinc-500">
        {committedHere
          ? "You committed to this model earlier in this epoch; submitting reveals it."
          : "Two transactions: a commitment to the URI and hash, then the submission in a later block, so nobody can copy your hash from a pending transaction."}
      </p>
      {progress && (
        <p role="status" className="text-zinc-700">
          {progress}
        </p>
      )}
      {error && (
        <p role="alert" className="text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
