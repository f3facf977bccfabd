/**
 * The app's own connect policy input, from its config (lib/config.ts): what proxy.ts builds the CSP from and what
 * `connectRefusal` checks a URI against before it is fetched.
 */
import { appConfig, type AppConfig } from "../config";
import { connectAllowed } from "./connect";
import { DEFAULT_IPFS_GATEWAY, type ConnectInput } from "./csp";

export function connectInputOf(app: AppConfig, development = false): ConnectInput {
  return {
    rpcUrls: Object.values(app.rpcUrls),
    indexerUrls: Object.values(app.indexerUrls).filter((u): u is string => Boolean(u)),
    walletConnect: app.walletConnectProjectId !== undefined,
    coinbase: app.coinbaseWallet,
    localChain: app.localTools,
    artifactOrigins: app.artifactOrigins,
    modelHub: app.modelHub,
    ipfsGateway: DEFAULT_IPFS_GATEWAY,
    development,
  };
}

export const appConnectInput: ConnectInput = connectInputOf(
  appConfig,
  process.env.NODE_ENV === "development",
);

/**
 * Why the page may not fetch `url` under the app's policy, or null when it may (and always in Node, where no
 * policy applies: scripts, the validator bot, unit tests).
 */
export function connectRefusal(url: string): string | null {
  if (typeof location === "undefined") return null;
  const verdict = connectAllowed(url, appConnectInput, location.href);
  return verdict.ok ? null : verdict.message;
}
