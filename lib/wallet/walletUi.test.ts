import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { walletUi, type WalletModal } from "./walletUi";

// walletUi is one module-wide store; the steps below run in order against it.
describe("the lazily loaded wallet UI", () => {
  const opened: WalletModal[] = [];
  let notified = 0;
  const unsubscribe = walletUi.subscribe(() => notified++);

  it("is not wanted until a button asks for it", () => {
    assert.equal(walletUi.isWanted(), false);
  });

  it("is wanted once preloaded, and tells its listeners once", () => {
    walletUi.preload();
    walletUi.preload();
    assert.equal(walletUi.isWanted(), true);
    assert.equal(notified, 1);
  });

  it("keeps a modal asked for before the UI is mounted, and opens it when the UI registers", () => {
    walletUi.open("connect");
    assert.equal(opened.length, 0);
    walletUi.register({ connect: () => opened.push("connect"), account: () => opened.push("account") });
    assert.deepEqual(opened, ["connect"]);
  });

  it("opens at once when mounted, and only once per request", () => {
    walletUi.open("account");
    assert.deepEqual(opened, ["connect", "account"]);
    walletUi.register({ connect: () => opened.push("connect"), account: () => opened.push("account") });
    assert.deepEqual(opened, ["connect", "account"]);
  });

  it("waits for an opener the mounted UI does not have yet", () => {
    walletUi.open("chain");
    assert.deepEqual(opened, ["connect", "account"]);
    walletUi.register({ chain: () => opened.push("chain") });
    assert.deepEqual(opened, ["connect", "account", "chain"]);
  });

  it("stops telling a listener that unsubscribed", () => {
    unsubscribe();
    assert.equal(notified, 1);
  });
});
