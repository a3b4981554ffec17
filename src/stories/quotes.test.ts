// Who speaks a quotation, rule by rule, on fictional sentences (the eighth session's rules;
// the earlier ones are tested in claims.test.ts and quotations.test.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { AliasTable } from '../text/aliases.js';
import { Segmenter } from '../text/segment.js';
import { fictionalArticle as article } from './fictional-article.js';
import { articlePeople, findQuotations, speakerKey } from './quotes.js';
import { fullName, tidyName } from './speaker-names.js';

const ctx = { segmenter: new Segmenter(), aliases: new AliasTable() };
const speakers = (paragraphs: string[]): string[] => findQuotations([article('00000000000000e1', 'harbour', paragraphs)], ctx).map((f) => `${f.n}:${f.speaker}`);

test('speakers: who is cited speaks, not who cites (援引X的话说, 引述X表示)', () => {
  assert.deepEqual(speakers(['晴川通讯社援引港务局长邱海澄的话说，“渡轮将在风暴过后恢复航行。”']), ['0:邱海澄']);
});

test('speakers: a name in Latin letters right before a verb of saying speaks, not the firm before it', () => {
  assert.deepEqual(speakers(['Harbour Light Capital首席分析师Mara Quill表示：“渡轮公司明年的收入会回升。”']), ['0:Mara Quill']);
});

test('speakers: a name the tagger stuck words to is tidied (X的话, X以, X再, X指); a name it cut short is written in full', () => {
  assert.equal(tidyName('邱海澄的话'), '邱海澄');
  assert.equal(tidyName('岑澜汐以'), '岑澜汐');
  assert.equal(tidyName('邱海澄再'), '邱海澄');
  assert.equal(tidyName('海澄'), '海澄');
  const text = '港务局长岑澜一周二宣布停航。岑澜一说，码头将关闭。岑澜一还表示，渡轮会恢复。';
  assert.equal(fullName('岑澜', '一还表示', text), '岑澜一');
  // the longer form must be the article's way of writing the name, not the name and its verb
  assert.equal(fullName('岑澜一', '还表示', text), '岑澜一');
});

test('speakers: a word before a title and the name after it says whose the title is; the name speaks', () => {
  assert.deepEqual(speakers(['晴川港务局发言人岑澜汐周五对记者表示：“渡轮将恢复航行。”']), ['0:岑澜汐']);
});

test('speakers: a party of a trial speaks by its role (辯方)', () => {
  assert.deepEqual(speakers(['辯方強調，被告只是「按照程序處理證物」，並無犯案意圖。']), ['0:辯方']);
});

test('speakers: a title after a surname is the person the article names with that title (岑官 is the judge 岑澜汐)', () => {
  assert.deepEqual(speakers(['法官岑澜汐今日拒絕押後案件。', '岑官指，本案已進入最後階段，「睇唔到有乜嘢需要額外時間」。']), ['1:岑澜汐']);
});

test('speakers: a name the tagger does not know, written twice, speaks before its verb of saying', () => {
  assert.deepEqual(speakers(['港务顾问卡洛维茨周二视察码头。', '卡洛维茨补充说：“码头需要新的防波堤。”']), ['1:卡洛维茨']);
});

test('speakers: a transliterated name runs over all its pieces after the dot', () => {
  const found = speakers(['港务顾问萨尼·卡赫里周二视察码头。', '萨尼·卡赫里补充说：“码头需要新的防波堤。”']);
  assert.deepEqual(found, ['1:萨尼·卡赫里']);
});

test('speakers: what someone would say in a condition (若…指) does not introduce the quote; the clause before does', () => {
  assert.deepEqual(speakers(['法官岑澜汐今日宣判。', '岑澜汐反驳指，帖文从未提及渡轮，若控方指被告「因为反对港务局，所以必然想破坏渡轮，是危险的推论」。']), ['1:岑澜汐']);
});

test('speakers: the subject of an introducing clause is looked for only before it, not in a later clause', () => {
  assert.deepEqual(speakers(['岑澜汐反驳指，帖文从未提及邱海澄，若控方指被告「因为反对港务局，所以必然想破坏渡轮，是危险的推论」。']), ['0:岑澜汐']);
});

test('speakers: 他/她 is the person the last sentence opened with, when it quoted no one', () => {
  assert.deepEqual(speakers([
    '港务局长邱海澄说：“渡轮将在风暴过后恢复航行。”',
    '晴川市长岑澜汐周二视察码头。',
    '岑澜汐将码头的重建定位为明年的首要工作。',
    '她表示：“码头会比以前更坚固。”',
  ]), ['0:邱海澄', '3:岑澜汐']);
});

test('speakers: the object of 痛批 or 指 is spoken about, not speaking', () => {
  assert.deepEqual(speakers(['晴川日报周二痛批邱海澄隐瞒事故，「枉为港务局长！」']).map((s) => s.includes('邱海澄')), [false]);
});

test('speakers: the one advised (建議X) is spoken to; a clause opened by 他 speaks for the last speaker when no one else is named before', () => {
  assert.deepEqual(speakers([
    '港务顾问邱海澄周二到港务局递信。',
    '他表示渡轮停航是必要的，他建議港务局不应隐瞒事故，並形容事故的处理是「一次令人非常失望的处理」。',
  ]), ['1:邱海澄']);
});

