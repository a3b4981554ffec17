// search, segment, lexicon.
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { archiveLexiconPath } from '../config.js';
import { QueryError } from '../search/query.js';
import { CliError, config, intOption, printJson, textContext, withStore } from './common.js';
import { terminalProgress } from './progress.js';

/** A snippet (escaped HTML with <mark>) as terminal text, matches between `open` and `close`. */
const unmark = (open: string, close: string) => (s: string): string =>
  s.replace(/<mark>/g, open).replace(/<\/mark>/g, close).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export function textCommands(program: Command): void {
  program
    .command('search')
    .description('search the archive (words, "phrase", -exclude, outlet:ID or name, since:/until:YYYY-MM-DD as the outlet\'s local day, tag:X, script:hans|hant, variant:X / -variant:X)')
    .argument('<query>', 'the query, in either script')
    .option('--limit <n>', 'hits per page', intOption, 20)
    .option('--offset <n>', 'skip N hits', intOption, 0)
    .option('--sort <order>', 'relevance or date', 'relevance')
    .option('--all-copies', 'list every copy and reprint as its own hit (default: one hit per family)')
    .option('--json', 'print {"total","capped","hits","reading","nextOffset","tookMs"} as JSON')
    .action(async (input: string, opts: { limit: number; offset: number; sort: string; allCopies?: boolean; json?: boolean }, cmd: Command) => {
      if (opts.sort !== 'relevance' && opts.sort !== 'date') throw new CliError(`--sort is relevance or date, not ${opts.sort}`);
      const ctx = await textContext(config(cmd));
      const { searchArchive } = await import('../search/search.js');
      const result = await withStore(cmd, async (store) => {
        try {
          return await searchArchive(store, input, { limit: opts.limit, offset: opts.offset, sort: opts.sort as 'relevance' | 'date', collapse: !opts.allCopies }, ctx);
        } catch (e) {
          if (e instanceof QueryError) throw new CliError(`bad query: ${e.message}`);
          throw e;
        }
      });
      if (opts.json) { printJson(result); return; }
      const mark = process.stdout.isTTY ? unmark('\x1b[1;33m', '\x1b[0m') : unmark('【', '】');
      process.stdout.write(`${result.capped ? `${result.total.toLocaleString('en')}+` : result.total} articles (${result.tookMs} ms)\n`);
      for (const r of result.reading.terms) {
        if (r.negated) continue;
        const parts = [r.words ? `read as ${r.words.join(' · ')}` : '', r.variants.length ? `also ${r.variants.join(' ')} (-variant:X leaves one out)` : '',
          r.optional.length ? `could add ${r.optional.join(' ')} (variant:X)` : '', r.off.length ? `left out ${r.off.join(' ')}` : ''].filter(Boolean);
        if (parts.length) process.stdout.write(`${r.text}: ${parts.join('; ')}\n`);
      }
      for (const h of result.hits) {
        process.stdout.write(`\n${h.id}  ${h.published?.day ?? '----------'}  ${h.outlet.name}  ${h.title}\n  ${mark(h.snippet)}\n`);
        if (h.copies?.length) process.stdout.write(`  + ${h.copies.length} copies: ${h.copies.map((c) => `${c.id} ${c.outlet}`).join(', ')}\n`);
      }
      if (result.nextOffset < result.total) process.stdout.write(`\nnext page: --offset ${result.nextOffset}\n`);
    });

  program
    .command('segment')
    .description('segment text into words: one sentence per line, words separated by single spaces')
    .argument('[file]', 'a text file, or - for standard input', '-')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      let text: string;
      try {
        // a byte order mark is no character of the first line
        text = readFileSync(file === '-' ? 0 : file, 'utf8').replace(/^\uFEFF/, '');
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new CliError(code === 'EISDIR' ? `${file} is a folder: give a text file, or - for standard input` : code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(e as Error).message}`, 2);
      }
      const [{ segmenter }, { segmentedLines }] = await Promise.all([import('../text/segment.js'), import('../text/sentences.js')]);
      const lines = segmentedLines(text, segmenter(config(cmd).lexicons));
      process.stdout.write(lines.join('\n') + (lines.length ? '\n' : ''));
    });

  const lexicon = program.command('lexicon').description("the archive's own lexicon of discovered words");
  lexicon
    .command('build')
    .description('find new words in the archive (frequency, cohesion, boundary entropy) and write them to a file')
    .option('--out <file>', 'where to write it (default: beside the database, <db>.lexicon.txt)')
    .option('--min-freq <n>', 'least occurrences of a word', intOption, 8)
    .option('--limit <n>', 'at most N words', intOption, 20000)
    .option('--json', 'print a summary as JSON')
    .action(async (opts: { out?: string; minFreq: number; limit: number; json?: boolean }, cmd: Command) => {
      const cfg = config(cmd);
      const out = opts.out ?? archiveLexiconPath(cfg.db);
      const [{ segmenter }, { discoverWords, formatLexicon }, { normalizeText }] = await Promise.all([
        import('../text/segment.js'), import('../text/lexicon.js'), import('../text/normalize.js'),
      ]);
      // the archive's previous lexicon is not used to judge what is known: it is being rebuilt
      const seg = segmenter(cfg.lexicons.filter((l) => l !== out));
      const started = performance.now();
      const texts: string[] = [];
      const bar = terminalProgress('reading', { unit: 'articles', quiet: opts.json });
      await withStore(cmd, async (store) => {
        const total = bar.shown ? (await store.stats()).articles : 0;
        for await (const a of store.allArticles()) {
          texts.push(normalizeText([a.title, ...a.paragraphs].join('\n')));
          if (texts.length % 200 === 0) bar.update(texts.length, total);
        }
        bar.update(texts.length, total);
      });
      // the word finder reads the texts once per n-gram length: each reading is a step
      let pass = 0;
      const counted = function* (): Generator<string> {
        const step = `counting, pass ${++pass}`;
        for (let i = 0; i < texts.length; i++) {
          if (i % 200 === 0) bar.update(i, texts.length, step);
          yield texts[i]!;
        }
        bar.update(texts.length, texts.length, step);
      };
      let words;
      try {
        words = discoverWords(counted, { minFreq: opts.minFreq, limit: opts.limit, known: (w) => seg.knows(w) });
      } finally {
        bar.stop();
      }
      writeFileSync(out, formatLexicon(words, `Built ${new Date().toISOString().slice(0, 10)} from ${texts.length} articles of ${cfg.db}.`));
      const summary = { file: out, articles: texts.length, words: words.length, seconds: Math.round((performance.now() - started) / 100) / 10, top: words.slice(0, 20).map((w) => w.word) };
      if (opts.json) printJson(summary);
      else {
        // only the archive's own lexicon (beside the database) is read by later commands
        const used = resolve(out) === resolve(archiveLexiconPath(cfg.db));
        process.stdout.write(`${summary.words} words from ${summary.articles} articles written to ${out} in ${summary.seconds}s\n  ${summary.top.join(' ')}\n` +
          (used ? 'Run `parallax reindex` to segment the archive with them.\n'
            : `This file is not read unless you name it: PARALLAX_LEXICON=${out} (or "lexicons" in the config file), then \`parallax reindex\`.\n`));
      }
    });
  lexicon
    .command('show')
    .description('print the lexicon files in use')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }, cmd: Command) => {
      const cfg = config(cmd);
      const files = cfg.lexicons.map((f) => ({ file: f, words: readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#')).length }));
      if (opts.json) printJson(files);
      else if (files.length === 0) process.stdout.write(`no archive lexicon yet (${archiveLexiconPath(cfg.db)}): run \`parallax lexicon build\`\n`);
      else for (const f of files) process.stdout.write(`${f.file}: ${f.words} words\n${readFileSync(f.file, 'utf8')}`);
    });
}
