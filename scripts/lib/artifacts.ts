import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Abi, Hex } from "viem";

export const ROOT = path.resolve(import.meta.dirname, "../..");
const ARTIFACTS_DIR = path.join(ROOT, "artifacts", "contracts");

export type Artifact = {
  contractName: string;
  sourceName: string;
  abi: Abi;
  bytecode: Hex;
  deployedBytecode: Hex;
  /** The build info (artifacts/build-info/<id>.json) the contract was compiled in. */
  buildInfoId?: string;
};

/** Reads the compiled artifact of a contract under contracts/ by name (run `npm run compile` first). */
export function readArtifact(name: string): Artifact {
  const found = listArtifacts({ includeTests: true }).find((a) => a.contractName === name);
  if (!found) {
    throw new Error(`No compiled artifact for contract "${name}". Run \`npm run compile\` first.`);
  }
  return found;
}

/**
 * Every compiled contract under contracts/, in a stable order. Test contracts (contracts/test/, *.t.sol) are
 * left out unless asked for: the app gets ABIs only for the contracts it deploys and talks to.
 */
export function listArtifacts({ includeTests }: { includeTests: boolean }): Artifact[] {
  if (!existsSync(ARTIFACTS_DIR)) return [];
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) files.push(full);
    }
  };
  walk(ARTIFACTS_DIR);
  return files
    .map((file) => JSON.parse(readFileSync(file, "utf8")) as Artifact)
    .filter((a) => includeTests || !isTestSource(a.sourceName))
    .sort((a, b) => a.contractName.localeCompare(b.contractName));
}

function isTestSource(sourceName: string): boolean {
  return sourceName.startsWith("contracts/test/") || sourceName.endsWith(".t.sol");
}
