import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { client, graphql } from "ponder";
import arena from "./arena";
import machines from "./machines";
import targets from "./targets";

/**
 * The indexer's HTTP API. `/v1/*` answers the pages' views in lib/indexer/codec.ts's JSON (typed by
 * lib/indexer/views.ts); `/sql/*` and `/graphql` are Ponder's generic, read-only query endpoints.
 * Ponder itself serves `/status` (indexed block per chain), `/ready` and `/health`.
 */
const app = new Hono();

// Views are JSON of many repeated keys: gzip makes them several times smaller on the wire.
app.use("/v1/*", compress());

app.route("/v1", arena);
app.route("/v1/targets", targets);
app.route("/v1/machines", machines);

app.use("/sql/*", client({ db, schema }));
app.use("/graphql", graphql({ db, schema }));

export default app;
