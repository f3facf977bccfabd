import assert from "node:assert/strict";
import { test } from "node:test";
import { PGlite } from "@electric-sql/pglite";
import { replicate, rowCount, userTables, type Sql } from "./synthetic.ts";

const NODE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
const VALIDATOR = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

/** Tables shaped like Ponder's (numeric(78) bigints, text hex, text ids), plus a Ponder-internal one. */
async function fixture(): Promise<{ db: PGlite; sql: Sql }> {
  const db = new PGlite();
  await db.exec(`
    create schema arena;
    create table arena.task (id numeric(78,0) primary key, creator text not null, title text not null);
    create table arena.participant (task_id numeric(78,0) not null, account text not null, role integer not null,
      node_index integer, primary key (task_id, account));
    create table arena.stake_change (id text primary key, task_id numeric(78,0) not null, account text not null,
      amount numeric(78,0) not null);
    create table arena.challenge_vote (challenge_id numeric(78,0) not null, validator text not null,
      primary key (challenge_id, validator));
    create table arena._ponder_meta (key text primary key, value text);
    insert into arena.task values (1, '${NODE}', 'the task');
    insert into arena.participant values (1, '${NODE}', 1, 0), (1, '${VALIDATOR}', 2, null);
    insert into arena.stake_change values ('0xabc-1', 1, '${NODE}', 100), ('0xabc-2', 1, '${VALIDATOR}', 50);
    insert into arena.challenge_vote values (1, '${VALIDATOR}');
    insert into arena._ponder_meta values ('app', '{}');
  `);
  return { db, sql: async (s) => (await db.query<Record<string, unknown>>(s)).rows };
}

test("replicate copies every user table with its own task ids, text ids and accounts", async () => {
  const { db, sql } = await fixture();
  try {
    assert.deepEqual(await userTables(sql, "arena"), [
      "challenge_vote",
      "participant",
      "stake_change",
      "task",
    ]);
    assert.equal(await rowCount(sql, "arena"), 6);
    const added = await replicate(sql, "arena", 3);
    assert.equal(added, 18);
    assert.equal(await rowCount(sql, "arena"), 24);

    // The original rows are untouched; the copies are other tasks of other accounts.
    const tasks = await sql("select id::text as id, creator from arena.task order by id");
    assert.deepEqual(
      tasks.map((t) => t.id),
      ["1", "1000001", "2000001", "3000001"],
    );
    assert.equal(tasks[0]!.creator, NODE);
    assert.equal(tasks[2]!.creator, `${NODE.slice(0, 34)}00000002`);
    const mine = await sql(`select task_id::text as t from arena.participant where account = '${NODE}'`);
    assert.deepEqual(mine, [{ t: "1" }]);
    const ids = await sql("select id from arena.stake_change where task_id = 3000001 order by id");
    assert.deepEqual(ids, [{ id: "0xabc-1:3" }, { id: "0xabc-2:3" }]);
    // Non-address text and plain numbers are kept as they were.
    const roles = await sql(
      "select role, node_index from arena.participant where task_id = 1000001 order by role",
    );
    assert.deepEqual(roles, [
      { role: 1, node_index: 0 },
      { role: 2, node_index: null },
    ]);
    // Ponder's own tables are left alone.
    assert.deepEqual(await sql("select count(*)::int as n from arena._ponder_meta"), [{ n: 1 }]);
  } finally {
    await db.close();
  }
});
