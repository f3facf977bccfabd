import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import {
  MACHINE_EPOCH_SECONDS,
  MACHINE_HEARTBEAT_SECONDS,
  MACHINE_MIN_STAKE,
} from "../../scripts/lib/deploy-plan.ts";
import ArenaProtocol from "./ArenaProtocol.ts";

/** Inference machines: one-day epochs, hourly heartbeat slots, one epoch of unbonding. */
export default buildModule("Machines", (m) => {
  const token = m.getParameter<string>("token");
  const registry = m.contract(
    "MachineRegistry",
    [
      token,
      m.getAccount(0),
      MACHINE_EPOCH_SECONDS,
      MACHINE_HEARTBEAT_SECONDS,
      MACHINE_EPOCH_SECONDS,
      MACHINE_MIN_STAKE,
    ],
    { after: [ArenaProtocol] },
  );
  return { registry };
});
