import {
  encodeFunctionData,
  type Abi,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
} from "viem";
import { arenaTasksAbi } from "../../contracts-abi/index.ts";

/** A state-changing ArenaTasks function. */
export type TasksWrite = ContractFunctionName<typeof arenaTasksAbi, "nonpayable">;

/** The calldata of one ArenaTasks write, its name and arguments typed from the ABI at the call site. */
export function tasksCallData<F extends TasksWrite>(
  functionName: F,
  args: ContractFunctionArgs<typeof arenaTasksAbi, "nonpayable", F>,
): Hex {
  // Encoded against the ABI as a plain `Abi`: the generic form does not narrow here.
  const abi: Abi = arenaTasksAbi;
  return encodeFunctionData({ abi, functionName: functionName as string, args: args as readonly unknown[] });
}
