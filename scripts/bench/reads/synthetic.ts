/**
 * Synthetic rows for the p95 part of the reads benchmark: the index of the real large history is copied, in
 * SQL, `copies` times into the same Ponder tables (stopped indexer, triggers off), each copy with its own task
 * and challenge ids (+ copy × STRIDE on every `id` / `*_id` number column), its own text ids, and its own
 * accounts (the last 8 hex digits of every address column replaced by the copy number). So the pages' queries
 * for the original task and account run on tables as large as (copies + 1) times that history, whose other
 * rows look like other tasks and other people's. Works for any table layout, so it follows schema changes.
 */

export type Sql = (statement: string) => Promise<Record<string, unknown>[]>;

const STRIDE = 1_000_000;
const ADDRESS = "^0x[0-9a-fA-F]{40}$";
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

type Column = { name: string; type: string };

export async function userTables(sql: Sql, schema: string): Promise<string[]> {
  const rows = await sql(
    `select table_name as name from information_schema.tables where table_schema = '${schema}' and table_type = 'BASE TABLE' and table_name not like '\\_%' order by 1`,
  );
  return rows.map((r) => String(r.name));
}

export async function rowCount(sql: Sql, schema: string): Promise<number> {
  let total = 0;
  for (const t of await userTables(sql, schema)) {
    const [row] = await sql(`select count(*)::int as n from ${quote(schema)}.${quote(t)}`);
    total += Number(row?.n ?? 0);
  }
  return total;
}

/** Replicates every user table of `schema`; returns the number of rows added. */
export async function replicate(sql: Sql, schema: string, copies: number): Promise<number> {
  let added = 0;
  for (const table of await userTables(sql, schema)) {
    const columns: Column[] = (
      await sql(
        `select column_name as name, data_type as type from information_schema.columns where table_schema = '${schema}' and table_name = '${table}' order by ordinal_position`,
      )
    ).map((r) => ({ name: String(r.name), type: String(r.type) }));
    const target = `${quote(schema)}.${quote(table)}`;
    const exprs: string[] = [];
    for (const c of columns) {
      const col = quote(c.name);
      const numeric = ["numeric", "bigint", "integer"].includes(c.type);
      const text = c.type === "text" || c.type === "character varying";
      if (numeric && (c.name === "id" || c.name.endsWith("_id")))
        exprs.push(c.type === "integer" ? `${col} + c * ${STRIDE / 10}` : `${col} + c::numeric * ${STRIDE}`);
      else if (text && c.name === "id") exprs.push(`${col} || ':' || c`);
      else if (text && (await isAddressColumn(sql, target, col)))
        exprs.push(`overlay(${col} placing lpad(to_hex(c), 8, '0') from 35 for 8)`);
      else exprs.push(col);
    }
    const [before] = await sql(`select count(*)::int as n from ${target}`);
    await sql(
      `insert into ${target} (${columns.map((c) => quote(c.name)).join(", ")}) ` +
        `select ${exprs.join(", ")} from ${target} cross join generate_series(1, ${copies}) as g(c) on conflict do nothing`,
    );
    const [after] = await sql(`select count(*)::int as n from ${target}`);
    added += Number(after?.n ?? 0) - Number(before?.n ?? 0);
  }
  await sql("analyze");
  return added;
}

async function isAddressColumn(sql: Sql, target: string, col: string): Promise<boolean> {
  const [row] = await sql(
    `select count(*)::int as n, count(*) filter (where ${col} ~ '${ADDRESS}')::int as a from ${target} where ${col} is not null`,
  );
  return Number(row?.n ?? 0) > 0 && row?.n === row?.a;
}
