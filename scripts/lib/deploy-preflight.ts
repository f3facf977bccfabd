import {
  createPublicClient,
  formatEther,
  getAddress,
  http,
  isAddress,
  parseAbi,
  type Address,
  type PublicClient,
} from "viem";
import { readArtifact } from "./artifacts.ts";
import { MULTICALL3_ADDRESS } from "./deploy-plan.ts";

/**
 * Checks a deployer can get wrong, each answered before any transaction with what is wrong and what to do.
 * None of them prints a secret: RPC URLs often carry an API key, so only their origin is shown.
 */
export class PreflightError extends Error {
  override name = "PreflightError";
}

export function describeRpc(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(not a URL)";
  }
}

/** Connects to the RPC and checks it serves the chain the network is configured for. */
export async function checkRpc(
  rpcUrl: string,
  expectedChainId: number,
  variable: string,
): Promise<PublicClient> {
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new PreflightError(`${variable} is not a URL: expected http(s)://…`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new PreflightError(`${variable} must be an http(s) URL, not ${url.protocol}//`);
  }
  const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 1, timeout: 10_000 }) });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (error) {
    throw new PreflightError(
      `Cannot reach the RPC at ${describeRpc(rpcUrl)} (${shortReason(error)}). Check ${variable} and your connection.`,
    );
  }
  if (chainId !== expectedChainId) {
    throw new PreflightError(
      `The RPC at ${describeRpc(rpcUrl)} serves chain ${chainId}, not ${expectedChainId}. ${variable} points at the wrong network.`,
    );
  }
  return client as PublicClient;
}

export async function checkMulticall(client: PublicClient, chainId: number): Promise<void> {
  const code = await client.getCode({ address: MULTICALL3_ADDRESS });
  if (!code || code === "0x") {
    throw new PreflightError(
      `No Multicall3 at ${MULTICALL3_ADDRESS} on chain ${chainId}: the app batches its reads through it. ` +
        "Deploy it there first (https://github.com/mds1/multicall3#new-deployments) or use a chain that has it.",
    );
  }
}

export type StakingToken = { address: Address; symbol: string; decimals: number };

const erc20 = parseAbi([
  "function symbol() view returns (string)",
  "function decimals() view returns (uint8)",
  "function totalSupply() view returns (uint256)",
]);

/** An existing ERC-20 to stake: it must be a contract that answers `symbol`, `decimals` and `totalSupply`. */
export async function checkStakingToken(
  client: PublicClient,
  value: string,
  chainId: number,
): Promise<StakingToken> {
  if (!isAddress(value, { strict: false })) {
    throw new PreflightError(`ARENA_STAKING_TOKEN is not an address: expected 0x followed by 40 hex digits.`);
  }
  const address = getAddress(value);
  const code = await client.getCode({ address });
  if (!code || code === "0x") {
    throw new PreflightError(
      `ARENA_STAKING_TOKEN ${address} has no code on chain ${chainId}: it is not a token here (another network's address?).`,
    );
  }
  const read = async <T>(functionName: "symbol" | "decimals" | "totalSupply"): Promise<T> => {
    try {
      return (await client.readContract({ address, abi: erc20, functionName })) as T;
    } catch {
      throw new PreflightError(
        `ARENA_STAKING_TOKEN ${address} is a contract but not an ERC-20: it does not answer ${functionName}().`,
      );
    }
  };
  const symbol = await read<string>("symbol");
  const decimals = await read<number>("decimals");
  await read<bigint>("totalSupply");
  return { address, symbol, decimals: Number(decimals) };
}

/** Gas a contract creation takes at most, roughly: intrinsic + calldata + code deposit + constructor work. */
export function creationGas(contractName: string): bigint {
  const { bytecode, deployedBytecode } = readArtifact(contractName);
  const initBytes = BigInt((bytecode.length - 2) / 2);
  const codeBytes = BigInt((deployedBytecode.length - 2) / 2);
  return 53_000n + initBytes * 16n + codeBytes * 200n + 250_000n;
}
export const CALL_GAS = 100_000n;

/**
 * The deployer must afford what is left to send at today's fees (Ignition offers up to twice the base fee plus
 * the tip), with a quarter on top for fee bumps.
 */
export async function checkBalance(client: PublicClient, deployer: Address, gas: bigint): Promise<bigint> {
  if (gas === 0n) return 0n;
  const [balance, block, tip] = await Promise.all([
    client.getBalance({ address: deployer }),
    client.getBlock(),
    client.estimateMaxPriorityFeePerGas().catch(() => 1_000_000_000n),
  ]);
  const maxFee = (block.baseFeePerGas ?? (await client.getGasPrice())) * 2n + tip;
  const needed = (gas * maxFee * 5n) / 4n;
  if (balance < needed) {
    throw new PreflightError(
      `The deployer ${deployer} holds ${formatEther(balance)} ETH; the deploy needs about ${formatEther(needed)} ETH ` +
        `(${gas} gas at up to ${formatGwei(maxFee)} gwei, with a margin). Fund it and retry.`,
    );
  }
  return needed;
}

function formatGwei(wei: bigint): string {
  return (Number(wei) / 1e9).toFixed(3);
}

function shortReason(error: unknown): string {
  const message =
    error instanceof Error
      ? ((error as { shortMessage?: string }).shortMessage ?? error.message)
      : String(error);
  const details = error instanceof Error ? (error as { details?: string }).details : undefined;
  return [message.split("\n")[0]?.replace(/\.$/, ""), details].filter(Boolean).join(": ");
}