test('speakers: a person the sentence names before 他 comes first', () => {
  assert.deepEqual(speakers([
    '港务顾问邱海澄说：“码头需要新的防波堤。”',
    '岑澜汐批评港务局，但她也是一个“多面手”，她写了这样一段话：“港务局的工作值得尊重，码头的工人也值得尊重。”',
  ]), ['0:邱海澄', '1:岑澜汐']);
});

test('speakers: 被告 is a title, the name after it is the defendant', () => {
  assert.deepEqual(speakers(['被告岑澜汐（34歲）案發時任職港务局。', '審訊時，被告曾對證人稱：「一百蚊我同你買咗佢！」']), ['1:岑澜汐']);
});

test('speakers: a name after the quote in Latin letters, past a firm\'s name, speaks; the next sentence\'s quote goes on with it', () => {
  assert.deepEqual(speakers(['如果风暴提早结束，“渡轮公司的股价将会回升，”Harbour Light Capital首席策略师Mara Quill指出。', '“码头的重建会带来新的订单。”']), ['0:Mara Quill', '1:Mara Quill']);
});

test('speakers: the fullest form of a name the article gives, here its headline\'s speaker (岑澜 → 岑澜汐)', () => {
  const found = findQuotations([{ ...article('00000000000000e2', 'harbour', ['对于明年的航运安排，岑澜市长还表示：“渡轮将在风暴过后恢复航行。”', '岑澜市长说：“码头会比以前更坚固。”']), title: '岑澜汐：渡轮将恢复航行' }], ctx);
  assert.deepEqual(found.map((f) => f.speaker), ['岑澜汐', '岑澜汐']);
});

test('speakers: a party opening the clause speaks even before a word that looks like a name; a title and name after it speak instead', () => {
  assert.deepEqual(speakers(['辯方聽畢陳詞回應「我真係唔明白控方嘅推論」。']), ['0:辯方']);
  assert.deepEqual(speakers(['控方外聘大律師岑澜汐再表示：「需要時間了解片段的情況。」']), ['0:岑澜汐']);
});

test('speakers: a surname title finds the one three-character name the article writes after a title (法官岑澜汐拒絕…; 岑官)', () => {
  assert.deepEqual(speakers(['控方申請押後，遭法官岑澜汐拒絕。', '岑官指，本案已進入最後階段，「睇唔到有乜嘢需要額外時間」。']), ['1:岑澜汐']);
});

test('speakers: a publication in title marks that opens the clause speaks when no one else does; adverbs and a long 在… before the verb are set aside', () => {
  assert.deepEqual(speakers(['《晴川周刊》称，两名船员“相互并不认识”。']), ['0:晴川周刊']);
  assert.deepEqual(speakers(['港务顾问卡洛维茨周二视察码头。', '卡洛维茨在晴川电视台ABC一档节目当中进一步解释说，码头“将不可能在明年投入使用”。']), ['1:卡洛维茨']);
});

test('speakers: 保证 introduces what one promises', () => {
  assert.deepEqual(speakers(['岑澜汐保证，港务局将“尽一切努力确保渡轮按时恢复航行”。']), ['0:岑澜汐']);
});

test('speakers: a verb of saying far from the quote is reported inside the sentence\'s first one, whose subject speaks', () => {
  assert.deepEqual(speakers(['辯方又質疑，證人岑澜汐供稱當日被告曾帶走負責人，惟岑沒有紀錄上述過程，法庭無法得悉雙方交談內容，「冇 full picture係斷章取義」。']), ['0:辯方']);
});

test('speakers: a place in a text (信中) is no name', () => {
  assert.deepEqual(speakers(['翻譯主任讀出信件。', '信中感謝他們的一切恩惠，「尤其是金山和業」。', '信中又稱「犯下如此可怕的罪行」。']).every((s) => !s.includes('信中')), true);
});

test('speakers: 他/她 is the person a quoteless sentence names in its main clause, after a time or topic clause', () => {
  assert.deepEqual(speakers([
    '港务局长邱海澄说：“渡轮将在风暴过后恢复航行。”',
    '明年是晴川港建港五十周年，岑澜汐将其定位为新的起点。',
    '她表示：“码头会比以前更坚固。”',
  ]), ['0:邱海澄', '2:岑澜汐']);
});

test('speakers: a transliterated name whose first piece the tagger takes for a place is still one name when a dot joins it', () => {
  assert.deepEqual(speakers(['晴川港务局长维多利亚·岑兰将码头的重建形容为“一次艰难的行动”。']), ['0:维多利亚·岑兰']);
});

test('speakers: a clause opened by 他 has him as subject, the speaker its sentence named before, not a name after it', () => {
  assert.deepEqual(speakers(['港务局长邱海澄在受访时表示，他认为市长岑澜汐的计划将令码头“做得更少，而不是更多”。']), ['0:邱海澄']);
});

test('speakers: a name that opens an organisation\'s name, and a person before a title and name with no verb between, are not the speaker', () => {
  assert.deepEqual(speakers(['晴川智库邱海澄基金會研究員岑澜汐質疑港务局的做法，「這與港务局過去的立場並不一致」。']), ['0:岑澜汐']);
  assert.deepEqual(speakers(['邱海澄生前好友、作家岑澜汐在臉書表示，「昨晨去探望，他緊緊握著我的手」。']), ['0:岑澜汐']);
  // a verb between: the first person acts and speaks (邱海澄会见市长岑澜汐时表示)
  assert.deepEqual(speakers(['邱海澄会见晴川市长岑澜汐时表示：“码头会比以前更坚固。”']), ['0:邱海澄']);
});

