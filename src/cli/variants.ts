// variants build, variants show: the regional variant tables search expands queries with.
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { config, printJson, textContext, withStore } from './common.js';
import { terminalProgress } from './progress.js';

export function variantCommands(program: Command): void {
  const variants = program.command('variants').description('the regional variant tables search uses (普京/普丁, 芯片/晶片, 朔尔茨/蕭茲)');

  variants
    .command('build')
    .description('mine what the archive teaches into variant files: transliterations (names written differently before the same Latin name) and terms aligned sentences of mainland and Taiwan/Hong Kong outlets write differently; --opencc also writes the table generated from OpenCC\'s regional phrases')
    .option('--out <file>', 'where to write the mined transliterations', 'variants-archive.txt')
    .option('--aligned-out <file>', 'where to write the terms mined from aligned sentences', 'variants-aligned.txt')
    .option('--aligned-min <n>', 'independent alignments a term needs (fewer: only when each form is clearly its region\'s word)', (v) => Number(v), 2)
    .option('--opencc <file>', 'also write the groups from OpenCC\'s Taiwan and Hong Kong phrase tables here')
    .option('--min <n>', 'times a transliteration must be seen (its group needs two outlets anyway)', (v) => Number(v), 1)
    .action(async (opts: { out: string; alignedOut: string; alignedMin: number; opencc?: string; min: number }, cmd: Command) => {
      const [{ mineTransliterations }, { mineAlignedVariants }, { formatGroups, openccGroups, regionalForms, OPENCC_TABLES }, { segmenter }, { AliasTable, ALIGNED_VARIANTS, BUILTIN_VARIANT_FILES }] = await Promise.all([
        import('../search/variants-mine.js'), import('../search/variants-align.js'), import('../text/variants-opencc.js'), import('../text/segment.js'), import('../text/aliases.js'),
      ]);
      const seg = segmenter(config(cmd).lexicons);
      const { normalizeText } = await import('../text/normalize.js');
      const bar = terminalProgress('reading', { unit: 'articles' });
      const { groups, aligned, articles, usage } = await withStore(cmd, async (store) => {
        const all = [];
        const total = bar.shown ? (await store.stats()).articles : 0;
        for await (const a of store.allArticles()) {
          all.push(a);
          if (all.length % 200 === 0) bar.update(all.length, total);
        }
        bar.update(all.length, total);
        // how many Simplified-script articles use each regional form of the OpenCC tables
        const counts = new Map<string, number>();
        let docs = 0;
        if (opts.opencc) {
          const forms = [...regionalForms()];
          for (const [i, a] of all.entries()) {
            if (i % 200 === 0) bar.update(i, all.length, 'regional forms');
            if (a.script !== 'hans') continue;
            docs++;
            const text = normalizeText([a.title, ...a.paragraphs].join('\n'));
            for (const f of forms) if (text.includes(f)) counts.set(f, (counts.get(f) ?? 0) + 1);
          }
        }
        bar.update(0, 0, 'mining transliterations');
        try {
          // the core lexicon only: the archive's lexicon has learnt the names mined here as words
          const groups = mineTransliterations(all, segmenter([]), { minCount: opts.min });
          bar.update(0, 0, 'aligning sentences');
          // pairs the other tables already hold are not mined again (the aligned file itself is being rebuilt)
          const known = new AliasTable(config(cmd).aliases, { builtin: BUILTIN_VARIANT_FILES.filter((f) => f !== ALIGNED_VARIANTS) });
          const aligned = mineAlignedVariants(all, seg, { minCount: opts.alignedMin, known });
          return { groups, aligned, articles: all.length, usage: { docs, count: (f: string) => counts.get(f) ?? 0 } };
        } finally {
          bar.stop();
        }
      });
      const out = resolve(opts.out);
      writeFileSync(out, formatGroups(groups, `Transliterations the archive teaches: forms written before the same Latin name by two or more outlets,\neach seen ${opts.min}+ times (parallax variants build over ${articles} articles). Review, then use with the config key \`aliases\`.`));
      process.stdout.write(`${groups.length} groups from ${articles} articles written to ${out}\nuse it: add "${out}" to \`aliases\` in parallax.json (or PARALLAX_ALIASES=${out})\n`);
      const alignedOut = resolve(opts.alignedOut);
      writeFileSync(alignedOut, formatGroups(aligned, `Terms aligned sentences teach: a mainland-side sentence and a Taiwan/Hong Kong-side sentence that match but for one term\n(compared in the Simplified normal form), the pair seen in ${opts.alignedMin}+ independent alignments or once with each form clearly its region's word,\nwritten one way round, not the same word in another script (parallax variants build over ${articles} articles).\nEvidence: the two articles' ids (parallax show ID). ?X: X is not clearly its region's word (offered, not added).`));
      process.stdout.write(`${aligned.length} groups from aligned sentences written to ${alignedOut}\n`);
      if (opts.opencc) {
        const g = openccGroups(OPENCC_TABLES, usage);
        writeFileSync(resolve(opts.opencc), formatGroups(g, `Regional variants from OpenCC's phrase tables (TWPhrases, TWPhrasesRev, HKPhrases, HKPhrasesRev),\none entry a line, generated by \`parallax variants build --opencc\`. ?X (offered, not added): X is another region's word\nin another entry, or a regional form that ${usage.docs} Simplified-script articles of the archive use too.`));
        process.stdout.write(`${g.length} OpenCC groups written to ${resolve(opts.opencc)}\n`);
      }
    });

  variants
    .command('show')
    .description('the variants a search term is matched in, those only offered (variant:X adds one), and whole-word-only forms')
    .argument('<term>', 'a word in either script')
    .option('--json', 'print as JSON')
    .action(async (term: string, opts: { json?: boolean }, cmd: Command) => {
      const ctx = await textContext(config(cmd));
      const { normalizeText } = await import('../text/normalize.js');
      const norm = normalizeText(term.trim());
      const e = ctx.aliases.expand(norm);
      const whole = [norm, ...e.forms, ...e.optional].filter((f, i, all) => all.indexOf(f) === i && ctx.aliases.isWordOnly(f));
      const result = { term: norm, variants: e.forms.filter((f) => f !== norm), optional: e.optional, wholeWord: whole };
      if (opts.json) { printJson(result); return; }
      process.stdout.write(`${term}: ${result.variants.join(' ') || '(no variants)'}\n`);
      if (result.optional.length) process.stdout.write(`optional (another sense too; add with variant:X): ${result.optional.join(' ')}\n`);
      if (result.wholeWord.length) process.stdout.write(`whole word only: ${result.wholeWord.join(' ')}\n`);
    });
}
