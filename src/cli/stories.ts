// stories, story, dups.
import type { Command } from 'commander';
import { CliError, config, dateOption, intOption, printJson, textContext, withStore } from './common.js';

export function storyCommands(program: Command): void {
  program
    .command('stories')
    .description('stories: articles about one event grouped across outlets and scripts (regrouped after imports)')
    .option('--since <date>', 'with an article on or after YYYY-MM-DD', dateOption)
    .option('--until <date>', 'with an article on or before YYYY-MM-DD', dateOption)
    .option('--min-outlets <n>', 'told by at least N outlets', intOption, 2)
    .option('--outlet <id>', 'told by this outlet')
    .option('--limit <n>', 'at most N stories', intOption, 30)
    .option('--regroup', 'forget earlier groupings and group every article afresh (story ids may change)')
    .option('--json', 'print JSON')
    .action(async (opts: { since?: string; until?: string; minOutlets: number; outlet?: string; limit: number; regroup?: boolean; json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const { analyzeArchive } = await import('../stories/analyze.js');
      const { total, stories } = await withStore(cmd, async (store) => {
        await analyzeArchive(store, ctx, { regroup: opts.regroup });
        const until = opts.until ? new Date(Date.parse(opts.until) + 86_400_000).toISOString().slice(0, 10) : undefined;
        return store.listStories({ since: opts.since, until, minOutlets: opts.minOutlets, outlet: opts.outlet, limit: opts.limit });
      });
      if (opts.json) { printJson({ total, stories }); return; }
      process.stdout.write(`${total} stories\n`);
      for (const s of stories) {
        process.stdout.write(`${s.id}  ${s.first?.slice(0, 16) ?? ''} … ${s.last?.slice(0, 16) ?? ''}  ${s.outlets.length} outlets, ${s.members.length} articles  ${s.label.hans}\n    ${s.outlets.join(' ')}\n`);
      }
    });

  program
    .command('story')
    .description('one story with its whole comparison: claims, quotes, entities, distinctive words, timeline, wire share')
    .argument('<id>', 'story id (from `parallax stories`)')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const [{ analyzeArchive, WIRE_OUTLETS }, { compareStory }] = await Promise.all([import('../stories/analyze.js'), import('../stories/compare.js')]);
      const full = await withStore(cmd, async (store) => {
        await analyzeArchive(store, ctx);
        const story = await store.getStory(id);
        if (!story) throw new CliError(`no story with id ${id}`, 1);
        const articles = await store.articlesByIds(story.members.map((m) => m.article));
        return { ...story, comparison: compareStory(articles, { ...ctx, wireOutlets: WIRE_OUTLETS }) };
      });
      if (opts.json) { printJson(full); return; }
      const c = full.comparison;
      const w = (s: string): void => { process.stdout.write(s + '\n'); };
      w(`${full.label.hans}\n${full.label.hant}\n${full.outlets.length} outlets, ${full.members.length} articles; keywords: ${full.keywords.join(' ')}`);
      w('\nTimeline');
      for (const t of c.timeline) w(`  ${t.at?.slice(0, 16) ?? 'undated         '}  +${t.lagMinutes ?? '?'} min  ${t.outlet.padEnd(9)} ${t.title}`);
      w('\nClaims carried by more than one outlet');
      for (const cl of c.claims.filter((x) => x.coverage !== 'one').slice(0, 25)) w(`  [${cl.coverage}] ${cl.outlets.join(',')}: ${cl.members[0]!.text}`);
      w('\nQuotes');
      for (const q of c.quotes.slice(0, 15)) w(`  ${q.speaker}: 「${q.text.slice(0, 60)}」 — ${q.outlets.join(',')}`);
      w('\nEntities');
      for (const e of c.entities.slice(0, 20)) w(`  ${e.name} (${e.kind}; ${e.variants.join('/')}): ${Object.keys(e.outlets).join(',')}`);
      w('\nDistinctive words');
      for (const [o, ws] of Object.entries(c.distinctive)) w(`  ${o}: ${ws.map((x) => x.word).join(' ')}`);
      w('\nWire share');
      for (const r of c.wire) w(`  ${r.outlet.padEnd(9)} ${(r.share * 100).toFixed(0)}%${r.dropped.length ? `, left out ${r.dropped.length} wire sentences` : ''}`);
    });

  program
    .command('dups')
    .description('duplicates, reprints, updates and containment between articles')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const { analyzeArchive } = await import('../stories/analyze.js');
      const edges = await withStore(cmd, async (store) => {
        await analyzeArchive(store, ctx);
        return store.allLineage();
      });
      if (opts.json) { printJson(edges); return; }
      for (const e of edges) process.stdout.write(`${e.from} ${e.kind} ${e.to} (${e.score})\n`);
    });
}
