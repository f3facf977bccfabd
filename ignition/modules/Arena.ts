import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import ArenaProtocol from "./ArenaProtocol.ts";
import Machines from "./Machines.ts";
import Targets from "./Targets.ts";

/**
 * Everything Arena deploys around a staking token, given as the global parameter `token` (an existing ERC-20 on
 * a live network, or the TestToken module's ArenaToken). scripts/deploy.ts runs it; so can
 * `npx hardhat ignition deploy ignition/modules/Arena.ts --parameters params.json` (`{"$global":{"token":"0x…"}}`),
 * without the preflight checks and the deployments/ record. That compiles with the production profile, whose
 * isolated build of contracts/machines/MachineTypes.sol (types only) makes `hardhat node` fail with "Failed to
 * parse build info: missing field `contracts`" until `npx hardhat build` runs again.
 */
export default buildModule("Arena", (m) => {
  const protocol = m.useModule(ArenaProtocol);
  const { registry } = m.useModule(Machines);
  const { targets } = m.useModule(Targets);
  return { ...protocol, registry, targets };
});
