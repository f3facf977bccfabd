import { createConnector } from "wagmi";
import {
  custom,
  fromHex,
  getAddress,
  numberToHex,
  RpcRequestError,
  UserRejectedRequestError,
  type Address,
  type Hex,
} from "viem";
import { rpc } from "viem/utils";
import { LOCAL_CHAIN_ID } from "../chain/chains";
import { devWalletStore } from "./devWalletStore";

/** Requests that a real wallet would show to its user for approval. */
const APPROVAL_METHODS = new Set([
  "eth_sendTransaction",
  "eth_sign",
  "personal_sign",
  "eth_signTypedData_v4",
  "wallet_sendCalls",
]);

type Provider = ReturnType<ReturnType<typeof custom>>;

/** The dev wallet's connector type (RainbowKit replaces connector ids with its wallet ids, not types). */
export const DEV_CONNECTOR_TYPE = "arenaDev";

const CONNECTED_KEY = "arena.devWallet.connected";

function rememberConnected(value: boolean) {
  if (typeof localStorage === "undefined") return;
  if (value) localStorage.setItem(CONNECTED_KEY, "1");
  else localStorage.removeItem(CONNECTED_KEY);
}

/**
 * A wallet for the local chain only: it signs with the Hardhat node's unlocked accounts (the node signs
 * `eth_sendTransaction` itself), lets the dev panel pick the active account, and can reject the next request
 * or pretend to be on another chain so that error handling can be tried by hand and in tests.
 */
export function devConnector({ rpcUrl }: { rpcUrl: string }) {
  let connected = false;

  return createConnector<Provider>((config) => {
    type Request = { method: string; params?: unknown };
    const forward = async ({ method, params }: Request): Promise<unknown> => {
      const { result, error } = await rpc.http(rpcUrl, { body: { method, params } });
      if (error) throw new RpcRequestError({ body: { method, params }, error, url: rpcUrl });
      return result;
    };

    const currentChainId = () => devWalletStore.get().chainId ?? LOCAL_CHAIN_ID;

    const request = async ({ method, params }: Request): Promise<unknown> => {
      if (method === "eth_chainId") return numberToHex(currentChainId());
      if (method === "eth_accounts") {
        const selected = devWalletStore.get().selected;
        return connected && selected ? [selected] : [];
      }
      if (method === "eth_requestAccounts") {
        const accounts = ((await forward({ method: "eth_accounts" })) as Address[]).map((a) => getAddress(a));
        if (accounts.length === 0) throw new Error("The local node has no unlocked accounts");
        devWalletStore.setAccounts(accounts);
        return [devWalletStore.get().selected];
      }
      if (method === "wallet_switchEthereumChain") {
        const [{ chainId }] = params as [{ chainId: Hex }];
        devWalletStore.setChainId(fromHex(chainId, "number"));
        return null;
      }
      if (APPROVAL_METHODS.has(method) && devWalletStore.takeRejectNext()) {
        throw new UserRejectedRequestError(new Error("The dev wallet was set to reject this request."));
      }
      return forward({ method, params });
    };
    const provider = custom({ request })({ retryCount: 0 });

    return {
      id: "arenaDev",
      name: "Dev wallet",
      type: DEV_CONNECTOR_TYPE,
      async setup() {
        devWalletStore.bind({
          account: (account) => config.emitter.emit("change", { accounts: [account] }),
          chain: (chainId) => config.emitter.emit("change", { chainId }),
        });
      },
      async connect({ chainId, isReconnecting } = {}) {
        let accounts: Address[];
        try {
          accounts = (await provider.request({ method: "eth_requestAccounts" })) as Address[];
        } catch (error) {
          // A reload while the chain is down keeps the wallet connected: the app says the chain is unreachable.
          const remembered = isReconnecting ? devWalletStore.restore() : undefined;
          if (!remembered) throw error;
          accounts = [remembered];
        }
        connected = true;
        rememberConnected(true);
        if (chainId && chainId !== currentChainId()) devWalletStore.setChainId(chainId);
        // wagmi 2 connectors return addresses unless asked for capabilities.
        return { accounts: accounts.map((a) => getAddress(a)), chainId: currentChainId() } as never;
      },
      async disconnect() {
        connected = false;
        rememberConnected(false);
      },
      async getAccounts() {
        const selected = devWalletStore.get().selected;
        return connected && selected ? [selected] : [];
      },
      async getChainId() {
        return currentChainId();
      },
      async getProvider() {
        return provider;
      },
      async isAuthorized() {
        return typeof localStorage !== "undefined" && localStorage.getItem(CONNECTED_KEY) === "1";
      },
      async switchChain({ chainId }) {
        const chain = config.chains.find((c) => c.id === chainId);
        if (!chain) throw new Error(`Chain ${chainId} is not configured`);
        devWalletStore.setChainId(chainId);
        return chain;
      },
      onAccountsChanged(accounts) {
        config.emitter.emit("change", { accounts: accounts.map((a) => getAddress(a)) });
      },
      onChainChanged(chainId) {
        config.emitter.emit("change", { chainId: Number(chainId) });
      },
      onDisconnect() {
        connected = false;
        config.emitter.emit("disconnect");
      },
    };
  });
}
