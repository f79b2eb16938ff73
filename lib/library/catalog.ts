/**
 * The catalog: what search and near-title lookups need of every paper, held in the service
 * worker's memory in columns (one slot per paper), so a query is a pass over arrays instead of
 * thousands of IndexedDB index entries (~10–50 µs each in Chromium) and rows (~70–110 µs each).
 *
 * It is a pure structure: `put`/`remove`/`clear` keep it in step with the papers table (the database
 * module reports every write, see lib/db.ts), `pack`/`unpack` turn it into one snapshot value, and
 * lib/library/catalog-store.ts decides when it is loaded and saved. Rows stay the truth: a search
 * answers keys and the caller reads just the page's rows.
 *
 * Search answers in exactly the order lib/library/search.ts documents (date sorts newest first with
 * ties by key descending, titles in code-unit order with ties by key, papers without the field last
 * in key order, relevance by title hits up to CAP matches), always with an exact total.
 */
import { titleDigest, type TitleDigest } from '../dedup';
import type { PaperRow } from '../db';
import type { PaperRef } from '../types';
import { fold } from '../words';

/** Bump when the snapshot's layout or what it derives from rows changes: old snapshots are rebuilt. */
export const CATALOG_VERSION = 1;

export interface CatalogQuery {
  /** Folded query terms, each a prefix of some indexed word. */
  terms: string[];
  /** A paper key the query names exactly (an arXiv id typed into the search box). */
  key?: string;
  status: 'all' | 'saved' | 'seen';
  tag?: string;
  site?: string;
  range?: { lo: number; hi: number };
  sort: 'lastSeen' | 'firstSeen' | 'savedAt' | 'title';
  /** Rank by title hits when the matches are at most `relevanceCap`. */
  relevance: boolean;
  relevanceCap: number;
  offset: number;
  limit: number;
}

/** One snapshot value: columns as joined strings and typed arrays (cheap to structured-clone). */
export interface CatalogSnapshot {
  version: number;
  count: number;
  keys: string;
  titles: string;
  authors: string;
  arxivIds: string;
  dois: string;
  tags: string;
  candidates: string;
  sites: string;
  years: Float64Array;
  versions: Float64Array;
  savedAt: Float64Array;
  lastSeen: Float64Array;
  firstSeen: Float64Array;
  titleKeys: Float64Array;
  markers: string;
  compacts: string;
  spaceless: Float64Array;
  titleFlags: Float64Array;
  words: string;
  wordOffsets: Int32Array;
  wordIds: Int32Array;
}

const SEP = '\u0000';
const SUB = '\u0001';

