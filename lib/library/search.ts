/**
 * Library search: a small query planner over the papers table's indexes.
 *
 * In Chromium's IndexedDB every index entry visited costs a lookup of its row's record, so reading
 * the key set of a common word (tens of thousands of papers), counting it, or walking a sort index
 * far is what made searches slow. The planner therefore:
 *  1. reads the keys of the selective criteria (text terms, tag, first-seen range, arXiv id) with a
 *     cap, so a common word costs at most CAP entries;
 *  2. when some criterion has at most CAP papers, reads just those rows, checks every other
 *     condition on the rows themselves (rows carry words, tags, sites, dates) and orders them in
 *     memory: an exact total;
 *  3. otherwise walks the sort index in order, a growing chunk of rows at a time, checks every
 *     condition on each row and stops as soon as the page is full. The total is then exact only if
 *     the walk reached the end; else it is a lower bound (`totalAtLeast`), which the UI shows as
 *     "1,234+".
 *
 * Order, the same whichever way a query is answered (so pages of one query never disagree): date
 * sorts newest first, title sorts in IndexedDB's code-unit order, ties by key as the index orders
 * them (descending for dates, ascending for titles), papers without the sort field last in key
 * order; "relevance" ranks results of at most CAP papers by title hits, and is newest first beyond.
 */
import type { DejaLuDB, PaperRow } from '../db';
import { parseArxivId } from '../identity';
import type { SearchResult } from '../messages';
import { fold, queryTerms } from '../words';
import { toSlimView } from './rows';

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

/** The most papers read by key set, and ranked by relevance. */
export const CAP = 2_000;
/** A walk that has read this many rows without filling the page falls back to whole key sets. */
const WALK_BUDGET = 1_000;

type SortField = 'lastSeen' | 'firstSeen' | 'savedAt' | 'title';
type Pred = (r: PaperRow) => boolean;

export async function search(db: DejaLuDB, q: SearchQuery): Promise<SearchResult> {
  const fromMs = q.from ? Date.parse(`${q.from}T00:00:00`) : undefined;
  const toMs = q.to ? Date.parse(`${q.to}T23:59:59.999`) : undefined;
  const range = fromMs !== undefined || toMs !== undefined ? { lo: fromMs ?? -Infinity, hi: toMs ?? Infinity } : null;
  const id = parseArxivId(q.text.trim());
  const terms = id ? [] : queryTerms(q.text);
  const need = q.offset + q.limit;

  const preds: Pred[] = [];
  if (id) preds.push((r) => r.key === `arxiv:${id.id}`);
  for (const t of terms) preds.push((r) => r.words.some((w) => w.startsWith(t)));
  if (q.status === 'saved') preds.push((r) => typeof r.savedAt === 'number' && r.savedAt > 0);
  if (q.status === 'seen') preds.push((r) => typeof r.lastSeen === 'number' && r.lastSeen > 0);
  if (q.tag) preds.push((r) => r.tags.includes(q.tag!));
  if (q.site) preds.push((r) => (r.sites as string[]).includes(q.site!));
  if (range) preds.push((r) => typeof r.firstSeen === 'number' && r.firstSeen >= range.lo && r.firstSeen <= range.hi);
  const matches = (r: PaperRow) => preds.every((p) => p(r));

  const relevance = q.sort === 'relevance' && terms.length > 0;
  const sort: SortField = q.sort === 'relevance' ? 'lastSeen' : q.sort;

  return db.transaction('r', db.papers, async () => {
    // 1. Capped key sets of the selective criteria. Status and site are broad (most papers are
    // seen; a site holds a third of them): they are only checked on rows.
    const sets: Promise<string[]>[] = [];
    const capped = (c: { limit(n: number): { primaryKeys(): Promise<unknown[]> } }) =>
      c.limit(CAP + 1).primaryKeys() as Promise<string[]>;
    if (id) sets.push(Promise.resolve([`arxiv:${id.id}`]));
    for (const t of terms) sets.push(capped(db.papers.where('words').startsWith(t)));
    if (q.tag) sets.push(capped(db.papers.where('tags').equals(q.tag)));
    // A first-seen range sorted by first seen is a walk of that range: no key set needed.
    if (range && sort !== 'firstSeen') sets.push(capped(db.papers.where('firstSeen').between(range.lo, range.hi, true, true)));
    const got = await Promise.all(sets);
    // Entries, not papers: a prefix may hit two words of one paper, so fewer than CAP + 1 entries
    // is what proves the set complete.
    const complete = got.filter((s) => s.length <= CAP).map((s) => new Set(s));

    // 2. A small criterion: read its papers, check the rest on the rows.
    if (complete.length) {
      complete.sort((a, b) => a.size - b.size);
      let keys = [...complete[0]!];
      for (const s of complete.slice(1)) keys = keys.filter((k) => s.has(k));
      return fromRows(await db.papers.bulkGet(keys), matches, q, sort, relevance, terms);
    }

    // 3. Walk the sort index, checking rows, until the page is full.
    const keyed = terms.length > 0 || !!q.tag || (!!range && sort !== 'firstSeen');
    const walked = await walk(db, sort, sort === 'firstSeen' ? range : null, matches, need + 1, keyed ? WALK_BUDGET : Infinity);
    if (walked) {
      const { found, done } = walked;
      return {
        total: found.length,
        ...(done ? {} : { totalAtLeast: true }),
        papers: found.slice(q.offset, need).map(toSlimView),
      };
    }
    // Sparse matches among many candidates (several common words that rarely meet): whole key
    // sets, intersected, as the old search did; saved papers too (a tenth of a library, and what
    // makes "saved papers about X" sparse), so only the intersection's rows are read.
    const full = await Promise.all([
      ...terms.map((t) => db.papers.where('words').startsWith(t).primaryKeys() as Promise<string[]>),
      ...(q.status === 'saved' ? [db.papers.where('savedAt').above(0).primaryKeys() as Promise<string[]>] : []),
      ...(q.tag ? [db.papers.where('tags').equals(q.tag).primaryKeys() as Promise<string[]>] : []),
      ...(range && sort !== 'firstSeen'
        ? [db.papers.where('firstSeen').between(range.lo, range.hi, true, true).primaryKeys() as Promise<string[]>]
        : []),
    ]);
    const sorted = full.map((s) => new Set(s)).sort((a, b) => a.size - b.size);
    let keys = [...(sorted[0] ?? [])];
    for (const s of sorted.slice(1)) keys = keys.filter((k) => s.has(k));
    return fromRows(await db.papers.bulkGet(keys), matches, q, sort, relevance, terms);
  });
}

