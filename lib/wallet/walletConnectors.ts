import type { WalletDetailsParams, WalletList } from "@rainbow-me/rainbowkit";
import type { CreateConnectorFn } from "wagmi";

type RainbowKitDetails = WalletDetailsParams["rkDetails"];
type WalletOptions = Parameters<WalletList[number]["wallets"][number]>[0];

/**
 * Wagmi connectors for a RainbowKit wallet list, each carrying the `rkDetails` the RainbowKit modal reads.
 *
 * The same as RainbowKit's `connectorsForWallets`, without importing RainbowKit's main entry: that module
 * holds the whole connect UI (modal, themes, vanilla-extract styles), and the connectors have to exist at
 * first load (wagmi reconnects through them) while the UI is loaded only when someone opens it.
 */
export function connectorsForWalletList(
  walletList: WalletList,
  { appName, projectId }: { appName: string; projectId: string },
): CreateConnectorFn[] {
  const metadata = {
    name: appName,
    description: appName,
    url: typeof window !== "undefined" ? window.location.origin : "",
    icons: [],
  };
  const options: WalletOptions = {
    projectId,
    appName,
    options: { metadata },
    walletConnectParameters: { metadata },
  };
  const visible: RainbowKitDetailsWithConnector[] = [];
  const maybeHidden: RainbowKitDetailsWithConnector[] = [];
  let index = -1;
  for (const [groupIndex, { groupName, wallets }] of walletList.entries()) {
    if (wallets.length === 0) throw new Error(`No wallets provided for group: ${groupName}`);
    for (const createWallet of wallets) {
      index++;
      const wallet = createWallet(options);
      if (wallet.iconAccent && !/^#([0-9a-f]{3}){1,2}$/i.test(wallet.iconAccent))
        throw new Error(`Property \`iconAccent\` is not a hex value for wallet: ${wallet.name}`);
      const item = { ...wallet, groupIndex: groupIndex + 1, groupName, index };
      (typeof wallet.hidden === "function" ? maybeHidden : visible).push(item);
    }
  }

  const seen = new Set<string>();
  const connectors: CreateConnectorFn[] = [];
  for (const { createConnector, hidden, ...meta } of [...visible, ...maybeHidden]) {
    if (seen.has(meta.id)) continue;
    seen.add(meta.id);
    if (typeof hidden === "function" && hidden()) continue;
    const details = (extra: Partial<RainbowKitDetails> = {}): WalletDetailsParams => ({
      rkDetails: omitUndefined({ ...meta, isRainbowKitConnector: true, ...extra }),
    });
    // RainbowKit lists WalletConnect twice: as a QR code in its own modal and as WalletConnect's modal.
    if (meta.id === "walletConnect")
      connectors.push(createConnector(details({ isWalletConnectModalConnector: true, showQrModal: true })));
    connectors.push(createConnector(details()));
  }
  return connectors;
}

type RainbowKitDetailsWithConnector = ReturnType<WalletList[number]["wallets"][number]> & {
  groupIndex: number;
  groupName: string;
  index: number;
};

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