const split = (s: string, n: number, sep = SEP): string[] => (n === 0 ? [] : s.split(sep));
const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class Catalog {
  // Columns, by slot. A removed paper leaves a hole (key ''), filled again only by `pack`.
  private keys: string[] = [];
  private titles: string[] = [];
  private authors: string[] = [];
  private arxivIds: string[] = [];
  private dois: string[] = [];
  private years: number[] = [];
  private versions: number[] = [];
  // The title digest (dedup.titleDigest), column by column.
  private titleKeys: number[] = [];
  private markers: string[] = [];
  private compacts: string[] = [];
  private spaceless: number[] = [];
  /** 1: short title; 2: has a trailing note. */
  private titleFlags: number[] = [];
  private savedAt: number[] = [];
  private lastSeen: number[] = [];
  private firstSeen: number[] = [];
  private sites: string[][] = [];
  private tags: (string[] | null)[] = [];
  private cands: (string[] | null)[] = [];
  private words: (Int32Array | null)[] = [];

  private readonly slotOf = new Map<string, number>();
  /** Candidate key → slots; stale entries (a title since changed) only cost a check. */
  private readonly byCand = new Map<string, number | number[]>();

  // Words: id → word; a sorted prefix of the ids for prefix search, newer ids scanned linearly.
  private readonly wordId = new Map<string, number>();
  private wordList: string[] = [];
  private sortedIds = new Int32Array(0);
  private sortedUpTo = 0;

  get size(): number {
    return this.slotOf.size;
  }

  has(key: string): boolean {
    return this.slotOf.has(key);
  }

  clear(): void {
    Object.assign(this, new Catalog());
  }

  put(row: PaperRow): void {
    let s = this.slotOf.get(row.key);
    if (s === undefined) {
      s = this.keys.length;
      this.slotOf.set(row.key, s);
      this.keys.push(row.key);
    }
    this.titles[s] = row.title;
    this.authors[s] = row.authors.join(SUB);
    this.arxivIds[s] = row.arxivId ?? '';
    this.dois[s] = row.doi ?? '';
    this.years[s] = row.year ?? NaN;
    this.versions[s] = row.version ?? NaN;
    const d = titleDigest(row.title);
    this.titleKeys[s] = d.key;
    this.markers[s] = d.markers;
    this.compacts[s] = d.compact;
    this.spaceless[s] = d.spaceless;
    this.titleFlags[s] = (d.short ? 1 : 0) | (d.hasBase ? 2 : 0);
    this.savedAt[s] = typeof row.savedAt === 'number' ? row.savedAt : NaN;
    this.lastSeen[s] = typeof row.lastSeen === 'number' ? row.lastSeen : NaN;
    this.firstSeen[s] = typeof row.firstSeen === 'number' ? row.firstSeen : NaN;
    this.sites[s] = row.sites;
    this.tags[s] = row.tags.length ? row.tags : null;
    const before = this.cands[s];
    if (!before || before.length !== row.candidateKeys.length || before.some((k, i) => k !== row.candidateKeys[i])) {
      for (const k of row.candidateKeys) if (!before?.includes(k)) this.post(k, s);
    }
    this.cands[s] = row.candidateKeys;
    const ids = new Int32Array(row.words.length);
    for (let i = 0; i < row.words.length; i++) ids[i] = this.idOf(row.words[i]!);
    this.words[s] = ids;
  }

  remove(key: string): void {
    const s = this.slotOf.get(key);
    if (s === undefined) return;
    this.slotOf.delete(key);
    this.keys[s] = '';
    this.tags[s] = null;
    this.words[s] = null;
    this.cands[s] = null;
    this.titles[s] = '';
    this.authors[s] = '';
  }

  private idOf(word: string): number {
    let id = this.wordId.get(word);
    if (id === undefined) {
      id = this.wordList.length;
      this.wordId.set(word, id);
      this.wordList.push(word);
    }
    return id;
  }

  private post(k: string, s: number): void {
    const cur = this.byCand.get(k);
    if (cur === undefined) this.byCand.set(k, s);
    else if (typeof cur === 'number') {
      if (cur !== s) this.byCand.set(k, [cur, s]);
    } else if (!cur.includes(s)) cur.push(s);
  }

  /** How many papers carry each tag. */
  tagCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const tags of this.tags) if (tags) for (const t of tags) out.set(t, (out.get(t) ?? 0) + 1);
    return out;
  }

  savedCount(): number {
    let n = 0;
    for (let s = 0; s < this.keys.length; s++) if (this.keys[s] && this.savedAt[s]! > 0) n++;
    return n;
  }

  // ---- lookups ------------------------------------------------------------------------------------

  /** Keys of the papers sharing a candidate key (may include papers whose title has since changed). */
  candidates(keys: string[]): string[] {
    const out = new Set<string>();
    for (const k of keys) {
      const cur = this.byCand.get(k);
      if (cur === undefined) continue;
      for (const s of typeof cur === 'number' ? [cur] : cur) {
        const key = this.keys[s]!;
        if (key && this.cands[s]?.includes(k)) out.add(key);
      }
    }
    return [...out];
  }

  /** What the dedup rules compare, for a paper the catalog holds. */
  ref(key: string): (PaperRef & { version?: number }) | undefined {
    const s = this.slotOf.get(key);
    if (s === undefined) return undefined;
    const a = this.authors[s]!;
    const ref: PaperRef & { version?: number } = { title: this.titles[s]!, authors: a ? a.split(SUB) : [] };
    if (this.arxivIds[s]) ref.arxivId = this.arxivIds[s];
    if (this.dois[s]) ref.doi = this.dois[s];
    if (!Number.isNaN(this.years[s])) ref.year = this.years[s];
    if (!Number.isNaN(this.versions[s])) ref.version = this.versions[s];
    return ref;
  }

  /** The stored title's digest, to rule out most candidates without analysing their titles. */
  digest(key: string): TitleDigest | undefined {
    const s = this.slotOf.get(key);
    if (s === undefined) return undefined;
    const f = this.titleFlags[s]!;
    return {
      key: this.titleKeys[s]!,
      markers: this.markers[s]!,
      compact: this.compacts[s]!,
      spaceless: this.spaceless[s]!,
      short: (f & 1) !== 0,
      hasBase: (f & 2) !== 0,
    };
  }

  // ---- search -------------------------------------------------------------------------------------

  search(q: CatalogQuery): { total: number; keys: string[] } {
    const n = this.keys.length;
    const flags = q.terms.map((t) => this.prefixFlags(t));
    // A term no word starts with matches nothing.
    if (flags.some((f) => f === null)) return { total: 0, keys: [] };
    const lo = q.range?.lo ?? -Infinity;
    const hi = q.range?.hi ?? Infinity;
    const test = (s: number): boolean => {
      if (!this.keys[s]) return false;
      if (q.status === 'saved' && !(this.savedAt[s]! > 0)) return false;
      if (q.status === 'seen' && !(this.lastSeen[s]! > 0)) return false;
      if (q.site !== undefined && !this.sites[s]!.includes(q.site)) return false;
      if (q.tag !== undefined && !this.tags[s]?.includes(q.tag)) return false;
      if (q.range) {
        const f = this.firstSeen[s]!;
        if (!(f >= lo && f <= hi)) return false;
      }
      const ws = this.words[s]!;
      for (const flag of flags as Uint8Array[]) {
        let hit = false;
        for (let i = 0; i < ws.length; i++) {
          if (flag[ws[i]!]) {
            hit = true;
            break;
          }
        }
        if (!hit) return false;
      }
      return true;
    };

    let matched: number[];
    if (q.key !== undefined) {
      const s = this.slotOf.get(q.key);
      matched = s !== undefined && test(s) ? [s] : [];
    } else {
      matched = [];
      for (let s = 0; s < n; s++) if (test(s)) matched.push(s);
    }

    const need = q.offset + q.limit;
    let order: number[];
    if (q.relevance && matched.length <= q.relevanceCap) {
      order = matched.sort(this.byRelevance(q.terms));
    } else {
      order = topK(matched, need, this.byField(q.sort));
    }
    return { total: matched.length, keys: order.slice(q.offset, need).map((s) => this.keys[s]!) };
  }

  /** Flags over word ids: which words start with `term`; null when none does. */
  private prefixFlags(term: string): Uint8Array | null {
    this.sortWords();
    const list = this.wordList;
    const ids = this.sortedIds;
    const flags = new Uint8Array(list.length);
    let any = false;
    let a = 0;
    let b = ids.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (list[ids[m]!]! < term) a = m + 1;
      else b = m;
    }
    for (let i = a; i < ids.length && list[ids[i]!]!.startsWith(term); i++) {
      flags[ids[i]!] = 1;
      any = true;
    }
    for (let id = this.sortedUpTo; id < list.length; id++) {
      if (list[id]!.startsWith(term)) {
        flags[id] = 1;
        any = true;
      }
    }
    return any ? flags : null;
  }

  /** Keeps at most a few thousand words unsorted; re-sorting is a merge of two sorted runs. */
  private sortWords(): void {
    const list = this.wordList;
    if (list.length - this.sortedUpTo < 4_096) return;
    const fresh = Array.from({ length: list.length - this.sortedUpTo }, (_, i) => this.sortedUpTo + i);
    fresh.sort((x, y) => cmpStr(list[x]!, list[y]!));
    const old = this.sortedIds;
    const merged = new Int32Array(old.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < old.length && j < fresh.length) {
      merged[k++] = list[old[i]!]! <= list[fresh[j]!]! ? old[i++]! : fresh[j++]!;
    }
    while (i < old.length) merged[k++] = old[i++]!;
    while (j < fresh.length) merged[k++] = fresh[j++]!;
    this.sortedIds = merged;
    this.sortedUpTo = list.length;
  }

  private byField(sort: CatalogQuery['sort']): (x: number, y: number) => number {
    const keys = this.keys;
    if (sort === 'title') {
      const t = this.titles;
      return (x, y) => cmpStr(t[x]!, t[y]!) || cmpStr(keys[x]!, keys[y]!);
    }
    const v = this[sort];
    return (x, y) => {
      const a = v[x]!;
      const b = v[y]!;
      const ha = !Number.isNaN(a);
      const hb = !Number.isNaN(b);
      if (ha !== hb) return ha ? -1 : 1;
      if (!ha) return cmpStr(keys[x]!, keys[y]!);
      return b - a || cmpStr(keys[y]!, keys[x]!);
    };
  }

  private byRelevance(terms: string[]): (x: number, y: number) => number {
    const scores = new Map<number, number>();
    const score = (s: number) => {
      let v = scores.get(s);
      if (v === undefined) {
        const t = fold(this.titles[s]!);
        v = terms.reduce((acc, term) => acc + (t.includes(term) ? 2 : 0), 0) + (this.savedAt[s]! > 0 ? 1 : 0);
        scores.set(s, v);
      }
      return v;
    };
    const recent = this.byField('lastSeen');
    return (x, y) => score(y) - score(x) || recent(x, y);
  }

  // ---- snapshot -----------------------------------------------------------------------------------

  /** The catalog as one value, holes dropped. */
  pack(): CatalogSnapshot {
    const live: number[] = [];
    for (let s = 0; s < this.keys.length; s++) if (this.keys[s]) live.push(s);
    const n = live.length;
    const pick = (col: string[]) => live.map((s) => col[s]!).join(SEP);
    const num = (col: number[]) => Float64Array.from(live, (s) => col[s]!);
    // Words are renumbered to those still used, in sorted order, so the loaded catalog starts sorted.
    const used = new Uint8Array(this.wordList.length);
    let total = 0;
    for (const s of live) {
      const ws = this.words[s]!;
      total += ws.length;
      for (let i = 0; i < ws.length; i++) used[ws[i]!] = 1;
    }
    const usedIds: number[] = [];
    for (let id = 0; id < used.length; id++) if (used[id]) usedIds.push(id);
    usedIds.sort((x, y) => cmpStr(this.wordList[x]!, this.wordList[y]!));
    const renum = new Int32Array(this.wordList.length);
    usedIds.forEach((id, i) => (renum[id] = i));
    const wordOffsets = new Int32Array(n + 1);
    const wordIds = new Int32Array(total);
    let at = 0;
    live.forEach((s, i) => {
      const ws = this.words[s]!;
      for (let j = 0; j < ws.length; j++) wordIds[at++] = renum[ws[j]!]!;
      wordOffsets[i + 1] = at;
    });
    return {
      version: CATALOG_VERSION,
      count: n,
      keys: pick(this.keys),
      titles: pick(this.titles),
      authors: pick(this.authors),
      arxivIds: pick(this.arxivIds),
      dois: pick(this.dois),
      tags: live.map((s) => this.tags[s]?.join(SUB) ?? '').join(SEP),
      candidates: live.map((s) => this.cands[s]!.join(SUB)).join(SEP),
      sites: live.map((s) => this.sites[s]!.join(SUB)).join(SEP),
      years: num(this.years),
      versions: num(this.versions),
      savedAt: num(this.savedAt),
      lastSeen: num(this.lastSeen),
      firstSeen: num(this.firstSeen),
      titleKeys: num(this.titleKeys),
      markers: pick(this.markers),
      compacts: pick(this.compacts),
      spaceless: num(this.spaceless),
      titleFlags: num(this.titleFlags),
      words: usedIds.map((id) => this.wordList[id]!).join(SEP),
      wordOffsets,
      wordIds,
    };
  }

  static unpack(snap: CatalogSnapshot): Catalog {
    const c = new Catalog();
    const n = snap.count;
    c.keys = split(snap.keys, n);
    c.titles = split(snap.titles, n);
    c.authors = split(snap.authors, n);
    c.arxivIds = split(snap.arxivIds, n);
    c.dois = split(snap.dois, n);
    c.tags = split(snap.tags, n).map((t) => (t ? t.split(SUB) : null));
    c.cands = split(snap.candidates, n).map((t) => (t ? t.split(SUB) : []));
    c.sites = split(snap.sites, n).map((t) => (t ? t.split(SUB) : []));
    c.years = Array.from(snap.years);
    c.versions = Array.from(snap.versions);
    c.savedAt = Array.from(snap.savedAt);
    c.lastSeen = Array.from(snap.lastSeen);
    c.firstSeen = Array.from(snap.firstSeen);
    c.titleKeys = Array.from(snap.titleKeys);
    c.markers = split(snap.markers, n);
    c.compacts = split(snap.compacts, n);
    c.spaceless = Array.from(snap.spaceless);
    c.titleFlags = Array.from(snap.titleFlags);
    c.wordList = snap.words ? snap.words.split(SEP) : [];
    c.wordList.forEach((w, i) => c.wordId.set(w, i));
    c.sortedIds = Int32Array.from(c.wordList, (_, i) => i);
    c.sortedUpTo = c.wordList.length;
    for (let s = 0; s < n; s++) {
      c.slotOf.set(c.keys[s]!, s);
      c.words[s] = snap.wordIds.subarray(snap.wordOffsets[s]!, snap.wordOffsets[s + 1]!);
      for (const k of c.cands[s]!) c.post(k, s);
    }
    return c;
  }
}

/** The first `k` of `items` in `cmp` order: a full sort only when most of them are wanted. */
export function topK(items: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) return items.sort(cmp).slice(0, k);
  const best: number[] = [];
  for (const x of items) {
    if (best.length === k && cmp(x, best[k - 1]!) >= 0) continue;
    let a = 0;
    let b = best.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (cmp(best[m]!, x) <= 0) a = m + 1;
      else b = m;
    }
    best.splice(a, 0, x);
    if (best.length > k) best.pop();
  }
  return best;
}
