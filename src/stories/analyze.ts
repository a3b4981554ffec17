// Analysis of the archive after imports: lineage between articles, then stories.
// Runs when the set of articles changed since the last run (or when forced); articles
// already placed in a story stay in it.
import type { Article } from '../article.js';
import { computeLineage, lineageInput, type LineageEdge } from '../dedup/lineage.js';
import { OUTLETS } from '../outlets/table.js';
import type { Store, StoryMember, StoryRecord, StoryRole } from '../store/store.js';
import type { AliasTable } from '../text/aliases.js';
import { toSimplified, toTraditional } from '../text/script.js';
import type { Segmenter } from '../text/segment.js';
import { articleWords, cosine, idfTable, tfidf, type Vector } from './features.js';
import { groupStories, type GroupOptions } from './group.js';

export const WIRE_OUTLETS: ReadonlySet<string> = new Set(OUTLETS.filter((o) => o.wire).map((o) => o.id));
const STAMP = 'analysis-stamp';

export interface AnalysisContext { segmenter: Segmenter; aliases: AliasTable }
export interface AnalysisReport { ran: boolean; articles: number; lineage: number; stories: number; multiOutlet: number; seconds: number }

const COMMENTARY = /評論|评论|社評|社评|社論|社论|觀點|观点|專欄|专栏|評析|评析|opinion|editorial|blogger|投書|投书|時評|时评/i;
const PREVIEW = /(將|将|即將|即将|擬|拟|預計|预计|計劃|计划)(於|于|在)?.{0,12}(舉行|举行|會晤|会晤|會談|会谈|出席|訪問|访问|召開|召开|通話|通话)/;

function roleOf(a: Article, edges: readonly LineageEdge[], members: ReadonlySet<string>): StoryRole {
  const out = edges.filter((e) => e.from === a.id && members.has(e.to));
  if (out.some((e) => e.kind === 'reprint-of' || e.kind === 'duplicate-of')) return 'reprint';
  if (out.some((e) => e.kind === 'update-of')) return 'update';
  if (COMMENTARY.test([a.title, ...a.categories, ...a.tags].join(' '))) return 'commentary';
  if (PREVIEW.test(a.title)) return 'preview';
  return 'report';
}

/** `regroup` forgets earlier placements and groups every article afresh. */
export async function analyzeArchive(store: Store, ctx: AnalysisContext, opts: GroupOptions & { force?: boolean; regroup?: boolean } = {}): Promise<AnalysisReport> {
  const started = performance.now();
  const stamp = await store.articlesStamp();
  if (!opts.force && !opts.regroup && (await store.getMeta(STAMP)) === stamp) {
    return { ran: false, articles: 0, lineage: 0, stories: 0, multiOutlet: 0, seconds: 0 };
  }
  const articles: Article[] = [];
  for await (const a of store.allArticles()) articles.push(a);
  articles.sort((a, b) => a.id.localeCompare(b.id));

  const edges = computeLineage(articles.map((a) => lineageInput(a, WIRE_OUTLETS)));
  await store.replaceLineage(edges);

  // an undated text (segmented wire copy, say) is placed at the time of a dated article it shares text with
  const byId = new Map(articles.map((a) => [a.id, a]));
  const timeOf = (a: Article): number | null => {
    if (a.published) return Date.parse(a.published.at);
    for (const e of edges) {
      const other = e.from === a.id ? byId.get(e.to) : e.to === a.id ? byId.get(e.from) : undefined;
      if (other?.published) return Date.parse(other.published.at);
    }
    return null;
  };
  const words = articles.map((a) => articleWords(a, ctx.segmenter, ctx.aliases));
  const idf = idfTable(words);
  const vectors = words.map((w) => tfidf(w, idf));
  const items = articles.flatMap((a, i) => {
    const at = timeOf(a);
    return at === null ? [] : [{ id: a.id, at, vector: vectors[i]! }];
  });
  const drafts = groupStories(items, opts.regroup ? new Map() : await store.storyPlacements(), opts);
  const vectorOf = new Map(articles.map((a, i) => [a.id, vectors[i]!]));

  const stories: StoryRecord[] = drafts.map((d) => {
    const memberIds = new Set(d.members.map((m) => m.id));
    const members: StoryMember[] = d.members.map((m) => {
      const a = byId.get(m.id)!;
      return { article: a.id, outlet: a.outlet.id, role: roleOf(a, edges, memberIds), similarity: m.similarity, published: a.published?.at ?? null };
    });
    members.sort((x, y) => (x.published ?? '9').localeCompare(y.published ?? '9'));
    // the label is the title of the member closest to the story's centre, among first-hand reports
    const centroid: Vector = new Map([...d.centroid].map(([w, v]) => [w, v / d.members.length]));
    const central = [...members].filter((m) => m.role !== 'reprint').sort((x, y) =>
      cosine(vectorOf.get(y.article)!, centroid) - cosine(vectorOf.get(x.article)!, centroid))[0] ?? members[0]!;
    const title = byId.get(central.article)!.title;
    const keywords = [...d.centroid].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([w]) => w);
    return {
      id: d.id,
      label: { hans: toSimplified(title), hant: toTraditional(title) },
      keywords,
      first: members.find((m) => m.published)?.published ?? null,
      last: [...members].reverse().find((m) => m.published)?.published ?? null,
      outlets: [...new Set(members.map((m) => m.outlet))],
      members,
    };
  });
  await store.saveStories(stories);
  await store.setMeta(STAMP, stamp);
  return {
    ran: true, articles: articles.length, lineage: edges.length, stories: stories.length,
    multiOutlet: stories.filter((s) => s.outlets.length >= 2).length, seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
