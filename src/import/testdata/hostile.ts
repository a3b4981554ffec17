// Hostile files, each with what an import must do with it (fictional content): HTML nested just
// under the depth cap (still read: the cap refuses, it does not make the reading fast) and over
// it, unclosed tags, a million-character title (cut), repeated entities and a long line of one
// character (plain work). src/import/hostile-files.test.ts checks what each becomes;
// bench/hostile.ts times them against issue 20's bound for one file under the size limit.
export const HOSTILE_BOUND_MS = 2000;

export interface HostileCase { name: string; text: string; want: 'ok' | 'rejected'; reason?: RegExp }

export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'deep-under-cap.html', text: `<html><head><title>深层公告</title></head><body>${'<div>'.repeat(39_990)}<p>晴川市今天发布公告，内容涉及道路维修的安排。</p>${'</div>'.repeat(39_990)}</body></html>`, want: 'ok' },
  { name: 'deep-over-cap.html', text: `<html><body>${'<div>'.repeat(100_000)}晴川市今天发布公告。${'</div>'.repeat(100_000)}</body></html>`, want: 'rejected', reason: /nested deeper than 40000/ },
  { name: 'unclosed.html', text: `<html><body>${'<span><b><i>'.repeat(30_000)}晴川市今天发布公告。</body></html>`, want: 'rejected', reason: /nested deeper/ },
  { name: 'title.md', text: `---\ntitle: ${'长'.repeat(1_000_000)}\ndate: 2031-10-01\n---\n\n晴川市今天发布公告，内容是关于道路维修的安排。\n`, want: 'ok' },
  { name: 'entities.html', text: `<html><head><title>实体</title></head><body><p>${'&amp;&#x6674;&lt;'.repeat(200_000)}</p></body></html>`, want: 'ok' },
  { name: 'one-line.md', text: `---\ntitle: 长行\ndate: 2031-10-01\n---\n\n${'晴'.repeat(3_000_000)}\n`, want: 'ok' },
];