test('speakers: the fullest form adds only what reads as part of a name, not an adverb the tagger joined to it', () => {
  // (邱海澄互相 is the name and an adverb, wherever the tagger joins them)
  assert.deepEqual(speakers(['邱海澄和岑澜汐互相致意。', '邱海澄说：“渡轮将在风暴过后恢复航行。”']), ['1:邱海澄']);
});

test('speakers: 他說 goes on speaking in the next sentence\'s quote that names no one', () => {
  assert.deepEqual(speakers(['港务局长邱海澄周二表示，码头将关闭。', '他说，失去一条航线是痛心的事。', '但风暴不会停止，“也不会等待我们”。']), ['2:邱海澄']);
  // without 他说 in between, a sentence that names no speaker leaves the quote unattributed
  assert.deepEqual(speakers(['港务局长邱海澄周二表示，码头将关闭。', '失去一条航线是痛心的事。', '但风暴不会停止，“也不会等待我们”。']), ['2:null']);
});

test('speakers: an organisation by its kind (署方) or without its place (國務院) is the one the article names in full', () => {
  assert.deepEqual(speakers(['懲教署周五巡視監獄。', '署方指，囚犯已寫下信件，署方「已做盡一切措施」。']), ['1:懲教署']);
  assert.deepEqual(speakers(['美國國務院周五公布名單。', '一名國務院發言人說：「我們重視晴川港的參與。」']), ['1:美國國務院']);
  // two departments named: 署方 stays as it is
  assert.deepEqual(speakers(['懲教署與水務署周五巡視監獄。', '署方指，囚犯已寫下信件，署方「已做盡一切措施」。']), ['1:署方']);
});

test('speakers: a two-character name is written in full when the article gives it a given name once (森川 → 森川裕)', () => {
  const opening = '晴川渡轮协会16日决定由前委员长森川裕担任新会长。森川在酒店举行的集会上宣布了此事。';
  const last = (paragraphs: string[]): string | undefined => speakers(paragraphs).at(-1)?.replace(/^\d+:/, '');
  assert.equal(last([opening, '森川在集会后对媒体强调“我们不求扩张，首先要靠7个人好好努力”。']), '森川裕');
  // two given names after it: which one is meant is not known, the name stays as written
  assert.equal(last([`${opening.replace('森川裕担任', '森川裕与其兄森川浩担任')}`, '森川在集会后对媒体强调“我们不求扩张”。']), '森川');
});

test('speakers: a surname and a title the article writes often as a subject is still the judge it names (岑官 → 岑澜汐)', () => {
  const paragraphs = ['控方昨申請將案押後，遭法官岑澜汐拒絕。', '岑官聽罷雙方陳詞後，裁定片段可呈堂。', '岑官裁定所有被告表證成立。', '岑官又指，法庭昨已拒絕押後，「睇唔到有乜嘢需要額外時間處理」。'];
  assert.equal(speakers(paragraphs).at(-1)?.replace(/^\d+:/, ''), '岑澜汐');
});

test('speakers: a clause that opens with a preposition (向在場警員表示) has only its object in it; the subject is earlier', () => {
  // 警員邱海澄 is the only 警員 the article names: without the rule the title would make him the speaker
  const found = speakers(['被告岑澜汐（34歲）被控行為失當。', '警員邱海澄今日作供。', '其間被告處理該兩袋漁網時，向在場警員表示「返去有網用」，並將其帶上車。']);
  assert.deepEqual(found, ['2:岑澜汐']);
  // 對方 is no preposition: the clause names its own subject
  assert.deepEqual(speakers(['碼頭職員稱要檢查漁網。', '對方則回應指：「阿sir你攞去啦！」']), ['1:null']);
});

test('speakers: a title is found before 處理 (被告處理…), not only before a word it does not open (處 of 秘書處)', () => {
  assert.deepEqual(speakers(['被告岑澜汐（34歲）被控行為失當。', '其間被告處理該兩袋漁網時，向在場警員表示「返去有網用」。']), ['1:岑澜汐']);
});

test('speakers: after a sentence whose own speaker reports another\'s words, a quote with no introduction goes on with that speaker', () => {
  const found = speakers([
    '被告岑澜汐（34歲）被控行為失當。',
    '辯方強調，若被告有意挪用漁網，不可能向在場同袍表示「返去有網用」；',
    '而當日在碼頭，若他有心取走漁網，「靜雞雞攞咗就得」。',
  ]);
  assert.deepEqual(found, ['1:岑澜汐', '2:辯方']);
});

test('speakers: a referring role (死者為…NAME) stands for the name; a letter written to someone is its writer\'s words', () => {
  const found = speakers([
    '死者為經營漁船生意的男商人Aron Vell，終年43歲。',
    '督察邱海澄在死者物品中發現一本記事冊。',
    '死者最後一封信，則是寫給何金山，「致我親愛的大哥」。',
    '他說若兩人在外面相遇，「能帶你去一些好地方」。',
  ]);
  assert.deepEqual(found, ['2:Aron Vell', '3:Aron Vell']);
  // (何金山, cut 何 / 金山 by the tagger, comes after the verb: spoken to, not speaking)
  // a role said to be someone unnamed (死者為59歲姓陳男子) stands for no one
  assert.deepEqual(speakers(['死者為59歲姓陳男子。', '死者最後一封信，則是寫給家人，「我對不起你們」。']), ['1:null']);
});

