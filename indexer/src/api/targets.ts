import { db } from "ponder:api";
import * as schema from "ponder:schema";
import { Hono } from "hono";
import { and, count, desc, eq, inArray, or } from "ponder";
import { getAddress, type Hex } from "viem";
import {
  EPOCH_LIMIT,
  LEADERBOARD_LIMIT,
  parseTargetsQuery,
  RECENT_LIMIT,
  type TargetAccountView,
  type TargetClaimView,
  type TargetEpochView,
  type TargetFillView,
  type TargetHistory,
  type TargetModelView,
  type TargetRowView,
  type TargetsOverview,
} from "../../../lib/indexer/targets";
import { TARGET_STATUS_VALUE } from "../../../lib/targets/status";
import { json } from "./json";

/**
 * /v1/targets: the targets market's history (lib/indexer/targets.ts types). Every query is filtered by an
 * indexed column and limited, so a page view costs the same whatever the market's age.
 */

type TargetRow = typeof schema.target.$inferSelect;
type FillRow = typeof schema.targetFill.$inferSelect;
type ClaimRow = typeof schema.targetClaim.$inferSelect;
type ModelRow = typeof schema.targetModel.$inferSelect;

const addr = (a: Hex) => getAddress(a);
const FILLED = TARGET_STATUS_VALUE.filled;

function fillView(f: FillRow): TargetFillView {
  return { ...f, submitter: addr(f.submitter), auditor: f.auditor ? addr(f.auditor) : null };
}

function claimView(c: ClaimRow): TargetClaimView {
  return {
    ...c,
    submitter: addr(c.submitter),
    modelOwner: addr(c.modelOwner),
    auditor: addr(c.auditor),
  };
}

function modelView(m: ModelRow): TargetModelView {
  return {
    id: m.id,
    owner: addr(m.owner),
    artifactUri: m.artifactUri,
    stake: m.stake,
    active: m.active,
    assigned: m.assigned,
    wins: m.wins,
    lossSum: m.lossSum,
    distanceSum: m.distanceSum,
    rewards: m.rewards,
  };
}

function rowView(t: TargetRow, fill: Pick<FillRow, "submitter" | "fillEpoch"> | undefined): TargetRowView {
  return {
    id: t.id,
    epoch: t.epoch,
    reward: t.reward,
    threshold: t.threshold,
    models: t.models,
    status: t.status,
    submitter: fill ? addr(fill.submitter) : null,
    fillEpoch: fill?.fillEpoch ?? null,
  };
}

async function fillsOf(ids: bigint[]) {
  if (ids.length === 0) return new Map<bigint, FillRow>();
  const rows = await db.select().from(schema.targetFill).where(inArray(schema.targetFill.targetId, ids));
  return new Map(rows.map((f) => [f.targetId, f]));
}

const app = new Hono();

app.get("/", async (c) => {
  const parsed = parseTargetsQuery(c.req.query());
  if (!parsed.ok) return json({ error: parsed.error }, 400);
  const { epoch, submitter, limit } = parsed.query;
  const T = schema.target;
  const F = schema.targetFill;
  const filters: ReturnType<typeof eq>[] = [];
  if (epoch !== undefined) filters.push(eq(T.epoch, epoch));
  // A submitter's targets: the ids of its fills (indexed), then the targets themselves.
  let mine: bigint[] | undefined;
  if (submitter) {
    const rows = await db
      .select({ id: F.targetId })
      .from(F)
      .where(
        epoch !== undefined
          ? and(eq(F.submitter, submitter), eq(F.fillEpoch, epoch))
          : eq(F.submitter, submitter),
      )
      .orderBy(desc(F.targetId))
      .limit(limit);
    mine = rows.map((r) => r.id);
    filters.push(inArray(T.id, mine.length ? mine : [0n]));
  }
  const where = filters.length ? and(...filters) : undefined;
  const [targets, [total], epochs, models, submitters, recentFills, recentClaims] = await Promise.all([
    db.select().from(T).where(where).orderBy(desc(T.id)).limit(limit),
    // Target ids run 1…N, so the newest id is the count when nothing is filtered (no scan of the table).
    where
      ? db.select({ n: count() }).from(T).where(where)
      : db.select({ n: T.id }).from(T).orderBy(desc(T.id)).limit(1),
    db.select().from(schema.targetEpoch).orderBy(desc(schema.targetEpoch.epoch)).limit(EPOCH_LIMIT),
    db
      .select()
      .from(schema.targetModel)
      .orderBy(desc(schema.targetModel.wins), desc(schema.targetModel.id))
      .limit(LEADERBOARD_LIMIT),
    db
      .select()
      .from(schema.targetSubmitter)
      .orderBy(desc(schema.targetSubmitter.filled))
      .limit(LEADERBOARD_LIMIT),
    db.select().from(F).orderBy(desc(F.block)).limit(RECENT_LIMIT),
    db.select().from(schema.targetClaim).orderBy(desc(schema.targetClaim.block)).limit(RECENT_LIMIT),
  ]);
  const fills = await fillsOf(
    targets
      .filter((t) => t.status !== TARGET_STATUS_VALUE.open && t.status !== TARGET_STATUS_VALUE.expired)
      .map((t) => t.id),
  );
  const view: TargetsOverview = {
    targets: targets.map((t) => rowView(t, fills.get(t.id))),
    totalTargets: Number(total?.n ?? 0),
    epochs: epochs.map((e): TargetEpochView => ({
      epoch: e.epoch,
      opened: e.opened,
      seedBlock: e.seedBlock,
      threshold: e.threshold,
      targets: e.targets,
      fills: e.fills,
      emaFillRate: e.emaFillRate,
      openedAt: e.openedAt,
    })),
    models: models.map(modelView),
    submitters: submitters.map((s) => ({ ...s, address: addr(s.address) })),
    recentFills: recentFills.map(fillView),
    recentClaims: recentClaims.map(claimView),
  };
  return json(view);
});

