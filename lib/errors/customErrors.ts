import { formatTokenAmount, formatTimestamp } from "../format";

type Explainer = (args: readonly unknown[]) => string;

const asBigInt = (v: unknown): bigint => (typeof v === "bigint" ? v : 0n);

/**
 * Plain-language explanations of the contracts' custom errors, by error name. The error's name and arguments
 * are always shown as well; this only adds what they mean for the user.
 */
const EXPLAINERS: Record<string, Explainer> = {
  FaucetCooldown: ([, availableAt]) =>
    `The faucet gives each address one drip per day; you can drip again at ${formatTimestamp(asBigInt(availableAt))}.`,
  FaucetEmpty: ([balance]) => `The faucet is empty (${formatTokenAmount(asBigInt(balance))} ARENA left).`,
  ERC20InsufficientBalance: ([, balance, needed]) =>
    `Your ARENA balance (${formatTokenAmount(asBigInt(balance))}) is below the ${formatTokenAmount(asBigInt(needed))} needed.`,
  ERC20InsufficientAllowance: ([, allowance, needed]) =>
    `Arena may spend only ${formatTokenAmount(asBigInt(allowance))} of your ARENA; ${formatTokenAmount(asBigInt(needed))} is needed. Approve first.`,
};

export function explainCustomError(name: string, args: readonly unknown[]): string | undefined {
  return EXPLAINERS[name]?.(args);
}

/** Lets feature modules register explanations for their own errors. */
export function registerCustomErrorExplainers(explainers: Record<string, Explainer>): void {
  Object.assign(EXPLAINERS, explainers);
}