test('speakers: a candidate named once after the title (候選人X) is who 他 is when the next sentences quote him', () => {
  const found = speakers([
    '其中一名候選人岑澜汐今日到政府總部遞信，促請港務局暫停播放相關片段。',
    '他表示片段不適合兒童，並形容這些片段屬「暴力的恐怖片」。',
    '他促請教育局盡快檢視，學校是否適合播放這些「恐怖暴力片段」；',
  ]);
  assert.deepEqual(found, ['1:岑澜汐', '2:岑澜汐']);
});

test('speakers: a transliterated name the tagger cut into a place and a word it does not know (巴尔 / 索克) speaks', () => {
  assert.deepEqual(speakers(['港务顾问巴尔索克周日晚间表示，渡轮将停航。', '巴尔索克在电视台一档节目当中进一步解释说，若风暴加剧，那么渡轮“将不可能恢复航行”。']), ['1:巴尔索克']);
});

test('speakers: an expert named after 專家, with a surname the tagger does not take for one (葛), speaks', () => {
  assert.deepEqual(speakers(['晴川智庫台灣專家葛來薇（Mara Quill）質疑港務局的指引是否清楚，「但這與不表態的立場一致。」']), ['0:葛來薇']);
});

test('speakers: a title taken up again (该发言人) is who spoke before', () => {
  const found = speakers(['欧盟委员会的一位发言人周五向媒体表示，“委员会正在收集信息。”', '该发言人在布鲁塞尔告诉记者称，“我们正在探索在世贸组织的步骤。”']);
  assert.deepEqual(found, ['0:欧盟委员会', '1:欧盟委员会']);
});

test('speakers: a long transliteration the article spells in Latin letters after it speaks before its verb (索巴列斯卡斯（…）說)', () => {
  const found = speakers(['晴川啤酒總經理索巴列斯卡斯（Tomas Sobaleskas）說，訂單被取消。', '「我們是小國，自然容易對其他小國有感情」，索巴列斯卡斯說。']);
  assert.deepEqual(found, ['1:索巴列斯卡斯']);
});

test('speakers: one Latin word before the verb is the person the article names in full with it (Wood → Cathie Wood)', () => {
  const found = speakers(['基金经理Mara Wood周二接受采访。', '“我们对自己的战略信心增强，”Wood表示。']);
  assert.deepEqual(found, ['1:Mara Wood']);
});

test('speakers: a common word the article repeats (军事 of 军事专家) is no name', () => {
  assert.deepEqual(speakers(['军事交易代表新的打击力量。', '军事专家补充说：“阵风交易属于军备来源多样化。”', '军事领域的变化很大。']), ['1:null']);
});

test('speakers: a name after a title, before any verb of saying (补充说), speaks though the article names it once', () => {
  assert.deepEqual(speakers(['军事专家奥姆塔补充说：“阵风交易属于军备来源多样化。”']), ['0:奥姆塔']);
});

test('speakers: a transliterated name is written in full: one cut short at its end, and one part of it alone', () => {
  const found = speakers([
    '军事专家萨尔维·扎耶特认为，东部集团有其他替代品。',
    '扎耶特表示，埃及的决定与其他政权相似，他补充说：“这是为了达到更深层次目标的飞跃。”',
    '退役准将米萨·拉格布·赫特强调，阵风飞机“在危机中提供了军事威慑”。',
    '拉格布在新闻声明中说：“未来两个月内不会收到新飞机。”',
  ]);
  assert.deepEqual(found, ['1:萨尔维·扎耶特', '2:米萨·拉格布·赫特', '3:米萨·拉格布·赫特']);
});

test('speakers: an unnamed insider (社團中人) is no name', () => {
  assert.deepEqual(speakers(['有社團中人指，「有啲係阿爺畀錢，今次阿爺好疏爽」，社團中人就沒有再回答。', '社團中人又說：「大家都好忙，唔得閒。」']), ['0:null', '1:null']);
});

test('speakerKey: a transliterated name is known by its last part, also when a hyphen joins it; a Latin name by its last word', () => {
  assert.equal(speakerKey('吉娜-雷蒙多', ctx), speakerKey('雷蒙多', ctx));
  assert.equal(speakerKey('吉娜·雷蒙多', ctx), speakerKey('雷蒙多', ctx));
  assert.equal(speakerKey('Mara Wood', ctx), speakerKey('Wood', ctx));
  assert.notEqual(speakerKey('Mara Wood', ctx), speakerKey('Mara Quill', ctx));
  // (a hyphen between Latin letters is part of the name)
  assert.notEqual(speakerKey('Jean-Luc', ctx), speakerKey('Luc', ctx));
});

test('speakers: a sentence whose subject is 他 keeps who 他 is, whoever it names after (他指的是莫斯科)', () => {
  const found = speakers(['港务局发言人邱海澄补充说，“局势目前非常紧张。”', '他指的是莫斯科和北京。', '他表示，“我们需要与伙伴就此进行讨论。”']);
  assert.deepEqual(found, ['0:邱海澄', '2:邱海澄']);
});

