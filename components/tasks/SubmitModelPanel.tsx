"use client";

import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { useConfig } from "wagmi";
import { getBlockNumber } from "wagmi/actions";
import { arenaTasksAbi } from "@/contracts-abi";
import type { TaskView } from "@/lib/arena/indexer";
import { modelCommitment } from "@/lib/sortition";
import { waitForBlock } from "@/lib/chain/blocks";
import { LOCAL_CHAIN_ID } from "@/lib/chain/chains";
import { mineBlocks } from "@/lib/chain/devTime";
import { appConfig, LOCAL_RPC_URL } from "@/lib/config";
import { useTransactor } from "@/lib/hooks/useTransactor";
import { useArenaChain } from "@/lib/hooks/useArenaChain";
import { useContractAddress } from "@/lib/hooks/useContractAddress";
import {
  hashModelFolder,
  hashPickedFiles,
  pickedFiles,
  type FolderHash,
  type HashProgress,
} from "@/lib/scoring/folder-hash";
import { MANIFEST_FILE } from "@/lib/scoring/manifest";
import { modelFolderOf, parseModelUri } from "@/lib/scoring/modelUri";
import { httpModelFileReader } from "@/lib/scoring/verify-model";
import { isBytes32 } from "@/lib/units";
import { formatNumber } from "@/lib/format";

/**
 * Where a model URI's files are (arena-manifest.json and the files it names): a shipped model's folder, any
 * http(s) or same-origin folder URL, or a pinned hub id's commit. Throws with the reason for anything else.
 */
export function modelFolderUrl(uri: string): string {
  const parsed = parseModelUri(uri, { requirePinned: true });
  if (!parsed.ok) throw new Error(parsed.error);
  return modelFolderOf(parsed);
}

const megabytes = (bytes: number) => `${formatNumber(bytes / 1e6, 2)} MB`;

function progressText(p: HashProgress): string {
  const file = p.file ? `: ${p.file}` : "";
  return `Hashing file ${Math.min(p.files + 1, p.totalFiles)} of ${p.totalFiles} (${megabytes(p.bytes)} of ${megabytes(p.totalBytes)})${file}…`;
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
  const [hashProgress, setHashProgress] = useState<string | null>(null);
  const [computed, setComputed] = useState<(FolderHash & { from: string }) | null>(null);
  const [manifestUrl, setManifestUrl] = useState<string | null>(null);
  useEffect(() => () => void (manifestUrl && URL.revokeObjectURL(manifestUrl)), [manifestUrl]);
  const [progress, setProgress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const local = chainId === LOCAL_CHAIN_ID && appConfig.localTools && Boolean(LOCAL_RPC_URL);
  const pending = address ? task.participants.get(address)?.modelCommit : undefined;
  const validHash = isBytes32(hash);
  const commitment =
    address && uri.trim() && validHash
      ? modelCommitment(task.id, address, uri.trim(), hash as Hex)
      : undefined;
  /** Committed to exactly this URI and hash earlier in this epoch: only the submission is left. */
  const committedHere = pending !== undefined && pending.epoch === epoch && pending.commitment === commitment;

  /** The content hash is the sha256 of the manifest rebuilt from the model's files (never read from a manifest). */
  const computeHash = async (
    from: string,
    work: (onProgress: (p: HashProgress) => void) => Promise<FolderHash>,
  ) => {
    setHashing(true);
    setError(null);
    setComputed(null);
    try {
      const result = await work((p) => setHashProgress(progressText(p)));
      setHash(result.hash);
      setComputed({ ...result, from });
      setManifestUrl(
        URL.createObjectURL(
          new Blob([result.manifestBytes as Uint8Array<ArrayBuffer>], { type: "application/json" }),
        ),
      );
    } catch (e) {
      setError(hashError(e, from));
    } finally {
      setHashing(false);
      setHashProgress(null);
    }
  };
  const hashFromUri = () => {
    let folder: string;
    try {
      folder = modelFolderUrl(uri);
    } catch (e) {
      return setError((e as Error).message);
    }
    void computeHash(folder, (onProgress) => hashModelFolder(folder, httpModelFileReader(), onProgress));
  };
  const hashFromFolder = (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const picked = pickedFiles(Array.from(list));
    const name = list[0]?.webkitRelativePath.split("/")[0] || "the picked folder";
    void computeHash(`the folder "${name}" on this computer`, (onProgress) =>
      hashPickedFiles(picked, onProgress),
    );
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
    const parsed = parseModelUri(uri, { requirePinned: true });
    if (!parsed.ok) return setError(parsed.error);
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
            onClick={hashFromUri}
            disabled={hashing}
            className="rounded-md border border-zinc-300 px-3 py-1"
            title={`Fetches the files named in the folder's ${MANIFEST_FILE}, hashes each, and rebuilds the manifest`}
          >
            {hashing ? "Hashing…" : "Hash the model files"}
          </button>
        </div>
      </label>
      <label className="flex flex-col gap-1 text-xs text-zinc-600">
        Or hash a model folder on this computer (nothing is uploaded)
        <input
          type="file"
          aria-label="Model folder to hash"
          // webkitdirectory is not in React's input props; it picks a whole folder in every current browser.
          {...{ webkitdirectory: "", directory: "" }}
          multiple
          disabled={hashing}
          onChange={(e) => hashFromFolder(e.target.files)}
          className="text-xs"
        />
      </label>
      {hashProgress && (
        <p role="status" className="text-xs text-zinc-600" data-testid="hash-progress">
          {hashProgress}
        </p>
      )}
      {computed && (
        <p className="text-xs text-zinc-600" data-testid="manifest-summary">
          Content hash of {computed.from}: the manifest of {computed.files} file
          {computed.files === 1 ? "" : "s"}, {megabytes(computed.totalBytes)}
          {computed.skipped.length > 0
            ? ` (hidden files left out: ${computed.skipped.join(", ")})`
            : ""}.{" "}
          {manifestUrl && (
            <a href={manifestUrl} download={MANIFEST_FILE} className="underline">
              Download {MANIFEST_FILE}
            </a>
          )}{" "}
          Validators fetch the folder at the URI and score it only if its {MANIFEST_FILE} and every file match
          this hash.
        </p>
      )}
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

function hashError(error: unknown, from: string): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  const message = error instanceof Error ? error.message : String(error);
  if (code === "offline") return `Could not reach the model folder ${from}: ${message}`;
  if (code === "model_mismatch")
    return `${message} Fix the file or rebuild ${MANIFEST_FILE} (pick the folder below to get a new one).`;
  return message;
}
