// import, list, show, stats, reindex.
import type { Command } from 'commander';
import type { Article } from '../article.js';
import { untilExclusive } from '../extract/dates.js';
import { importSources, reindex } from '../import/pipeline.js';
import { countSourceFiles } from '../readers/sources.js';
import { terminalProgress } from './progress.js';
import { BACKGROUND_NICE, CliError, config, dateOption, intOption, lowerPriority, NICE_HELP, niceOption, printJson, withStore } from './common.js';

/** A one-line summary of an article for lists. */
export function summaryLine(a: Article): string {
  const day = a.published?.day ?? '----------';
  const flags = a.flags.filter((f) => f !== 'no-date');
  return `${a.id}  ${day}  ${a.outlet.id.padEnd(9)}  ${a.title}${flags.length ? `  [${flags.join(',')}]` : ''}`;
}

export function withoutBody(a: Article): Omit<Article, 'paragraphs' | 'givenTokens'> {
  const { paragraphs: _p, givenTokens: _g, ...rest } = a;
  return rest;
}

export function importCommands(program: Command): void {
  program
    .command('import')
    .description('import files, folders, .tar.gz archives, git repositories or git URLs')
    .argument('<inputs...>', 'paths or git URLs')
    .option('--rev <rev>', 'git revision to read (default HEAD)')
    .option('--json', 'print the report as JSON')
    .option('--max-mb <n>', 'largest file to read, in MB', intOption, 32)
    .option('--no-index', 'do not build the search index now (faster; `parallax reindex` builds it)')
    .option('--nice <n>', NICE_HELP, niceOption, BACKGROUND_NICE)
    .action(async (inputs: string[], opts: { rev?: string; json?: boolean; maxMb: number; index: boolean; nice: number }, cmd: Command) => {
      lowerPriority(opts.nice);
      // a feed of 100,000 items allocates in bursts: without the bound most of the peak is garbage (src/heap.ts)
      (await import('../heap.js')).boundHeap();
      const bar = terminalProgress('importing', { unit: 'files', quiet: opts.json });
      // the total when it is cheap to know (folders, files, local git): a bar with the time left
      const totals = bar.shown ? await Promise.all(inputs.map((i) => countSourceFiles(i, opts.rev))) : [];
      const total = totals.length && totals.every((n) => n !== undefined) ? totals.reduce((a, b) => a! + b!, 0)! : 0;
      const report = await withStore(cmd, async (store) => {
        try {
          return await importSources(store, inputs, {
            lexicons: config(cmd).lexicons,
            index: opts.index,
            rev: opts.rev,
            maxBytes: opts.maxMb * 1048576,
            onProgress: (p) => bar.update(p.files, total > 0 ? Math.max(total, p.files) : 0, 'importing', `${p.articles} articles, ${p.rejected} rejected | ${p.current.slice(-40)}`),
          });
        } finally {
          bar.stop();
        }
      }, { create: true });
      if (opts.json) printJson(report);
      else {
        const a = report.articles;
        process.stdout.write(`${report.files} files (${report.skipped} skipped): ${a.added} added, ${a.updated} updated, ${a.unchanged} unchanged, ` +
          `${report.duplicates} duplicates, ${report.flagged} flagged, ${report.rejected.length} rejected in ${report.seconds}s\n`);
        for (const r of report.rejected) process.stdout.write(`  rejected ${r.path}: ${r.reason}\n`);
      }
      if (report.rejected.length) process.exitCode = 1;
    });

  program
    .command('list')
    .description('list articles, newest first')
    .option('--outlet <id>', 'only this outlet')
    .option('--since <date>', 'published on or after YYYY-MM-DD (the outlet\'s local day)', dateOption)
    .option('--until <date>', 'published on or before YYYY-MM-DD (the outlet\'s local day)', dateOption)
    .option('--limit <n>', 'at most N articles', intOption, 50)
    .option('--offset <n>', 'skip N articles', intOption, 0)
    .option('--all', 'include placeholders, empty and mojibake pages')
    .option('--json', 'print JSON (articles without paragraphs)')
    .action(async (opts: { outlet?: string; since?: string; until?: string; limit: number; offset: number; all?: boolean; json?: boolean }, cmd: Command) => {
      const list = await withStore(cmd, async (s) => {
        if (opts.outlet && !(await s.outlets()).some((o) => o.id === opts.outlet)) {
          throw new CliError(`no outlet ${opts.outlet} in this archive (parallax stats lists them)`, 2);
        }
        return s.listArticles({
          outlet: opts.outlet, since: opts.since, until: untilExclusive(opts.until),
          limit: opts.limit, offset: opts.offset, includeFlagged: opts.all,
        });
      });
      if (opts.json) printJson(list.map(withoutBody));
      else for (const a of list) process.stdout.write(summaryLine(a) + '\n');
    });

  program
    .command('show')
    .description('show one article')
    .argument('<id>', 'article id')
    .option('--json', 'print the whole Article as JSON')
    .option('--raw', 'print the original bytes of its source')
    .action(async (id: string, opts: { json?: boolean; raw?: boolean }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const a = await store.getArticle(id);
        if (!a) throw new CliError(`no article with id ${id}`, 1);
        if (opts.raw) {
          const raw = await store.getRaw(a.source.sha256);
          if (!raw) throw new CliError(`raw bytes of ${id} are missing`, 1);
          process.stdout.write(raw);
          return;
        }
        if (opts.json) {
          printJson({ ...a, sources: await store.articleSources(id), versions: (await store.articleVersions(id)).map((v) => ({ version: v.version, replacedAt: v.replacedAt })) });
          return;
        }
        const lines = [
          a.title,
          `${a.outlet.name} (${a.outlet.id}) · ${a.published ? `${a.published.at} [${a.published.precision}] «${a.published.original}»` : 'no date'} · ${a.script}`,
          a.url ? `url: ${a.url}` : '', a.archiveUrl ? `archive: ${a.archiveUrl}` : '',
          a.wire ? `wire: ${a.wire.agency} ${a.wire.place} ${a.wire.day} ${a.wire.reporters.join('、')}` : '',
          a.flags.length ? `flags: ${a.flags.join(', ')}` : '',
          '', ...a.paragraphs.flatMap((p) => [p, '']),
          ...a.figures.map((f) => `[figure] ${f.src}${f.caption ? ` — ${f.caption}` : ''}`),
        ];
        process.stdout.write(lines.filter((l, i) => l !== '' || i > 5).join('\n') + '\n');
      });
    });

  program
    .command('stats')
    .description('what the archive holds')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const s = await withStore(cmd, (store) => store.stats());
      if (opts.json) { printJson(s); return; }
      process.stdout.write(`${s.articles} articles (+${s.flagged} flagged), ${s.sources} sources, ${s.rejected} rejected, ${s.versions} earlier versions\n` +
        `raw ${(s.rawBytes / 1048576).toFixed(1)} MB stored in ${(s.storedBytes / 1048576).toFixed(1)} MB\n` +
        `scripts: ${Object.entries(s.scripts).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        `formats: ${Object.entries(s.formats).map(([k, v]) => `${k} ${v}`).join(', ')}\n` +
        s.outlets.map((o) => `  ${o.id.padEnd(10)} ${String(o.articles).padStart(6)}  ${o.first?.slice(0, 10) ?? ''} … ${o.last?.slice(0, 10) ?? ''}  ${o.name}`).join('\n') + '\n');
    });

  program
    .command('reindex')
    .description('rebuild every article (and the search index) from the raw bytes kept in the store')
    .option('--json', 'print JSON')
    .option('--nice <n>', NICE_HELP, niceOption, BACKGROUND_NICE)
    .action(async (opts: { json?: boolean; nice: number }, cmd: Command) => {
      lowerPriority(opts.nice);
      (await import('../heap.js')).boundHeap();
      const r = await withStore(cmd, async (store) => {
        const bar = terminalProgress('reindexing', { unit: 'sources', quiet: opts.json });
        const total = bar.shown ? await store.stats().then((s) => s.sources + s.rejected) : 0;
        bar.update(0, total);
        try {
          return await reindex(store, config(cmd).lexicons, (done) => bar.update(done, total));
        } finally {
          bar.stop();
        }
      });
      if (opts.json) printJson(r);
      else process.stdout.write(`reindexed ${r.sources} sources into ${r.articles} articles (${r.rejected} not readable${r.swept ? `, ${r.swept} no source gives any more removed` : ''}) in ${r.seconds}s\n`);
    });
}