app.get("/account/:address", async (c) => {
  const raw = c.req.param("address");
  if (!/^0x[0-9a-fA-F]{40}$/.test(raw)) return json({ error: "Not an address." }, 400);
  const me = raw.toLowerCase() as Hex;
  const F = schema.targetFill;
  const owned = await db
    .select({ id: schema.targetModel.id })
    .from(schema.targetModel)
    .where(eq(schema.targetModel.owner, me));
  const ownedIds = owned.map((m) => m.id);
  // Unclaimed fills only (status Filled), each branch one range of a (column, status) index.
  const mine = [and(eq(F.submitter, me), eq(F.status, FILLED)), and(eq(F.auditor, me), eq(F.status, FILLED))];
  if (ownedIds.length) mine.push(and(inArray(F.modelId, ownedIds), eq(F.status, FILLED)));
  const CL = schema.targetClaim;
  const [fills, claims] = await Promise.all([
    db
      .select()
      .from(F)
      .innerJoin(schema.target, eq(schema.target.id, F.targetId))
      .where(or(...mine))
      .orderBy(desc(F.targetId))
      .limit(200),
    db
      .select()
      .from(CL)
      .where(or(eq(CL.submitter, me), eq(CL.modelOwner, me), eq(CL.auditor, me)))
      .orderBy(desc(CL.block))
      .limit(50),
  ]);
  const modelIds = [...new Set(fills.map((r) => r.target_fill.modelId))];
  const owners = modelIds.length
    ? await db
        .select({ id: schema.targetModel.id, owner: schema.targetModel.owner })
        .from(schema.targetModel)
        .where(inArray(schema.targetModel.id, modelIds))
    : [];
  const ownerOf = new Map(owners.map((m) => [m.id, addr(m.owner)]));
  const view: TargetAccountView = {
    pending: fills.flatMap((r) => {
      const owner = ownerOf.get(r.target_fill.modelId);
      if (!owner) return [];
      return [{ target: rowView(r.target, r.target_fill), fill: fillView(r.target_fill), modelOwner: owner }];
    }),
    claims: claims.map(claimView),
  };
  return json(view);
});

app.get("/:id", async (c) => {
  const raw = c.req.param("id");
  if (!/^\d{1,30}$/.test(raw)) return json({ error: "A target id is a whole number." }, 400);
  const id = BigInt(raw);
  const [[t], [fill], reports, [claim]] = await Promise.all([
    db.select().from(schema.target).where(eq(schema.target.id, id)),
    db.select().from(schema.targetFill).where(eq(schema.targetFill.targetId, id)),
    db
      .select()
      .from(schema.targetReport)
      .where(eq(schema.targetReport.targetId, id))
      .orderBy(schema.targetReport.block)
      .limit(200),
    db.select().from(schema.targetClaim).where(eq(schema.targetClaim.targetId, id)),
  ]);
  if (!t) return json({ error: `There is no target #${raw} in the index.` }, 404);
  const models = t.models.length
    ? await db.select().from(schema.targetModel).where(inArray(schema.targetModel.id, t.models))
    : [];
  const view: TargetHistory = {
    target: rowView(t, fill),
    fill: fill ? fillView(fill) : null,
    reports: reports.map((r) => ({
      validator: addr(r.validator),
      stake: r.stake,
      reportStake: r.reportStake,
      block: r.block,
    })),
    claim: claim ? claimView(claim) : null,
    models: models.map(modelView),
  };
  return json(view);
});

export default app;
