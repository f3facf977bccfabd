import {
  hexToBigInt,
  type Address,
  type EIP1193RequestFn,
  type Hex,
  type TransactionSerializable,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import type { EIP1193Provider } from "./ignition.ts";

/** secp256k1's group order: a private key is a number in [1, n). */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/**
 * Reads a deployer key as given (with or without 0x, surrounding whitespace ignored) or explains what is wrong
 * with it, without ever echoing it.
 */
export function parsePrivateKey(value: string | undefined, variable = "DEPLOYER_PRIVATE_KEY"): Hex {
  if (value === undefined || value.trim() === "") {
    throw new Error(`${variable} is not set: give the deployer's private key (64 hex digits, 0x…).`);
  }
  const trimmed = value.trim();
  const hex = trimmed.startsWith("0x") || trimmed.startsWith("0X") ? trimmed.slice(2) : trimmed;
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    throw new Error(
      `${variable} is malformed: it must be hexadecimal (0-9, a-f), 64 digits after an optional 0x.`,
    );
  }
  if (hex.length !== 64) {
    throw new Error(
      `${variable} is malformed: a private key is 32 bytes, 64 hex digits; this one has ${hex.length} digit${hex.length === 1 ? "" : "s"}.` +
        (hex.length === 40 ? " It looks like an address, not a key." : ""),
    );
  }
  const key = BigInt(`0x${hex}`);
  if (key === 0n || key >= CURVE_ORDER) {
    throw new Error(`${variable} is not a valid secp256k1 private key (zero or not below the curve order).`);
  }
  return `0x${hex.toLowerCase()}`;
}

type TxRequest = {
  from: Address;
  to?: Address;
  data?: Hex;
  value?: Hex;
  nonce: Hex;
  gas: Hex;
  maxFeePerGas?: Hex;
  maxPriorityFeePerGas?: Hex;
  gasPrice?: Hex;
};

/**
 * An EIP-1193 provider for a deployer key: `eth_accounts` answers the key's address, `eth_sendTransaction` is
 * signed here and sent raw, everything else goes to the RPC. Ignition fills nonce, gas and fees itself.
 */
export function signingProvider(
  request: EIP1193RequestFn,
  chainId: number,
  key: Hex,
): {
  provider: EIP1193Provider;
  account: PrivateKeyAccount;
} {
  const account = privateKeyToAccount(key);
  const raw = request as (args: { method: string; params?: unknown }) => Promise<unknown>;
  const provider: EIP1193Provider = {
    async request({ method, params }) {
      if (method === "eth_accounts" || method === "eth_requestAccounts") return [account.address];
      if (method !== "eth_sendTransaction") return raw({ method, params });
      const [tx] = params as [TxRequest];
      if (tx.from.toLowerCase() !== account.address.toLowerCase()) {
        throw new Error(`Cannot sign for ${tx.from}: the deployer key is ${account.address}`);
      }
      const common = {
        chainId,
        to: tx.to ?? null,
        data: tx.data,
        value: tx.value ? hexToBigInt(tx.value) : 0n,
        nonce: Number(hexToBigInt(tx.nonce)),
        gas: hexToBigInt(tx.gas),
      };
      const unsigned: TransactionSerializable =
        tx.maxFeePerGas !== undefined
          ? {
              ...common,
              type: "eip1559",
              maxFeePerGas: hexToBigInt(tx.maxFeePerGas),
              maxPriorityFeePerGas: hexToBigInt(tx.maxPriorityFeePerGas ?? "0x0"),
            }
          : { ...common, type: "legacy", gasPrice: hexToBigInt(tx.gasPrice ?? "0x0") };
      const signed = await account.signTransaction(unsigned);
      return raw({ method: "eth_sendRawTransaction", params: [signed] });
    },
  };
  return { provider, account };
}
