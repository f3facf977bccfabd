import { enums } from "../../contracts-abi/protocol";

/** A staker's role: the Solidity enum `Role` (contracts/arena/IArena.sol), generated into contracts-abi/protocol.ts. */
export type RoleName = (typeof enums.Role)[number];

/** On-chain values by name (`ROLE.Node` is what `stake(taskId, role, amount)` takes for a training node). */
export const ROLE = Object.fromEntries(enums.Role.map((r, i) => [r, i])) as Record<RoleName, number>;

/** How an error message or a table names each role. */
export const ROLE_LABELS = {
  None: "no role",
  Node: "node",
  Validator: "validator",
} as const satisfies Record<RoleName, string>;

/** The label of an on-chain role value, or undefined for a value the enum does not have. */
export function roleLabel(value: number): string | undefined {
  const name = enums.Role[value];
  return name === undefined ? undefined : ROLE_LABELS[name];
}
