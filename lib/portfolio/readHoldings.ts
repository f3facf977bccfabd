import type { Address, PublicClient } from "viem";
import { arenaTargetsAbi, arenaTasksAbi, machineRegistryAbi } from "@/contracts-abi";
import { toTaskChain } from "@/lib/portfolio/arena";
import type {
  ChallengeChain,
  DelegationHolding,
  Holdings,
  Role,
  TargetsHoldings,
  TaskHolding,
} from "@/lib/portfolio/lines";
import { readMarket } from "@/lib/targets/market";

const ROLES: Role[] = ["none", "node", "validator"];
/** A key past every checkpoint: `stakeAt` at it returns the latest own stake (what requestUnstake sees). */
const LATEST = 2n ** 47n;

export type Contracts = {
  arena?: Address;
  targets?: Address;
  machines?: Address;
};

/** Everything `account` holds in Arena, read from the contracts' own views in a few multicalls. */
export async function readHoldings(client: PublicClient, c: Contracts, account: Address): Promise<Holdings> {
  const block = await client.getBlock();
  const now = Number(block.timestamp);
  const [arena, targets, machine] = await Promise.all([
    c.arena ? readArena(client, c.arena, account) : undefined,
    c.targets ? readTargets(client, c.targets, account) : undefined,
    c.machines ? readMachine(client, c.machines, account) : undefined,
  ]);
  return {
    account,
    now,
    claimable: arena?.claimable ?? 0n,
    tasks: arena?.tasks ?? [],
    challenges: arena?.challenges ?? [],
    ...(targets ? { targets } : {}),
    ...(machine ? { machine } : {}),
  };
}

async function readArena(client: PublicClient, address: Address, account: Address) {
  const a = { abi: arenaTasksAbi, address } as const;
  const [taskCount, challengeCount, claimable] = await client.multicall({
    contracts: [
      { ...a, functionName: "taskCount" },
      { ...a, functionName: "challengeCount" },
      { ...a, functionName: "claimableOf", args: [account] },
    ],
    allowFailure: false,
  });
  const ids = Array.from({ length: Number(taskCount) }, (_, i) => BigInt(i + 1));
  const perTask = await client.multicall({
    contracts: ids.flatMap(
      (id) =>
        [
          { ...a, functionName: "getTask", args: [id] },
          { ...a, functionName: "currentEpoch", args: [id] },
          { ...a, functionName: "getParticipant", args: [id, account] },
          { ...a, functionName: "stakeAt", args: [id, account, LATEST] },
          { ...a, functionName: "unbondingOf", args: [id, account] },
          { ...a, functionName: "nodeEscrowOf", args: [id, account] },
          { ...a, functionName: "delegateesOf", args: [id, account] },
        ] as const,
    ),
    allowFailure: false,
  });
  const challengeIds = Array.from({ length: Number(challengeCount) }, (_, i) => BigInt(i + 1));
  const rawChallenges = await client.multicall({
    contracts: challengeIds.map((id) => ({ ...a, functionName: "getChallenge", args: [id] }) as const),
    allowFailure: false,
  });
  const challenges: ChallengeChain[] = rawChallenges.map((ch, i) => ({
    id: challengeIds[i]!,
    taskId: ch.taskId,
    node: ch.node,
    challenger: ch.challenger,
    bond: ch.bond,
    voteDeadline: Number(ch.voteDeadline),
    resolved: ch.resolved,
  }));

  const base = ids.map((id, i) => {
    const k = i * 7;
    const [state, config] = perTask[k] as readonly [
      {
        creator: Address;
        start: number;
        cancelled: boolean;
        poolReclaimed: boolean;
        settledEpochs: number;
        pool: bigint;
        creatorStake: bigint;
      },
      {
        epochLength: number;
        submissionEpochs: number;
        finalEpochs: number;
        challengeEpochs: number;
        unbondingEpochs: number;
      },
    ];
    const [epoch] = perTask[k + 1] as readonly [bigint, number];
    const p = perTask[k + 2] as { role: number; forfeited: boolean };
    const [own] = perTask[k + 3] as readonly [bigint, bigint];
    const u = perTask[k + 4] as { amount: bigint; releaseEpoch: number; released: bigint };
    const task = toTaskChain(id, state, config, epoch);
    return {
      task,
      role: ROLES[p.role] ?? "none",
      forfeited: p.forfeited,
      own,
      unbonding: { amount: u.amount, releaseEpoch: u.releaseEpoch, released: u.released },
      nodeEscrow: perTask[k + 5] as bigint,
      delegatees: perTask[k + 6] as readonly Address[],
    };
  });

  const pairs = base.flatMap((b) => b.delegatees.map((d) => ({ taskId: b.task.id, delegatee: d })));
  const rawDelegations = await client.multicall({
    contracts: pairs.flatMap(
      (p) =>
        [
          { ...a, functionName: "delegationOf", args: [p.taskId, p.delegatee, account] },
          { ...a, functionName: "getParticipant", args: [p.taskId, p.delegatee] },
        ] as const,
    ),
    allowFailure: false,
  });
  const delegations = pairs.map((p, i): DelegationHolding & { taskId: bigint } => {
    const [pos, u, pending] = rawDelegations[2 * i] as readonly [
      { amount: bigint; nextAmount: bigint; nextFrom: number },
      { amount: bigint; releaseEpoch: number; released: bigint },
      bigint,
    ];
    const who = rawDelegations[2 * i + 1] as { role: number; forfeited: boolean };
    return {
      taskId: p.taskId,
      delegatee: p.delegatee,
      delegateeRole: ROLES[who.role] ?? "none",
      delegateeForfeited: who.forfeited,
      position: { amount: pos.amount, nextAmount: pos.nextAmount, nextFrom: pos.nextFrom },
      unbonding: { amount: u.amount, releaseEpoch: u.releaseEpoch, released: u.released },
      pending,
    };
  });

  const tasks: TaskHolding[] = base.map((b) => ({
    task: b.task,
    title: "",
    role: b.role,
    forfeited: b.forfeited,
    own: b.own,
    unbonding: b.unbonding,
    nodeEscrow: b.nodeEscrow,
    delegations: delegations.filter((d) => d.taskId === b.task.id),
  }));
  return { claimable, tasks, challenges };
}

