/**
 * Search over the catalog's columns (lib/library/catalog.ts): every condition checked on every
 * paper's columns, only the papers holding a query's rarest term visited, an exact total, and the
 * page's keys in exactly the order lib/library/search.ts documents.
 */
import { fold } from '../words';
import { SUB } from './catalog-row-shape';
import { cmpStr, lowerBound } from './sorted';
import type { SearchStatus } from '../messages';

export interface CatalogQuery {
  /** Folded query terms, each a prefix of some indexed word. */
  terms: string[];
  /** A paper key the query names exactly (an arXiv id typed into the search box). */
  key?: string;
  /** A DOI the papers must have (lib/identity.ts `normalizeDoi`: lower case, bare). */
  doi?: string;
  status: SearchStatus;
  tag?: string;
  site?: string;
  range?: { lo: number; hi: number };
  sort: 'lastSeen' | 'firstSeen' | 'savedAt' | 'title' | 'seenCount';
  /** Rank by title hits when the matches are at most `relevanceCap`. */
  relevance: boolean;
  relevanceCap: number;
  offset: number;
  limit: number;
}

/**
 * The columns a search reads: the catalog's own arrays, handed over as they are (no copy), so the
 * loops below index them just as the catalog's methods did.
 */
export interface SearchColumns {
  keys: string[];
  titles: string[];
  dois: string[];
  /** Tags and sites joined by U+0001 ('' for none). */
  tags: string[];
  sites: string[];
  savedAt: number[];
  lastSeen: number[];
  firstSeen: number[];
  seenCount: number[];
  /** Each paper's note (a mark for a row of another shape: only whether it has one counts here). */
  notes: string[];
  /** Where each was published ('' for none known). */
  journals: string[];
  proceedings: string[];
  slotOf: ReadonlyMap<string, number>;
  /** Word ids below `dict.length` are the snapshot's, in sorted order; later ones are `extraWords`. */
  dict: string[];
  extraWords: string[];
  /** A slot's word ids: its own array once written since the snapshot, else its range of `baseIds`. */
  ownWords: (Int32Array | null)[];
  /** Slots holding their own word array (written since the snapshot). */
  ownWordSlots: number[];
  baseOffsets: Int32Array;
  baseIds: Int32Array;
  /** The snapshot's word postings (`wordPostings`), built on the first search with words and kept. */
  postings(): WordPostings;
  /**
   * Each slot's place in title order (`rankTitles`), built on the first title sort and kept while
   * few titles change: -1 (or past the end) for a slot whose title is newer than it.
   */
  titleRanks(): Int32Array;
}

/** Word id → snapshot slots: word `w`'s slots are `slots[offsets[w]]` up to `slots[offsets[w + 1]]`. */
export type WordPostings = { offsets: Int32Array; slots: Int32Array };

