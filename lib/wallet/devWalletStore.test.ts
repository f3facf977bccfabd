import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createDevWalletStore, devWalletStore } from "./devWalletStore";

const accounts = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
] as const;

describe("devWalletStore", () => {
  it("starts a visitor on account #1, not the deployer, and notifies on every change", () => {
    let notified = 0;
    const unsubscribe = devWalletStore.subscribe(() => notified++);
    devWalletStore.setAccounts(accounts);
    assert.equal(devWalletStore.get().selected, accounts[1]);
    const switched: string[] = [];
    devWalletStore.bind({ account: (a) => switched.push(a), chain: () => {} });
    devWalletStore.select(accounts[2]);
    assert.equal(devWalletStore.get().selected, accounts[2]);
    assert.deepEqual(switched, [accounts[2]]);
    unsubscribe();
    assert.equal(notified, 2);
  });

  it("rejects exactly one request after the switch is set", () => {
    assert.equal(devWalletStore.takeRejectNext(), false);
    devWalletStore.setRejectNext(true);
    assert.equal(devWalletStore.takeRejectNext(), true);
    assert.equal(devWalletStore.takeRejectNext(), false);
    assert.equal(devWalletStore.get().rejectNext, false);
  });

  it("reports a simulated chain to the connector", () => {
    const chains: number[] = [];
    devWalletStore.bind({ account: () => {}, chain: (id) => chains.push(id) });
    devWalletStore.setChainId(1);
    assert.equal(devWalletStore.get().chainId, 1);
    assert.deepEqual(chains, [1]);
  });
});

describe("devWalletStore memory", () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
  };

  it("restores the last accounts and choice without asking the node", () => {
    const storage = memory();
    const first = createDevWalletStore(() => storage);
    first.setAccounts(accounts);
    first.select(accounts[2]);
    const afterReload = createDevWalletStore(() => storage);
    assert.equal(afterReload.restore(), accounts[2]);
    assert.deepEqual(afterReload.get().accounts, accounts);
    assert.equal(afterReload.get().selected, accounts[2]);
  });

  it("restores only what is usable", () => {
    const storage = memory();
    assert.equal(createDevWalletStore(() => storage).restore(), undefined);
    storage.setItem("arena.devWallet.accounts", "not json");
    storage.setItem("arena.devWallet.selected", accounts[0]);
    assert.equal(createDevWalletStore(() => storage).restore(), undefined);
    storage.setItem("arena.devWallet.accounts", JSON.stringify([accounts[1], "0xnot-an-address"]));
    const store = createDevWalletStore(() => storage);
    assert.equal(store.restore(), accounts[1], "an account no longer there falls back as for a new visitor");
    assert.deepEqual(store.get().accounts, [accounts[1]]);
  });
});
