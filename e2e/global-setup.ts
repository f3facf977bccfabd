import { startLocalChain } from "../scripts/lib/local-chain.ts";
import { E2E_RPC_PORT } from "./ports";

/** Starts the e2e chain with contracts and demo data; the returned function stops it after the run. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const chain = await startLocalChain({ port: E2E_RPC_PORT, log: (line) => console.log(`[e2e] ${line}`) });
  return () => chain.stop();
}
