import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type {
  ArtifactResolver,
  BuildInfo,
  EIP1193Provider,
  ExecutionEventListener,
  Artifact as IgnitionArtifact,
} from "@nomicfoundation/ignition-core";
import { getAddress, type Address } from "viem";
import { ROOT, readArtifact } from "./artifacts.ts";

/**
 * Ignition without the Hardhat runtime: artifacts and build infos read from artifacts/ (so the journal keeps
 * what `npx hardhat ignition verify` needs), the deployment's record read back from Ignition's journal.
 */
export const artifactResolver: ArtifactResolver = {
  async loadArtifact(contractName: string): Promise<IgnitionArtifact> {
    return readArtifact(contractName) as unknown as IgnitionArtifact;
  },
  async getBuildInfo(contractName: string): Promise<BuildInfo | undefined> {
    const { buildInfoId } = readArtifact(contractName);
    if (!buildInfoId) return undefined;
    const file = path.join(ROOT, "artifacts", "build-info", `${buildInfoId}.json`);
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as BuildInfo) : undefined;
  },
};

/** Where `npx hardhat ignition …` looks for a chain's deployment, under a root (the repository by default). */
export function ignitionDeploymentDir(root: string, chainId: number): string {
  return path.join(root, "ignition", "deployments", `chain-${chainId}`);
}

export type JournalContract = {
  futureId: string;
  contractName: string;
  address: Address;
  blockNumber: number;
};

type JournalLine =
  | { type: "DEPLOYMENT_EXECUTION_STATE_INITIALIZE"; futureId: string; contractName: string }
  | {
      type: "DEPLOYMENT_EXECUTION_STATE_COMPLETE";
      futureId: string;
      result: { type: string; address?: string };
    }
  | { type: "TRANSACTION_CONFIRM"; futureId: string; receipt: { blockNumber: number } }
  | { type: string; futureId?: string };

/** The contracts a deployment created, in the order they completed, with the block each was mined in. */
export function readJournal(deploymentDir: string): JournalContract[] {
  const file = path.join(deploymentDir, "journal.jsonl");
  if (!existsSync(file)) return [];
  const names = new Map<string, string>();
  const blocks = new Map<string, number>();
  const done: JournalContract[] = [];
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    if (!raw.trim()) continue;
    const line = JSON.parse(raw) as JournalLine;
    if (line.type === "DEPLOYMENT_EXECUTION_STATE_INITIALIZE" && "contractName" in line) {
      names.set(line.futureId, line.contractName);
    } else if (line.type === "TRANSACTION_CONFIRM" && "receipt" in line) {
      blocks.set(line.futureId, line.receipt.blockNumber);
    } else if (line.type === "DEPLOYMENT_EXECUTION_STATE_COMPLETE" && "result" in line) {
      const { futureId, result } = line;
      const contractName = names.get(futureId);
      const blockNumber = blocks.get(futureId);
      if (result.type !== "SUCCESS" || !result.address || !contractName || blockNumber === undefined)
        continue;
      done.push({ futureId, contractName, address: getAddress(result.address), blockNumber });
    }
  }
  return done;
}

/** Future ids the journal records as complete (deployments and calls alike): what a resume will skip. */
export function completedFutures(deploymentDir: string): Set<string> {
  const file = path.join(deploymentDir, "journal.jsonl");
  const done = new Set<string>();
  if (!existsSync(file)) return done;
  for (const raw of readFileSync(file, "utf8").split("\n")) {
    if (!raw.trim()) continue;
    const line = JSON.parse(raw) as { type: string; futureId?: string; result?: { type: string } };
    if (line.type.endsWith("_EXECUTION_STATE_COMPLETE") && line.futureId && line.result?.type === "SUCCESS")
      done.add(line.futureId);
  }
  return done;
}

/** An Ignition event listener that handles only the events given and ignores the rest. */
export function listener(handlers: Partial<ExecutionEventListener>): ExecutionEventListener {
  const ignore = async () => {};
  return new Proxy(handlers, {
    get: (target, key) => (target as Record<string | symbol, unknown>)[key] ?? ignore,
  }) as ExecutionEventListener;
}

export type { EIP1193Provider };
