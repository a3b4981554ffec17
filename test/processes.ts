// What the many-processes tests share (PostgreSQL and SQLite): a child process awaited
// with its output, a `parallax serve` started on a free port, notice files for the
// importers, and a scripted outlet on 127.0.0.1 whose feed lists pages for the watchers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { noticeBytes } from '../src/store/contract/fixtures.js';
import { cliSpawn } from './cli.js';
import { articleHtml, ScriptedServer } from './scripted-server.js';

export interface Ran { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export function finished(child: ChildProcess): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve) => child.on('exit', (status, signal) => resolve({ status, signal, stdout, stderr })));
}

/** a server started on a free port; resolves with its base URL once it listens */
export function serving(db: string, env: Record<string, string> = {}): Promise<{ base: string; child: ChildProcess; stderr: () => string }> {
  const child = cliSpawn(['serve', '--db', db, '--port', '0', '--processes', '1'], { PARALLAX_HOST: '127.0.0.1', ...env });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve({ base: m[1]!, child, stderr: () => stderr });
    });
    child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${stderr}`)));
  });
}

/** two outlets telling each of 12 happenings, on different days */
export function writeNotices(dir: string, from: number, to: number): void {
  mkdirSync(dir, { recursive: true });
  const places = ['望潮岛', '晴川', '南洋', '海港', '东方', '北岸', '西湾', '松林', '石桥', '白沙', '青山', '金湾'];
  for (let i = from; i < to; i++) {
    const place = places[i]!;
    const day = String(1 + i).padStart(2, '0');
    for (const [host, n] of [['news.harbour.example', 0], ['www.nanyang.example', 1]] as const) {
      writeFileSync(join(dir, `${i}-${n}.md`), noticeBytes({
        title: `${place}码头第${i + 1}号新泊位启用${n ? '，首批货船靠岸' : ''}`,
        date: `2031-11-${day} ${10 + n}:00`, url: `https://${host}/n/${i}-${n}`,
        body: [`${place}码头第${i + 1}号新泊位今日启用，港务局表示新泊位可停靠大型货船。`, `港务局预计${place}码头的货运量明年增加三成。${n ? '首批货船今早靠岸。' : ''}`],
      }));
    }
  }
}

/** how many pages the scripted outlet's feeds list */
export const WATCHED_PAGES = 8;

/**
 * An outlet on 127.0.0.1 with two feeds listing the same `WATCHED_PAGES` pages (a page
 * listed by two sources is one watched page). Pages answer slowly, so watchers that run
 * at once overlap. None of them mentions a wharf (码头): searches for the notices still
 * find only the notices.
 */
export async function scriptedOutlet(): Promise<{ server: ScriptedServer; feeds: string[] }> {
  const server = await new ScriptedServer().start();
  const topics = ['山区小学新图书馆', '城市公园改造', '老城区电车', '河道清理工程', '社区医院扩建', '体育馆翻新', '夜市重新开放', '旧厂房变成美术馆'];
  const items = Array.from({ length: WATCHED_PAGES }, (_, i) => `<item><title>${topics[i]}</title><link>${server.base}/w/${i}.html</link></item>`).join('');
  for (const f of ['/feed-a.xml', '/feed-b.xml']) {
    server.page(f, `<?xml version="1.0"?><rss version="2.0"><channel><title>城市快报</title>${items}</channel></rss>`, { 'content-type': 'application/rss+xml' });
  }
  for (let i = 0; i < WATCHED_PAGES; i++) {
    const html = articleHtml({
      title: `${topics[i]}今日落成`, published: `2031-10-${String(1 + 3 * i).padStart(2, '0')}T08:00:00Z`,
      paragraphs: [`${topics[i]}今天正式落成，附近居民一早就来参观。`, `主办单位表示，${topics[i]}每年可服务数万人次。`],
    });
    server.routes.set(`/w/${i}.html`, (_req, res) => {
      setTimeout(() => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); }, 40);
    });
  }
  return { server, feeds: [`${server.base}/feed-a.xml`, `${server.base}/feed-b.xml`] };
}

/** what a watcher needs to fetch the scripted outlet: loopback allowed, no spacing */
export const WATCH_ENV = { PARALLAX_ALLOW_PRIVATE_HOSTS: '1', PARALLAX_WATCH_SPACING_MS: '0' };

/** the member sets of the events `parallax events --json` printed, sorted */
export function memberSets(out: string): string[] {
  return ((JSON.parse(out) as { events: Array<{ members: Array<{ article: string }> }> }).events)
    .map((e) => e.members.map((m) => m.article).sort().join(',')).sort();
}
