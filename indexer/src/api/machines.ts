import { db } from "ponder:api";
import * as schema from "ponder:schema";
import { Hono } from "hono";
import { and, asc, desc, gte, lte } from "ponder";
import { getAddress } from "viem";
import {
  MACHINES_LIMIT,
  parseEpochRange,
  RECENT_JOBS_LIMIT,
  type MachineJobView,
  type MachinesOverview,
} from "../../../lib/indexer/machines";
import { json } from "./json";

/** /v1/machines: the registry's machines and their per-epoch history (lib/indexer/machines.ts types). */
const app = new Hono();

app.get("/", async (c) => {
  const range = parseEpochRange(c.req.query("from"), c.req.query("to"));
  if (!range.ok) return json({ error: range.error }, 400);
  const M = schema.machine;
  const E = schema.machineEpoch;
  const J = schema.machineJob;
  const [machines, epochs, jobs] = await Promise.all([
    db.select().from(M).orderBy(asc(M.id)).limit(MACHINES_LIMIT),
    db
      .select()
      .from(E)
      .where(and(gte(E.epoch, range.from), lte(E.epoch, range.to)))
      .orderBy(asc(E.epoch), asc(E.machineId))
      .limit(MACHINES_LIMIT * (range.to - range.from + 1)),
    db.select().from(J).orderBy(desc(J.block)).limit(RECENT_JOBS_LIMIT),
  ]);
  const view: MachinesOverview = {
    machines: machines.map((m) => ({
      id: m.id,
      operator: getAddress(m.operator),
      endpoint: m.endpoint,
      region: m.region,
      tier: m.tier,
      stake: m.stake,
      active: m.active,
      registeredSlot: m.registeredSlot,
      lastHeartbeatSlot: m.lastHeartbeatSlot,
    })),
    epochs: epochs.map((e) => ({
      machineId: e.machineId,
      epoch: e.epoch,
      heartbeats: e.heartbeats,
      latencyReports: e.latencyReports,
      latencySumMs: e.latencySumMs,
      jobs: e.jobs,
      successfulJobs: e.successfulJobs,
      claimedJobs: e.claimedJobs,
      taskScore: e.taskScore,
    })),
    recentJobs: jobs.map((j): MachineJobView => ({
      ...j,
      reporter: j.reporter ? getAddress(j.reporter) : null,
    })),
    jobTotals: new Map(machines.map((m) => [m.id, { jobs: m.jobs, successfulJobs: m.successfulJobs }])),
  };
  return json(view);
});

export default app;
