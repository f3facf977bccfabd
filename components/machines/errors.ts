import { formatUnits } from "viem";
import { registerCustomErrorExplainers } from "@/lib/errors/customErrors";

/** A weight argument (18 decimals) in whole units. */
const units = (value: unknown) => (typeof value === "bigint" ? formatUnits(value, 18) : String(value));

/** Plain-language meaning of MachineRegistry's errors that a page user can meet. */
registerCustomErrorExplainers({
  AccessControlUnauthorizedAccount: () =>
    "Only authorised reporters (gateways) may report job results and latency.",
  JobAlreadyReported: () => "This job's result is already on chain.",
  JobAlreadyClaimed: () => "The machine has already claimed this job.",
  InvalidLatency: ([latency, max]) =>
    `A latency of ${String(latency)} ms is above the ${String(max)} ms the registry accepts.`,
  InvalidJobWeight: ([, max]) => `A job's weight must be from 1 to ${units(max)}.`,
  ReporterCapExceeded: ([, machineId, epoch, , cap]) =>
    `You have already reported ${units(cap)} of successful job weight for machine #${String(machineId)} in epoch ${String(epoch)}, the most one reporter may add there. Another reporter can still report its jobs, or you can again next epoch.`,
});
