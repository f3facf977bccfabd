import type {
  Abi,
  Address,
  ContractFunctionArgs,
  ContractFunctionName,
  Hash,
  TransactionReceipt,
} from "viem";
import type { ParsedError } from "@/lib/errors/parseError";

/** The transactor's types (components/tx/TxProvider.tsx sends, lib/hooks/useTransactor.ts hands it out). */
export type TxStage = "awaiting-signature" | "pending" | "confirmed" | "failed";

export type TxEntry = {
  id: number;
  /** The action (see `txKey`): a second send of it while this one is in flight is not sent. */
  key: string;
  label: string;
  stage: TxStage;
  hash?: Hash;
  explorerUrl?: string;
  error?: ParsedError;
};

export type Mutability = "nonpayable" | "payable";

export type WriteRequest<TAbi extends Abi, TFn extends ContractFunctionName<TAbi, Mutability>> = {
  /** What the user is doing, in a few words ("Claim rewards"). */
  label: string;
  abi: TAbi;
  address: Address | undefined;
  functionName: TFn;
  args: ContractFunctionArgs<TAbi, Mutability, TFn>;
  value?: bigint;
  /** What makes two sends the same action; by default the contract, function, arguments and value. */
  key?: string;
};

/** The action a request is: while one is in flight, sending the same again returns the first one's result. */
export function txKey(request: {
  address: Address | undefined;
  functionName: string;
  args: unknown;
  value?: bigint;
  key?: string;
}): string {
  if (request.key) return request.key;
  const args = JSON.stringify(request.args, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v));
  return `${request.address?.toLowerCase()}.${request.functionName}(${args})${request.value ?? ""}`;
}

export type TxResult = { ok: true; receipt: TransactionReceipt } | { ok: false; error: ParsedError };

export type TxContextValue = {
  entries: TxEntry[];
  dismiss: (id: number) => void;
  /** Whether an action (a `txKey`) is awaiting its signature or being mined. */
  isPending: (key: string) => boolean;
  run: <const TAbi extends Abi, TFn extends ContractFunctionName<TAbi, Mutability>>(
    request: WriteRequest<TAbi, TFn>,
  ) => Promise<TxResult>;
};
