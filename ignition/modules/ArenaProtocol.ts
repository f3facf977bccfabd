import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { MIN_CREATOR_STAKE } from "../../scripts/lib/deploy-plan.ts";

/**
 * The training-task protocol: three delegatecall modules sharing ArenaTasks' storage layout, then ArenaTasks
 * itself (admin: the deployer). Creators qualify by locking 100 tokens, by past participation or by EXPERT_ROLE.
 * Every step waits for the one before, so a fresh deployer always gets the same addresses.
 */
export default buildModule("ArenaProtocol", (m) => {
  const token = m.getParameter<string>("token");
  const admin = m.getAccount(0);
  const settlement = m.contract("ArenaSettlement", [token]);
  const lifecycle = m.contract("ArenaLifecycle", [token], { after: [settlement] });
  const delegation = m.contract("ArenaDelegation", [token], { after: [lifecycle] });
  const tasks = m.contract("ArenaTasks", [token, admin, settlement, lifecycle, delegation], {
    after: [delegation],
  });
  m.call(tasks, "setMinCreatorStake", [MIN_CREATOR_STAKE], { after: [tasks] });
  return { settlement, lifecycle, delegation, tasks };
});
