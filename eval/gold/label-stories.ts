// How the story gold set was labelled (kept so that it can be redone and checked):
// each event is a title pattern and a date range chosen by hand from reading the
// corpus titles; this script lists the matching articles of ../shared/corpus/multi-outlet
// for review, and with --write freezes the reviewed list (minus the exclusions below)
// into stories.json as source paths.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readDocument } from '../../src/readers/index.js';
import { openSource } from '../../src/readers/sources.js';
import { sharedPath } from '../../test/shared.js';

interface Event { id: string; about: string; title: RegExp; also?: RegExp; from: string; to: string; exclude?: string[] }

export const EVENTS: Event[] = [
  {
    id: 'xi-putin-video-meeting', about: 'Xi–Putin video meeting, 15 Dec (previews, reports, analyses)',
    title: /(習近平|习近平|習|习).{0,12}(普京|普丁|蒲亭)|中俄元首|习普|習普|(普京|蒲亭).{0,8}(习近平|習近平)|普京：俄中不接受|中俄要开展更多联合行动/, from: '2021-12-13', to: '2021-12-17',
    // a G7 story that only names the two leaders
    exclude: ['agora0-2112/_posts/2021-12-13-REUTERS-习近平和普京是周末g7外长会议焦点.html'],
  },
  { id: 'lithuania-diplomats-leave-china', about: 'Lithuania withdraws its diplomats from Beijing', title: /立陶宛/, also: /撤|召回|駐華|驻华|駐中|使館|使馆|外交人員|外交人员|外交代表|施壓|施压|求援|協助|无中生有|無中生有|不可接受|维也纳|維也納|人身安全/, from: '2021-12-14', to: '2021-12-16' },
  { id: 'china-presses-continental-over-lithuania', about: 'China presses Continental AG over Lithuanian parts', title: /大陸集團|大陆集团|馬牌|马牌|德企|德國問題|德国问题|零部件|零件/, also: /立陶宛/, from: '2021-12-17', to: '2021-12-19' },
  { id: 'blinken-southeast-asia', about: 'Blinken tours Southeast Asia', title: /布林肯/, also: /東南亞|东南亚|印尼|馬來西亞|马来西亚|印太|吉隆坡|東盟|东盟|侵略|進攻|进攻|激進|联盟|同盟|北京/, from: '2021-12-13', to: '2021-12-16' },
  { id: 'taiwan-referendums', about: 'Taiwan referendums of 18 Dec', title: /公投/, from: '2021-12-15', to: '2021-12-19' },
  { id: 'us-uyghur-forced-labour-act', about: 'US Congress passes the Uyghur forced labour act', title: /(維吾爾|维吾尔|新疆).{0,20}(法案|立法|國會|国会|參院|参院|众议院|眾議院|进口|進口)|(法案|國會|国会|參院|参院|众议院).{0,20}(維吾爾|维吾尔|新疆)/, from: '2021-12-14', to: '2021-12-19' },
  { id: 'hu-xijin-retires', about: 'Hu Xijin leaves the Global Times', title: /胡錫進|胡锡进|環球時報|环球时报/, from: '2021-12-13', to: '2021-12-19' },
  { id: 'us-ndaa-taiwan', about: 'US Senate passes the defence authorisation act', title: /國防授權|国防授权/, from: '2021-12-14', to: '2021-12-19' },
  { id: 'us-tornadoes', about: 'Tornadoes across six US states', title: /龍捲風|龙卷风/, from: '2021-12-12', to: '2021-12-19' },
  { id: 'audrey-tang-summit-video-cut', about: "Audrey Tang's feed cut at the Summit for Democracy", title: /唐鳳|唐凤|民主峰會.{0,10}(畫面|画面|地圖|地图|影像)|民主峰会.{0,10}(畫面|画面|地圖|地图|影像)|民主峰会发生怪事/, from: '2021-12-12', to: '2021-12-16' },
  { id: 'indonesia-quake-tsunami-alert', about: 'M7.4 earthquake off Flores, tsunami alert', title: /印尼.{0,12}(地震|海嘯|海啸|強震|强震)/, from: '2021-12-14', to: '2021-12-15' },
  { id: 'june4-vigil-sentences', about: 'Sentences in the 2020 June 4 vigil case', title: /六四集會|六四集会|黎智英.{0,20}(六四|判|罪成)|六四.{0,10}(8人|八人)|六四是罪/, from: '2021-12-13', to: '2021-12-14' },
  { id: 'netherlands-christmas-lockdown', about: 'Netherlands locks down over Christmas', title: /荷蘭|荷兰/, also: /封/, from: '2021-12-18', to: '2021-12-19' },
  { id: 'icac-blank-vote-arrests', about: 'ICAC arrests and charges over calls to cast blank votes', title: /廉署|(被捕|拘捕|起訴|起诉|通緝|通缉).{0,20}(白票|廢票|废票|不投票)|(白票|廢票|废票).{0,12}(被捕|拘捕|起訴|起诉)/, from: '2021-12-13', to: '2021-12-18' },
  { id: 'shanxi-mine-flood', about: 'Flooded coal mine in Xiaoyi, Shanxi', title: /山西|孝義|孝义/, also: /煤|礦|矿|透水|湧水|涌水|被困/, from: '2021-12-15', to: '2021-12-19' },
  { id: 'french-deputies-visit-taiwan', about: "French parliamentary delegation visits Taiwan", title: /戴扈傑|戴扈杰|法國.{0,6}(議員|議長|國會|國民議會)|法国.{0,6}(议员|议长|国会|国民议会)|台法/, from: '2021-12-14', to: '2021-12-19' },
  { id: 'abe-taiwan-remarks', about: "Abe's remarks on Taiwan", title: /安倍/, also: /台|臺/, from: '2021-12-13', to: '2021-12-17' },
  { id: 'causeway-bay-wtc-fire', about: 'Fire at the World Trade Centre, Causeway Bay', title: /世貿中心|世贸中心|世貿大樓|世贸大楼|(銅鑼灣|铜锣湾).{0,10}(火|大火)/, from: '2021-12-14', to: '2021-12-17' },
  { id: 'nanjing-massacre-clip-primary-school', about: 'A HK primary school shows a Nanjing Massacre clip', title: /(小學|小学|學生|学生|屯門|屯门).{0,12}(大屠殺|大屠杀|日軍侵華|日军侵华|屠殺片段|屠杀片段)|(大屠殺|大屠杀|日軍侵華|日军侵华|屠殺|屠杀)(片段|短片|紀錄片|纪录片)|屠殺片段/, from: '2021-12-12', to: '2021-12-16' },
  { id: 'shanghai-teacher-nanjing-massacre', about: 'Shanghai teacher fired over Nanjing Massacre remarks', title: /上海.{0,6}(教師|教师|老師|老师)|震旦|(女老師|女老师).{0,10}南京|南京大屠殺再生波/, from: '2021-12-15', to: '2021-12-19' },
  { id: 'starbucks-wuxi-food-safety', about: 'Starbucks stores in Wuxi and expired food', title: /星巴克/, from: '2021-12-12', to: '2021-12-16' },
  { id: 'weibo-fined-by-cac', about: 'Cyberspace regulator fines Weibo', title: /微博/, also: /罰|罚|約談|约谈/, from: '2021-12-14', to: '2021-12-15' },
  { id: 'alibaba-fires-employee', about: 'Alibaba fires the employee who reported sexual assault', title: /阿里巴巴/, also: /性侵|解僱|解雇|女員工|女员工/, from: '2021-12-13', to: '2021-12-14' },
  { id: 'soho-china-tax-evasion', about: 'SOHO China fined for tax evasion', title: /潘石屹|SOHO/i, from: '2021-12-17', to: '2021-12-19' },
  { id: 'amazon-china-propaganda', about: 'Amazon and the Chinese propaganda office (Reuters report)', title: /亞馬遜|亚马逊/, from: '2021-12-17', to: '2021-12-19' },
  { id: 'german-frigate-south-china-sea', about: 'German frigate Bayern in the South China Sea', title: /巴伐利亞|巴伐利亚|(德國|德国).{0,12}(軍艦|军舰)/, from: '2021-12-15', to: '2021-12-18' },
  { id: 'japan-taiwan-desk', about: 'Japanese foreign ministry creates a Taiwan desk', title: /(外務省|外务省).{0,10}(台灣|台湾)/, from: '2021-12-16', to: '2021-12-18' },
  { id: 'us-debt-ceiling', about: 'US Congress raises the debt ceiling', title: /債務上限|债务上限|舉債上限|举债上限/, from: '2021-12-14', to: '2021-12-17' },
  { id: 'next-digital-liquidation', about: 'High Court orders Next Digital wound up', title: /壹傳媒|壹传媒/, also: /清盤|清算|清盘/, from: '2021-12-14', to: '2021-12-16' },
  { id: 'burns-ambassador-confirmed', about: 'Senate confirms Burns as ambassador to China', title: /伯恩斯/, from: '2021-12-16', to: '2021-12-19' },
  { id: 'macau-security-adviser', about: 'Macau sets up a national-security adviser', title: /(澳門|澳门).{0,12}(國安|国安|國家安全|国家安全)/, from: '2021-12-12', to: '2021-12-15' },
  { id: 'carrie-lam-blade-letter', about: 'Threatening letter with blades sent to Carrie Lam', title: /刀片/, from: '2021-12-12', to: '2021-12-15' },
  { id: 'sensetime-ipo-delayed', about: 'SenseTime delays its Hong Kong IPO', title: /商湯|商汤/, from: '2021-12-12', to: '2021-12-15' },
  { id: 'legco-national-emblem', about: 'LegCo chamber hangs the national emblem', title: /國徽|国徽/, from: '2021-12-15', to: '2021-12-18' },
  { id: 'moon-end-of-war-declaration', about: 'Moon Jae-in on declaring an end to the Korean War', title: /文在寅/, also: /終戰|终战|韓戰|韩战|朝鮮戰爭|朝鲜战争|朝鲜半岛|冬奧|冬奥/, from: '2021-12-12', to: '2021-12-16' },
];

