// What a daily user trips over (issue 19), through the CLI as a user runs it, on the
// project's own demo/ data and small fictional files: no ../shared needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliJson, cliSpawn } from './cli.js';
import { projectRoot } from './shared.js';

const dir = mkdtempSync(join(tmpdir(), 'parallax-daily-'));
const db = join(dir, 'demo.db');
const demo = join(dir, 'demo');
cpSync(join(projectRoot, 'demo'), demo, { recursive: true });
// a night report: 07:30 in UTC+8 is the day before in UTC
writeFileSync(join(demo, '09-night.md'), '---\ntitle: "夜间渡轮加开班次"\ndate: 2031-10-15T07:30:00+08:00\nsource: 东方社\nurl: https://wire.dongfang.example/2031/10/15/ferry\n---\n\n东方社晴川10月15日电 望潮岛夜间渡轮今起加开班次，跨海大桥通车后客流仍然很多。\n');
const imported = cli(['--db', db, 'import', demo]);
assert.equal(imported.status, 0, imported.stderr);

test('until is the last day, included, and the outlet\'s local day in list, search and export alike', () => {
  const day = ['--since', '2031-10-15', '--until', '2031-10-15'];
  const listed = cliJson<Array<{ id: string; title: string }>>(['--db', db, 'list', ...day]).json.map((a) => a.id).sort();
  assert.equal(listed.length, 2, JSON.stringify(listed));
  const searched = cliJson<{ hits: Array<{ id: string }> }>(['--db', db, 'search', 'since:2031-10-15 until:2031-10-15']).json.hits.map((h) => h.id).sort();
  assert.deepEqual(searched, listed);
  // export with a query takes its articles by id and filters them itself: the same days
  const out = join(dir, 'day.jsonl');
  const r = cli(['--db', db, 'export', 'jsonl', '--out', out, '--query', '跨海大桥', ...day]);
  assert.equal(r.status, 0, r.stderr);
  const night = listed.find((id) => cliJson<{ title: string }>(['--db', db, 'show', id]).json.title === '夜间渡轮加开班次');
  assert.ok(night, 'the night report is on its local day');
  const exported = readLines(out).map((l) => (JSON.parse(l) as { id: string }).id);
  assert.ok(exported.includes(night!), `export --until keeps the night report of its local day: ${exported.join(' ')}`);
});

function readLines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

test('a git URL that fails shows git\'s own reason (nothing leaves the machine)', () => {
  const env = { PARALLAX_CACHE: join(dir, 'git-cache') };
  const refused = cli(['--db', db, 'import', 'https://127.0.0.1:1/x.git'], env);
  assert.equal(refused.status, 1);
  assert.match(refused.stdout, /rejected https:\/\/127\.0\.0\.1:1\/x\.git: git could not clone https:\/\/127\.0\.0\.1:1\/x\.git: fatal: unable to access .*Failed to connect to 127\.0\.0\.1 port 1/);
  const missing = cli(['--db', db, 'import', `file://${join(dir, 'no-such-repo.git')}`], env);
  assert.equal(missing.status, 1);
  assert.match(missing.stdout, /git could not clone .*no-such-repo\.git: fatal: .*(does not appear to be a git repository|does not exist)/);
});

