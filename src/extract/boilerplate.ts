// From extracted blocks to article paragraphs: generic boilerplate rules plus the
// outlet's own rules (src/outlets/table.ts). Credit lines become credits, captions go
// to their figure, everything else that is real text stays, in order.
import { emptyCredits, type Credits, type Figure, type Media, type RelatedLink } from '../article.js';
import type { OutletRules } from '../outlets/table.js';
import { addCredit, parseCreditLine, splitTrailingCredit } from './credits.js';
import type { HtmlExtract } from './html.js';
import { codeUnitTable, keepCodeUnits } from '../text/normalize.js';

/** Paragraphs that are never article text, whatever the outlet. */
const GENERIC_DROP: readonly RegExp[] = [
  /海量资讯、精准解读/, /尽在新浪财经APP/, /^(点击|點擊).{0,20}(关注|關注|订阅|訂閱)/, /(扫码|掃碼|扫描二维码|掃描二維碼).{0,30}(关注|關注|下载|下載|订阅|訂閱)/,
  /^(分享|分享到|Share)[：:]?\s*(微信|Facebook|Twitter|微博|WhatsApp)/i,
  /^(本文|本文章)?(来源|來源)[：:]\s*\S{1,20}$/, /^(广告|廣告|Advertisement|ADVERTISEMENT)$/, /^(相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞)[：:]?$/,
  /^(版权所有|版權所有|Copyright|©)/i, /^(转载请注明|轉載請註明)/, /^(返回|Back to)\s*(顶部|頂部|top)$/i,
];
/** A block that is only a time stamp: leading dates some outlets put in the body, or 「33 分钟前」. */
const TIMESTAMP = /^(\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}\/\d{1,2}\/\d{4})([T\s]*(-\s*)?\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?(\s*(更新|發佈|发布|Updated))?$/i;
const RELATIVE_TIME = /^(\d+\s*(秒|分钟|分鐘|小时|小時|天|日|周|週)前|刚刚|剛剛|昨天|yesterday|\d+\s*(minutes?|hours?|days?)\s+ago)$/i;
const PHOTO_CAPTION = /^[△▲▼▽↑↓]\s*/;
/** a credit under a picture, before its caption: 图像来源，Getty Images (BBC) */
const IMAGE_SOURCE = /^(?:图像|圖像|图片|圖片)(?:来源|來源)[：:，,]\s*(.{0,60})$/;
/** a credit after a picture's caption: 图 路透/Cheney Orr (「图：…」 is a chart's title, left as text) */
const PHOTO_CREDIT = /^(?:图|圖)\s+(\S{1,12}[/／]\S.{0,30})$/;
/** a gallery: a heading, then pictures each followed by its caption (DW 相关图集) */
const GALLERY_HEADING = /^(相关图集|相關圖集|图集|圖集|图片集|圖片集|组图|組圖)[：:\s]/;
/** a line that ends like a sentence is text, not a caption */
const SENTENCE_END = /[。！？!?」”』]$/;
const MAX_CAPTION = 120;
const looksLikeCaption = (s: string): boolean => s.length <= MAX_CAPTION && !SENTENCE_END.test(s);
/** the text left of a related-links line once its list is taken out: 「延伸閱讀 • …」 */
const RELATED_HEADING = /^(相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关新闻|相關新聞|相关报道|相關報導)[：:\s•·]/;

export interface CleanBody {
  paragraphs: string[];
  figures: Figure[];
  media: Media[];
  credits: Credits;
  /** related-article lists, out of the text */
  related?: RelatedLink[];
}

const NOISE_CHARS = `\\s，。、！？：；,.!?:;'"“”‘’「」『』（）()\\[\\]【】《》〈〉·…—–\\-_|｜/／`;
const HAS_TEXT = new RegExp(`[^${NOISE_CHARS}]`);
/** 1 for each code unit that is not noise (built on first use) */
let signal: Uint8Array | undefined;

/** Text reduced to what matters for equality tests (title repeats, captions repeated as text). */
function squash(s: string): string {
  signal ??= codeUnitTable((u) => HAS_TEXT.test(u));
  return keepCodeUnits(s, signal).toLowerCase();
}

export function cleanBody(ex: HtmlExtract, title: string, rules: OutletRules): CleanBody {
  const credits = emptyCredits();
  const figures = ex.figures.map((f) => ({ ...f }));
  const media = ex.media.map((m) => ({ ...m }));
  const titleKey = squash(title);
  const captionKeys = new Set(figures.map((f) => squash(f.caption)).filter((k) => k.length > 0));
  const paragraphs: string[] = [];
  // figure index after which each block comes: for captions that trail their figure
  let figCursor = -1;
  /** the figure whose caption comes next (after its credit, or inside a gallery) */
  let captionDue: Figure | null = null;
  let inGallery = false;
  const currentFigure = (bi: number): Figure | null => (figCursor >= 0 && ex.figureAfter[figCursor] === bi - 1 ? figures[figCursor]! : null);

  for (const d of ex.dropped) {
    for (const line of d.text.split('\n')) {
      const c = parseCreditLine(line);
      if (c) addCredit(credits, c.role, c.names);
    }
  }

  ex.blocks.forEach((block, bi) => {
    while (figCursor + 1 < figures.length && ex.figureAfter[figCursor + 1]! < bi) figCursor++;
    let text = block.text.trim();
    if (!text) return;
    for (const tail of rules.trimTail ?? []) text = text.replace(tail, '');
    if (!HAS_TEXT.test(text)) return;
    // the comparison key is computed only where a comparison is due
    let key: string | undefined;
    const keyOf = (): string => (key ??= squash(text));
    if (titleKey && paragraphs.length === 0 && keyOf() === titleKey) return;
    if (PHOTO_CAPTION.test(text)) {
      const caption = text.replace(PHOTO_CAPTION, '');
      const lastMedia = media[media.length - 1];
      if (lastMedia && !lastMedia.caption) lastMedia.caption = caption;
      else if (figCursor >= 0 && !figures[figCursor]!.caption) figures[figCursor]!.caption = caption;
      return;
    }
    const due = captionDue;
    captionDue = null;
    if (due && !block.heading && looksLikeCaption(text)) { due.caption = text; return; }
    if (GALLERY_HEADING.test(text) && text.length <= 60) { inGallery = true; return; }
    if (inGallery) {
      const fig = currentFigure(bi);
      if (fig && !fig.caption) { fig.caption = text; return; }
      if (!fig) inGallery = false;
    }
    const source = IMAGE_SOURCE.exec(text);
    if (source) {
      const fig = figCursor >= 0 ? figures[figCursor]! : null;
      if (fig && !fig.credit) {
        fig.credit = source[1]!.trim();
        // the caption follows only a credit that sits right under its picture (BBC)
        if (currentFigure(bi) === fig) captionDue = fig;
      } else if (source[1]) addCredit(credits, '图片', [source[1].trim()]);
      return;
    }
    const photoCredit = PHOTO_CREDIT.exec(text);
    if (photoCredit && !SENTENCE_END.test(text)) {
      // the caption is the line before: it goes with the picture (kept, or only named by the caption)
      const prev = paragraphs[paragraphs.length - 1];
      const caption = prev !== undefined && looksLikeCaption(prev) ? (paragraphs.pop(), prev) : '';
      const fig = figCursor >= 0 && !figures[figCursor]!.credit ? figures[figCursor]! : null;
      if (fig) { fig.credit = photoCredit[1]!; if (caption) fig.caption = caption; }
      else figures.push({ src: '', caption, credit: photoCredit[1]! });
      return;
    }
    if (RELATED_HEADING.test(text) && block.linkChars >= text.length * 0.5) return;
    if (TIMESTAMP.test(text) || RELATIVE_TIME.test(text)) return;
    const credit = parseCreditLine(text);
    if (credit) { addCredit(credits, credit.role, credit.names); return; }
    if (GENERIC_DROP.some((r) => r.test(text))) return;
    if (rules.dropParagraphs?.some((r) => r.test(text))) return;
    if (captionKeys.size > 0 && captionKeys.has(keyOf())) return;
    if (block.caption && figCursor >= 0) {
      const fig = figures[figCursor]!;
      if (!fig.caption || squash(fig.caption) === keyOf()) { fig.caption = text; captionKeys.add(keyOf()); return; }
    }
    // a short block that is all link: navigation, "read more", tag lists
    if (block.linkChars >= text.length * 0.9 && text.length < 40) return;
    // a credit after the paragraph's last sentence (…病例。（編輯：楊昇儒）): read here, after the
    // captions, so that a caption's own credit (…接種。（攝影：林海舟）) stays the picture's
    const trailing = splitTrailingCredit(text);
    if (trailing) { addCredit(credits, trailing.role, trailing.names); text = trailing.text; }
    paragraphs.push(text);
  });
  return { paragraphs, figures, media, credits, related: ex.related };
}
