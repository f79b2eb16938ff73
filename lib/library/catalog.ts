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
 * Search (lib/library/catalog-search.ts, over these columns) answers in exactly the order
 * lib/library/search.ts documents (date sorts newest first with ties by key descending, titles in
 * code-unit order with ties by key, papers without the field last in key order, relevance by title
 * hits up to CAP matches), always with an exact total.
 */
import { hashNumber, mayBeSameTitle, rowTitleDigest, type TitleDigest } from '../dedup';
import type { PaperRow } from '../db';
import type { PaperView } from '../messages';
import type { PaperRef } from '../types';
import { paperWords } from '../words';
import { plainRow, SEP, SUB } from './catalog-row-shape';
import { searchColumns, wordPostings, type CatalogQuery, type WordPostings } from './catalog-search';
import { cmpStr, lowerBound, mergeSorted } from './sorted';

/** Bump when the snapshot's layout or what it derives from rows changes: old snapshots are rebuilt. */
export const CATALOG_VERSION = 3;

/** A paper as page lookups answer it (rows.toSlimView): every field but the abstract. */
export type SlimView = Omit<PaperView, 'abstract'>;

/**
 * One snapshot value: columns as joined strings and typed arrays, which structured-clone as a few
 * large buffers and load without rebuilding any map but key → slot: words are numbered in sorted
 * order (a query prefix is a range of ids) and candidate keys are a sorted array of hashes.
 */
export interface CatalogSnapshot {
  version: number;
  count: number;
  keys: string;
  titles: string;
  authors: string;
  arxivIds: string;
  dois: string;
  tags: string;
  sites: string;
  markers: string;
  compacts: string;
  years: Float64Array;
  versions: Float64Array;
  savedAt: Float64Array;
  lastSeen: Float64Array;
  firstSeen: Float64Array;
  titleKeys: Float64Array;
  spaceless: Float64Array;
  titleFlags: Float64Array;
  // What a slim view needs beyond the columns above (see `slim`).
  publishedAt: string;
  urls: string;
  notes: string;
  seenCount: Float64Array;
  updatedAt: Float64Array;
  firstAt: Float64Array;
  /** Index into `places` (-1: no first sighting). */
  firstPlace: Int32Array;
  /** Distinct first-sighting places (site, label, page, digest date) as JSON, joined by NUL. */
  places: string;
  /** 1 when the slot's slim view is its columns exactly (see `plainRow`). */
  plain: Uint8Array;
  /** Every word, sorted, joined by NUL; a word's id is its position. */
  words: string;
  wordOffsets: Int32Array;
  wordIds: Int32Array;
  /** Each slot's candidate-key hashes (CSR), and all (hash, slot) pairs sorted by hash. */
  candOffsets: Int32Array;
  candHashes: Float64Array;
  candSorted: Float64Array;
  candSortedSlots: Int32Array;
}

const split = (s: string, n: number): string[] => (n === 0 ? [] : s.split(SEP));

/**
 * A typed column as a plain array (new papers are appended to it). A loop: `Array.from` goes through
 * the iterator protocol, ~5× slower on 100k numbers.
 */
function numbers(col: ArrayLike<number>): number[] {
  const out = new Array<number>(col.length);
  for (let i = 0; i < col.length; i++) out[i] = col[i]!;
  return out;
}

/** Run a generator of steps to its end, at once. */
function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
const EMPTY_I32: Int32Array = new Int32Array(0);
const EMPTY_F64: Float64Array = new Float64Array(0);

