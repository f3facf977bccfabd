import type { ContractFunctionArgs, ContractFunctionReturnType } from "viem";
import type { arenaTasksAbi } from "../../contracts-abi/ArenaTasks";

/**
 * The protocol's structs as viem encodes and decodes them, derived from the generated ABI (contracts/arena/IArena.sol),
 * so a field added to or retyped in Solidity changes them here.
 */

/** `TaskParams`: everything a creator chooses (createTask's first argument). */
export type TaskParams = ContractFunctionArgs<typeof arenaTasksAbi, "nonpayable", "createTask">[0];

/** `MechanismParams`: the reward mechanism's parameters, WAD fixed point. */
export type MechanismParams = TaskParams["mechanism"];

/** `TaskConfig`: a task's numeric configuration as stored (getTask's second result). */
export type TaskConfig = ContractFunctionReturnType<typeof arenaTasksAbi, "view", "getTask">[1];

/** `TaskState`: a task's mutable state (getTask's first result). */
export type TaskState = ContractFunctionReturnType<typeof arenaTasksAbi, "view", "getTask">[0];
