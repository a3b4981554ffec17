// The contract's search corpus: the demo archive plus invented notices made to tell the
// query language's cases apart — regional variants, a whole-word-only form (的士, not in
// 的士兵), an optional variant (資料), title against body matches, the tiers of a term
// read as several words (as written, near, apart), and local days at midnight.
import type { ImportItem } from '../store.js';
import { demoItems, notice } from './fixtures.js';

const n = (slug: string, host: string, date: string, title: string, body: string[], tags?: string[]): ImportItem =>
  notice(`search/${slug}.md`, { title, date: date.length === 10 ? `${date} 10:00:00` : date, url: `https://${host}/${slug}`, body, ...(tags ? { tags } : {}) });

const filler = '港口管理處今日公布下月的航班時間表，各碼頭的候船設施亦會陸續更新，乘客可於網站查閱。';

export function searchCorpus(): ImportItem[] {
  return [
    ...demoItems(),
    n('taxi-fare', 'ferry.example', '2031-11-01', '望潮島的士加價', ['望潮島的士明日起加價一成，司機表示油價上升。'], ['的士']),
    n('taxi-drivers', 'isle.example', '2031-11-02', '出租车司机请愿', ['出租车司机今天到市政府请愿，要求增加候客站。']),
    n('barracks', 'ferry.example', '2031-11-03', '兵營開放日', ['島上的士兵今天開放兵營給市民參觀。']),
    n('port-records', 'isle.example', '2031-11-04', '港口公開航運資料', ['港口管理處公開了三年的航運資料。']),
    n('port-data', 'ferry.example', '2031-11-05', '航运数据显示客量上升', ['最新航运数据显示望潮岛客量上升两成。']),
    // 燈塔: in a title and twice in the body; once in a short body; once in a long one
    n('lighthouse-open', 'ferry.example', '2031-11-06', '東岸燈塔重開', ['東岸燈塔今日重開，燈塔旁設有觀景台。']),
    n('lighthouse-short', 'isle.example', '2031-11-07', '港口消息', ['北岸燈塔今晚試燈。']),
    n('lighthouse-long', 'isle.example', '2031-11-07', '港口消息彙編', [filler, `南岸燈塔維修。${filler}`, filler]),
    // 晴川市长视频会晤: as written, its words near each other, its words far apart
    n('meeting-exact', 'isle.example', '2031-11-08', '岛务消息一', ['今天晴川市长视频会晤望潮岛岛长，商讨渡轮班次。']),
    n('meeting-near', 'isle.example', '2031-11-08', '岛务消息二', ['晴川市长今天同望潮岛岛长视频会晤。']),
    n('meeting-apart', 'isle.example', '2031-11-08', '岛务消息三', [`晴川的交通部门表示，${filler}`, `${filler}市长办公室说，明天将与岛长视频会晤。`]),
    // 23:30 and 00:30 in Hong Kong: one UTC day, two local days
    n('night-late', 'ferry.example', '2031-11-10 23:30:00', '夜班航線加開', ['夜班航線今晚加開一班。']),
    n('night-early', 'ferry.example', '2031-11-11 00:30:00', '夜班航線再加開', ['夜班航線凌晨再加開一班。']),
  ];
}
