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
const ACCOUNTS_KEY = "arena.devWallet.accounts";

/** Where the store remembers the chosen account and the node's accounts (localStorage in the browser). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem">;

const browserStorage = (): KeyValueStorage | undefined =>
  typeof localStorage === "undefined" ? undefined : localStorage;

export function createDevWalletStore(storage: () => KeyValueStorage | undefined = browserStorage) {
  let state: DevWalletState = { accounts: [], selected: undefined, rejectNext: false, chainId: undefined };
  const listeners = new Set<Listener>();
  let onAccountChange: ((account: Address) => void) | undefined;
  let onChainChange: ((chainId: number) => void) | undefined;

  const pick = (accounts: readonly Address[]) => {
    const saved = storage()?.getItem(STORAGE_KEY);
    // Account #0 deployed everything; a fresh visitor starts as #1, an ordinary funded user.
    return accounts.find((a) => a.toLowerCase() === saved?.toLowerCase()) ?? accounts[1] ?? accounts[0];
  };

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
      storage()?.setItem(ACCOUNTS_KEY, JSON.stringify(accounts));
      set({ accounts, selected: pick(accounts) });
    },
    /**
     * The accounts and choice remembered from the last connection, for reconnecting after a reload while the
     * chain does not answer (the node's unlocked accounts are the same on every start); the selected account.
     */
    restore(): Address | undefined {
      let accounts: Address[] = [];
      try {
        const parsed: unknown = JSON.parse(storage()?.getItem(ACCOUNTS_KEY) ?? "[]");
        if (Array.isArray(parsed))
          accounts = parsed.filter(
            (a: unknown): a is Address => typeof a === "string" && /^0x[0-9a-fA-F]{40}$/.test(a),
          );
      } catch {
        /* nothing usable remembered */
      }
      const selected = pick(accounts);
      if (selected) set({ accounts, selected });
      return selected;
    },
    select(account: Address) {
      storage()?.setItem(STORAGE_KEY, account);
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
