import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import {
  FAUCET_COOLDOWN_SECONDS,
  FAUCET_DRIP,
  FAUCET_FUNDING,
  TOKEN_SUPPLY,
} from "../../scripts/lib/deploy-plan.ts";

/**
 * The project's own test token and its faucet: always on the local chain, on a live network only when asked for
 * (`ARENA_TEST_TOKEN=1`), since a token minted to the deployer has no value and nobody else holds any.
 */
export default buildModule("TestToken", (m) => {
  const deployer = m.getAccount(0);
  const token = m.contract("ArenaToken", [deployer, TOKEN_SUPPLY]);
  const faucet = m.contract("Faucet", [token, FAUCET_DRIP, FAUCET_COOLDOWN_SECONDS], { after: [token] });
  m.call(token, "transfer", [faucet, FAUCET_FUNDING], { id: "FundFaucet", after: [faucet] });
  return { token, faucet };
});
