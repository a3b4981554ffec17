// WARC 1.1 of the kept original bytes: for each source of the selected articles a
// `resource` record holding the bytes exactly as they were read (its block digest is the
// sha256 the store keys them by), followed by a `metadata` record with the provenance
// (kind, repository, commit, path, format, encoding) and the articles read from it.
import { pathToFileURL } from 'node:url';
import { isAbsolute } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WARCRecord, WARCSerializer } from 'warcio';
import { sha256Hex, type StoredSource } from '../store/store.js';
import { selectedArticles } from './select.js';
import { finishReport, newReport, StreamFile, type ExportContext, type ExportReport } from './write.js';

const CONTENT_TYPE: Record<string, string> = {
  'html-page': 'text/html', rss: 'application/rss+xml', atom: 'application/atom+xml', 'json-feed': 'application/feed+json',
  'segmented-text': 'text/plain', 'plain-text': 'text/plain',
};

/** what the bytes are: HTML, a feed, or Markdown with front matter (every post format) */
export function contentTypeOf(s: Pick<StoredSource, 'format' | 'encoding'>): string {
  const type = CONTENT_TYPE[s.format] ?? 'text/markdown';
  const charset = s.encoding.replace(/-(bom|lossy)$/, '');
  return charset ? `${type}; charset=${charset}` : type;
}

/** The record's target: the URL it was fetched from, else the file it was read from, else a URN of its bytes. */
export function targetUri(s: StoredSource): string {
  if (s.url && /^https?:\/\//.test(s.url)) return s.url;
  if (s.kind === 'file' && s.path && isAbsolute(s.path)) return pathToFileURL(s.path).href;
  return `urn:parallax:source:${s.sha256}`;
}

const DIGEST = { algo: 'sha-256', prefix: 'sha256:', base32: false } as const;

export async function exportWarc({ store, selection, out, progress }: ExportContext): Promise<ExportReport> {
  const report = newReport('warc', out);
  const gzip = /\.gz$/.test(out);
  const file = new StreamFile(out);
  const now = new Date().toISOString();
  // each record its own gzip member (what replay tools index), compressed by zlib: warcio's
  // web-stream compression and wasm hashing cost 3 ms a record
  const put = async (record: WARCRecord): Promise<void> => {
    const bytes = await WARCSerializer.serialize(record, { gzip: false, digest: DIGEST });
    await file.write(gzip ? gzipSync(bytes, { level: 6 }) : bytes);
  };
  /** block and payload digests given up front (the sha256 is known): warcio hashes nothing again */
  const digests = (hex: string): Record<string, string> => ({ 'WARC-Block-Digest': `sha256:${hex}`, 'WARC-Payload-Digest': `sha256:${hex}` });
  await put(WARCRecord.createWARCInfo({ filename: out.split('/').pop()!, warcVersion: 'WARC/1.1', date: now }, {
    software: 'Parallax', format: 'WARC File Format 1.1',
    description: 'original bytes of archived news articles, each followed by a metadata record of its provenance',
  }));
  // a file read for several articles (a feed) is written once; each article gets its metadata record
  const written = new Map<string, string>();
  for await (const a of selectedArticles(store, selection)) {
    const sources = await store.articleSources(a.id);
    if (!sources.length) report.skipped.push({ id: a.id, reason: 'no stored source' });
    for (const s of sources) {
      const date = a.fetched?.at ?? now;
      let recordId = written.get(s.sha256);
      if (!recordId) {
        const bytes = await store.getRaw(s.sha256);
        if (!bytes) { report.skipped.push({ id: a.id, reason: `raw bytes ${s.sha256} missing` }); continue; }
        const resource = WARCRecord.create({
          url: targetUri(s), type: 'resource', date, warcVersion: 'WARC/1.1',
          warcHeaders: { 'Content-Type': contentTypeOf(s), ...digests(s.sha256) },
        }, [bytes]);
        await put(resource);
        recordId = resource.warcHeader('WARC-Record-ID')!;
        written.set(s.sha256, recordId);
      }
      const provenance = {
        article: a.id, kind: s.kind, path: s.path ?? null, url: s.url ?? null, repo: s.repo ?? null, commit: s.commit ?? null,
        format: s.format, encoding: s.encoding, sha256: s.sha256,
      };
      const body = Buffer.from(JSON.stringify(provenance));
      await put(WARCRecord.create({
        url: targetUri(s), type: 'metadata', date, warcVersion: 'WARC/1.1',
        warcHeaders: { 'Content-Type': 'application/json', 'WARC-Refers-To': recordId, ...digests(sha256Hex(body)) },
      }, [body]));
    }
    report.articles++;
    progress?.(report.articles);
  }
  await file.close();
  return finishReport({ ...report, files: 1, bytes: file.bytes });
}
