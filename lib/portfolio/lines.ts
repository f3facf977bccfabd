import type { Address } from "viem";
import { formatTimestamp, formatTokenAmount, shortAddress } from "../format";
import { OPEN, type Gate } from "../arena/gate";
import { splitReward } from "../targets/rules";
import {
  claimGate,
  creatorStakeGate,
  epochStart,
  nodeRelease,
  reclaimPoolGate,
  resolveGate,
  undelegateAll,
  unstakeAll,
  withdrawable,
  type Position,
  type TaskChain,
  type Timed,
  type Unbonding,
} from "./arena";
import {
  machineUnstakeGate,
  machineWithdrawGate,
  retireModelGate,
  targetClaimGate,
  validatorExit,
  type MachineStake,
  type TargetsClock,
  type TargetValidator,
} from "./targets";
import { sameAddress as same } from "../address";

export type Role = "none" | "node" | "validator";

export type DelegationHolding = {
  delegatee: Address;
  delegateeRole: Role;
  delegateeForfeited: boolean;
  position: Position;
  unbonding: Unbonding;
  /** `delegationOf(...).pendingRewards`: unharvested plus escrowed, 0 once a challenge took them. */
  pending: bigint;
};

export type TaskHolding = {
  task: TaskChain;
  title: string;
  role: Role;
  forfeited: boolean;
  own: bigint;
  unbonding: Unbonding;
  nodeEscrow: bigint;
  delegations: DelegationHolding[];
};

export type ChallengeChain = {
  id: bigint;
  taskId: bigint;
  node: Address;
  challenger: Address;
  bond: bigint;
  voteDeadline: number;
  resolved: boolean;
};

export type TargetsHoldings = TargetsClock & {
  pendingDraw: boolean;
  targets: {
    id: bigint;
    status: number;
    reward: bigint;
    submission?: {
      submitter: Address;
      modelId: number;
      fillEpoch: bigint;
      bond: bigint;
      auditor: Address;
      confirmed: boolean;
    };
  }[];
  models: { id: number; owner: Address; active: boolean; stake: bigint }[];
  validator?: TargetValidator;
};

export type Holdings = {
  account: Address;
  /** Chain time (latest block). */
  now: number;
  claimable: bigint;
  tasks: TaskHolding[];
  challenges: ChallengeChain[];
  targets?: TargetsHoldings;
  machine?: MachineStake & { unbondingPeriod: number };
};

/** A transaction that brings tokens back, as data (the UI sends it through the transactor). */
export type Call =
  | { contract: "ArenaTasks"; fn: "requestUnstake"; args: readonly [bigint, bigint] }
  | { contract: "ArenaTasks"; fn: "withdraw"; args: readonly [bigint] }
  | { contract: "ArenaTasks"; fn: "undelegate"; args: readonly [bigint, Address, bigint] }
  | { contract: "ArenaTasks"; fn: "withdrawDelegation"; args: readonly [bigint, Address] }
  | { contract: "ArenaTasks"; fn: "claim"; args: readonly [readonly bigint[]] }
  | { contract: "ArenaTasks"; fn: "withdrawCreatorStake"; args: readonly [bigint] }
  | { contract: "ArenaTasks"; fn: "reclaimPool"; args: readonly [bigint] }
  | { contract: "ArenaTasks"; fn: "resolveChallenge"; args: readonly [bigint] }
  | { contract: "ArenaTargets"; fn: "claim"; args: readonly [bigint] }
  | { contract: "ArenaTargets"; fn: "retireModel"; args: readonly [bigint] }
  | { contract: "ArenaTargets"; fn: "exitValidators"; args: readonly [] }
  | { contract: "ArenaTargets"; fn: "withdrawValidatorStake"; args: readonly [] }
  | { contract: "MachineRegistry"; fn: "requestUnstake"; args: readonly [bigint, bigint] }
  | { contract: "MachineRegistry"; fn: "withdraw"; args: readonly [bigint] };

export type LineKind =
  | "Stake"
  | "Unbonding stake"
  | "Delegation"
  | "Unbonding delegation"
  | "Node rewards"
  | "Delegator rewards"
  | "Credits"
  | "Creator stake"
  | "Unused pool"
  | "Challenge bond"
  | "Target reward"
  | "Model stake"
  | "Target validator stake"
  | "Machine stake";

export type LineAction = { label: string; call: Call; gate: Gate; at?: Timed["at"] };

