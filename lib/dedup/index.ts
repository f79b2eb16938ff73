/**
 * Is this the same paper? Identifiers first, titles second, numbers never fuzzed.
 *
 * Pure code, no browser dependency: the library persists `candidateKeys` in a Dexie multi-entry
 * index so a woken service worker can look titles up without rebuilding anything, and
 * `DedupIndex` is the in-memory equivalent for bulk work (imports, merges, tests).
 */

import { paperKey } from '../identity';
import { hashNumber, keysOf } from './candidate-keys';
import { explainProfiles, profileOf, type MatchRule, type Profile, type VersionedRef } from './same-paper';
import { nearCompacts } from './similar-titles';
import { analyseTitle, type TitleInfo } from './title-analysis';

export type { PaperRef } from '../types';
export { analysedTitleKey } from './title-analysis';
export { explainMatch, matcherFor, samePaper, type MatchExplanation, type MatchRule, type VersionedRef } from './same-paper';
export { CANDIDATE_KEYS_VERSION, candidateKeys, hashNumber } from './candidate-keys';

/**
 * What a title must share with another to be the same paper by title, in a few numbers a 100k
 * catalog can keep for every paper (lib/library/catalog.ts): comparing two digests rejects most
 * candidate pairs without analysing the stored title, and never rejects a pair `explainMatch`
 * would accept on titles.
 */
export type TitleDigest = { key: number; markers: string; compact: string; short: boolean; spaceless: number; hasBase: boolean };

export function titleDigest(title: string): TitleDigest {
  return digestOf(analyseTitle(title));
}

function digestOf(info: TitleInfo): TitleDigest {
  return {
    key: hashNumber(info.key),
    markers: info.markers,
    compact: info.compact,
    short: info.short,
    spaceless: hashNumber(info.key.replace(/ /g, '')),
    hasBase: info.base !== undefined,
  };
}

/**
 * Digests worked out while a row's stored keys were (`titleKeys`), for the catalog to take when
 * the same row object reaches it: an import would otherwise analyse 100k titles a second time,
 * since they overflow `analyseTitle`'s cache. Weak, so rows are never kept alive by it.
 */
const rowDigests = new WeakMap<object, { title: string; digest: TitleDigest }>();

/**
 * `titleKey` and `candidateKeys` of a row's title from one analysis (they are the same key and the
 * keys `candidateKeys(title)` gives).
 */
export function titleKeys(row: { title: string }): { titleKey: string; candidateKeys: string[] } {
  const info = analyseTitle(row.title);
  rowDigests.set(row, { title: row.title, digest: digestOf(info) });
  return { titleKey: info.key, candidateKeys: keysOf(info) };
}

/** `titleDigest(row.title)`, taken from `titleKeys` when it saw this row with this title. */
export function rowTitleDigest(row: { title: string }): TitleDigest {
  const got = rowDigests.get(row);
  return got && got.title === row.title ? got.digest : titleDigest(row.title);
}

/**
 * False only when the titles can be neither equal nor near-equal: the same key, else the same
 * markers (a trailing note only exists with its title's markers) and, without notes, the edit
 * ratio `similarTitles` checks first.
 */
export function mayBeSameTitle(a: TitleDigest, b: TitleDigest): boolean {
  if (a.key === b.key) return true;
  if (a.markers !== b.markers) return false;
  if (a.hasBase || b.hasBase) return true;
  if (a.short || b.short) return a.spaceless === b.spaceless;
  return nearCompacts(a.compact, b.compact);
}

// ---------------------------------------------------------------------------------------------
// In-memory index
// ---------------------------------------------------------------------------------------------

export type IndexedPaper = { key: string } & VersionedRef;
export type FindResult = { key: string; rule: MatchRule; score?: number };
/** User-declared "not the same paper" pairs, as a predicate or a list of key pairs. */
export type NotSame = ((keyA: string, keyB: string) => boolean) | Iterable<readonly [string, string]>;

export type DedupIndexOptions = { papers?: Iterable<IndexedPaper>; notSame?: NotSame };
/** `notSame` adds pairs for this lookup only; `exclude` skips one indexed key (e.g. the paper itself). */
export type FindOptions = { notSame?: NotSame; exclude?: string };

function isNotSame(x: object): x is NotSame {
  return typeof x === 'function' || Symbol.iterator in x;
}

type Entry = { paper: IndexedPaper; profile: Profile };

/** Postings hold one key as a bare string: most candidate keys belong to a single paper. */
type Postings = Map<string, string | Set<string>>;

function post(map: Postings, k: string, v: string): void {
  const cur = map.get(k);
  if (cur === undefined) map.set(k, v);
  else if (typeof cur === 'string') {
    if (cur !== v) map.set(k, new Set([cur, v]));
  } else cur.add(v);
}

function unpost(map: Postings, k: string, v: string): void {
  const cur = map.get(k);
  if (cur === undefined) return;
  if (typeof cur === 'string') {
    if (cur === v) map.delete(k);
    return;
  }
  cur.delete(v);
  if (cur.size === 0) map.delete(k);
}

function addPostings(map: Postings, k: string, out: Set<string>): void {
  const cur = map.get(k);
  if (cur === undefined) return;
  if (typeof cur === 'string') out.add(cur);
  else for (const v of cur) out.add(v);
}

