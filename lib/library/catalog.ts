/**
 * The catalog: what search and near-title lookups need of every paper, held in the service
 * worker's memory in columns (one slot per paper), so a query is a pass over arrays instead of
 * thousands of IndexedDB index entries (~10–50 µs each in Chromium) and rows (~70–110 µs each).
 *
 * It is a pure structure: `put`/`remove`/`clear` keep its columns (./catalog-columns.ts) in step
 * with the papers table (the database module reports every write, see lib/db.ts), `pack`/`unpack`
 * turn them into one snapshot value (./catalog-snapshot.ts), and lib/library/catalog-store.ts
 * decides when it is loaded and saved. Rows stay the truth: a search
 * answers keys and the caller reads just the page's rows.
 *
 * Search (lib/library/catalog-search.ts, over these columns) answers in exactly the order
 * lib/library/search.ts documents (date sorts newest first with ties by key descending, titles by
 * their folded form, then as they are, then by key, papers without the field last in key order,
 * relevance by title hits up to CAP matches), always with an exact total.
 */
import { hashNumber, mayBeSameTitle, rowTitleDigest, type TitleDigest } from '../dedup';
import type { PaperRow } from '../db';
import type { CiteRef } from '../export/common';
import type { PaperView } from '../messages';
import type { PaperRef } from '../types';
import { paperWords } from '../words';
import { altCandidateSlots, altTitlesAt, altTitlesText, indexAltTitles } from './catalog-alt';
import { CatalogColumns, EMPTY_I32 } from './catalog-columns';
import { plainRow, SEP, SUB } from './catalog-row-shape';
import { rankTitles, searchColumns, wordPostings, type CatalogQuery } from './catalog-search';
import { finish, packSteps, unpackSteps, type CatalogSnapshot } from './catalog-snapshot';
import { lowerBound } from './sorted';

/**
 * Titles changed since the title ranks were built that a title sort compares by folding them; past
 * this many the ranks are built again on the next title sort (~0.2 s at 100k papers in Node).
 */
export const TITLE_RANK_STALE = 2_000;

/** The notes column's slot for a row of another shape that has a note (its view is read from the table). */
const NOTE_MARK = '\u270e';

/** A paper as page lookups answer it (rows.toSlimView): every field but the abstract. */
export type SlimView = Omit<PaperView, 'abstract'>;

export class Catalog extends CatalogColumns {
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
    const rank = this.titleRank;
    if (rank && (s === undefined || (s < rank.length && rank[s]! >= 0 && this.titles[s] !== row.title))) {
      if (s !== undefined) rank[s] = -1;
      this.unranked++;
    }
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
    // Kept for every row the columns can hold them for: the "Published" filter reads them.
    this.journals[s] = venueText(row.journal);
    this.proceedings[s] = venueText(row.proceedings);
    this.urls[s] = plain ? row.urls.join(SUB) : '';
    // A row of another shape keeps only whether it has a note (the "With a note" filter reads it).
    this.notes[s] = plain ? row.note : typeof row.note === 'string' && /\S/.test(row.note) ? NOTE_MARK : '';
    // Kept for every row: the "times seen" sort reads it (a number cannot break a column).
    this.seenCount[s] = typeof row.seenCount === 'number' && Number.isFinite(row.seenCount) ? row.seenCount : 0;
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
    const alt = altTitlesText(row);
    const hadAlt = this.altTitles[s] ?? '';
    this.altTitles[s] = alt;
    if (alt !== hadAlt) indexAltTitles(this, s);
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
    if (this.altTitles[s]) {
      this.altTitles[s] = '';
      indexAltTitles(this, s);
    }
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

  /**
   * Papers holding the reader's own work (saved, tagged or noted) changed after `at`: what a backup
   * made then does not hold as it is now. A row of another shape keeps no time here (0): it counts
   * only when there is no backup at all.
   */
  ownWorkSince(at: number): number {
    let n = 0;
    for (let s = 0; s < this.keys.length; s++) {
      if (!this.keys[s] || !(this.updatedAt[s]! > at)) continue;
      const note = this.notes[s]!;
      if (this.savedAt[s]! > 0 || this.tags[s] || (note !== '' && /\S/.test(note))) n++;
    }
    return n;
  }

  // ---- lookups ------------------------------------------------------------------------------------

  /**
   * Keys of the papers one of whose links is `url` exactly (an OpenReview forum a PDF tab belongs
   * to). A scan of the links column, for a popup opening, not for pages' lookups; rows of another
   * shape keep no links here and are not found.
   */
  keysWithUrl(url: string): string[] {
    const out: string[] = [];
    for (let s = 0; s < this.keys.length; s++) {
      const urls = this.urls[s];
      if (this.keys[s] && urls && urls.includes(url) && urls.split(SUB).includes(url)) out.push(this.keys[s]!);
    }
    return out;
  }

  // `candidates`, `mayMatch` and `digest` are the steps `sameCandidates` takes in one pass; its
  // tests hold it to them.

  /** Keys of the papers sharing a candidate key (only keys their current title gives). */
  candidates(keys: string[]): string[] {
    const out = new Set<string>();
    this.eachCandidate(keys, (s) => out.add(this.keys[s]!));
    return [...out];
  }

