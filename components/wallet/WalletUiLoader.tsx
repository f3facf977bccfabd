"use client";

import { useEffect, useState, useSyncExternalStore, type ComponentType } from "react";
import { walletUi } from "@/lib/wallet/walletUi";

/** Mounts RainbowKit (provider + modals) once a wallet button asks for it; renders nothing before. */
export function WalletUiLoader() {
  const wanted = useSyncExternalStore(walletUi.subscribe, walletUi.isWanted, () => false);
  const [Host, setHost] = useState<ComponentType | null>(null);
  useEffect(() => {
    if (!wanted || Host) return;
    let cancelled = false;
    void import("./WalletUiHost").then((mod) => {
      if (!cancelled) setHost(() => mod.default);
    });
    return () => {
      cancelled = true;
    };
  }, [wanted, Host]);
  return Host ? <Host /> : null;
}
