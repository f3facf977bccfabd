import { registerCustomErrorExplainers } from "@/lib/errors/customErrors";

/** Plain-language meaning of MachineRegistry's errors that a page user can meet. */
registerCustomErrorExplainers({
  AccessControlUnauthorizedAccount: () =>
    "Only authorised reporters (gateways) may report job results and latency.",
  JobAlreadyReported: () => "This job's result is already on chain.",
  InvalidLatency: ([latency, max]) =>
    `A latency of ${String(latency)} ms is above the ${String(max)} ms the registry accepts.`,
  InvalidJobWeight: () => "A job's weight must be from 1 to 10.",
});