export type Line = {
  key: string;
  kind: LineKind;
  /** The task (or target, model, machine) it belongs to, for filtering. */
  scope: string;
  taskId?: bigint;
  what: string;
  amount: bigint;
  /** Where it stands and when it frees up. */
  status: string;
  action?: LineAction;
};

function when(at: Timed["at"]): string {
  if (!at) return "";
  return at.epoch !== undefined
    ? `epoch ${at.epoch} (${formatTimestamp(at.time)})`
    : formatTimestamp(at.time);
}

function unbondingStatus(w: { now: bigint; later: bigint; at?: Timed["at"] }): string {
  if (w.later === 0n) return "Free to withdraw";
  const rest = `Free at ${when(w.at)}`;
  return w.now > 0n
    ? `${formatTokenAmount(w.now)} free now; ${formatTokenAmount(w.later)} ${rest.toLowerCase()}`
    : rest;
}

/** A line's status: what holds when its action can go now, else when it frees up (the reason shows by the button). */
function statusOf(t: Timed, ok: string): string {
  if (t.gate.ok) return ok;
  return t.at ? `Frees up at ${when(t.at)}` : "Not yet: see why by the button";
}

function act(label: string, call: Call, timed: Timed): LineAction {
  return { label, call, gate: timed.gate, ...(timed.at ? { at: timed.at } : {}) };
}

function openChallengesOf(h: Holdings, taskId: bigint, node: Address) {
  return h.challenges.filter((c) => c.taskId === taskId && same(c.node, node) && !c.resolved);
}

/** What `claim([taskId])` would credit from this task on top of the claimable balance. */
function taskLines(h: Holdings, th: TaskHolding): Line[] {
  const { task: t, title } = th;
  const scope = `#${t.id} ${title}`;
  const base = { scope, taskId: t.id };
  const out: Line[] = [];
  if (th.own > 0n) {
    const u = unstakeAll(t, th.own);
    out.push({
      ...base,
      key: `stake-${t.id}`,
      kind: "Stake",
      what: `Own stake as ${th.role}`,
      amount: th.own,
      status: `Counting; unstaking now releases it at ${when({ epoch: u.release, time: epochStart(t, u.release) })}`,
      action: act("Unstake all", { contract: "ArenaTasks", fn: "requestUnstake", args: [t.id, th.own] }, u),
    });
  }
  const w = withdrawable(t, th.unbonding);
  if (w.now + w.later > 0n) {
    out.push({
      ...base,
      key: `unbonding-${t.id}`,
      kind: "Unbonding stake",
      what: `Unstaked (${th.role})`,
      amount: w.now + w.later,
      status: unbondingStatus(w),
      action: act("Withdraw", { contract: "ArenaTasks", fn: "withdraw", args: [t.id] }, w),
    });
  }
  if (th.role === "node" && th.nodeEscrow > 0n) {
    const r = nodeRelease(t, {
      forfeited: th.forfeited,
      openChallenges: openChallengesOf(h, t.id, h.account),
    });
    out.push({
      ...base,
      key: `escrow-${t.id}`,
      kind: "Node rewards",
      what: "Task rewards as training node",
      amount: th.nodeEscrow,
      status: statusOf(r, "Released by a claim"),
      action: act("Claim", { contract: "ArenaTasks", fn: "claim", args: [[t.id]] }, r),
    });
  }
  for (const d of th.delegations) {
    const who = `${d.delegateeRole === "node" ? "node" : "validator"} ${shortAddress(d.delegatee)}`;
    if (d.position.nextAmount > 0n) {
      const u = undelegateAll(t, d.position);
      out.push({
        ...base,
        key: `deleg-${t.id}-${d.delegatee}`,
        kind: "Delegation",
        what: `Delegated to ${who}`,
        amount: d.position.nextAmount,
        status: `Counting; undelegating now releases it at ${when({ epoch: u.release, time: epochStart(t, u.release) })}`,
        action: act(
          "Undelegate all",
          { contract: "ArenaTasks", fn: "undelegate", args: [t.id, d.delegatee, d.position.nextAmount] },
          u,
        ),
      });
    }
    const dw = withdrawable(t, d.unbonding);
    if (dw.now + dw.later > 0n) {
      out.push({
        ...base,
        key: `deleg-unbonding-${t.id}-${d.delegatee}`,
        kind: "Unbonding delegation",
        what: `Undelegated from ${who}`,
        amount: dw.now + dw.later,
        status: unbondingStatus(dw),
        action: act(
          "Withdraw delegation",
          { contract: "ArenaTasks", fn: "withdrawDelegation", args: [t.id, d.delegatee] },
          dw,
        ),
      });
    }
    if (d.pending > 0n) {
      const r = delegationRelease(h, t, d);
      out.push({
        ...base,
        key: `deleg-rewards-${t.id}-${d.delegatee}`,
        kind: "Delegator rewards",
        what: `Rewards from ${who}`,
        amount: d.pending,
        status: statusOf(r, "Collected by a claim"),
        action: act("Claim", { contract: "ArenaTasks", fn: "claim", args: [[t.id]] }, r),
      });
    }
  }
  if (same(t.creator, h.account)) {
    if (t.creatorStake > 0n) {
      const g = creatorStakeGate(t, h.account);
      out.push({
        ...base,
        key: `creator-${t.id}`,
        kind: "Creator stake",
        what: "Locked when you created the task",
        amount: t.creatorStake,
        status: statusOf(g, "Free to withdraw"),
        action: act(
          "Withdraw creator stake",
          { contract: "ArenaTasks", fn: "withdrawCreatorStake", args: [t.id] },
          g,
        ),
      });
    }
    if (t.pool > 0n && !t.poolReclaimed) {
      const g = reclaimPoolGate(t, h.account);
      out.push({
        ...base,
        key: `pool-${t.id}`,
        kind: "Unused pool",
        what: "Reward pool the epochs did not pay",
        amount: t.pool,
        status: statusOf(g, "Free to reclaim"),
        action: act("Reclaim pool", { contract: "ArenaTasks", fn: "reclaimPool", args: [t.id] }, g),
      });
    }
  }
  return out;
}

