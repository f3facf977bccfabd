/**
 * The wallet UI (RainbowKit's modals) is not part of first-load JS: light buttons ask for it here, and
 * `WalletUiLoader` imports and mounts it on the first request, then runs the modal request that was waiting.
 */
export type WalletModal = "connect" | "account" | "chain";
type Openers = Partial<Record<WalletModal, () => void>>;

let wanted = false;
let pending: WalletModal | null = null;
let openers: Openers = {};
const listeners = new Set<() => void>();

function flush() {
  const open = pending && openers[pending];
  if (!open) return;
  pending = null;
  open();
}

export const walletUi = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
  /** Whether the wallet UI has been asked for (it stays mounted from then on). */
  isWanted: () => wanted,
  /** Starts loading the wallet UI (on hover or focus of a wallet button) without opening anything. */
  preload() {
    if (wanted) return;
    wanted = true;
    for (const listener of listeners) listener();
  },
  /** Opens a RainbowKit modal, loading the UI first if needed. */
  open(modal: WalletModal) {
    pending = modal;
    walletUi.preload();
    flush();
  },
  /** Called by the mounted UI whenever RainbowKit's modal openers change. */
  register(next: Openers) {
    openers = next;
    flush();
  },
};
