// One HTTP GET: redirects followed by hand (each hop checked by the remote policy, and
// again at connect time), a deadline for the whole exchange, and a size limit counted
// on the wire and again after decompression (a 10 MB gzip bomb is 10 GB of zeros).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import { hash } from 'node:crypto';
import { checkRemoteUrl, guardedLookup, RemoteRefused, type RemotePolicy } from './remote.js';

export type FetchFailure = 'refused' | 'robots' | 'timeout' | 'too-large' | 'redirect-loop' | 'too-many-redirects' | 'network' | 'waiting';

/** A fetch that produced no response to judge; `kind` says why. */
export class FetchError extends Error {
  constructor(message: string, readonly kind: FetchFailure, readonly retryAt?: number) {
    super(message);
  }
}

export interface FetchOptions {
  policy: RemotePolicy;
  /** validators of the copy we have: a 304 answers that nothing changed */
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  /** most bytes taken, on the wire and decoded */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  accept?: string;
}

export interface FetchResponse {
  /** the URL asked for */
  requested: string;
  /** the URL that answered, after redirects */
  url: string;
  status: number;
  headers: Record<string, string>;
  /** the decoded body (empty for a 304) */
  body: Uint8Array;
  sha256: string;
  /** every URL redirected to, in order */
  redirects: string[];
  /** charset named by the Content-Type header */
  charset?: string;
  /** Retry-After of a 429 or 503, in ms from now */
  retryAfterMs?: number;
}

/** who we are to a server (robots.txt rules for ParallaxBot apply) */
export const USER_AGENT = 'ParallaxBot/0.1 (Chinese news archive; follows robots.txt)';
export const DEFAULTS = { timeoutMs: 20_000, maxBytes: 16 * 1024 * 1024, maxRedirects: 5 };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function httpGet(url: string, opts: FetchOptions): Promise<FetchResponse> {
  const timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxRedirects = opts.maxRedirects ?? DEFAULTS.maxRedirects;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const redirects: string[] = [];
  const seen = new Set<string>();
  let current = url;
  try {
    for (;;) {
      let checked: URL;
      try { checked = await checkRemoteUrl(current, { schemes: ['http', 'https'], allowPrivateHosts: opts.policy.allowPrivateHosts }); }
      catch (e) { throw e instanceof RemoteRefused ? new FetchError(e.message, 'refused') : e; }
      seen.add(checked.href);
      const res = await open(checked, opts, abort.signal, redirects.length === 0);
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.resume();
        const next = new URL(location, checked).href;
        if (seen.has(next)) throw new FetchError(`redirect loop: ${[...seen, next].join(' → ')}`, 'redirect-loop');
        if (redirects.length >= maxRedirects) throw new FetchError(`more than ${maxRedirects} redirects from ${url}`, 'too-many-redirects');
        redirects.push(next);
        current = next;
        continue;
      }
      const body = await readBody(res, opts.maxBytes ?? DEFAULTS.maxBytes, checked.href);
      const headers = flatHeaders(res);
      const status = res.statusCode ?? 0;
      return {
        requested: url, url: checked.href, status, headers, body, sha256: hash('sha256', body, 'hex'), redirects,
        charset: /charset\s*=\s*"?([\w-]+)/i.exec(headers['content-type'] ?? '')?.[1]?.toLowerCase(),
        retryAfterMs: status === 429 || status === 503 ? retryAfter(headers['retry-after']) : undefined,
      };
    }
  } catch (e) {
    if (abort.signal.aborted) throw new FetchError(`no complete answer from ${current} within ${timeoutMs} ms`, 'timeout');
    if (e instanceof FetchError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err instanceof RemoteRefused || (err?.code === 'EREFUSED' && /private or loopback/.test(err.message))) throw new FetchError(err.message, 'refused');
    throw new FetchError(`${current}: ${err?.message ?? String(e)}`, 'network');
  } finally {
    clearTimeout(timer);
  }
}

function open(url: URL, opts: FetchOptions, signal: AbortSignal, conditional: boolean): Promise<IncomingMessage> {
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent ?? USER_AGENT,
    accept: opts.accept ?? '*/*',
    'accept-encoding': 'gzip, deflate, br',
  };
  // validators belong to the URL they were given for, not to where it redirects
  if (conditional && opts.etag) headers['if-none-match'] = opts.etag;
  if (conditional && opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, signal, lookup: guardedLookup(opts.policy) as never }, resolve);
    req.on('error', reject);
    req.end();
  });
}

function decoderFor(encoding: string | undefined): Transform | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip': case 'x-gzip': return createGunzip();
    case 'deflate': return createInflate();
    case 'br': return createBrotliDecompress();
    default: return null;
  }
}

/** The body, decoded; more than maxBytes on the wire or after decoding stops the transfer. */
async function readBody(res: IncomingMessage, maxBytes: number, url: string): Promise<Uint8Array> {
  const tooLarge = (): FetchError => new FetchError(`${url}: body larger than ${(maxBytes / 1048576).toFixed(1)} MB`, 'too-large');
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) { res.destroy(); throw tooLarge(); }
  const decoder = decoderFor(res.headers['content-encoding']);
  let wire = 0;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (!decoder) {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        chunks.push(chunk);
      }
    } else {
      res.on('data', (c: Buffer) => { wire += c.length; if (wire > maxBytes) res.destroy(tooLarge()); });
      res.on('error', (e) => decoder.destroy(e));
      res.pipe(decoder);
      for await (const chunk of decoder as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw tooLarge();
        chunks.push(chunk);
      }
    }
  } catch (e) {
    res.destroy();
    decoder?.destroy();
    if (e instanceof FetchError) throw e;
    throw new FetchError(`${url}: ${(e as Error).message}`, 'network');
  }
  return Buffer.concat(chunks, size);
}

function flatHeaders(res: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Retry-After as seconds or as an HTTP date, in ms from now (capped at a day). */
export function retryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 86_400_000) : undefined;
}
