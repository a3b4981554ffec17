// A scratch archive of the ../shared corpus for evaluations and benchmarks: imported
// once per run into a temporary folder, with its own discovered lexicon.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archiveLexiconPath } from '../src/config.js';
import { importSources, type ImportReport } from '../src/import/pipeline.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { discoverWords, formatLexicon } from '../src/text/lexicon.js';
import { normalizeText } from '../src/text/normalize.js';
import { Segmenter } from '../src/text/segment.js';
import { writeFileSync } from 'node:fs';

export interface ScratchArchive { db: string; store: SqliteStore; lexicon: string; report: ImportReport; seconds: number }

export async function scratchArchive(inputs: string[], name = 'eval'): Promise<ScratchArchive> {
  const dir = mkdtempSync(join(tmpdir(), `px-${name}-`));
  // gone when the run ends (each was ~250 MB left in /tmp per run); PARALLAX_KEEP_TMP=1 keeps it
  if (!process.env.PARALLAX_KEEP_TMP) process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, `${name}.db`);
  const store = new SqliteStore(db);
  const started = performance.now();
  const report = await importSources(store, inputs);
  const seconds = (performance.now() - started) / 1000;
  const lexicon = archiveLexiconPath(db);
  const texts: string[] = [];
  for await (const a of store.allArticles()) texts.push(normalizeText([a.title, ...a.paragraphs].join('\n')));
  const seg = new Segmenter();
  const words = discoverWords(() => texts, { known: (w) => seg.knows(w) });
  writeFileSync(lexicon, formatLexicon(words, `scratch archive for ${name}`));
  return { db, store, lexicon, report, seconds };
}
