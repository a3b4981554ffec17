// A small fictional archive for the reading-page tests: an article with a remote image,
// GBK and Big5 originals, a title with a right-to-left override, and three copies of one
// text in one outlet. Written into a temp folder; imported beside demo/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';

export const REMOTE_IMAGE = 'https://images.example.net/port.jpg';
export const RLO_TITLE = '晴川\u202E港口\u202C消息';

const copy = (n: number): string => `---
title: 晴川港夜间航班恢复
date: 2031-10-23T20:15
source: 晴川日报
url: https://qingchuan-daily.example/a/copy-${n}
---

晴川港的夜间航班今天恢复，首班船晚上八点出发。

港务局说，夜间航班每周运行五天，旅客可以在网上购票。
`;

export function writeReadingArchive(dir: string): string {
  const out = join(dir, 'reading');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'img.md'), `---
title: 晴川港新码头启用
date: 2031-10-20
author: 测试报
url: https://news.example.com/a/img
---

<p>晴川港新码头今天启用，首批货轮靠岸。</p>
<figure><img src="${REMOTE_IMAGE}" alt="码头"><figcaption>新码头全景</figcaption></figure>
<p>港务局表示，新码头每年可处理更多货物。</p>
<p><img src="http://tracker.example.org/pixel.gif">港务局还表示，明年会再开一条航线。</p>
`);
  writeFileSync(join(out, 'gbk.html'), iconv.encode('<!doctype html><html><head><meta charset="gbk"><title>晴川市举行秋季运动会</title><meta property="article:published_time" content="2031-10-21T09:30:15+08:00"></head><body><article><h1>晴川市举行秋季运动会</h1><p>晴川市今天举行秋季运动会，数千名市民参加了比赛。</p><p>市体育局表示，明年将增加更多项目。</p></article></body></html>', 'gbk'));
  writeFileSync(join(out, 'big5.html'), iconv.encode('<!doctype html><html><head><meta charset="big5"><title>晴川市舉行秋季音樂會</title><meta property="article:published_time" content="2031-10-22"></head><body><article><h1>晴川市舉行秋季音樂會</h1><p>晴川市今天舉行秋季音樂會，數千名市民到場欣賞。</p><p>市文化局表示，明年將邀請更多樂團。</p></article></body></html>', 'big5'));
  writeFileSync(join(out, 'rlo.md'), `---\ntitle: "${RLO_TITLE}"\ndate: 2031-10-24\nurl: https://news.example.com/a/rlo\n---\n\n晴川港口今天发布消息\u202E，航线调整\u202C。\n`);
  for (const n of [1, 2, 3]) writeFileSync(join(out, `copy-${n}.md`), copy(n));
  return out;
}