export class Catalog {
  // Columns, by slot. A removed paper leaves a hole (key ''), dropped by `pack`.
  private keys: string[] = [];
  private titles: string[] = [];
  /** Authors joined by U+0001. */
  private authors: string[] = [];
  private arxivIds: string[] = [];
  private dois: string[] = [];
  /** Tags and sites joined by U+0001 ('' for none): most papers have none, and no array each. */
  private tags: string[] = [];
  private sites: string[] = [];
  private years: number[] = [];
  private versions: number[] = [];
  private savedAt: number[] = [];
  private lastSeen: number[] = [];
  private firstSeen: number[] = [];
  // The title digest (dedup.titleDigest, via rowTitleDigest), column by column.
  private titleKeys: number[] = [];
  private markers: string[] = [];
  private compacts: string[] = [];
  private spaceless: number[] = [];
  /** 1: short title; 2: has a trailing note. */
  private titleFlags: number[] = [];
  // The rest of a slim view: page lookups answer from memory instead of reading each matched row.
  private publishedAt: string[] = [];
  /** URLs joined by U+0001. */
  private urls: string[] = [];
  private notes: string[] = [];
  private seenCount: number[] = [];
  private updatedAt: number[] = [];
  private firstAt: number[] = [];
  private firstPlace: number[] = [];
  /** A page visit's papers share their first sighting's place: each distinct one is kept once. */
  private places: string[] = [];
  private readonly placeId = new Map<string, number>();
  private plain: number[] = [];

  private readonly slotOf = new Map<string, number>();

  // Words. Ids below `dict.length` are the snapshot's, in sorted order; later ones are new words.
  private dict: string[] = [];
  private readonly extraId = new Map<string, number>();
  private extraWords: string[] = [];
  // A slot's word ids: its own array once written since the snapshot, else its range of `baseIds`.
  private baseOffsets = EMPTY_I32;
  private baseIds = EMPTY_I32;
  private ownWords: (Int32Array | null)[] = [];
  /** Slots holding their own word array (written since the snapshot). */
  private ownWordSlots: number[] = [];
  /** Word id → snapshot slots, built on the first search with words (see `wordPostings`). */
  private postings: WordPostings | null = null;

