/**
 * The catalog's state (lib/library/catalog.ts): one slot per paper, column by column. Its fields are
 * read and written only by the catalog, which keeps them in step with the papers table, and by its
 * snapshot format (./catalog-snapshot.ts), which packs and unpacks every one of them; both are the
 * reason the fields are not private.
 */
import type { WordPostings } from './catalog-search';

export const EMPTY_I32: Int32Array = new Int32Array(0);
export const EMPTY_F64: Float64Array = new Float64Array(0);

export class CatalogColumns {
  // By slot. A removed paper leaves a hole (key ''), dropped by the snapshot.
  keys: string[] = [];
  titles: string[] = [];
  /** Authors joined by U+0001. */
  authors: string[] = [];
  arxivIds: string[] = [];
  dois: string[] = [];
  /** Tags and sites joined by U+0001 ('' for none): most papers have none, and no array each. */
  tags: string[] = [];
  sites: string[] = [];
  years: number[] = [];
  versions: number[] = [];
  savedAt: number[] = [];
  lastSeen: number[] = [];
  firstSeen: number[] = [];
  // The title digest (dedup.titleDigest, via rowTitleDigest), column by column.
  titleKeys: number[] = [];
  markers: string[] = [];
  compacts: string[] = [];
  spaceless: number[] = [];
  /** 1: short title; 2: has a trailing note. */
  titleFlags: number[] = [];
  // The rest of a slim view: page lookups answer from memory instead of reading each matched row.
  publishedAt: string[] = [];
  /** Where it was published (a journal's or proceedings' name, '' for none), as its list row shows it. */
  journals: string[] = [];
  proceedings: string[] = [];
  /** URLs joined by U+0001. */
  urls: string[] = [];
  notes: string[] = [];
  seenCount: number[] = [];
  updatedAt: number[] = [];
  firstAt: number[] = [];
  firstPlace: number[] = [];
  /** A page visit's papers share their first sighting's place: each distinct one is kept once. */
  places: string[] = [];
  readonly placeId = new Map<string, number>();
  plain: number[] = [];

  readonly slotOf = new Map<string, number>();

  // Words. Ids below `dict.length` are the snapshot's, in sorted order; later ones are new words.
  dict: string[] = [];
  readonly extraId = new Map<string, number>();
  extraWords: string[] = [];
  // A slot's word ids: its own array once written since the snapshot, else its range of `baseIds`.
  baseOffsets = EMPTY_I32;
  baseIds = EMPTY_I32;
  ownWords: (Int32Array | null)[] = [];
  /** Slots holding their own word array (written since the snapshot). */
  ownWordSlots: number[] = [];
  /** Word id → snapshot slots, built on the first search with words (see `wordPostings`). */
  postings: WordPostings | null = null;
  /**
   * Each slot's place in title order (catalog-search.ts `rankTitles`), built on the first title
   * sort and kept in the snapshot; -1, or past its end, for a slot whose title came later.
   */
  titleRank: Int32Array | null = null;
  /** Slots given a title since `titleRank` was built: past TITLE_RANK_STALE it is built again. */
  unranked = 0;

  // Candidate keys, as hashes: the snapshot's sorted pairs, plus postings written since.
  candOffsets = EMPTY_I32;
  candHashes = EMPTY_F64;
  candSorted = EMPTY_F64;
  candSortedSlots = EMPTY_I32;
  ownCands: (number[] | null)[] = [];
  readonly newCands = new Map<number, number[]>();

  // Other titles (./catalog-alt.ts): joined by SUB by slot, and their candidate-key hashes.
  altTitles: string[] = [];
  /** Candidate-key hash → the slots one of whose other titles gives it. */
  readonly altSlots = new Map<number, number[]>();
  /** Slot → the hashes its other titles give (only slots that have other titles). */
  readonly altHashesOf = new Map<number, number[]>();

  /** Slot s's word ids. */
  wordsOf(s: number): Int32Array {
    return this.ownWords[s] ?? this.baseIds.subarray(this.baseOffsets[s]!, this.baseOffsets[s + 1]!);
  }

  /** Slot s's candidate-key hashes. */
  candsOf(s: number): ArrayLike<number> & { includes(x: number): boolean } {
    return this.ownCands[s] ?? (s + 1 < this.candOffsets.length ? this.candHashes.subarray(this.candOffsets[s]!, this.candOffsets[s + 1]!) : []);
  }
}