  /**
   * Calls `visit` with each slot of a live paper whose current candidate keys include one of
   * `keys`, in key order, then snapshot pairs before pairs written since; a slot sharing several
   * keys comes once for each.
   */
  private eachCandidate(keys: string[], visit: (s: number) => void): void {
    const sorted = this.candSorted;
    for (const k of keys) {
      const h = hashNumber(k);
      for (let i = lowerBound(sorted.length, (j) => sorted[j]!, h, (a, b) => a < b); i < sorted.length && sorted[i] === h; i++) {
        const s = this.candSortedSlots[i]!;
        if (this.holdsKey(s, h)) visit(s);
      }
      for (const s of this.newCands.get(h) ?? []) if (this.holdsKey(s, h)) visit(s);
    }
  }

  /** Whether slot s is a live paper whose current title gives candidate-key hash h. */
  private holdsKey(s: number, h: number): boolean {
    const own = this.ownCands[s];
    // A snapshot pair is current unless the paper got its own keys since (a new title).
    return !!this.keys[s] && (!own || own.includes(h));
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
    // Marked seen only once its key is known current: a slot may first come by a key its new
    // title no longer gives.
    this.eachCandidate(keys, (s) => {
      if (visited[s] === pass) return;
      visited[s] = pass;
      const key = this.keys[s]!;
      if (!allowed(key) || !this.mayMatchAt(s, digest, cardHasId)) return;
      const match = judge(this.refAt(s));
      if (match !== null) out.push({ key, match, sameKey: this.titleKeys[s] === digest.key });
    });
    return out;
  }

  /**
   * The papers one of whose other titles (a renamed version's, a merged entry's) may be the card's
   * title by the dedup rules: `keys` its candidate keys, `judge` the rules' verdict on a paper
   * under that title. Each paper once, with its best verdict (an exact title before a near one,
   * then the higher score).
   */
  sameOtherTitles<M extends { rule: string; score?: number }>(
    keys: string[],
    allowed: (key: string) => boolean,
    judge: (ref: PaperRef & { version?: number }) => M | null,
  ): { key: string; match: M }[] {
    const out: { key: string; match: M }[] = [];
    for (const s of altCandidateSlots(this, keys)) {
      const key = this.keys[s]!;
      if (!allowed(key)) continue;
      let best: M | null = null;
      for (const title of altTitlesAt(this, s)) {
        const m = judge({ ...this.refAt(s), title });
        if (m && (!best || betterTitleMatch(m, best))) best = m;
      }
      if (best) out.push({ key, match: best });
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
    if (this.journals[s]) v.journal = this.journals[s];
    if (this.proceedings[s]) v.proceedings = this.proceedings[s];
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

  /**
   * Every paper's citation-key fields (lib/export/common.ts), for a selection's export to learn the
   * library's namesakes of its papers. Only the first author: a key is made from no other.
   */
  *citeRefs(): Generator<CiteRef> {
    for (let s = 0; s < this.keys.length; s++) {
      const key = this.keys[s]!;
      if (!key) continue;
      const authors = this.authors[s]!;
      const cut = authors.indexOf(SUB);
      const ref: CiteRef = { key, title: this.titles[s]!, authors: authors ? [cut < 0 ? authors : authors.slice(0, cut)] : [] };
      if (this.arxivIds[s]) ref.arxivId = this.arxivIds[s];
      if (!Number.isNaN(this.years[s])) ref.year = this.years[s];
      if (this.publishedAt[s]) ref.publishedAt = this.publishedAt[s];
      if (!Number.isNaN(this.firstSeen[s])) ref.firstSeen = this.firstSeen[s];
      if (!Number.isNaN(this.savedAt[s])) ref.savedAt = this.savedAt[s];
      yield ref;
    }
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
        dois: this.dois,
        tags: this.tags,
        sites: this.sites,
        savedAt: this.savedAt,
        lastSeen: this.lastSeen,
        firstSeen: this.firstSeen,
        seenCount: this.seenCount,
        notes: this.notes,
        journals: this.journals,
        proceedings: this.proceedings,
        slotOf: this.slotOf,
        dict: this.dict,
        extraWords: this.extraWords,
        ownWords: this.ownWords,
        ownWordSlots: this.ownWordSlots,
        baseOffsets: this.baseOffsets,
        baseIds: this.baseIds,
        postings: () => (this.postings ??= wordPostings(this.dict.length, this.baseIds, this.baseOffsets)),
        titleRanks: () => {
          if (!this.titleRank || this.unranked > TITLE_RANK_STALE) {
            this.titleRank = rankTitles(this.keys, this.titles);
            this.unranked = 0;
          }
          return this.titleRank;
        },
      },
      q,
    );
  }

  // ---- snapshot (./catalog-snapshot.ts) ----------------------------------------------------------

  pack(): CatalogSnapshot {
    return finish(packSteps(this));
  }

  /** `pack` in steps, for callers that let other work run between them. */
  packSteps(): Generator<void, CatalogSnapshot> {
    return packSteps(this);
  }

  static unpack(snap: CatalogSnapshot): Catalog {
    return finish(Catalog.unpackSteps(snap));
  }

  /** `unpack` in steps, for callers that let other work run between them. */
  static *unpackSteps(snap: CatalogSnapshot): Generator<void, Catalog> {
    const c = new Catalog();
    yield* unpackSteps(snap, c);
    return c;
  }
}

/** An exact title before a near one; of two near ones, the higher score. */
function betterTitleMatch(m: { rule: string; score?: number }, than: { rule: string; score?: number }): boolean {
  if (than.rule === 'title') return false;
  return m.rule === 'title' || (m.score ?? 1) > (than.score ?? 1);
}

/** A venue's name as its column holds it: '' for none, or for a value no column string can carry. */
function venueText(name: unknown): string {
  return typeof name === 'string' && !name.includes(SEP) ? name : '';
}