  // Candidate keys, as hashes: the snapshot's sorted pairs, plus postings written since.
  private candOffsets = EMPTY_I32;
  private candHashes = EMPTY_F64;
  private candSorted = EMPTY_F64;
  private candSortedSlots = EMPTY_I32;
  private ownCands: (number[] | null)[] = [];
  private readonly newCands = new Map<number, number[]>();

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
      this.ownWords.push(null);
      this.ownCands.push(null);
    }
    this.titles[s] = row.title;
    this.authors[s] = row.authors.join(SUB);
    this.arxivIds[s] = row.arxivId ?? '';
    this.dois[s] = row.doi ?? '';
    this.tags[s] = row.tags.join(SUB);
    this.sites[s] = row.sites.join(SUB);
    this.years[s] = row.year ?? NaN;
    this.versions[s] = row.version ?? NaN;
    this.savedAt[s] = typeof row.savedAt === 'number' ? row.savedAt : NaN;
    this.lastSeen[s] = typeof row.lastSeen === 'number' ? row.lastSeen : NaN;
    this.firstSeen[s] = typeof row.firstSeen === 'number' ? row.firstSeen : NaN;
    const d = rowTitleDigest(row);
    this.titleKeys[s] = d.key;
    this.markers[s] = d.markers;
    this.compacts[s] = d.compact;
    this.spaceless[s] = d.spaceless;
    this.titleFlags[s] = (d.short ? 1 : 0) | (d.hasBase ? 2 : 0);
    // A row of another shape keeps nothing here (its view is read from the database), so that no
    // string of it can break the snapshot's NUL-joined columns.
    const plain = plainRow(row);
    this.plain[s] = plain ? 1 : 0;
    this.publishedAt[s] = plain ? (row.publishedAt ?? '') : '';
    this.urls[s] = plain ? row.urls.join(SUB) : '';
    this.notes[s] = plain ? row.note : '';
    this.seenCount[s] = plain ? row.seenCount : 0;
    this.updatedAt[s] = plain ? row.updatedAt : 0;
    if (plain && row.first) {
      const { at, site, label, pageUrl, digestDate } = row.first;
      this.firstAt[s] = at;
      this.firstPlace[s] = this.placeOf(JSON.stringify(digestDate === undefined ? [site, label, pageUrl] : [site, label, pageUrl, digestDate]));
    } else {
      this.firstAt[s] = NaN;
      this.firstPlace[s] = -1;
    }
    const words = paperWords(row);
    const ids = new Int32Array(words.length);
    for (let i = 0; i < words.length; i++) ids[i] = this.idOf(words[i]!);
    if (!this.ownWords[s]) this.ownWordSlots.push(s);
    this.ownWords[s] = ids;
    const hashes = row.candidateKeys.map(hashNumber);
    const before = this.candsOf(s);
    for (const h of hashes) {
      if (before.includes(h)) continue;
      const list = this.newCands.get(h);
      if (list) list.push(s);
      else this.newCands.set(h, [s]);
    }
    this.ownCands[s] = hashes;
  }

  remove(key: string): void {
    const s = this.slotOf.get(key);
    if (s === undefined) return;
    this.slotOf.delete(key);
    this.keys[s] = '';
    this.titles[s] = '';
    this.authors[s] = '';
    this.tags[s] = '';
    this.urls[s] = '';
    this.notes[s] = '';
    this.plain[s] = 0;
    this.ownWords[s] = EMPTY_I32;
    this.ownCands[s] = [];
  }

  private placeOf(place: string): number {
    let id = this.placeId.get(place);
    if (id === undefined) {
      id = this.places.length;
      this.places.push(place);
      this.placeId.set(place, id);
    }
    return id;
  }

  private idOf(word: string): number {
    const dict = this.dict;
    const i = lowerBound(dict.length, (j) => dict[j]!, word, (a, b) => a < b);
    if (i < dict.length && dict[i] === word) return i;
    let id = this.extraId.get(word);
    if (id === undefined) {
      id = dict.length + this.extraWords.length;
      this.extraId.set(word, id);
      this.extraWords.push(word);
    }
    return id;
  }

  private wordsOf(s: number): Int32Array {
    return this.ownWords[s] ?? this.baseIds.subarray(this.baseOffsets[s]!, this.baseOffsets[s + 1]!);
  }

  private candsOf(s: number): ArrayLike<number> & { includes(x: number): boolean } {
    return this.ownCands[s] ?? (s + 1 < this.candOffsets.length ? this.candHashes.subarray(this.candOffsets[s]!, this.candOffsets[s + 1]!) : []);
  }

  /** How many papers carry each tag. */
  tagCounts(): Map<string, number> {
    const out = new Map<string, number>();
    for (const tags of this.tags) if (tags) for (const t of tags.split(SUB)) out.set(t, (out.get(t) ?? 0) + 1);
    return out;
  }

  savedCount(): number {
    let n = 0;
    for (let s = 0; s < this.keys.length; s++) if (this.keys[s] && this.savedAt[s]! > 0) n++;
    return n;
  }

  // ---- lookups ------------------------------------------------------------------------------------

  // `candidates`, `mayMatch` and `digest` are the steps `sameCandidates` takes in one pass; its
  // tests hold it to them.

  /** Keys of the papers sharing a candidate key (only keys their current title gives). */
  candidates(keys: string[]): string[] {
    const out = new Set<string>();
    const sorted = this.candSorted;
    for (const k of keys) {
      const h = hashNumber(k);
      const slots: number[] = [];
      for (let i = lowerBound(sorted.length, (j) => sorted[j]!, h, (a, b) => a < b); i < sorted.length && sorted[i] === h; i++) {
        slots.push(this.candSortedSlots[i]!);
      }
      slots.push(...(this.newCands.get(h) ?? []));
      for (const s of slots) {
        const key = this.keys[s]!;
        // A snapshot pair is current unless the paper got its own keys since (a new title).
        const own = this.ownCands[s];
        if (key && (!own || own.includes(h))) out.add(key);
      }
    }
    return [...out];
  }

  /**
   * The papers sharing a candidate key with a card (`keys`, its candidate keys; `digest`, its title
   * digest) that may be the same paper, each with `judge`'s verdict on what the rules compare:
   * `candidates`, the key check `allowed`, `mayMatch` and the verdict in one pass over slots. A
   * page lookup asks this for every card without an id match: ~11 candidates a card at 100k papers,
   * and building their key set, looking each key's slot up again and a digest object per candidate
   * cost about as much as judging them. Order: as `candidates` lists them.
   */
  sameCandidates<M>(
    keys: string[],
    digest: TitleDigest,
    cardHasId: boolean,
    allowed: (key: string) => boolean,
    judge: (ref: PaperRef & { version?: number }) => M | null,
  ): { key: string; match: M; sameKey: boolean }[] {
    const out: { key: string; match: M; sameKey: boolean }[] = [];
    if (this.visited.length < this.keys.length) this.visited = new Int32Array(this.keys.length * 2);
    if (this.pass === 0x7fffffff) {
      this.visited.fill(0);
      this.pass = 0;
    }
    const pass = ++this.pass;
    const visited = this.visited;
    const sorted = this.candSorted;
    const consider = (s: number, h: number) => {
      if (visited[s] === pass) return;
      const key = this.keys[s];
      const own = this.ownCands[s];
      // A snapshot pair is current unless the paper got its own keys since (a new title).
      if (!key || (own && !own.includes(h))) return;
      visited[s] = pass;
      if (!allowed(key) || !this.mayMatchAt(s, digest, cardHasId)) return;
      const match = judge(this.refAt(s));
      if (match !== null) out.push({ key, match, sameKey: this.titleKeys[s] === digest.key });
    };
    for (const k of keys) {
      const h = hashNumber(k);
      for (let i = lowerBound(sorted.length, (j) => sorted[j]!, h, (a, b) => a < b); i < sorted.length && sorted[i] === h; i++) {
        consider(this.candSortedSlots[i]!, h);
      }
      for (const s of this.newCands.get(h) ?? []) consider(s, h);
    }
    return out;
  }

  /** Slots seen in the current `sameCandidates` pass (`visited[s] === pass`), reused across passes. */
  private visited = new Int32Array(0);
  private pass = 0;
  /** One digest object, refilled for each candidate `mayMatchAt` checks. */
  private readonly scratch: TitleDigest = { key: 0, markers: '', compact: '', spaceless: 0, short: false, hasBase: false };

  private mayMatchAt(s: number, digest: TitleDigest, cardHasId: boolean): boolean {
    // Identifiers on both sides may decide whatever the titles say (arXiv DOIs are arXiv ids).
    if (cardHasId && (this.arxivIds[s] || this.dois[s])) return true;
    // Different markers rule a pair out unless the keys are equal: checked before filling a digest.
    if (this.titleKeys[s] !== digest.key && this.markers[s] !== digest.markers) return false;
    return mayBeSameTitle(digest, this.digestAt(s, this.scratch));
  }

  /** What the dedup rules compare, for a paper the catalog holds. */
  ref(key: string): (PaperRef & { version?: number }) | undefined {
    const s = this.slotOf.get(key);
    return s === undefined ? undefined : this.refAt(s);
  }

  private refAt(s: number): PaperRef & { version?: number } {
    const a = this.authors[s]!;
    const ref: PaperRef & { version?: number } = { title: this.titles[s]!, authors: a ? a.split(SUB) : [] };
    if (this.arxivIds[s]) ref.arxivId = this.arxivIds[s];
    if (this.dois[s]) ref.doi = this.dois[s];
    if (!Number.isNaN(this.years[s])) ref.year = this.years[s];
    if (!Number.isNaN(this.versions[s])) ref.version = this.versions[s];
    return ref;
  }

  /**
   * Whether the stored paper may be the same as a card with `digest` (and identifiers or not):
   * false only when neither identifiers nor titles can make them one (dedup.mayBeSameTitle),
   * checked on the columns without building anything.
   */
  mayMatch(key: string, digest: TitleDigest, cardHasId: boolean): boolean {
    const s = this.slotOf.get(key);
    return s !== undefined && this.mayMatchAt(s, digest, cardHasId);
  }

  /**
   * The paper as `toSlimView` gives it from its row, built from the columns; undefined when the
   * catalog does not hold the paper or its row has a shape the columns cannot give back exactly
   * (then read the row).
   */
  slim(key: string): SlimView | undefined {
    const s = this.slotOf.get(key);
    if (s === undefined || !this.plain[s]) return undefined;
    const list = (joined: string) => (joined ? joined.split(SUB) : []);
    const v: SlimView = {
      key,
      title: this.titles[s]!,
      authors: list(this.authors[s]!),
      urls: list(this.urls[s]!),
      sites: list(this.sites[s]!) as SlimView['sites'],
      seenCount: this.seenCount[s]!,
      tags: list(this.tags[s]!),
      note: this.notes[s]!,
      updatedAt: this.updatedAt[s]!,
    };
    if (this.arxivIds[s]) v.arxivId = this.arxivIds[s];
    if (!Number.isNaN(this.versions[s])) v.version = this.versions[s];
    if (this.dois[s]) v.doi = this.dois[s];
    if (!Number.isNaN(this.years[s])) v.year = this.years[s];
    if (this.publishedAt[s]) v.publishedAt = this.publishedAt[s];
    if (!Number.isNaN(this.firstSeen[s])) v.firstSeen = this.firstSeen[s];
    if (!Number.isNaN(this.lastSeen[s])) v.lastSeen = this.lastSeen[s];
    const place = this.firstPlace[s]!;
    if (place >= 0) {
      const [site, label, pageUrl, digestDate] = JSON.parse(this.places[place]!) as [SlimView['sites'][number], string, string, string?];
      v.first = { at: this.firstAt[s]!, site, label, pageUrl };
      if (digestDate !== undefined) v.first.digestDate = digestDate;
    }
    if (!Number.isNaN(this.savedAt[s])) v.savedAt = this.savedAt[s];
    return v;
  }

  /** The stored title's digest, to rule out most candidates without analysing their titles. */
  digest(key: string): TitleDigest | undefined {
    const s = this.slotOf.get(key);
    return s === undefined ? undefined : this.digestAt(s);
  }

  private digestAt(s: number, into?: TitleDigest): TitleDigest {
    const f = this.titleFlags[s]!;
    const d = into ?? ({} as TitleDigest);
    d.key = this.titleKeys[s]!;
    d.markers = this.markers[s]!;
    d.compact = this.compacts[s]!;
    d.spaceless = this.spaceless[s]!;
    d.short = (f & 1) !== 0;
    d.hasBase = (f & 2) !== 0;
    return d;
  }

  // ---- search -------------------------------------------------------------------------------------

  /** Search reads the columns in place (lib/library/catalog-search.ts). */
  search(q: CatalogQuery): { total: number; keys: string[] } {
    return searchColumns(
      {
        keys: this.keys,
        titles: this.titles,
        tags: this.tags,
        sites: this.sites,
        savedAt: this.savedAt,
        lastSeen: this.lastSeen,
        firstSeen: this.firstSeen,
        slotOf: this.slotOf,
        dict: this.dict,
        extraWords: this.extraWords,
        ownWords: this.ownWords,
        ownWordSlots: this.ownWordSlots,
        baseOffsets: this.baseOffsets,
        baseIds: this.baseIds,
        postings: () => (this.postings ??= wordPostings(this.dict.length, this.baseIds, this.baseOffsets)),
      },
      q,
    );
  }

  // ---- snapshot -----------------------------------------------------------------------------------

  /** The catalog as one value, holes dropped, words renumbered in sorted order. */
  pack(): CatalogSnapshot {
    return finish(this.packSteps());
  }

  /**
   * `pack` in steps of a few column passes each (the save runs them with the worker free between
   * steps: packing 100k papers at once held it ~0.4–1 s, and page lookups with it). The catalog
   * must not change until the last step; the save's transaction holds writers back meanwhile.
   */
  *packSteps(): Generator<void, CatalogSnapshot> {
    const live: number[] = [];
    for (let s = 0; s < this.keys.length; s++) if (this.keys[s]) live.push(s);
    const n = live.length;
    const pick = (col: string[]) => live.map((s) => col[s]!).join(SEP);
    // Plain loops: TypedArray.from with a map function goes through the iterator protocol.
    const num = (col: number[]) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = col[live[i]!]!;
      return out;
    };
    // Only the places live papers still name, renumbered.
    const placeIds = new Map<number, number>();
    const places: string[] = [];
    const firstPlace = new Int32Array(n);
    const plain = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const s = live[i]!;
      plain[i] = this.plain[s]!;
      const p = this.firstPlace[s]!;
      let id = p < 0 ? -1 : placeIds.get(p);
      if (id === undefined) {
        id = places.length;
        placeIds.set(p, id);
        places.push(this.places[p]!);
      }
      firstPlace[i] = id;
    }
    yield;

    const wordOf = (id: number) => (id < this.dict.length ? this.dict[id]! : this.extraWords[id - this.dict.length]!);
    const total = this.dict.length + this.extraWords.length;
    const used = new Uint8Array(total);
    let count = 0;
    for (const s of live) {
      const ws = this.wordsOf(s);
      count += ws.length;
      for (let i = 0; i < ws.length; i++) used[ws[i]!] = 1;
    }
    // Snapshot words are already in order: only the newer ones are sorted, then merged in.
    const baseUsed: number[] = [];
    for (let id = 0; id < this.dict.length; id++) if (used[id]) baseUsed.push(id);
    const extraUsed: number[] = [];
    for (let id = this.dict.length; id < total; id++) if (used[id]) extraUsed.push(id);
    yield;
    extraUsed.sort((x, y) => cmpStr(wordOf(x), wordOf(y)));
    yield;
    const usedIds = mergeSorted(baseUsed, extraUsed, (x, y) => wordOf(x) < wordOf(y));
    const renum = new Int32Array(total);
    usedIds.forEach((id, i) => (renum[id] = i));
    const wordOffsets = new Int32Array(n + 1);
    const wordIds = new Int32Array(count);
    let at = 0;
    live.forEach((s, i) => {
      const ws = this.wordsOf(s);
      for (let j = 0; j < ws.length; j++) wordIds[at++] = renum[ws[j]!]!;
      wordOffsets[i + 1] = at;
    });
    yield;

    const candOffsets = new Int32Array(n + 1);
    const lists = live.map((s) => this.candsOf(s));
    const candHashes = new Float64Array(lists.reduce((acc, l) => acc + l.length, 0));
    at = 0;
    lists.forEach((l, i) => {
      for (let j = 0; j < l.length; j++) candHashes[at++] = l[j]!;
      candOffsets[i + 1] = at;
    });
    // (hash, slot) pairs sorted by hash: the snapshot's pairs of unchanged live slots are already
    // in order; only the pairs of slots written since are sorted, then the two runs merged.
    const newSlot = new Int32Array(this.keys.length).fill(-1);
    live.forEach((s, i) => (newSlot[s] = i));
    const kept: number[] = [];
    for (let i = 0; i < this.candSorted.length; i++) {
      const s = this.candSortedSlots[i]!;
      if (newSlot[s]! >= 0 && !this.ownCands[s]) kept.push(i);
    }
    // Pairs are named by index: below `kept.length` a snapshot pair, from there a fresh one.
    const freshHash: number[] = [];
    const freshSlot: number[] = [];
    for (const s of live) {
      const own = this.ownCands[s];
      if (!own) continue;
      for (const h of own) {
        freshHash.push(h);
        freshSlot.push(newSlot[s]!);
      }
    }
    const base = kept.length;
    const hashAt = (i: number) => (i < base ? this.candSorted[kept[i]!]! : freshHash[i - base]!);
    const slotAt = (i: number) => (i < base ? newSlot[this.candSortedSlots[kept[i]!]!]! : freshSlot[i - base]!);
    yield;
    const fresh = freshHash.map((_, j) => base + j).sort((x, y) => hashAt(x) - hashAt(y));
    yield;
    const pairs = mergeSorted(kept.map((_, i) => i), fresh, (x, y) => hashAt(x) < hashAt(y));
    yield;
    const candSorted = new Float64Array(pairs.length);
    const candSortedSlots = new Int32Array(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      candSorted[i] = hashAt(pairs[i]!);
      candSortedSlots[i] = slotAt(pairs[i]!);
    }
    yield;

    const keys = pick(this.keys);
    const titles = pick(this.titles);
    const authors = pick(this.authors);
    yield;
    const arxivIds = pick(this.arxivIds);
    const dois = pick(this.dois);
    const tags = pick(this.tags);
    const sites = pick(this.sites);
    const markers = pick(this.markers);
    const compacts = pick(this.compacts);
    yield;
    const publishedAt = pick(this.publishedAt);
    const urls = pick(this.urls);
    const notes = pick(this.notes);
    yield;
    return {
      version: CATALOG_VERSION,
      count: n,
      keys,
      titles,
      authors,
      arxivIds,
      dois,
      tags,
      sites,
      markers,
      compacts,
      years: num(this.years),
      versions: num(this.versions),
      savedAt: num(this.savedAt),
      lastSeen: num(this.lastSeen),
      firstSeen: num(this.firstSeen),
      titleKeys: num(this.titleKeys),
      spaceless: num(this.spaceless),
      titleFlags: num(this.titleFlags),
      publishedAt,
      urls,
      notes,
      seenCount: num(this.seenCount),
      updatedAt: num(this.updatedAt),
      firstAt: num(this.firstAt),
      firstPlace,
      places: places.join(SEP),
      plain,
      words: usedIds.map(wordOf).join(SEP),
      wordOffsets,
      wordIds,
      candOffsets,
      candHashes,
      candSorted,
      candSortedSlots,
    };
  }

  static unpack(snap: CatalogSnapshot): Catalog {
    return finish(Catalog.unpackSteps(snap));
  }

  /** `unpack` in steps, for callers that let other work run between them (see packSteps). */
  static *unpackSteps(snap: CatalogSnapshot): Generator<void, Catalog> {
    const c = new Catalog();
    const n = snap.count;
    c.keys = split(snap.keys, n);
    c.titles = split(snap.titles, n);
    c.authors = split(snap.authors, n);
    yield;
    c.arxivIds = split(snap.arxivIds, n);
    c.dois = split(snap.dois, n);
    c.tags = split(snap.tags, n);
    c.sites = split(snap.sites, n);
    c.markers = split(snap.markers, n);
    c.compacts = split(snap.compacts, n);
    c.years = numbers(snap.years);
    c.versions = numbers(snap.versions);
    c.savedAt = numbers(snap.savedAt);
    c.lastSeen = numbers(snap.lastSeen);
    c.firstSeen = numbers(snap.firstSeen);
    c.titleKeys = numbers(snap.titleKeys);
    c.spaceless = numbers(snap.spaceless);
    c.titleFlags = numbers(snap.titleFlags);
    yield;
    c.publishedAt = split(snap.publishedAt, n);
    c.urls = split(snap.urls, n);
    c.notes = split(snap.notes, n);
    c.seenCount = numbers(snap.seenCount);
    c.updatedAt = numbers(snap.updatedAt);
    c.firstAt = numbers(snap.firstAt);
    c.firstPlace = numbers(snap.firstPlace);
    c.places = snap.places ? snap.places.split(SEP) : [];
    c.places.forEach((p, i) => c.placeId.set(p, i));
    c.plain = numbers(snap.plain);
    yield;
    c.dict = snap.words ? snap.words.split(SEP) : [];
    c.baseOffsets = snap.wordOffsets;
    c.baseIds = snap.wordIds;
    c.ownWords = new Array<Int32Array | null>(n).fill(null);
    c.candOffsets = snap.candOffsets;
    c.candHashes = snap.candHashes;
    c.candSorted = snap.candSorted;
    c.candSortedSlots = snap.candSortedSlots;
    c.ownCands = new Array<number[] | null>(n).fill(null);
    yield;
    for (let s = 0; s < n; s++) c.slotOf.set(c.keys[s]!, s);
    return c;
  }
}