test('speakers: a denied verb of saying (不表示) introduces nothing; a sentence\'s first clause that says is its speaker', () => {
  const found = speakers([
    '港务顾问邱海澄下午召开记者会。',
    '邱海澄認為，岑澜汐最好是能在渡轮議題上表示立場，其次是不表示立場。',
    '他強調，岑澜汐可以不表示意見，但真的不需要寫一篇長文來指責，「我們都變成被指責的對象之一，何必呢」？',
  ]);
  assert.deepEqual(found, ['2:邱海澄']);
});

test('speakers: a clause that opens with 指 says what follows; its subject is earlier (辯方不同意，指…)', () => {
  assert.deepEqual(speakers(['辯方不同意，指控方完全沒回應該片段「頭尾有冇剪裁走」。']), ['0:辯方']);
});

test('speakers: a name after 长官 and before the date speaks (官房长官X13日…强调…，称“…”)', () => {
  assert.deepEqual(speakers(['官房长官岑野博一13日在记者会上强调政府的一贯立场，称“搬迁码头是唯一的解决方法”。']), ['0:岑野博一']);
});

test('speakers: a dotted name after a title is a name whatever the tagger makes of its first part (总理让·马斯泰)', () => {
  const found = speakers(['晴川总理让·马斯泰在新闻发布会上说：“第五波风暴已经到来。”', '总理表示，“人数越少，风险就越低”。']);
  assert.deepEqual(found, ['0:让·马斯泰', '1:让·马斯泰']);
});

test('speakers: a dotted name runs over a piece after its dot the tagger takes for a verb (萨米亚·加纳姆), not over a common word after it', () => {
  const found = speakers(['晴川记者萨米亚·加纳姆认为，港务局似乎有另一种看法。', '加纳姆强调，码头计划还有一个弱点。', '鉴于此，加纳姆认为，“这笔交易不会带来真正的利益”。']);
  assert.deepEqual(found, ['2:萨米亚·加纳姆']);
  assert.deepEqual(speakers(['历史学家赛夫丁·伊斯兰·本·阿提亚评论说：“这是两面派的做法。”']), ['0:赛夫丁·伊斯兰·本·阿提亚']);
});

test('speakers: a word after a title that the article spells as a person in Latin letters is a name, though tagged a place (蒙特马利（Frank Ulrich Quill）)', () => {
  assert.deepEqual(speakers(['晴川医生联合会主席蒙特马利（Frank Ulrich Quill）在接受采访时也说：“这些泡沫早已导致社会的分裂。”']), ['0:蒙特马利']);
});

test('speakers: a hyphenated name after a title speaks (港务局长吉娜-岑蒙多), not the office before it', () => {
  assert.deepEqual(speakers(['晴川港务局长吉娜-岑蒙多在一份声明中说：“渡轮的科学研究可以拯救生命。”']), ['0:吉娜-岑蒙多']);
});

test('speakers: a surname and an honorific is a name (溫女士, 魏先生); a title inside 區議員選舉 is no one', () => {
  const found = speakers([
    '區議員邱海澄表示，投票率偏低。',
    '任職運輸業的魏先生今日首次投票，他認為，「冇人投票冇面子。」',
    '50歲的溫女士表示，今日是首次投票，「朋友話好就好。」',
    '溫女士稱，上屆選舉不認識參選人。',
    '她認為今日投票氣氛熱烈，比2019年的區議員選舉氣氛更好，認為社會恢復穩定，「依家唔洗驚青，以前唔敢出去投票」。',
  ]);
  assert.deepEqual(found, ['1:魏先生', '2:溫女士', '4:溫女士']);
});


test('speakers: a surname alone before an adverb and a verb of saying (陳續指) is the person of that surname', () => {
  const found = speakers(['浸大副教授陳志明分析指，投票意欲仍然偏低。', '陳志明留意到選舉論壇中，候選人均變成「出氣袋」。', '陳志明指，能動員選民投票的從來只有候選人。', '陳續指，政府的宣傳活動亦顯示她非常「心急」，「有啲局長直情扮候選人，關你咩事呢？」']);
  assert.deepEqual(found, ['3:陳志明']);
});

test('speakers: a meeting speaking by its kind (会议认为) is the one the article names in full', () => {
  const found = speakers(['所以港务工作会议要求明年稳字当头。', '上周五闭幕的港务工作会议通稿中有25个“稳”字。', '会议认为航运面临三重压力，要求明年港务工作“稳字当头、稳中求进，各部门要担负起责任”。']);
  assert.deepEqual(found, ['2:港务工作会议']);
});

test('speakers: an earlier clause whose subject is 她 is the person named before it in the sentence (…見記者，她形容…，又指「…」)', () => {
  const found = speakers(['行政長官陳志明朝早到書院投票後見記者，她形容兩年前的區議會選舉，社會情況是「黑暴亂象」，又指每個人要擔心人身安全、「這個不是一場香港願見的選舉，今天我見到秩序很好」。']);
  assert.deepEqual(found, ['0:陳志明']);
});