/** Every candidate row read: filter, order, cut the page; the total is exact. */
function fromRows(
  got: (PaperRow | undefined)[],
  matches: Pred,
  q: SearchQuery,
  sort: SortField,
  relevance: boolean,
  terms: string[],
): SearchResult {
  const rows = got.filter((r): r is PaperRow => !!r && matches(r));
  rows.sort(relevance && rows.length <= CAP ? byRelevance(terms) : byField(sort));
  return { total: rows.length, papers: rows.slice(q.offset, q.offset + q.limit).map(toSlimView) };
}

const cmpKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order of a walk of the sort index (see the module comment). */
export function byField(sort: SortField): (x: PaperRow, y: PaperRow) => number {
  return (x, y) => {
    const a = x[sort];
    const b = y[sort];
    const ha = sort === 'title' ? typeof a === 'string' : typeof a === 'number';
    const hb = sort === 'title' ? typeof b === 'string' : typeof b === 'number';
    if (ha !== hb) return ha ? -1 : 1;
    if (!ha) return cmpKey(x.key, y.key);
    if (sort === 'title') return cmpKey(a as string, b as string) || cmpKey(x.key, y.key);
    return (b as number) - (a as number) || cmpKey(y.key, x.key);
  };
}

function byRelevance(terms: string[]): (x: PaperRow, y: PaperRow) => number {
  const score = (r: PaperRow) => {
    const t = fold(r.title);
    return terms.reduce((s, term) => s + (t.includes(term) ? 2 : 0), 0) + (r.savedAt ? 1 : 0);
  };
  const recent = byField('lastSeen');
  return (x, y) => score(y) - score(x) || recent(x, y);
}

/**
 * Walk the sort index in order (dates newest first, titles A→Z), `range` limiting a first-seen walk,
 * reading rows in growing chunks, until `want` rows match; then the papers without the sort field.
 * Null when the walk read `budget` rows without filling the page.
 */
async function walk(
  db: DejaLuDB,
  sort: SortField,
  range: { lo: number; hi: number } | null,
  matches: Pred,
  want: number,
  budget: number,
): Promise<{ found: PaperRow[]; done: boolean } | null> {
  const found: PaperRow[] = [];
  const desc = sort !== 'title';
  let bound: string | number | undefined;
  let ties = 0;
  let size = Math.min(1_000, Math.max(100, want * 2));
  let read = 0;
  for (;;) {
    let c;
    if (desc) {
      const hi = bound !== undefined ? (bound as number) : (range?.hi ?? Infinity);
      c = db.papers.where(sort).between(range?.lo ?? -Infinity, hi, true, true).reverse();
    } else {
      c = bound !== undefined ? db.papers.where(sort).aboveOrEqual(bound) : db.papers.orderBy(sort);
    }
    // Entries equal to the last value read come first again: skip the ones already seen.
    const rows = await c.limit(size + ties).toArray();
    const fresh = rows.slice(ties);
    read += fresh.length;
    for (const r of fresh) if (matches(r)) found.push(r);
    // An exhausted index gives an exact total (small libraries, narrow ranges).
    if (rows.length < size + ties) break;
    if (found.length >= want) return { found, done: false };
    if (read >= budget) return null;
    const last = fresh[fresh.length - 1]![sort];
    ties = rows.filter((r) => r[sort] === last).length;
    bound = last as string | number;
    size = Math.min(size * 2, 1_000);
  }
  // The index is exhausted: papers without the sort field come last, in key order. A first-seen
  // range only holds papers that have one.
  if (!range) {
    const rest = await db.papers
      .filter((r) => (sort === 'title' ? typeof r.title !== 'string' : typeof r[sort] !== 'number') && matches(r))
      .toArray();
    rest.sort((x, y) => cmpKey(x.key, y.key));
    found.push(...rest);
  }
  return { found, done: true };
}