const pairId = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

const RULE_RANK: Record<MatchRule, number> = {
  'arxiv-id': 5,
  'arxiv-id-other-version': 4,
  doi: 3,
  title: 2,
  'similar-title': 1,
};

/**
 * Papers by arXiv id, DOI, title key and candidate key, so `find` touches only the few papers
 * that could match instead of scanning the library.
 */
export class DedupIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly byArxiv: Postings = new Map();
  private readonly byDoi: Postings = new Map();
  private readonly byTitle: Postings = new Map();
  private readonly byCandidate: Postings = new Map();
  private readonly notSamePairs = new Set<string>();
  private readonly notSamePredicates: Array<(a: string, b: string) => boolean> = [];

  /** Options, or the not-same pairs alone (`new DedupIndex(notSame)`). */
  constructor(options: DedupIndexOptions | NotSame = {}) {
    const o: DedupIndexOptions = isNotSame(options) ? { notSame: options } : options;
    if (o.notSame) this.addNotSame(o.notSame);
    if (o.papers) for (const p of o.papers) this.add(p);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Adds a paper, replacing any paper already indexed under the same key. */
  add(paper: IndexedPaper): void {
    if (this.entries.has(paper.key)) this.remove(paper.key);
    const profile = profileOf(paper);
    const keys = profile.title ? keysOf(profile.title) : [];
    this.entries.set(paper.key, { paper, profile });
    if (profile.arxiv) post(this.byArxiv, profile.arxiv, paper.key);
    if (profile.doi) post(this.byDoi, profile.doi, paper.key);
    if (profile.title) post(this.byTitle, profile.title.key, paper.key);
    for (const k of keys) post(this.byCandidate, k, paper.key);
  }

  remove(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    const { profile } = e;
    if (profile.arxiv) unpost(this.byArxiv, profile.arxiv, key);
    if (profile.doi) unpost(this.byDoi, profile.doi, key);
    if (profile.title) unpost(this.byTitle, profile.title.key, key);
    // Keys are a pure function of the title: recomputed rather than kept for every paper.
    if (profile.title) for (const k of keysOf(profile.title)) unpost(this.byCandidate, k, key);
    this.entries.delete(key);
    return true;
  }

  /** Declares pairs of paper keys that must never match, whatever their titles say. */
  addNotSame(notSame: NotSame): void;
  addNotSame(keyA: string, keyB: string): void;
  addNotSame(x: NotSame | string, y?: string): void {
    if (typeof x === 'string') {
      if (y !== undefined) this.notSamePairs.add(pairId(x, y));
    } else if (typeof x === 'function') {
      this.notSamePredicates.push(x);
    } else {
      for (const [a, b] of x) this.notSamePairs.add(pairId(a, b));
    }
  }

  private isNotSame(a: string, b: string, extra?: NotSame): boolean {
    if (this.notSamePairs.has(pairId(a, b))) return true;
    for (const f of this.notSamePredicates) if (f(a, b) || f(b, a)) return true;
    if (extra) {
      if (typeof extra === 'function') return extra(a, b) || extra(b, a);
      for (const [x, y] of extra) if ((x === a && y === b) || (x === b && y === a)) return true;
    }
    return false;
  }

  /** Keys of the indexed papers that could match `ref`, before the `samePaper` check. */
  candidates(ref: VersionedRef): string[] {
    return [...this.candidateSet(profileOf(ref))];
  }

  private candidateSet(profile: Profile): Set<string> {
    const out = new Set<string>();
    if (profile.arxiv) addPostings(this.byArxiv, profile.arxiv, out);
    if (profile.doi) addPostings(this.byDoi, profile.doi, out);
    if (profile.title) {
      addPostings(this.byTitle, profile.title.key, out);
      for (const ck of keysOf(profile.title)) addPostings(this.byCandidate, ck, out);
    }
    return out;
  }

  /**
   * The indexed paper that is the same as `ref`, preferring identifier matches over exact titles
   * over similar titles (then the higher score). `ref.key` (or its `paperKey`) is the key checked
   * against not-same pairs; `exclude` skips one indexed key, e.g. the paper itself.
   */
  find(ref: VersionedRef & { key?: string }, opts: FindOptions | NotSame = {}): FindResult | null {
    const options: FindOptions = isNotSame(opts) ? { notSame: opts } : opts;
    const profile = profileOf(ref);
    const refKey = ref.key ?? paperKey(ref);
    let best: FindResult | null = null;
    let bestRank = 0;
    for (const key of this.candidateSet(profile)) {
      if (key === options.exclude) continue;
      const e = this.entries.get(key);
      if (!e) continue;
      const m = explainProfiles(profile, e.profile);
      if (!m) continue;
      if (key !== refKey && this.isNotSame(refKey, key, options.notSame)) continue;
      const rank = RULE_RANK[m.rule];
      if (
        best === null ||
        rank > bestRank ||
        (rank === bestRank && (m.score ?? 1) > (best.score ?? 1))
      ) {
        best = m.score === undefined ? { key, rule: m.rule } : { key, rule: m.rule, score: m.score };
        bestRank = rank;
      }
    }
    return best;
  }
}
