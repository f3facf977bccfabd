import assert from "node:assert/strict";
import { describe, it, test } from "node:test";
import {
  createHeadStore,
  createRpcHealthStore,
  INITIAL_RPC_HEALTH,
  nextProbeDelay,
  nextRpcHealth,
  refreshAfterProbe,
  SETTLE_MS,
  type RefreshState,
} from "./rpcHealth.ts";

test("one failed probe is doubt, the second in a row is an outage", () => {
  const up = nextRpcHealth(INITIAL_RPC_HEALTH, true, 1_000);
  assert.deepEqual(up, { status: "up", lastOkAt: 1_000, downSince: undefined, failures: 0 });
  const doubt = nextRpcHealth(up, false, 2_000);
  assert.equal(doubt.status, "up");
  assert.equal(doubt.failures, 1);
  const down = nextRpcHealth(doubt, false, 3_000);
  assert.deepEqual(down, { status: "down", lastOkAt: 1_000, downSince: 3_000, failures: 2 });
  const still = nextRpcHealth(down, false, 5_000);
  assert.equal(still.downSince, 3_000, "the outage started when it was first noticed");
  assert.equal(still.lastOkAt, 1_000, "the last answer is kept through the outage");
});

test("a chain that never answered is down after two failures, with no last answer", () => {
  const down = nextRpcHealth(nextRpcHealth(INITIAL_RPC_HEALTH, false, 1), false, 2);
  assert.equal(down.status, "down");
  assert.equal(down.lastOkAt, undefined);
});

test("one answer ends an outage", () => {
  const down = nextRpcHealth(nextRpcHealth(INITIAL_RPC_HEALTH, false, 1), false, 2);
  assert.deepEqual(nextRpcHealth(down, true, 9), {
    status: "up",
    lastOkAt: 9,
    downSince: undefined,
    failures: 0,
  });
});

test("probes come quicker while in doubt or down", () => {
  const up = nextRpcHealth(INITIAL_RPC_HEALTH, true, 0);
  const doubt = nextRpcHealth(up, false, 1);
  const down = nextRpcHealth(doubt, false, 2);
  assert.ok(nextProbeDelay(doubt) < nextProbeDelay(up));
  assert.ok(nextProbeDelay(down) < nextProbeDelay(up));
});

test("the store says when a probe brought the chain back and notifies only on changes", () => {
  const store = createRpcHealthStore();
  let notified = 0;
  store.subscribe(() => notified++);
  assert.equal(store.report(true, 1), false);
  assert.equal(store.report(true, 2), false);
  assert.equal(notified, 1, "a second healthy probe changes nothing anyone shows");
  assert.equal(store.get().lastOkAt, 2);
  store.report(false, 3);
  store.report(false, 4);
  assert.equal(store.get().status, "down");
  assert.equal(store.report(true, 5), true);
  assert.equal(store.report(true, 6), false);
  assert.equal(store.get().status, "up");
  store.report(false, 7);
  assert.equal(store.get().status, "up", "one failure is no outage");
  assert.equal(store.report(true, 8), true, "but the answer after it may bring news");
});

test("a read that came back dates the data, but only the probe ends an outage", () => {
  const store = createRpcHealthStore();
  store.noteAnswer(10);
  assert.equal(store.get().lastOkAt, 10);
  assert.equal(store.get().status, "unknown");
  store.report(false, 11);
  store.report(false, 12);
  store.noteAnswer(13);
  assert.equal(store.get().status, "down");
  assert.equal(store.get().lastOkAt, 10, "a read during an outage is not the chain answering");
});

test("a probe refetches after an outage, after a chain reset, and on new blocks while the chain settles", () => {
  const start: RefreshState = { lastBlock: undefined, settleUntil: 0 };
  const first = refreshAfterProbe(start, { block: 100n, recovered: false, at: 0 });
  assert.equal(first.refetch, false, "the first look at the chain is no news");
  const same = refreshAfterProbe(first.next, { block: 105n, recovered: false, at: 5_000 });
  assert.equal(same.refetch, false, "new blocks on a healthy chain are each page's business");
  const reset = refreshAfterProbe(same.next, { block: 3n, recovered: false, at: 10_000 });
  assert.equal(reset.refetch, true, "a lower block number means a new chain");
  assert.equal(reset.next.settleUntil, 10_000 + SETTLE_MS);
  const seeding = refreshAfterProbe(reset.next, { block: 40n, recovered: false, at: 15_000 });
  assert.equal(seeding.refetch, true, "while it settles, every new block refetches");
  const idle = refreshAfterProbe(seeding.next, { block: 40n, recovered: false, at: 20_000 });
  assert.equal(idle.refetch, false, "no new block, nothing to refetch");
  const later = refreshAfterProbe(idle.next, { block: 41n, recovered: false, at: 10_000 + SETTLE_MS });
  assert.equal(later.refetch, false, "settled");
  const back = refreshAfterProbe(later.next, { block: 41n, recovered: true, at: 100_000 });
  assert.equal(back.refetch, true, "the end of an outage refetches");
  assert.equal(back.next.settleUntil, 100_000 + SETTLE_MS);
});

describe("the probed head", () => {
  it("tells its readers of a new head once, and not of the same one again", () => {
    const store = createHeadStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    assert.equal(store.get(), undefined);
    store.set(5n);
    store.set(5n);
    store.set(6n);
    stop();
    store.set(7n);
    assert.equal(calls, 2);
    assert.equal(store.get(), 7n);
  });
});