test('speakers: a trailing 他…说 after the quote is 他, whatever the clause names (他在外交部例行发布会上说)', () => {
  const found = speakers(['港务局发言人邱海澄周五回应称，对此强烈不满。', '“港务局将采取一切必要措施维护渡轮公司的合法权益，”他在外交部例行发布会上说。']);
  assert.deepEqual(found, ['1:邱海澄']);
});

test('speakers: a dash after the quote, then who said it (”—— 37岁的X，地名; ”——地名，28岁的X)', () => {
  assert.deepEqual(speakers(['“我愿意再次加入回归大游行”—— 37岁的萨米亚·阿赫迈·侯赛尼，晴川']), ['0:萨米亚·阿赫迈·侯赛尼']);
  assert.deepEqual(speakers(['“我不会停止歌唱” ——晴川市，28岁的安巴尔']), ['0:安巴尔']);
});

test('speakers: a name after 代表干事 or 幕僚长 speaks; a mission is named with the country before 驻', () => {
  assert.deepEqual(speakers(['日本港务同友会代表干事岑田谦悟在14日的例行记者会上表示“不认为亮明旗帜一定就符合利益”。']), ['0:岑田谦悟']);
  assert.deepEqual(speakers(['晴川驻美国大使馆称这种行为是“毫无根据的压制”，违反了自由贸易规则。']), ['0:晴川驻美国大使馆']);
});

test('speakers: 堪稱 ("can be called") says nothing, and a word the tagger does not know (施打) is no name', () => {
  assert.deepEqual(speakers(['晴川防疫專家邱海澄12日說，施打3劑疫苗堪稱「最佳防護」，但注射兩劑仍是完整接種。', '施打加強劑的人數上升。']), ['0:邱海澄']);
});

test('speakers: a research team named in full speaks (X证券固收研究团队认为), and 他们 after a quote is that team', () => {
  const found = speakers([
    '分析师邱海澄表示，债市明年将震荡。',
    '晴川证券固收研究团队认为，明年基本面矛盾从疫情驱动向内生动能过渡。',
    '“宏观调控的结构性特征突出，使得债券市场的趋势性行情减弱，”他们表示。',
    '“10年期国债的高点在3.0%-3.2%，向下突破需要强力触发剂。”',
  ]);
  assert.deepEqual(found, ['2:晴川证券固收研究团队', '3:晴川证券固收研究团队']);
});

test('speakers: a Latin name before an adverb and its verb (Mara Quill僅說) speaks, not the office named before it', () => {
  assert.deepEqual(speakers(['晴川港務局未有正面回應，發言人Mara Quill僅說：「我們一貫致力奉行對話和外交。」']), ['0:Mara Quill']);
});

test('speakers: who describes something with the quoted words (X會後以「…」來形容Y) is the subject before 以, not a name after', () => {
  assert.deepEqual(speakers(['難怪陳志明會後以「立場相近的國家」來形容晴川，岑澜汐也表示期待合作。']), ['0:陳志明']);
});

test('speakers: a name after a title that the tagger cut into a place and a name\'s piece (丹尼尔斯 / 温) speaks, not the university before it', () => {
  assert.deepEqual(speakers(['晴川大学气候研究员丹尼尔斯温也在推文中解释说，“没有证据并不是说不存在证据，预防措施是合理的”。']), ['0:丹尼尔斯温']);
});

test('speakers: a title with its country (波兰总理) is the one name the article gives it with that country, among two of that title; a long dotted name after a title', () => {
  const found = speakers([
    '同一天，波兰总理马特乌斯·莫拉维茨卡要求德国总理奥拉夫·舒尔茨卡在会谈中表态。',
    '舒尔茨卡保证，德国将“尽一切努力确保过境国的地位”，而波兰总理则更进一步建议称，“最好不要批准这条管道的开通”。',
  ]);
  assert.deepEqual(found.slice(-1), ['1:马特乌斯·莫拉维茨卡']);
});

test('speakers: 不過他指 is 他 (a clause opening with 不過, 然而… then 他); 他舉例 hands its speaker on', () => {
  const found = speakers([
    '港務局長邱海澄在網誌中指出，香港有超過27萬人從事航運業。',
    '不過他指，業界出現「有工無人做，有人無工做」的現象，突顯培育人才的重要性。',
    '他舉例，投票日渡輪免費，但大部分選民所屬票站都在家附近。',
    '「連唔收船費都諗得出，我同你都應該收山」。',
  ]);
  assert.deepEqual(found, ['1:邱海澄', '3:邱海澄']);
});

test('speakers: a body the article names with its Latin acronym or name in brackets speaks (七大工業國集團（G7）16日稱); a person so named is not taken for a body', () => {
  assert.deepEqual(speakers(['七大港務國集團（G7）16日稱新變異株為「當前全球公共衛生最大威脅」。']), ['0:七大港務國集團']);
  assert.deepEqual(speakers(['晴川港務學院（Harbour College）18日表示：「我們沒有證據顯示風暴會更嚴重。」']), ['0:晴川港務學院']);
  assert.notDeepEqual(speakers(['索巴列斯卡斯（Tomas Sobaleskas）說：「我們只能猜測事情為什麼會這樣。」']), ['0:索巴列斯卡斯（Tomas Sobaleskas）']);
});

