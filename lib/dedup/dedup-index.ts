/**
 * `DedupIndex`: papers in memory by identifier, title key and candidate key, the in-memory
 * equivalent of the library's Dexie indexes for bulk work (imports, merges, tests).
 */
import { paperKey } from '../identity';
import { keysOf } from './candidate-keys';
import { explainProfiles, profileOf, type MatchRule, type Profile, type VersionedRef } from './same-paper';

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
