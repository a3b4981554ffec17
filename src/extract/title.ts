// Titles as the outlet wrote them for the story, without what the page template added:
// the site's name (`… | 半岛电视台`, `… - iYouPort`), a section or column
// (`| 政治 新闻 |`, `- 法国报纸摘要`) and markers (`[影]`). Names come from the outlet
// table in every script; sections and markers are the outlet's own rules.
import type { OutletRef } from '../article.js';
import { outletEntry, outletRules } from '../outlets/resolve.js';

/** ` | `, `｜`, ` - `, ` – `, ` — `: a hyphen only counts with spaces around it (`COVID-19`, `2021-12`) */
const SEPARATOR = /\s*[|｜]\s*|\s+[-–—]{1,2}\s+/g;

function splitLast(title: string): { head: string; tail: string; pipe: boolean } | null {
  let last: RegExpExecArray | null = null;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(title); m; m = SEPARATOR.exec(title)) last = m;
  if (!last) return null;
  const head = title.slice(0, last.index).trim();
  const tail = title.slice(last.index + last[0].length).trim();
  return head && tail ? { head, tail, pipe: /[|｜]/.test(last[0]) } : null;
}

export interface CleanTitle {
  title: string;
  /** sections and columns taken off the title (they become categories) */
  sections: string[];
}

export function cleanTitle(raw: string, outlet: OutletRef): CleanTitle {
  const entry = outletEntry(outlet.id);
  const rules = outletRules(outlet.id);
  const names = new Set(
    [outlet.name, outlet.names.hans, outlet.names.hant, outlet.names.en, ...(entry ? [entry.names.hans, entry.names.hant, entry.names.en, ...entry.aliases] : [])]
      .map((n) => n.trim().toLowerCase())
      .filter((n) => n.length > 1),
  );
  let title = raw.trim();
  for (const marker of rules.titleMarkers ?? []) {
    const cut = title.replace(marker, '').trim();
    if (cut) title = cut;
  }
  const sections: string[] = [];
  /** the separator before the stripped name: a template section sits behind the same one */
  let namePipe: boolean | null = null;
  for (;;) {
    const parts = splitLast(title);
    if (!parts) break;
    if (names.has(parts.tail.toLowerCase())) { title = parts.head; namePipe = parts.pipe; continue; }
    const section = rules.titleSection;
    if (section && section.test(parts.tail) && (!rules.titleSectionBeforeName || (namePipe === parts.pipe && sections.length === 0))) {
      sections.unshift(parts.tail);
      title = parts.head;
      continue;
    }
    break;
  }
  return { title, sections };
}
