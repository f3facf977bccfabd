"use client";

import "@rainbow-me/rainbowkit/styles.css";
import {
  RainbowKitProvider,
  lightTheme,
  useAccountModal,
  useChainModal,
  useConnectModal,
} from "@rainbow-me/rainbowkit";
import { useEffect } from "react";
import { appConfig } from "@/lib/config";
import { walletUi } from "@/lib/wallet/walletUi";

const theme = lightTheme({ accentColor: "#0f766e", borderRadius: "medium" });

/** RainbowKit's provider and modals; imported only when a wallet button is used (see walletUi). */
export default function WalletUiHost() {
  return (
    <RainbowKitProvider theme={theme} initialChain={appConfig.chains[0]} appInfo={{ appName: "Arena" }}>
      <ModalBridge />
    </RainbowKitProvider>
  );
}

function ModalBridge() {
  const { openConnectModal } = useConnectModal();
  const { openAccountModal } = useAccountModal();
  const { openChainModal } = useChainModal();
  useEffect(() => {
    walletUi.register({ connect: openConnectModal, account: openAccountModal, chain: openChainModal });
  }, [openConnectModal, openAccountModal, openChainModal]);
  useEffect(() => () => walletUi.register({}), []);
  return null;
}
