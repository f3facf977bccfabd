import { createPublicClient, createWalletClient, http, type Address, type PublicClient } from "viem";
import { localChain } from "../../lib/chain/chains.ts";
import { bin, startService, stopService } from "./processes.ts";
import { deployAll, type DeployClients } from "./deploy.ts";
import type { DeploymentFile } from "./gen-abi.ts";
import { seedDemo } from "./seed.ts";

export type LocalChain = {
  rpcUrl: string;
  deployment: DeploymentFile;
  accounts: readonly Address[];
  publicClient: PublicClient;
  stop: () => Promise<void>;
  /**
   * Calls `onDead` once if the node exits or stops answering JSON-RPC (three failed checks in a row), with
   * one line saying what happened and the node's last lines of output.
   */
  watch: (onDead: (reason: string, lastOutput: string) => void) => void;
};

export type StartOptions = {
  port: number;
  seed?: boolean;
  log?: (line: string) => void;
};

async function rpcAnswers(rpcUrl: string): Promise<boolean> {
  try {
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts a fresh Hardhat node on 127.0.0.1:<port>, deploys every contract (deterministic addresses) and, unless
 * told otherwise, seeds the demo state. The node is a process group of its own, stopped by `stop()`.
 */
export async function startLocalChain({
  port,
  seed = true,
  log = () => {},
}: StartOptions): Promise<LocalChain> {
  const rpcUrl = `http://127.0.0.1:${port}`;
  if (await rpcAnswers(rpcUrl)) {
    throw new Error(
      `Something already answers JSON-RPC on ${rpcUrl}. Stop it (another \`npm run dev\` or test run?) and retry.`,
    );
  }
  const node = startService(bin("hardhat"), ["node", "--hostname", "127.0.0.1", "--port", String(port)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  node.stdout?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  node.stderr?.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const stop = () => stopService(node);

  try {
    const deadline = Date.now() + 60_000;
    while (!(await rpcAnswers(rpcUrl))) {
      if (node.exitCode !== null) throw new Error(`Hardhat node exited (${node.exitCode}):\n${output}`);
      if (Date.now() > deadline)
        throw new Error(`Hardhat node did not answer on ${rpcUrl} in 60 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    log(`chain: Hardhat node on ${rpcUrl}`);

    const chain = localChain(rpcUrl);
    const publicClient = createPublicClient({ chain, transport: http(rpcUrl) }) as PublicClient;
    const accounts = await createWalletClient({ chain, transport: http(rpcUrl) }).getAddresses();
    const clientFor = (account: Address): DeployClients => ({
      publicClient,
      walletClient: createWalletClient({ account, chain, transport: http(rpcUrl) }),
    });
    const deployer = accounts[0];
    if (!deployer) throw new Error("The node has no unlocked accounts");
    const deployment = await deployAll(clientFor(deployer));
    log(
      `chain: deployed ${Object.entries(deployment.contracts)
        .map(([name, { address }]) => `${name} ${address}`)
        .join(", ")}`,
    );
    if (seed) await seedDemo({ ...clientFor(deployer), accounts, deployment, clientFor }, log);
    const watch = (onDead: (reason: string, lastOutput: string) => void) => {
      let failures = 0;
      let dead = false;
      const die = (reason: string) => {
        if (dead) return;
        dead = true;
        clearInterval(timer);
        onDead(reason, output.trimEnd().split("\n").slice(-12).join("\n"));
      };
      if (node.exitCode !== null || node.signalCode !== null)
        queueMicrotask(() => die(`the Hardhat node exited (${node.signalCode ?? node.exitCode})`));
      node.once("exit", (code, signal) => die(`the Hardhat node exited (${signal ?? code})`));
      const timer = setInterval(() => {
        void rpcAnswers(rpcUrl).then((ok) => {
          failures = ok ? 0 : failures + 1;
          if (failures >= 3) die(`the Hardhat node on ${rpcUrl} stopped answering`);
        });
      }, 2000);
      timer.unref();
    };
    return { rpcUrl, deployment, accounts, publicClient, stop, watch };
  } catch (error) {
    await stop();
    throw error;
  }
}
