// A large PostgreSQL archive in minutes: the articles and search rows already in a
// PostgreSQL database (`parallax copy --from a.db --to postgres://…`) multiplied INSIDE the
// server with INSERT … SELECT, as bench/search.ts `replicateInto` does through a store's
// commit (hours at PostgreSQL's write rate): copy k of an article gets the id
// sha256(`${id}/${k}`)[0, 16), its publication time and its local day shifted by k × 30
// days (as replicateInto shifts them) and the original's search row under its new rid. The
// originals are copy 0 and keep their ids. Sources, raw bytes, versions and the analysis are
// not copied (search needs none of them); the analysis queue is left as the copy found it.
// search_df (bm25's document counts) is multiplied by the number of copies at the end.
//
//   node --import tsx bench/pg-replica.ts postgres://…/db 200000   # multiply until ≥ 200,000 articles
import pg from 'pg';

/** Multiply the archive at `url` to at least `target` articles; returns the number of articles after. */
export async function replicateInPostgres(url: string, target: number, say: (s: string) => void = () => {}): Promise<number> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    const n = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM articles')).rows[0]!.n);
    if (n === 0) throw new Error('the database holds no articles: copy an archive into it first (parallax copy)');
    const copies = Math.ceil(target / n);
    const maxRid = (await c.query<{ m: string }>('SELECT max(rid) AS m FROM articles')).rows[0]!.m;
    // the copies need no analysis queue entries nor foreign-key checks: triggers off for this session
    await c.query("SET session_replication_role = 'replica'");
    // inserting into six GIN indexes row by row took 2–3 minutes a copy of 12,208 search rows
    // (loaded machine); dropped now and built once at the end, the whole replica takes minutes
    const gin = (await c.query<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename = 'search' AND indexdef LIKE '%USING gin%'`)).rows;
    for (const i of gin) await c.query(`DROP INDEX ${i.name}`);
    for (let k = 1; k < copies; k++) {
      const t = performance.now();
      await c.query('BEGIN');
      await c.query(`CREATE TEMP TABLE px_copy ON COMMIT DROP AS
        SELECT rid AS old_rid, substr(encode(sha256(convert_to(id || '/' || $2::int, 'UTF8')), 'hex'), 1, 16) AS new_id,
          CASE WHEN published_at IS NULL THEN NULL
            ELSE to_char((published_at::timestamptz + make_interval(days => 30 * $2::int)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS new_at,
          CASE WHEN day IS NULL THEN NULL ELSE to_char(day::date + 30 * $2::int, 'YYYY-MM-DD') END AS new_day
        FROM articles WHERE rid <= $1`, [maxRid, k]);
      await c.query(`INSERT INTO articles (id, outlet_id, month, published_at, day, title, script, flagged, content_hash, version, source_key, doc)
        SELECT p.new_id, a.outlet_id, coalesce(left(p.new_at, 7), '0000-00'), p.new_at, p.new_day, a.title, a.script, a.flagged, a.content_hash, a.version,
          'replica/' || $1::int || '/' || a.id,
          CASE WHEN p.new_at IS NULL THEN jsonb_set(a.doc, '{id}', to_jsonb(p.new_id))
            ELSE jsonb_set(jsonb_set(jsonb_set(a.doc, '{id}', to_jsonb(p.new_id)), '{published,at}', to_jsonb(p.new_at)), '{published,day}', coalesce(to_jsonb(p.new_day), 'null'::jsonb)) END
        FROM px_copy p JOIN articles a ON a.rid = p.old_rid ORDER BY a.rid`, [k]);
      const s = await c.query<{ rows: string; tokens: string }>(`WITH ins AS (
          INSERT INTO search (rid, title_w, title_g, body_g, body_more, body_w, tags, tokens)
          SELECT n.rid, s.title_w, s.title_g, s.body_g, s.body_more, s.body_w, s.tags, s.tokens
          FROM px_copy p JOIN search s ON s.rid = p.old_rid JOIN articles n ON n.id = p.new_id
          ORDER BY n.rid RETURNING tokens)
        SELECT count(*) AS rows, coalesce(sum(tokens), 0) AS tokens FROM ins`);
      await c.query('INSERT INTO search_totals (rows, tokens) VALUES ($1, $2)', [s.rows[0]!.rows, s.rows[0]!.tokens]);
      await c.query('COMMIT');
      say(`copy ${k} of ${copies - 1}: ${s.rows[0]!.rows} search rows, ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    await c.query("SET session_replication_role = 'origin'");
    await c.query("SET maintenance_work_mem = '1GB'");
    for (const i of gin) {
      const t = performance.now();
      await c.query(i.def);
      say(`${i.name}: built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    await c.query(`WITH d AS (DELETE FROM search_totals RETURNING rows, tokens)
      INSERT INTO search_totals (rows, tokens) SELECT coalesce(sum(rows), 0), coalesce(sum(tokens), 0) FROM d`);
    // every search row of the originals is now there `copies` times: so is each token's document count
    await c.query('UPDATE search_df SET docs = docs * $1', [copies]);
    // what a bulk load is followed by: the visibility map (GIN counts without reading rows) and statistics
    const t = performance.now();
    await c.query('VACUUM ANALYZE');
    say(`VACUUM ANALYZE: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    return Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM articles')).rows[0]!.n);
  } finally {
    await c.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, target] = process.argv.slice(2);
  if (!url) throw new Error('usage: bench/pg-replica.ts postgres://…/db [articles=200000]');
  const n = await replicateInPostgres(url, Number(target ?? 200_000), (s) => process.stderr.write(`${s}\n`));
  console.log(`${n} articles`);
}
