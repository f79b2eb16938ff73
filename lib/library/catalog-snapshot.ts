/**
 * The catalog's snapshot format: its columns (./catalog-columns.ts) as one value, which
 * lib/library/catalog-store.ts saves and loads (in the two rows lib/library/snapshot-rows.ts
 * describes). Both directions come in steps, so the store can let other work run between them.
 */
import { SEP } from './catalog-row-shape';
import { indexAllAltTitles } from './catalog-alt';
import { EMPTY_I32, type CatalogColumns } from './catalog-columns';
import { cmpStr, mergeSorted } from './sorted';

/** Bump when the snapshot's layout or what it derives from rows changes: old snapshots are rebuilt. */
export const CATALOG_VERSION = 5;

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
  /** Each slot's other titles, joined by U+0001 (catalog-alt.ts). */
  altTitles: string;
  journals: string;
  proceedings: string;
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
  /**
   * Each slot's place in title order when the catalog had built it (catalog-search.ts
   * `rankTitles`; -1: a title newer than it), else empty: a restarted worker sorts by title
   * without folding and sorting every title again. Optional: older snapshots lack it.
   */
  titleRank?: Int32Array;
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
export function finish<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The columns as one value, holes dropped, words renumbered in sorted order: in steps of a few
 * column passes each (the save runs them with the worker free between steps: packing 100k papers
 * at once held it ~0.4–1 s, and page lookups with it). The columns must not change until the last
 * step; the save's transaction holds writers back meanwhile.
 */
export function* packSteps(c: CatalogColumns): Generator<void, CatalogSnapshot> {
  const live: number[] = [];
  for (let s = 0; s < c.keys.length; s++) if (c.keys[s]) live.push(s);
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
    plain[i] = c.plain[s]!;
    const p = c.firstPlace[s]!;
    let id = p < 0 ? -1 : placeIds.get(p);
    if (id === undefined) {
      id = places.length;
      placeIds.set(p, id);
      places.push(c.places[p]!);
    }
    firstPlace[i] = id;
  }
  yield;

  const wordOf = (id: number) => (id < c.dict.length ? c.dict[id]! : c.extraWords[id - c.dict.length]!);
  const total = c.dict.length + c.extraWords.length;
  const used = new Uint8Array(total);
  let count = 0;
  for (const s of live) {
    const ws = c.wordsOf(s);
    count += ws.length;
    for (let i = 0; i < ws.length; i++) used[ws[i]!] = 1;
  }
  // Snapshot words are already in order: only the newer ones are sorted, then merged in.
  const baseUsed: number[] = [];
  for (let id = 0; id < c.dict.length; id++) if (used[id]) baseUsed.push(id);
  const extraUsed: number[] = [];
  for (let id = c.dict.length; id < total; id++) if (used[id]) extraUsed.push(id);
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
    const ws = c.wordsOf(s);
    for (let j = 0; j < ws.length; j++) wordIds[at++] = renum[ws[j]!]!;
    wordOffsets[i + 1] = at;
  });
  yield;

  const candOffsets = new Int32Array(n + 1);
  const lists = live.map((s) => c.candsOf(s));
  const candHashes = new Float64Array(lists.reduce((acc, l) => acc + l.length, 0));
  at = 0;
  lists.forEach((l, i) => {
    for (let j = 0; j < l.length; j++) candHashes[at++] = l[j]!;
    candOffsets[i + 1] = at;
  });
  // (hash, slot) pairs sorted by hash: the snapshot's pairs of unchanged live slots are already
  // in order; only the pairs of slots written since are sorted, then the two runs merged.
  const newSlot = new Int32Array(c.keys.length).fill(-1);
  live.forEach((s, i) => (newSlot[s] = i));
  const kept: number[] = [];
  for (let i = 0; i < c.candSorted.length; i++) {
    const s = c.candSortedSlots[i]!;
    if (newSlot[s]! >= 0 && !c.ownCands[s]) kept.push(i);
  }
  // Pairs are named by index: below `kept.length` a snapshot pair, from there a fresh one.
  const freshHash: number[] = [];
  const freshSlot: number[] = [];
  for (const s of live) {
    const own = c.ownCands[s];
    if (!own) continue;
    for (const h of own) {
      freshHash.push(h);
      freshSlot.push(newSlot[s]!);
    }
  }
  const base = kept.length;
  const hashAt = (i: number) => (i < base ? c.candSorted[kept[i]!]! : freshHash[i - base]!);
  const slotAt = (i: number) => (i < base ? newSlot[c.candSortedSlots[kept[i]!]!]! : freshSlot[i - base]!);
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

  const rank = c.titleRank;
  let titleRank = EMPTY_I32;
  if (rank) {
    titleRank = new Int32Array(n);
    for (let i = 0; i < n; i++) titleRank[i] = live[i]! < rank.length ? rank[live[i]!]! : -1;
  }
  const keys = pick(c.keys);
  const titles = pick(c.titles);
  const authors = pick(c.authors);
  yield;
  const arxivIds = pick(c.arxivIds);
  const dois = pick(c.dois);
  const tags = pick(c.tags);
  const sites = pick(c.sites);
  const markers = pick(c.markers);
  const compacts = pick(c.compacts);
  yield;
  const publishedAt = pick(c.publishedAt);
  const altTitles = pick(c.altTitles);
  const journals = pick(c.journals);
  const proceedings = pick(c.proceedings);
  const urls = pick(c.urls);
  const notes = pick(c.notes);
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
    years: num(c.years),
    versions: num(c.versions),
    savedAt: num(c.savedAt),
    lastSeen: num(c.lastSeen),
    firstSeen: num(c.firstSeen),
    titleKeys: num(c.titleKeys),
    spaceless: num(c.spaceless),
    titleFlags: num(c.titleFlags),
    publishedAt,
    altTitles,
    journals,
    proceedings,
    urls,
    notes,
    seenCount: num(c.seenCount),
    updatedAt: num(c.updatedAt),
    firstAt: num(c.firstAt),
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
    titleRank,
  };
}

/** Fill fresh columns `c` from a snapshot, in steps (see packSteps). */
export function* unpackSteps(snap: CatalogSnapshot, c: CatalogColumns): Generator<void, void> {
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
  c.altTitles = split(snap.altTitles, n);
  indexAllAltTitles(c);
  c.journals = split(snap.journals, n);
  c.proceedings = split(snap.proceedings, n);
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
  const rank = snap.titleRank;
  if (rank && n > 0 && rank.length === n) {
    // A copy: the catalog marks changed titles in it.
    c.titleRank = rank.slice();
    let unranked = 0;
    for (let i = 0; i < n; i++) if (rank[i]! < 0) unranked++;
    c.unranked = unranked;
  }
  yield;
  for (let s = 0; s < n; s++) c.slotOf.set(c.keys[s]!, s);
}