export function searchColumns(c: SearchColumns, q: CatalogQuery): { total: number; keys: string[] } {
  const n = c.keys.length;
  const terms = q.terms.map((t) => termIds(c, t));
  // A term no word starts with matches nothing.
  if (terms.some((t) => t === null)) return { total: 0, keys: [] };
  const lo = q.range?.lo ?? -Infinity;
  const hi = q.range?.hi ?? Infinity;
  const ownWords = c.ownWords;
  const baseIds = c.baseIds;
  const baseOffsets = c.baseOffsets;
  const hasWord = (s: number, t: TermIds): boolean => {
    const own = ownWords[s];
    if (own) {
      for (let i = 0; i < own.length; i++) if (t.has(own[i]!)) return true;
      return false;
    }
    for (let i = baseOffsets[s]!, end = baseOffsets[s + 1]!; i < end; i++) {
      const w = baseIds[i]!;
      if (w >= t.lo && w < t.hi) return true;
    }
    return false;
  };
  const test = (s: number): boolean => {
    if (!c.keys[s]) return false;
    if (q.doi !== undefined && !sameDoi(c.dois[s]!, q.doi)) return false;
    if (q.status === 'saved' && !(c.savedAt[s]! > 0)) return false;
    if (q.status === 'seen' && !(c.lastSeen[s]! > 0)) return false;
    if (q.status === 'noted' && !HAS_TEXT.test(c.notes[s]!)) return false;
    if (q.status === 'published' && !c.journals[s] && !c.proceedings[s]) return false;
    if (q.range) {
      const f = c.firstSeen[s]!;
      if (!(f >= lo && f <= hi)) return false;
    }
    if (q.site !== undefined && !hasPart(c.sites[s]!, q.site)) return false;
    if (q.tag !== undefined && !hasPart(c.tags[s]!, q.tag)) return false;
    for (const t of terms as TermIds[]) if (!hasWord(s, t)) return false;
    return true;
  };

  let matched: number[];
  if (q.key !== undefined) {
    const s = c.slotOf.get(q.key);
    matched = s !== undefined && test(s) ? [s] : [];
  } else if (terms.length) {
    // Only the papers holding the rarest term's words are checked.
    const { offsets, slots } = c.postings();
    const size = (t: TermIds) => offsets[t.hi]! - offsets[t.lo]!;
    const rarest = (terms as TermIds[]).reduce((a, b) => (size(b) < size(a) ? b : a));
    const seen = new Uint8Array(n);
    const candidates: number[] = [];
    for (let i = offsets[rarest.lo]!, end = offsets[rarest.hi]!; i < end; i++) {
      const s = slots[i]!;
      // A slot written since keeps its own words: its snapshot postings are stale.
      if (seen[s] || ownWords[s]) continue;
      seen[s] = 1;
      candidates.push(s);
    }
    for (const s of c.ownWordSlots) if (!seen[s]) candidates.push(s);
    candidates.sort((a, b) => a - b);
    matched = candidates.filter(test);
  } else {
    matched = [];
    for (let s = 0; s < n; s++) if (test(s)) matched.push(s);
  }

  const need = q.offset + q.limit;
  const order =
    q.relevance && matched.length <= q.relevanceCap ? matched.sort(byRelevance(c, q.terms)) : topK(matched, need, byField(c, q.sort));
  return { total: matched.length, keys: order.slice(q.offset, need).map((s) => c.keys[s]!) };
}

/** Word id → the snapshot's slots holding it, transposed from the slots' word lists once. */
export function wordPostings(words: number, ids: Int32Array, bo: Int32Array): WordPostings {
  const offsets = new Int32Array(words + 1);
  for (let i = 0; i < ids.length; i++) offsets[ids[i]! + 1]!++;
  for (let w = 0; w < words; w++) offsets[w + 1]! += offsets[w]!;
  const fill = offsets.slice(0, words);
  const slots = new Int32Array(ids.length);
  for (let s = 0; s + 1 < bo.length; s++) for (let i = bo[s]!; i < bo[s + 1]!; i++) slots[fill[ids[i]!]!++] = s;
  return { offsets, slots };
}

/** The ids of the words starting with `term`: a range of the sorted ids, plus newer words. */
function termIds(c: SearchColumns, term: string): TermIds | null {
  const dict = c.dict;
  const lo = lowerBound(dict.length, (j) => dict[j]!, term, (a, b) => a < b);
  let hi = lo;
  while (hi < dict.length && dict[hi]!.startsWith(term)) hi++;
  const base = dict.length;
  const extra = new Uint8Array(c.extraWords.length);
  let any = hi > lo;
  c.extraWords.forEach((w, i) => {
    if (!w.startsWith(term)) return;
    extra[i] = 1;
    any = true;
  });
  return any ? { lo, hi, has: (w) => (w >= lo && w < hi) || (w >= base && extra[w - base] === 1) } : null;
}

const LEADING = /^[^\p{L}\p{N}]+/u;

/**
 * What titles sort by: folded (case and accents ignored, lib/words.ts `fold`) and without leading
 * punctuation, so "attention…", "“Why…" and "Émergence…" fall among the others. Ties: the title as
 * it is (code units), then the key. Snapshots keep the ranks this order gives: changing it bumps
 * CATALOG_VERSION (a change to `fold` bumps WORDS_VERSION, which snapshots record too).
 */
export function titleSortKey(title: string): string {
  return fold(title).replace(LEADING, '');
}

/**
 * Every live slot's place in title order. Folding 100k titles and sorting them takes a while, so
 * the catalog keeps the ranks while titles change (a changed title compares by its sort key, see
 * `byField`) and builds them again only after many changes.
 */