interface Item { path: string; outlet: string; title: string; day: string }

async function corpus(root: string): Promise<Item[]> {
  const items: Item[] = [];
  for await (const f of openSource(root)) {
    if (!/\.(md|html)$/.test(f.location.path ?? '')) continue;
    try {
      const d = readDocument(await f.read(), f.location.path).drafts[0]!;
      if (d.flags.includes('placeholder') || !d.published) continue;
      items.push({ path: relative(root, f.location.path!), outlet: d.outlet.id, title: d.title, day: d.published.day });
    } catch { /* not an article */ }
  }
  return items;
}

export function matchEvent(e: Event, it: Item): boolean {
  return it.day >= e.from && it.day <= e.to && e.title.test(it.title) && (!e.also || e.also.test(it.title)) && !(e.exclude ?? []).includes(it.path);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = sharedPath('corpus/multi-outlet');
  if (!root) process.exit(1);
  const items = await corpus(root);
  const gold: Record<string, { about: string; members: string[] }> = {};
  const seen = new Map<string, string>();
  for (const e of EVENTS) {
    const members = items.filter((it) => matchEvent(e, it));
    const outlets = new Set(members.map((m) => m.outlet));
    console.log(`== ${e.id} (${members.length} articles, ${outlets.size} outlets: ${[...outlets].join(' ')})`);
    for (const m of members) {
      if (seen.has(m.path)) console.log(`   !! also in ${seen.get(m.path)}`);
      seen.set(m.path, e.id);
      console.log(`   ${m.day} ${m.outlet.padEnd(8)} ${m.title.slice(0, 60)}   ${m.path.slice(0, 50)}`);
    }
    gold[e.id] = { about: e.about, members: members.map((m) => m.path) };
  }
  if (process.argv.includes('--write')) {
    writeFileSync(join(import.meta.dirname, 'stories.json'), JSON.stringify({
      note: 'Story gold set for ../shared/corpus/multi-outlet, labelled by hand: events chosen from reading the titles, members found by the title patterns of eval/gold/label-stories.ts and each list read through (exclusions are in that file). Paths are relative to corpus/multi-outlet. Articles in no event are singletons for the scoring.',
      events: gold,
    }, null, 1) + '\n');
  }
}
