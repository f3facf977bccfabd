import type { Chain } from "viem";
import { DEFAULT_LOCAL_RPC_URL, LOCAL_CHAIN_ID, localChain, publicChains } from "./chain/chains";

/** Where `npm run dev` serves the local chain's indexer. */
export const DEFAULT_LOCAL_INDEXER_URL = "http://127.0.0.1:42069";

/**
 * The one typed app config: which chains the app serves, where their RPCs are, and which local-only tools
 * are on. Read from NEXT_PUBLIC_* variables at build time (see README).
 */
export type AppConfig = {
  /** Chains the app serves; the first is the one writes go to by default. */
  chains: readonly [Chain, ...Chain[]];
  /** RPC URL by chain id. */
  rpcUrls: Record<number, string>;
  /** The indexer's API (indexer/, history and aggregates) by chain id; a chain without one shows no history. */
  indexerUrls: Record<number, string | undefined>;
  /** WalletConnect Cloud project id; WalletConnect-based wallets are listed only when it is set. */
  walletConnectProjectId: string | undefined;
  /** Coinbase Wallet is offered (and its SDK's hosts are in the CSP) unless NEXT_PUBLIC_COINBASE_WALLET=off. */
  coinbaseWallet: boolean;
  /**
   * Origins the page may fetch artifacts from besides its own (model folders, evaluation sets, target data,
   * machine endpoints named by URI): NEXT_PUBLIC_ARTIFACT_ORIGINS, comma-separated, e.g.
   * `https://models.example.org,https://*.example.net`. The Content-Security-Policy allows exactly these.
   */
  artifactOrigins: readonly string[];
  /** Hub models (transformers.js, huggingface.co) can be loaded unless NEXT_PUBLIC_MODEL_HUB=off. */
  modelHub: boolean;
  /** The dev wallet and dev panel exist only when the local chain is one of the served chains. */
  localTools: boolean;
  /** Epoch length the dev panel's "next epoch" button advances by, until tasks define their own. */
  devEpochSeconds: number;
};

export function parseChainIds(value: string | undefined): number[] {
  const ids = (value ?? String(LOCAL_CHAIN_ID))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const bad = ids.filter((id) => !Number.isInteger(id) || (id !== LOCAL_CHAIN_ID && !publicChains[id]));
  if (bad.length > 0 || ids.length === 0) {
    throw new Error(
      `NEXT_PUBLIC_CHAIN_IDS must list chain ids the app knows (${[LOCAL_CHAIN_ID, ...Object.keys(publicChains)].join(", ")}); got "${value}"`,
    );
  }
  return [...new Set(ids)];
}

const ORIGIN = /^(https?|wss?):\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?$/i;

/** NEXT_PUBLIC_ARTIFACT_ORIGINS: origins (scheme://host[:port], `*.` for subdomains), no paths. */
export function parseArtifactOrigins(value: string | undefined): string[] {
  const items = (value ?? "")
    .split(",")
    .map((s) => s.trim().replace(/\/$/, ""))
    .filter(Boolean);
  const bad = items.filter((o) => !ORIGIN.test(o));
  if (bad.length > 0) {
    throw new Error(
      `NEXT_PUBLIC_ARTIFACT_ORIGINS must list origins such as https://models.example.org or https://*.example.org (no paths); got "${bad.join(", ")}"`,
    );
  }
  return [...new Set(items)];
}

function onOff(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  if (value === "on") return true;
  if (value === "off") return false;
  throw new Error(`${name} must be on or off; got "${value}"`);
}

export function buildAppConfig(env: Record<string, string | undefined>): AppConfig {
  const ids = parseChainIds(env.NEXT_PUBLIC_CHAIN_IDS);
  const localRpc = env.NEXT_PUBLIC_LOCAL_RPC_URL || DEFAULT_LOCAL_RPC_URL;
  const rpcUrls: Record<number, string> = {};
  const indexerUrls: Record<number, string | undefined> = {};
  const chains = ids.map((id) => {
    if (id === LOCAL_CHAIN_ID) {
      rpcUrls[id] = localRpc;
      indexerUrls[id] = env.NEXT_PUBLIC_INDEXER_URL || DEFAULT_LOCAL_INDEXER_URL;
      return localChain(localRpc);
    }
    const chain = publicChains[id]!;
    rpcUrls[id] = env[`NEXT_PUBLIC_RPC_URL_${id}`] || chain.rpcUrls.default.http[0]!;
    indexerUrls[id] = env[`NEXT_PUBLIC_INDEXER_URL_${id}`] || undefined;
    return chain;
  });
  return {
    chains: chains as [Chain, ...Chain[]],
    rpcUrls,
    indexerUrls,
    walletConnectProjectId: env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID || undefined,
    coinbaseWallet: onOff("NEXT_PUBLIC_COINBASE_WALLET", env.NEXT_PUBLIC_COINBASE_WALLET, true),
    artifactOrigins: parseArtifactOrigins(env.NEXT_PUBLIC_ARTIFACT_ORIGINS),
    modelHub: onOff("NEXT_PUBLIC_MODEL_HUB", env.NEXT_PUBLIC_MODEL_HUB, true),
    localTools: ids.includes(LOCAL_CHAIN_ID),
    devEpochSeconds: Number(env.NEXT_PUBLIC_DEV_EPOCH_SECONDS || 86_400),
  };
}

/** Next.js inlines NEXT_PUBLIC_* only when each is named in full, hence the explicit object. */
export const appConfig: AppConfig = buildAppConfig({
  NEXT_PUBLIC_CHAIN_IDS: process.env.NEXT_PUBLIC_CHAIN_IDS,
  NEXT_PUBLIC_LOCAL_RPC_URL: process.env.NEXT_PUBLIC_LOCAL_RPC_URL,
  NEXT_PUBLIC_RPC_URL_84532: process.env.NEXT_PUBLIC_RPC_URL_84532,
  NEXT_PUBLIC_RPC_URL_8453: process.env.NEXT_PUBLIC_RPC_URL_8453,
  NEXT_PUBLIC_INDEXER_URL: process.env.NEXT_PUBLIC_INDEXER_URL,
  NEXT_PUBLIC_INDEXER_URL_84532: process.env.NEXT_PUBLIC_INDEXER_URL_84532,
  NEXT_PUBLIC_INDEXER_URL_8453: process.env.NEXT_PUBLIC_INDEXER_URL_8453,
  NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID,
  NEXT_PUBLIC_DEV_EPOCH_SECONDS: process.env.NEXT_PUBLIC_DEV_EPOCH_SECONDS,
  NEXT_PUBLIC_COINBASE_WALLET: process.env.NEXT_PUBLIC_COINBASE_WALLET,
  NEXT_PUBLIC_ARTIFACT_ORIGINS: process.env.NEXT_PUBLIC_ARTIFACT_ORIGINS,
  NEXT_PUBLIC_MODEL_HUB: process.env.NEXT_PUBLIC_MODEL_HUB,
});

export const LOCAL_RPC_URL = appConfig.rpcUrls[LOCAL_CHAIN_ID];