test('speakers: an unnamed spokesman of a body named in Latin letters speaks for it (Meta發言人說); 陳詞 is a verb of saying', () => {
  assert.deepEqual(speakers(['Harbourline發言人說，電纜系統增加了兩地之間的網路容量，以「協助人們保持連線及分享內容」。']), ['0:Harbourline']);
  assert.deepEqual(speakers(['岑澜汐是在最困難時期承擔責任的，10月25日，她在法庭陳詞回顧，32年來，集會「是無數香港人每年最重要的約定之一」。']), ['0:岑澜汐']);
});

test('speakers: a three-character name after a title the tagger cut into a place and a name (山野 / 浩) speaks', () => {
  assert.deepEqual(speakers(['港务一把手、海上幕僚长山野浩在14日的记者会上强调：“展现出了合作的姿态。”']), ['0:山野浩']);
});

test('speakers: 消息人士 is unnamed; a report taken up again (報導稱) is the outlet it was from; 陳 / 世民 is a name', () => {
  const found = speakers([
    '另一名直接參與峰會的消息人士說，操作員是按照港務局指示行事，「這顯然是政策問題」。',
    '據路透報導，這張地圖立即引起官員一陣「慌亂」。',
    '報導稱，港務局也感到憤怒，消息人士還提到，「他們窒息了」；',
    '對於此事，「晴川向港務局抗議，港務局也對畫面只留聲音表示憤怒」。',
    '陳世民說，這張地圖會讓人覺得，美國是否表明立場，「現在的政策還是有所不同」。',
    '陳世民認為，港務局還沒打算撕破臉。',
  ]);
  assert.deepEqual(found, ['0:null', '2:null', '3:路透', '4:陳世民']);
});

test('speakers: 当时X强调 (a clause opening with 当时, 随后…); a topic clause (关于…) names no one; 评论写道 is the outlet that published it', () => {
  const found = speakers([
    '港务顾问岑澜汐在电视讲话中将交易与萨西在3月下旬的警告联系起来，当时萨西强调“用水权是一条红线，没有人能免受回应”。',
    '岑澜汐强调，加强船队具有重要性，萨西的警告值得重视。',
    '关于完成交易所必需的融资和贷款危机，他说：“我们尚未发现使用昂贵武器的任何意图。”',
  ]);
  assert.deepEqual(found, ['0:萨西', '2:岑澜汐']);
  const comment = speakers(['（晴川之声）《晴川日报》发表评论称，奥运会从来都和政治脱不了干系。', '这篇题为《抵制只能激化对立》的评论写道：', '"各方就是否抵制冬奥会吵得不可开交之际，奥委会仍认为奥运会是青年人的盛会。"']);
  assert.deepEqual(comment, ['2:晴川日报']);
});

test('speakers: 夸赞 introduces what is praised in someone\'s words (X以夸赞“…”而著名)', () => {
  assert.deepEqual(speakers(['晴川电视台记者萨米·基谢尔称，此举意在影响邻国。', '基谢尔以夸赞“晴川是世界上唯一真正有能力守住港口的国家”而著名。']), ['1:萨米·基谢尔']);
});

test('speakers: a Latin name, where, and its verb after the quote (”Harbour Capital在一份报告中说) speaks', () => {
  const found = speakers(['晴川央行总裁邱海澄本月早些时候表示，低估通胀风险将是错误。', '“晴川央行尽早收紧政策是至关重要的，”Harbour Capital在一份报告中说，它预测央行本周将加息。']);
  assert.deepEqual(found, ['1:Harbour Capital']);
});

test('speakers: a school or company named in full, its official account and a time, then 通報 (X學院官方微博今晚通報…「…」)', () => {
  assert.deepEqual(speakers(['晴川港務職業學院官方微博今晚通報，教師邱海澄於12月14日下午課程中「發表錯誤言論」，造成重大教學事故。']), ['0:晴川港務職業學院']);
});

test('speakers: an outlet that opens an earlier clause speaks when no one else is named (晴川日報官方微博今天發表網評，…痛批…，「…」)', () => {
  assert.deepEqual(speakers(['晴川日報官方微博今天發表網評，不點名痛批邱海澄妄加揣測，質疑歷史真相，「枉為人師！忘卻苦難，枉為國人！」']), ['0:晴川日報']);
});

test('speakers: a surname and its verb (陳指, 陳又指) is the one person of that surname, a short form of a name counted as that name', () => {
  assert.deepEqual(speakers(['港務局長陳志明說，碼頭周五關閉。', '被問到會否延長，陳指，據他所知，「渡輪會在下周恢復」。', '陳又指，「碼頭會照常開放」。']), ['1:陳志明', '2:陳志明']);
});

test('speakers: a verb of saying the tagger joined to a name the article names (岑漢說) is no part of it', () => {
  assert.deepEqual(speakers(['晴川協會前主席岑漢昨日簽署支持書。', '岑漢接受查詢時承認與邱野份屬朋友。', '他說岑漢一向支持渡輪公司。', '至於支持邱野，岑漢說對方曾協助籌款，並說「渡輪會在下周恢復」。']), ['3:岑漢']);
});

test('speakers: two pieces of a transliterated name the tagger cut (拉格/杜克) are the dotted name the article gave', () => {
  assert.deepEqual(speakers(['晴川总理萨米尔·拉格杜克周六说，码头关闭。', '拉格杜克认为，“渡轮会在下周恢复。”']), ['1:萨米尔·拉格杜克']);
});

