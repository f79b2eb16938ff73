/** Library search: text terms, filters and sorts answered from indexes, reading only the rows shown. */
import type { DejaLuDB, PaperRow } from '../db';
import { parseArxivId } from '../identity';
import type { SearchResult } from '../messages';
import { fold, queryTerms } from '../words';
import { toView } from './rows';

export interface SearchQuery {
  text: string;
  status: 'all' | 'saved' | 'seen';
  tag?: string;
  site?: string;
  from?: string;
  to?: string;
  sort: 'lastSeen' | 'firstSeen' | 'savedAt' | 'title' | 'relevance';
  offset: number;
  limit: number;
}

/**
 * Search and filter the library without reading rows it will not show. Every criterion (text
 * terms through the `*words` index, status, tag, site, first-seen range) becomes a set of keys
 * read from its index (keys only), the sets are intersected, and the page is cut from the sort
 * index in order, so only the ~50 rows shown are read, whatever the library's size.
 */
export async function search(db: DejaLuDB, q: SearchQuery): Promise<SearchResult> {
  const fromMs = q.from ? Date.parse(`${q.from}T00:00:00`) : undefined;
  const toMs = q.to ? Date.parse(`${q.to}T23:59:59.999`) : undefined;
  return db.transaction('r', db.papers, async () => {
    const keySets: Promise<string[]>[] = [];
    const id = parseArxivId(q.text.trim());
    const terms = id ? [] : queryTerms(q.text);
    if (id) keySets.push(Promise.resolve([`arxiv:${id.id}`]));
    for (const t of terms) keySets.push(db.papers.where('words').startsWith(t).primaryKeys() as Promise<string[]>);
    if (q.status === 'saved') keySets.push(db.papers.where('savedAt').above(0).primaryKeys() as Promise<string[]>);
    if (q.status === 'seen') keySets.push(db.papers.where('lastSeen').above(0).primaryKeys() as Promise<string[]>);
    if (q.tag) keySets.push(db.papers.where('tags').equals(q.tag).primaryKeys() as Promise<string[]>);
    if (q.site) keySets.push(db.papers.where('sites').equals(q.site).primaryKeys() as Promise<string[]>);
    if (fromMs !== undefined || toMs !== undefined)
      keySets.push(
        db.papers.where('firstSeen').between(fromMs ?? -Infinity, toMs ?? Infinity, true, true).primaryKeys() as Promise<string[]>,
      );
    const matched = intersect(await Promise.all(keySets));
    const total = matched ? matched.size : await db.papers.count();
    const need = q.offset + q.limit;

    // Few matches: read them all and order exactly (relevance needs the titles).
    if (matched && matched.size <= 2_000) {
      const rows = (await db.papers.bulkGet([...matched])).filter((r): r is PaperRow => !!r);
      sortRows(rows, q.sort === 'relevance' && !terms.length ? 'lastSeen' : q.sort, terms);
      return { total, papers: rows.slice(q.offset, need).map(toView) };
    }
    // Many matches: walk the sort index in order, keys only, until the page is full.
    const sort = q.sort === 'relevance' ? 'lastSeen' : q.sort;
    const ordered = () => (sort === 'title' ? db.papers.orderBy('title') : db.papers.orderBy(sort).reverse());
    const keys: string[] = [];
    const chunk = Math.max(500, need * 4);
    let walked = 0;
    const inIndex = new Set<string>();
    for (;;) {
      const got = (await ordered().offset(walked).limit(chunk).primaryKeys()) as string[];
      walked += got.length;
      for (const k of got) {
        inIndex.add(k);
        if (!matched || matched.has(k)) keys.push(k);
      }
      if (keys.length >= need || got.length < chunk) break;
    }
    if (keys.length < need) {
      // Papers without the sort field (never seen, or not saved) come last.
      const rest = matched ? [...matched] : ((await db.papers.toCollection().primaryKeys()) as string[]);
      for (const k of rest) if (!inIndex.has(k)) keys.push(k);
    }
    const rows = await db.papers.bulkGet(keys.slice(q.offset, need));
    return { total, papers: rows.filter((r): r is PaperRow => !!r).map(toView) };
  });
}

/** The keys in every set (smallest first, so the work is small); null when there is no set. */
function intersect(sets: string[][]): Set<string> | null {
  if (!sets.length) return null;
  const sorted = [...sets].sort((x, y) => x.length - y.length);
  let acc = new Set(sorted[0]);
  for (const s of sorted.slice(1)) {
    if (!acc.size) break;
    const next = new Set(s);
    acc = new Set([...acc].filter((k) => next.has(k)));
  }
  return acc;
}

function sortRows(rows: PaperRow[], sort: string, terms: string[]): void {
  const desc = (f: (r: PaperRow) => number | undefined) => (x: PaperRow, y: PaperRow) => (f(y) ?? 0) - (f(x) ?? 0);
  if (sort === 'title') rows.sort((x, y) => x.title.localeCompare(y.title));
  else if (sort === 'firstSeen') rows.sort(desc((r) => r.firstSeen));
  else if (sort === 'savedAt') rows.sort(desc((r) => r.savedAt));
  else if (sort === 'relevance' && terms.length) {
    const score = (r: PaperRow) => {
      const t = fold(r.title);
      return terms.reduce((s, term) => s + (t.includes(term) ? 2 : 0), 0) + (r.savedAt ? 1 : 0);
    };
    rows.sort((x, y) => score(y) - score(x) || (y.lastSeen ?? 0) - (x.lastSeen ?? 0));
  } else rows.sort(desc((r) => r.lastSeen ?? r.savedAt ?? r.updatedAt));
}
