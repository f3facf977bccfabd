"use client";

import { useState } from "react";
import { bytesToHex, type Hex } from "viem";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import { useTransactor } from "@/components/tx/TxProvider";
import { useContractAddress } from "@/components/wallet/useArenaChain";

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

/** A training node submits this epoch's model: a URI and its content hash (the latest submission counts). */
export function SubmitModelPanel({ task }: { task: TaskView }) {
  const arena = useContractAddress("ArenaTasks");
  const { run } = useTransactor();
  const [uri, setUri] = useState("/models/arena-lm-small");
  const [hash, setHash] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);

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

  const submit = async () => {
    if (!uri.trim()) return setError("Enter the model's URI.");
    if (!/^0x[0-9a-fA-F]{64}$/.test(hash))
      return setError("The content hash must be 32 bytes of hex (0x + 64 digits).");
    setError(null);
    await run({
      label: "Submit model",
      abi: arenaTasksAbi,
      address: arena,
      functionName: "submitModel",
      args: [task.id, uri.trim(), hash as Hex],
    });
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
      <button type="button" onClick={submit} className="rounded-md bg-teal-700 px-3 py-1.5 text-white">
        Submit model
      </button>
      {error && (
        <p role="alert" className="text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
