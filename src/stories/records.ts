// From grouping's drafts to the records a reader sees: each member's role, the event's
// label (the title of its most central first-hand report, in both scripts), keywords, time
// span and outlets; a thread's events in time under the label of its widest event.
import type { Article } from '../article.js';
import type { LineageEdge } from '../dedup/lineage.js';
import type { EventMember, EventRecord, EventRole, ThreadRecord } from '../store/store.js';
import { toSimplified, toTraditional } from '../text/script.js';
import { cosine, type Vector } from './features.js';
import type { EventDraft } from './group.js';

const COMMENTARY = /評論|评论|社評|社评|社論|社论|觀點|观点|專欄|专栏|評析|评析|opinion|editorial|blogger|投書|投书|時評|时评/i;
const PREVIEW = /(將|将|即將|即将|擬|拟|預計|预计|計劃|计划)(於|于|在)?.{0,12}(舉行|举行|會晤|会晤|會談|会谈|出席|訪問|访问|召開|召开|通話|通话)/;

function roleOf(a: Article, edges: readonly LineageEdge[], members: ReadonlySet<string>): EventRole {
  const out = edges.filter((e) => e.from === a.id && members.has(e.to));
  if (out.some((e) => e.kind === 'reprint-of' || e.kind === 'duplicate-of')) return 'reprint';
  if (out.some((e) => e.kind === 'update-of')) return 'update';
  if (COMMENTARY.test([a.title, ...a.categories, ...a.tags].join(' '))) return 'commentary';
  if (PREVIEW.test(a.title)) return 'preview';
  return 'report';
}

const labelOf = (title: string): { hans: string; hant: string } => ({ hans: toSimplified(title), hant: toTraditional(title) });

export const keywordsOf = (centroid: ReadonlyMap<string, number>): string[] => [...centroid].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([w]) => w);

/** what building records needs of the run: the members' articles, their lineage, vectors and times */
export interface RecordContext {
  byId: ReadonlyMap<string, Article>;
  /** edges from the members (at least) */
  edgesFrom: (id: string) => readonly LineageEdge[];
  vectorOf: ReadonlyMap<string, Vector>;
  /** the time an article is placed at (ISO), its own or a linked article's */
  atOf: (a: Article) => string | null;
  /** members placed by an earlier run keep the similarity and words they were placed by (a replay cannot know them) */
  placedBefore?: ReadonlyMap<string, Pick<EventMember, 'similarity' | 'why'>>;
}

export function eventRecord(d: EventDraft, rc: RecordContext): EventRecord {
  const memberIds = new Set(d.members.map((m) => m.id));
  const members: EventMember[] = d.members.map((m) => {
    const a = rc.byId.get(m.id)!;
    const before = rc.placedBefore?.get(m.id);
    return { article: a.id, outlet: a.outlet.id, role: roleOf(a, rc.edgesFrom(a.id), memberIds), similarity: before?.similarity ?? m.similarity, published: rc.atOf(a), why: before?.why ?? m.why };
  });
  members.sort((x, y) => (x.published ?? '9').localeCompare(y.published ?? '9') || x.article.localeCompare(y.article));
  const firstHand = members.filter((m) => m.role !== 'reprint').map((m) => m.article);
  // the title of the member closest to the centre, among first-hand reports
  const centre: Vector = new Map([...d.centroid].map(([w, v]) => [w, v / d.members.length]));
  const nearness = (id: string): number => cosine(rc.vectorOf.get(id) ?? new Map(), centre);
  const head = (firstHand.length ? firstHand : members.map((m) => m.article))
    .sort((x, y) => nearness(y) - nearness(x) || x.localeCompare(y))[0]!;
  return {
    id: d.id, thread: d.thread, label: labelOf(rc.byId.get(head)!.title), keywords: keywordsOf(d.centroid),
    first: members.find((m) => m.published)?.published ?? null,
    last: [...members].reverse().find((m) => m.published)?.published ?? null,
    outlets: [...new Set(members.map((m) => m.outlet))],
    members,
  };
}

/** a thread of these events (any order) */
export function threadRecord(id: string, events: readonly EventRecord[], centroid: ReadonlyMap<string, number>): ThreadRecord {
  const evs = [...events].sort((x, y) => (x.first ?? '9').localeCompare(y.first ?? '9') || x.id.localeCompare(y.id));
  const widest = [...evs].sort((x, y) => y.outlets.length - x.outlets.length || y.members.length - x.members.length || x.id.localeCompare(y.id))[0]!;
  return {
    id, label: widest.label, keywords: keywordsOf(centroid),
    first: evs.find((e) => e.first)?.first ?? null, last: [...evs].reverse().find((e) => e.last)?.last ?? null,
    events: evs.map((e) => e.id), outlets: [...new Set(evs.flatMap((e) => e.outlets))], articles: evs.reduce((s, e) => s + e.members.length, 0),
  };
}