/** Delegator rewards are claimable at once from a validator, and with the node's own rewards from a node. */
export function delegationRelease(h: Holdings, t: TaskChain, d: DelegationHolding): Timed {
  if (d.delegateeRole !== "node") return { gate: OPEN };
  return nodeRelease(t, {
    forfeited: d.delegateeForfeited,
    openChallenges: openChallengesOf(h, t.id, d.delegatee),
  });
}

function challengeLines(h: Holdings): Line[] {
  return h.challenges
    .filter((c) => same(c.challenger, h.account) && !c.resolved)
    .flatMap((c) => {
      const th = h.tasks.find((x) => x.task.id === c.taskId);
      if (!th) return [];
      const g = resolveGate(th.task, c, h.now);
      return [
        {
          key: `bond-${c.id}`,
          kind: "Challenge bond" as const,
          scope: `#${c.taskId} ${th.title}`,
          taskId: c.taskId,
          what: `Challenge #${c.id} of node ${shortAddress(c.node)}: back if upheld, to the node if rejected`,
          amount: c.bond,
          status: statusOf(g, "Resolvable now"),
          action: act("Resolve", { contract: "ArenaTasks", fn: "resolveChallenge", args: [c.id] }, g),
        },
      ];
    });
}

function targetLines(h: Holdings, m: TargetsHoldings): Line[] {
  const out: Line[] = [];
  for (const t of m.targets) {
    const s = t.submission;
    if (!s || t.status !== 2) continue;
    const owner = m.models.find((x) => x.id === s.modelId)?.owner;
    const split = splitReward(t.reward, s.confirmed);
    const parts: [string, bigint][] = [];
    if (same(s.submitter, h.account)) parts.push(["submitter (reward and bond)", split.toSubmitter + s.bond]);
    if (owner && same(owner, h.account)) parts.push(["model owner", split.toModel]);
    if (s.confirmed && same(s.auditor, h.account)) parts.push(["auditor", split.toAuditor]);
    if (parts.length === 0) continue;
    const g = targetClaimGate(m, t.status, s.fillEpoch);
    out.push({
      key: `target-${t.id}`,
      kind: "Target reward",
      scope: `Target #${t.id}`,
      what: `As ${parts.map((p) => p[0]).join(" and ")}`,
      amount: parts.reduce((a, p) => a + p[1], 0n),
      status: statusOf(g, "Claimable (one claim pays everyone)"),
      action: act(`Claim target #${t.id}`, { contract: "ArenaTargets", fn: "claim", args: [t.id] }, g),
    });
  }
  for (const model of m.models) {
    if (!same(model.owner, h.account) || !model.active || model.stake === 0n) continue;
    const g = retireModelGate(model, m.pendingDraw);
    out.push({
      key: `model-${model.id}`,
      kind: "Model stake",
      scope: `Model #${model.id}`,
      what: "Stake of an active model (won targets still pay after retiring)",
      amount: model.stake,
      status: statusOf(g, "Retiring returns it at once"),
      action: act(
        "Retire model",
        { contract: "ArenaTargets", fn: "retireModel", args: [BigInt(model.id)] },
        g,
      ),
    });
  }
  const v = m.validator;
  if (v?.exists) {
    const g = validatorExit(m, v);
    out.push({
      key: "target-validator",
      kind: "Target validator stake",
      scope: "Targets",
      what: "Stake as a targets validator",
      amount: v.stake,
      status:
        g.step === "exit"
          ? `Bonded; exiting frees it from epoch ${m.currentEpoch + 3n}`
          : statusOf(g, "Free to withdraw"),
      action:
        g.step === "exit"
          ? act("Exit validators", { contract: "ArenaTargets", fn: "exitValidators", args: [] }, g)
          : act("Withdraw stake", { contract: "ArenaTargets", fn: "withdrawValidatorStake", args: [] }, g),
    });
  }
  return out;
}

