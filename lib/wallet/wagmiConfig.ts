import type { Wallet, WalletList } from "@rainbow-me/rainbowkit";
import {
  coinbaseWallet,
  injectedWallet,
  metaMaskWallet,
  rabbyWallet,
  walletConnectWallet,
} from "@rainbow-me/rainbowkit/wallets";
import { createConfig, http, type CreateConnectorFn } from "wagmi";
import type { AppConfig } from "../config";
import { LOCAL_CHAIN_ID } from "../chain/chains";
import { devConnector } from "./devConnector";
import { connectorsForWalletList } from "./walletConnectors";

const DEV_WALLET_ICON =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><rect width="28" height="28" rx="6" fill="#0f766e"/><path d="M8 19V9h5.5a4 4 0 0 1 0 8H11" stroke="#fff" stroke-width="2.4" fill="none" stroke-linecap="round"/></svg>',
  );

/** The dev wallet as a RainbowKit wallet, so it shows inside the connect modal. */
function devWallet(rpcUrl: string): () => Wallet {
  return () => ({
    id: "arena-dev",
    name: "Dev wallet (local chain)",
    iconUrl: DEV_WALLET_ICON,
    iconBackground: "#0f766e",
    installed: true,
    createConnector: (walletDetails) => {
      const create: CreateConnectorFn = devConnector({ rpcUrl });
      return (config) => ({ ...create(config), ...walletDetails });
    },
  });
}

export function walletGroups(app: AppConfig): WalletList {
  const popular: WalletList[number]["wallets"] = [injectedWallet, rabbyWallet];
  if (app.coinbaseWallet) popular.push(coinbaseWallet);
  if (app.walletConnectProjectId) popular.push(metaMaskWallet, walletConnectWallet);
  const groups: WalletList = [{ groupName: "Popular", wallets: popular }];
  const localRpc = app.rpcUrls[LOCAL_CHAIN_ID];
  if (app.localTools && localRpc)
    groups.unshift({ groupName: "Local chain", wallets: [devWallet(localRpc)] });
  return groups;
}

export function createWagmiConfig(app: AppConfig) {
  const connectors = connectorsForWalletList(walletGroups(app), {
    appName: "Arena",
    // Only WalletConnect-based wallets use the id, and they are listed only when a real one is set.
    projectId: app.walletConnectProjectId ?? "walletconnect-not-configured",
  });
  return createConfig({
    chains: app.chains,
    connectors,
    transports: Object.fromEntries(app.chains.map((c) => [c.id, http(app.rpcUrls[c.id], { batch: true })])),
    batch: { multicall: true },
    ssr: true,
  });
}
