import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { client, graphql } from "ponder";
import { stringify } from "../../../lib/indexer/codec";
import { loadTasks } from "./views";

/**
 * The indexer's HTTP API. `/v1/*` answers the pages' views in lib/indexer/codec.ts's JSON (typed by
 * lib/indexer/views.ts); `/sql/*` and `/graphql` are Ponder's generic, read-only query endpoints.
 * Ponder itself serves `/status` (indexed block per chain), `/ready` and `/health`.
 */
const app = new Hono();

const json = (body: unknown, status = 200) =>
  new Response(stringify(body), { status, headers: { "content-type": "application/json" } });

app.get("/v1/index", async () => json(await loadTasks()));

app.get("/v1/tasks/:id", async (c) => {
  const raw = c.req.param("id");
  if (!/^\d{1,30}$/.test(raw)) return json({ error: "A task id is a whole number." }, 400);
  const index = await loadTasks([BigInt(raw)]);
  return json(index);
});

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
