import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { TARGETS_CONFIG } from "../../scripts/lib/deploy-plan.ts";
import Machines from "./Machines.ts";

/** The targets market (docs/ARCHITECTURE.md §4). */
export default buildModule("Targets", (m) => {
  const token = m.getParameter<string>("token");
  const targets = m.contract("ArenaTargets", [token, m.getAccount(0), TARGETS_CONFIG], { after: [Machines] });
  return { targets };
});
