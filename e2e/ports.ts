/**
 * Ports of the e2e chain and app: not those of `npm run dev` (8545, 3000), so both can run at once. Two e2e
 * runs on one machine (two checkouts) pick other ports with E2E_RPC_PORT / E2E_APP_PORT.
 */
export const E2E_RPC_PORT = Number(process.env.E2E_RPC_PORT ?? 8546);
export const E2E_APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
export const E2E_RPC_URL = `http://127.0.0.1:${E2E_RPC_PORT}`;
export const E2E_APP_URL = `http://127.0.0.1:${E2E_APP_PORT}`;
/** The e2e indexer's API (Ponder), not the one `npm run dev` serves on 42069. */
export const E2E_INDEXER_PORT = Number(process.env.E2E_INDEXER_PORT ?? 42169);
export const E2E_INDEXER_URL = `http://127.0.0.1:${E2E_INDEXER_PORT}`;