/** Run the CLI in a real pseudo-terminal (util-linux `script`), as a person at a terminal does; stdout and stderr together. */
function onTerminal(args: string[]): string {
  const line = [process.execPath, '--import', 'tsx', join(projectRoot, 'src', 'cli', 'main.ts'), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', line, '/dev/null'], { encoding: 'utf8', cwd: projectRoot, env: { ...process.env, COLUMNS: '200' } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  // every redraw of a line on a line of its own (a move to column 1 starts one), other cursor moves taken out
  return r.stdout.replace(/\x1b\[1G/g, '\n').replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b[78]/g, '').split(/\r\n|\n|\r/).filter(Boolean).join('\n');
}

const hasScript = spawnSync('script', ['--version']).status === 0;

test('long commands show count, total, rate and time left on a terminal, and nothing in a pipe or with --json', { skip: hasScript ? false : 'needs util-linux script(1) for a pseudo-terminal' }, () => {
  const tdb = join(dir, 'tty.db');
  const imported = onTerminal(['--db', tdb, 'import', demo]);
  assert.match(imported, /^importing [█░]{20} 10\/10 files \| (…|[\d.,]+) files\/s \| all in \d+s \| \d+ articles, 0 rejected/m);
  const re = onTerminal(['--db', tdb, 'reindex']);
  assert.match(re, /^reindexing [█░]{20} 0\/9 sources \| … sources\/s \| \? left/m);
  assert.match(re, /^reindexing [█░]{20} 9\/9 sources \| .*all in \d+s/m);
  assert.match(re, /^reindexed 9 sources into 10 articles/m);
  const lex = onTerminal(['--db', tdb, 'lexicon', 'build', '--out', join(dir, 'other.lex')]);
  assert.match(lex, /^reading [█░]{20} 10\/10 articles/m);
  assert.match(lex, /^counting, pass 1 [█░]{20} 10\/10 articles/m);
  const events = onTerminal(['--db', tdb, 'events', '--regroup']);
  assert.match(events, /(lineage|features|grouping|comparisons) +[█░]{20} \d+\/\d+/);
  const exported = onTerminal(['--db', tdb, 'export', 'jsonl', '--out', join(dir, 'tty.jsonl')]);
  assert.match(exported, /^exporting jsonl [█░]{20} 10\/10 articles/m);
  // --json on a terminal, and any command in a pipe: the result only
  assert.doesNotMatch(onTerminal(['--db', tdb, 'reindex', '--json']), /reindexing|█/);
  const piped = cli(['--db', tdb, 'reindex']);
  assert.equal(piped.status, 0);
  assert.equal(piped.stderr, '');
  assert.equal(cli(['--db', tdb, 'lexicon', 'build', '--out', join(dir, 'other.lex')]).stderr, '');
});

test('the small things: paging notes, an empty search, a lexicon written elsewhere, 0.0.0.0, a taken port names a free one', async () => {
  // events: a total with what is shown and how to see more
  const paged = cli(['--db', db, 'events', '--min-outlets', '1', '--limit', '1']);
  assert.equal(paged.status, 0, paged.stderr);
  assert.match(paged.stdout, /^\d+ events \(showing 1–1; --offset for more\)\n/);
  // a day that is not in the calendar is refused, not rolled into March
  const feb30 = cli(['--db', db, 'list', '--since', '2021-02-30']);
  assert.equal(feb30.status, 2);
  assert.match(feb30.stderr, /YYYY-MM-DD/);
  // an empty query is an error on the CLI as in the API, never the whole archive
  const empty = cli(['--db', db, 'search', '']);
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /an empty query/);
  // a lexicon written to another file says how to use it, not to reindex
  const other = cli(['--db', db, 'lexicon', 'build', '--out', join(dir, 'elsewhere.lex')]);
  assert.equal(other.status, 0, other.stderr);
  assert.match(other.stdout, /This file is not read unless you name it: PARALLAX_LEXICON=.*elsewhere\.lex/);
  assert.doesNotMatch(other.stdout, /Run `parallax reindex` to segment/);
  // serving on every address says so (and where to open it here)
  const { createServer } = await import('node:net');
  const everywhere = cliSpawn(['--db', db, 'serve', '--port', '0', '--processes', '1'], { PARALLAX_HOST: '0.0.0.0' });
  const said = await firstLine(everywhere);
  assert.match(said, /^Parallax is serving .* on every address of this machine \(0\.0\.0\.0\), port \d+: http:\/\/127\.0\.0\.1:\d+\/ here/);
  // a taken port: exit 2, and a port that is free now is named, for npm start too
  const taken = createServer();
  await new Promise<void>((res) => taken.listen(0, '127.0.0.1', () => res()));
  const port = (taken.address() as { port: number }).port;
  try {
    const busy = cliSpawn(['--db', db, 'serve', '--port', String(port), '--processes', '1']);
    let err = '';
    busy.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    assert.equal(await new Promise<number | null>((res) => busy.on('exit', res)), 2);
    const m = /already in use: .*; (\d+) is free: --port \1 \(npm start -- --port \1, or PARALLAX_PORT=\1\)/.exec(err);
    assert.ok(m, err);
    // the suggestion is real: that port can be listened on
    const probe = createServer();
    await new Promise<void>((res, rej) => { probe.once('error', rej); probe.listen(Number(m[1]), '127.0.0.1', () => res()); });
    probe.close();
  } finally {
    taken.close();
  }
});

/** The first line a process writes to stdout; then it is stopped. */
function firstLine(p: ReturnType<typeof cliSpawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`no line in 30 s: ${out}`)); }, 30_000);
    p.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) { clearTimeout(timer); p.kill('SIGTERM'); resolve(out.split('\n')[0]!); }
    });
  });
}

test('the README\'s example ids are those of the demo archive `npm start` builds', () => {
  const demoDb = join(dir, 'readme-demo.db');
  const built = cli(['--db', demoDb, 'demo', '--no-serve']);
  assert.equal(built.status, 0, built.stderr);
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const ids = [...new Set([...readme.matchAll(/\b[et]?[0-9a-f]{16}\b/g)].map((m) => m[0]))];
  assert.ok(ids.length >= 3, ids.join(' '));
  for (const id of ids) {
    const kind = id.startsWith('e') && id.length === 17 ? 'event' : id.startsWith('t') && id.length === 17 ? 'thread' : 'show';
    const r = cli(['--db', demoDb, kind, id, '--json']);
    assert.equal(r.status, 0, `parallax ${kind} ${id}: ${r.stderr}`);
  }
});
