import { startLocalChain } from "./lib/local-chain.ts";

/** `npm run chain`: the local chain with contracts and demo data, without the app (Ctrl-C stops it). */
const port = Number(process.env.ARENA_CHAIN_PORT ?? 8545);
const chain = await startLocalChain({ port, log: console.log });
console.log(`chain: ready on ${chain.rpcUrl} (Ctrl-C to stop)`);
const shutdown = async () => {
  await chain.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