async function readTargets(
  client: PublicClient,
  address: Address,
  account: Address,
): Promise<TargetsHoldings> {
  const [market, validator] = await Promise.all([
    readMarket(client, address),
    client.readContract({ abi: arenaTargetsAbi, address, functionName: "validators", args: [account] }),
  ]);
  const opened = market.epochs.find((e) => e.epoch === market.currentEpoch)?.opened ?? false;
  const pendingDraw = market.seedBlock !== 0n && !opened && market.blockNumber <= market.seedBlock + 256n;
  const [stake, , exitEpoch, exists] = validator;
  return {
    currentEpoch: market.currentEpoch,
    genesis: market.genesis,
    epochLength: market.epochLength,
    pendingDraw,
    targets: market.targets.map((t) => ({
      id: t.id,
      status: t.status,
      reward: t.reward,
      ...(t.submission
        ? {
            submission: {
              submitter: t.submission.submitter,
              modelId: t.submission.modelId,
              fillEpoch: t.submission.fillEpoch,
              bond: t.submission.bond,
              auditor: t.submission.auditor,
              confirmed: t.submission.confirmed,
            },
          }
        : {}),
    })),
    models: market.models.map((m) => ({ id: m.id, owner: m.owner, active: m.active, stake: m.stake })),
    validator: { stake, exitEpoch: BigInt(exitEpoch), exists },
  };
}

async function readMachine(client: PublicClient, address: Address, account: Address) {
  const r = { abi: machineRegistryAbi, address } as const;
  const [id, period] = await client.multicall({
    contracts: [
      { ...r, functionName: "machineOf", args: [account] },
      { ...r, functionName: "unbondingPeriod" },
    ],
  });
  if (id.status !== "success" || period.status !== "success") return undefined;
  const m = await client.readContract({ ...r, functionName: "getMachine", args: [id.result] });
  return {
    id: id.result,
    stake: m.stake,
    unbonding: m.unbonding,
    unlockAt: Number(m.unlockAt),
    unbondingPeriod: Number(period.result),
  };
}