function machineLines(h: Holdings): Line[] {
  const m = h.machine;
  if (!m) return [];
  const out: Line[] = [];
  const scope = `Machine #${m.id}`;
  if (m.stake > 0n) {
    const g = machineUnstakeGate(m, m.unbondingPeriod, h.now);
    out.push({
      key: "machine-stake",
      kind: "Machine stake",
      scope,
      what: m.unbonding > 0n ? "Active stake (unstaking restarts the unbonding clock)" : "Active stake",
      amount: m.stake,
      status: `Active; unstaking now frees it at ${when(g.at)}`,
      action: act(
        "Unstake all",
        { contract: "MachineRegistry", fn: "requestUnstake", args: [m.id, m.stake] },
        g,
      ),
    });
  }
  if (m.unbonding > 0n) {
    const g = machineWithdrawGate(m, h.now);
    out.push({
      key: "machine-unbonding",
      kind: "Machine stake",
      scope,
      what: "Unbonding stake",
      amount: m.unbonding,
      status: statusOf(g, "Free to withdraw"),
      action: act("Withdraw", { contract: "MachineRegistry", fn: "withdraw", args: [m.id] }, g),
    });
  }
  return out;
}

/** Every line of an account's holdings in Arena, each with the call that brings it back. */
export function portfolioLines(h: Holdings): Line[] {
  const out: Line[] = [];
  if (h.claimable > 0n)
    out.push({
      key: "credits",
      kind: "Credits",
      scope: "All tasks",
      what: "Validator, challenge and harvested rewards credited to you",
      amount: h.claimable,
      status: "Claimable now",
      action: { label: "Claim", call: { contract: "ArenaTasks", fn: "claim", args: [[]] }, gate: OPEN },
    });
  for (const th of h.tasks) out.push(...taskLines(h, th));
  out.push(...challengeLines(h));
  if (h.targets) out.push(...targetLines(h, h.targets));
  out.push(...machineLines(h));
  return out;
}

/**
 * "Claim all": `claim(ids)` over every task where the account is a training node or has delegations, and how
 * much it pays now (before the protocol fee) — the credited balance, the node rewards it releases and the
 * delegator rewards it harvests, by the contract's own rules.
 */
export function claimAll(h: Holdings): { ids: bigint[]; amount: bigint; gate: Gate } {
  let amount = h.claimable;
  const ids: bigint[] = [];
  for (const th of h.tasks) {
    if (th.role !== "node" && th.delegations.length === 0) continue;
    ids.push(th.task.id);
    if (th.role === "node") {
      const r = nodeRelease(th.task, {
        forfeited: th.forfeited,
        openChallenges: openChallengesOf(h, th.task.id, h.account),
      });
      if (r.gate.ok) amount += th.nodeEscrow;
    }
    for (const d of th.delegations) if (delegationRelease(h, th.task, d).gate.ok) amount += d.pending;
  }
  return { ids, amount, gate: claimGate(amount) };
}

/** The same for one task (the task page's claim): its releases plus the whole credited balance. */
export function claimTask(h: Holdings, taskId: bigint): { amount: bigint; gate: Gate } {
  const one = { ...h, tasks: h.tasks.filter((t) => t.task.id === taskId) };
  const { amount, gate } = claimAll(one);
  return { amount, gate };
}

/** Lines that can be acted on now. */
export const actionable = (l: Line) => Boolean(l.action?.gate.ok);
