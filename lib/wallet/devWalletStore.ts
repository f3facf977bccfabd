import type { Address } from "viem";

/**
 * State of the local dev wallet, shared by its connector and the dev panel: which of the node's unlocked
 * accounts is active, whether the next signature request is rejected (to try error handling), and which chain
 * the wallet pretends to be on (to try the wrong-network banner).
 */
export type DevWalletState = {
  accounts: readonly Address[];
  selected: Address | undefined;
  rejectNext: boolean;
  chainId: number | undefined;
};

type Listener = () => void;

const STORAGE_KEY = "arena.devWallet.selected";

function createDevWalletStore() {
  let state: DevWalletState = { accounts: [], selected: undefined, rejectNext: false, chainId: undefined };
  const listeners = new Set<Listener>();
  let onAccountChange: ((account: Address) => void) | undefined;
  let onChainChange: ((chainId: number) => void) | undefined;

  const set = (patch: Partial<DevWalletState>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };

  return {
    get: () => state,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setAccounts(accounts: readonly Address[]) {
      const saved = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
      // Account #0 deployed everything; a fresh visitor starts as #1, an ordinary funded user.
      const selected =
        accounts.find((a) => a.toLowerCase() === saved?.toLowerCase()) ?? accounts[1] ?? accounts[0];
      set({ accounts, selected });
    },
    select(account: Address) {
      if (typeof localStorage !== "undefined") localStorage.setItem(STORAGE_KEY, account);
      set({ selected: account });
      onAccountChange?.(account);
    },
    setRejectNext(rejectNext: boolean) {
      set({ rejectNext });
    },
    /** Consumes the "reject next request" switch: true once, then off. */
    takeRejectNext(): boolean {
      if (!state.rejectNext) return false;
      set({ rejectNext: false });
      return true;
    },
    setChainId(chainId: number) {
      set({ chainId });
      onChainChange?.(chainId);
    },
    bind(handlers: { account: (a: Address) => void; chain: (id: number) => void }) {
      onAccountChange = handlers.account;
      onChainChange = handlers.chain;
    },
  };
}

export const devWalletStore = createDevWalletStore();
