import type { arenaTasksAbi } from "../../../contracts-abi/ArenaTasks";
import type { arenaTokenAbi } from "../../../contracts-abi/ArenaToken";
import type { faucetAbi } from "../../../contracts-abi/Faucet";
import type { multicall3Abi } from "../../../contracts-abi/Multicall3";
import { keccak256, toHex } from "viem";
import { date, num, short, tokens, type Explainers } from "../render";

/** Errors of OpenZeppelin's libraries, the same in every contract that uses them: explained once. */
export const LIBRARY_ERRORS = [
  "ReentrancyGuardReentrantCall",
  "SafeERC20FailedOperation",
  "AccessControlBadConfirmation",
  "AccessControlUnauthorizedAccount",
  "CheckpointUnorderedInsertion",
] as const;
export type SharedErrorName = (typeof LIBRARY_ERRORS)[number];

type Library = Pick<Explainers<typeof arenaTasksAbi>, SharedErrorName>;

const ROLE_NAMES: Record<string, string> = {
  [`0x${"0".repeat(64)}`]: "admin",
  [keccak256(toHex("EXPERT_ROLE"))]: "expert (may create tasks without a creator stake)",
  [keccak256(toHex("REPORTER_ROLE"))]: "reporter (gateways that report job results and latency)",
};

/** OpenZeppelin's errors, wherever they come from. */
export const LIBRARY: Library = {
  ReentrancyGuardReentrantCall: () =>
    "The contract refused a nested call into itself (reentrancy guard). Send the action on its own.",
  SafeERC20FailedOperation: ({ token }) =>
    `The token transfer through ${short(token)} failed: check your balance and that you approved enough.`,
  AccessControlBadConfirmation: () => "Roles can only be renounced by their holder, for itself.",
  AccessControlUnauthorizedAccount: ({ account, neededRole }) =>
    `${short(account)} lacks the ${ROLE_NAMES[neededRole] ?? short(neededRole)} role this action requires.`,
  CheckpointUnorderedInsertion: () =>
    "A stake checkpoint would go back in time; this is a contract invariant and should not happen: please report it.",
};

/** ArenaToken: OpenZeppelin's ERC-20, permit and nonces. */
export const ARENA_TOKEN: Explainers<typeof arenaTokenAbi> = {
  ERC20InsufficientBalance: ({ sender, balance, needed }) =>
    `${short(sender)} has ${tokens(balance)}, less than the ${tokens(needed)} needed. Get more ARENA first (locally: the faucet).`,
  ERC20InsufficientAllowance: ({ spender, allowance, needed }) =>
    `${short(spender)} may spend only ${tokens(allowance)} of your ARENA; ${tokens(needed)} is needed. Approve it first.`,
  ERC20InvalidApprover: ({ approver }) => `${short(approver)} cannot approve spending (zero address).`,
  ERC20InvalidReceiver: ({ receiver }) => `Tokens cannot be sent to ${short(receiver)} (zero address).`,
  ERC20InvalidSender: ({ sender }) => `Tokens cannot be sent from ${short(sender)} (zero address).`,
  ERC20InvalidSpender: ({ spender }) => `${short(spender)} cannot be approved as a spender (zero address).`,
  ERC2612ExpiredSignature: ({ deadline }) =>
    `This signed approval expired at ${date(deadline)}: sign a new one.`,
  ERC2612InvalidSigner: ({ signer, owner }) =>
    `The approval was signed by ${short(signer)}, not by the token owner ${short(owner)}.`,
  InvalidAccountNonce: ({ account, currentNonce }) =>
    `The signature of ${short(account)} uses an old nonce (the current one is ${num(currentNonce)}): sign again.`,
  InvalidShortString: () => "A name or symbol is too long to store.",
  StringTooLong: ({ str }) => `"${str.slice(0, 40)}" is too long.`,
  ECDSAInvalidSignature: () => "The signature is invalid.",
  ECDSAInvalidSignatureLength: ({ length }) => `The signature is ${num(length)} bytes long, not 65.`,
  ECDSAInvalidSignatureS: () => "The signature is malformed (its s value is out of range).",
};

/** The local chain's faucet. */
export const FAUCET: Explainers<typeof faucetAbi, SharedErrorName> = {
  FaucetCooldown: ({ availableAt }) =>
    `The faucet gives each address one drip per day; you can drip again at ${date(availableAt)}.`,
  FaucetEmpty: ({ balance, dripAmount }) =>
    `The faucet is empty: ${tokens(balance)} left, a drip is ${tokens(dripAmount)}.`,
  FaucetZeroParameter: ({ name }) => `The faucet's ${name} must not be zero.`,
};

/** Multicall3 (batched reads). */
export const MULTICALL3: Explainers<typeof multicall3Abi> = {
  Multicall3CallFailed: ({ index }) => `Call ${num(index)} of a batch failed.`,
};
