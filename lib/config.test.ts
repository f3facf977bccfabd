import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildAppConfig, parseChainIds } from "./config";

describe("app config", () => {
  it("serves the local chain by default, with its dev tools", () => {
    const config = buildAppConfig({});
    assert.deepEqual(
      config.chains.map((c) => c.id),
      [31337],
    );
    assert.equal(config.rpcUrls[31337], "http://127.0.0.1:8545");
    assert.equal(config.localTools, true);
    assert.equal(config.walletConnectProjectId, undefined);
  });

  it("serves Base Sepolia without local tools and takes RPC overrides", () => {
    const config = buildAppConfig({
      NEXT_PUBLIC_CHAIN_IDS: "84532",
      NEXT_PUBLIC_RPC_URL_84532: "https://rpc.example",
      NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: "abc",
    });
    assert.deepEqual(
      config.chains.map((c) => c.id),
      [84532],
    );
    assert.equal(config.rpcUrls[84532], "https://rpc.example");
    assert.equal(config.localTools, false);
    assert.equal(config.walletConnectProjectId, "abc");
  });

  it("rejects chains it does not know", () => {
    assert.throws(() => parseChainIds("31337,1"), /NEXT_PUBLIC_CHAIN_IDS/);
    assert.throws(() => parseChainIds("abc"), /NEXT_PUBLIC_CHAIN_IDS/);
    assert.deepEqual(parseChainIds(" 31337 , 84532,31337"), [31337, 84532]);
  });
});