export function rankTitles(keys: string[], titles: string[]): Int32Array {
  const n = keys.length;
  const rank = new Int32Array(n).fill(-1);
  const live: number[] = [];
  const sortKeys = new Array<string>(n);
  for (let s = 0; s < n; s++) {
    if (!keys[s]) continue;
    live.push(s);
    sortKeys[s] = titleSortKey(titles[s]!);
  }
  live.sort((x, y) => cmpStr(sortKeys[x]!, sortKeys[y]!) || cmpStr(titles[x]!, titles[y]!) || cmpStr(keys[x]!, keys[y]!));
  for (let i = 0; i < live.length; i++) rank[live[i]!] = i;
  return rank;
}

const HAS_TEXT = /\S/;

function byField(c: SearchColumns, sort: CatalogQuery['sort']): (x: number, y: number) => number {
  const keys = c.keys;
  if (sort === 'title') {
    const t = c.titles;
    const rank = c.titleRanks();
    // Slots without a current rank compare by sort key; ranks agree with that order, so the two mix.
    const sortKeys = new Map<number, string>();
    const sortKey = (s: number) => {
      let k = sortKeys.get(s);
      if (k === undefined) sortKeys.set(s, (k = titleSortKey(t[s]!)));
      return k;
    };
    return (x, y) => {
      const rx = x < rank.length ? rank[x]! : -1;
      const ry = y < rank.length ? rank[y]! : -1;
      if (rx >= 0 && ry >= 0) return rx - ry;
      return cmpStr(sortKey(x), sortKey(y)) || cmpStr(t[x]!, t[y]!) || cmpStr(keys[x]!, keys[y]!);
    };
  }
  if (sort === 'seenCount') {
    const n = c.seenCount;
    const last = byField(c, 'lastSeen');
    return (x, y) => n[y]! - n[x]! || last(x, y);
  }
  const v = c[sort];
  // A paper never met on a page (added by hand, imported from a reference manager) falls among the
  // others by when it was saved, as the list's date column says it, rather than after all 100k.
  const saved = sort === 'lastSeen' ? c.savedAt : null;
  const at = (s: number) => (saved && Number.isNaN(v[s]!) ? saved[s]! : v[s]!);
  return (x, y) => {
    const a = at(x);
    const b = at(y);
    const ha = !Number.isNaN(a);
    const hb = !Number.isNaN(b);
    if (ha !== hb) return ha ? -1 : 1;
    if (!ha) return cmpStr(keys[x]!, keys[y]!);
    return b - a || cmpStr(keys[y]!, keys[x]!);
  };
}

function byRelevance(c: SearchColumns, terms: string[]): (x: number, y: number) => number {
  const scores = new Map<number, number>();
  const score = (s: number) => {
    let v = scores.get(s);
    if (v === undefined) {
      const t = fold(c.titles[s]!);
      v = terms.reduce((acc, term) => acc + (t.includes(term) ? 2 : 0), 0) + (c.savedAt[s]! > 0 ? 1 : 0);
      scores.set(s, v);
    }
    return v;
  };
  const recent = byField(c, 'lastSeen');
  return (x, y) => score(y) - score(x) || recent(x, y);
}

type TermIds = { lo: number; hi: number; has: (id: number) => boolean };

/** Whether a stored DOI is `doi` (normalised: lower case); stored ones are normalised too, mostly. */
function sameDoi(stored: string, doi: string): boolean {
  return stored === doi || (stored.length === doi.length && stored.toLowerCase() === doi);
}

/** Whether a U+0001-joined list holds `part`. */
function hasPart(joined: string, part: string): boolean {
  if (!joined) return false;
  if (joined === part) return true;
  return joined.split(SUB).includes(part);
}

/** The first `k` of `items` in `cmp` order: a full sort only when most of them are wanted. */
export function topK(items: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return items.sort(cmp).slice(0, k);
  const best: number[] = [];
  for (const x of items) {
    if (best.length === k && cmp(x, best[k - 1]!) >= 0) continue;
    // After its equals, so ties keep their input order.
    best.splice(lowerBound(best.length, (i) => best[i]!, x, (a, b) => cmp(a, b) <= 0), 0, x);
    if (best.length > k) best.pop();
  }
  return best;
}
