import type { TaskChain } from "./arena";

/** A task for tests: 3 submission + 1 final + 1 challenge epochs of 100 s from t = 1000; unbonding 1 epoch. */
export const taskChainFixture = (over: Partial<TaskChain> = {}): TaskChain => ({
  id: 7n,
  creator: "0x00000000000000000000000000000000000000c1",
  start: 1000,
  epochLength: 100,
  submissionEpochs: 3,
  finalEpochs: 1,
  challengeEpochs: 1,
  unbondingEpochs: 1,
  cancelled: false,
  poolReclaimed: false,
  settledEpochs: 4,
  pool: 5n,
  creatorStake: 1000n,
  epoch: 5,
  ...over,
});
