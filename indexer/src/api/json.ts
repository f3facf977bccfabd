import { stringify } from "../../../lib/indexer/codec";

/** A response in lib/indexer/codec.ts's JSON, so bigints and Maps survive the trip. */
export const json = (body: unknown, status = 200) =>
  new Response(stringify(body), { status, headers: { "content-type": "application/json" } });