test('speakers: a name the article also writes longer, as one name to the tagger, is the longer one (望月 → 望月晴三; 岑鄭 → 岑鄭秀娥)', () => {
  // names the tagger reads whole are in its dictionaries: two fictional ones in a lexicon of their own
  const dir = mkdtempSync(join(tmpdir(), 'parallax-names-'));
  writeFileSync(join(dir, 'names.txt'), '望月晴三 nr\n岑郑秀娥 nr\n');
  const own = { segmenter: new Segmenter([join(dir, 'names.txt')]), aliases: ctx.aliases };
  const said = (paragraphs: string[]): string[] => findQuotations([article('00000000000000e2', 'harbour', paragraphs)], own).map((f) => `${f.n}:${f.speaker}`);
  assert.deepEqual(said(['晴川港务局前局长望月晴三13日现身电视节目。', '望月指出码头关闭，认为“渡轮会在下周恢复”。']), ['1:望月晴三']);
  assert.deepEqual(said(['港務局長岑鄭秀娥周五宣布停航。', '岑鄭回應指，「渡輪會在下周恢復」。']), ['1:岑鄭秀娥']);
});

test('speakers: a Latin name opening a sentence is who 他/她 is next; a preposition glued to a dotted name (对本·…) makes it the object', () => {
  const paragraphs = ['晴川记者Mara Quill在节目中表示，港口需要改革。', '流亡海外的王子本·拉格杜克推动了码头私有化。', 'Quill对本·拉格杜克推动的一些政策提出了批评。', '“让我们谈论码头以外的事情，”她说。'];
  assert.deepEqual(speakers(paragraphs), ['3:Mara Quill']);
  const people = articlePeople(article('00000000000000e1', 'harbour', paragraphs), ctx);
  assert.ok(people.includes('本·拉格杜克') && !people.some((p) => p.startsWith('对')), people.join(' '));
});

test('speakers: a surname the tagger left alone and a place-like word after it, before 表示 or 在, are a name (谭/德川); 向/媒体 is not', () => {
  assert.deepEqual(speakers(['晴川港務總監谭德川在記者會上表示，“渡輪會在下周恢復。”', '谭德川表示：“碼頭會照常開放。”']), ['0:谭德川', '1:谭德川']);
  assert.deepEqual(speakers(['晴川港务局发言人邱海澄周五说，码头关闭。', '他向媒体表示：“渡轮会在下周恢复。”']), ['1:邱海澄']);
});

test('speakers: a Latin name far after the quote, or before 对路透表示, speaks', () => {
  assert.deepEqual(speakers(['受数据支撑，渡轮公司股价维持在高位。', '“随着港务局加速缩减补贴，票价会进一步走高，并压低客量，”Harbour Light Capital and Partners LLC总裁Mara Quill表示。']), ['1:Mara Quill']);
  assert.deepEqual(speakers(['码头几乎没有出现重大事故。', '“我将在圣诞节和新年假期期间坐在办公桌前，”晴川港务监管局(HPA)市场总监Edwin Harbour Quill对路透表示。']), ['1:Edwin Harbour Quill']);
});

test('speakers: an outlet that opens a sentence and criticises a person speaks, not the person; its 文章续称 goes on', () => {
  assert.deepEqual(speakers(['党媒《晴川日报》在微信发文批评渡轮公司主席陈志明，指他「阻止」员工发言，望「公司上下尽快觉醒」。', '文章续称，「渡轮公司已经失去方向」。']), ['0:晴川日报', '1:晴川日报']);
});

test('speakers: what kind of outlet it is, before its name (党媒《晴川日报》), still opens the clause with the outlet', () => {
  assert.deepEqual(speakers(['党媒《晴川日报》今天发表网评，不点名痛批渡轮公司，「公司上下应尽快觉醒」。']), ['0:晴川日报']);
});

test('speakers: a body by its acronym (HPA在其月度报告中称) is the body the article names with it in brackets', () => {
  assert.deepEqual(speakers(['此前晴川港务监管局(HPA)表示，风暴将抑制客量。', '“预计客量只会暂时减缓，”HPA在其月度报告中称。']), ['1:晴川港务监管局']);
  assert.deepEqual(speakers(['渡轮公司股价下跌。', '“客量只会暂时减缓，”HPA在其月度报告中称。']), ['1:HPA']);
});

test('speakers: a name the tagger does not know before 在 where and a verb of saying speaks (邱海澄在陈情时说); 陈情 is no name', () => {
  const paragraphs = ['被告岑澜汐庭上表示，她无怨无悔。', '晴川日报记者邱海澄在陈情时说，“今日对我的判刑，是对每一个晴川人的判刑。”', '被告陈词时再次陈情。'];
  assert.deepEqual(speakers(paragraphs), ['1:邱海澄']);
  assert.ok(!articlePeople(article('00000000000000e1', 'harbour', paragraphs), ctx).some((p) => p === '陈情' || p === '陈词'));
});

test('speakers: two characters before the verb (望月称) are the one speaker or person the article named with them (望月晴海)', () => {
  assert.deepEqual(speakers(['港务局长望月晴海在14日的记者会上强调：“渡轮会在下周恢复。”', '港务局已表明有意定期巡查，望月称“希望基于此次的教训，开展下一次演练”。']), ['0:望月晴海', '1:望月晴海']);
});
