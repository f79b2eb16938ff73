/**
 * The library's operations, as the background runs them: lookup, sightings, save, tags, notes,
 * not-the-same pairs, merges (./merge.ts), search, bulk edits. Every write is one Dexie transaction applying an
 * *operation* (add tag X, set note) to the row as it is inside that transaction, so concurrent
 * edits from twenty tabs never overwrite each other. Matching lives in ./match, search in ./search,
 * reads that change nothing in ./reads, row helpers in ./rows.
 */
import { type DejaLuDB, type HistoryRow, type PaperRow, type Sighting } from '../db';
import { addToSightingTotal, countSighting, joinHistories, uncountSighting } from './history';
import type { CardInput, CardStatus, LibraryStats, MatchView, PageInfo, PaperView, SearchResult, Target } from '../messages';
import Dexie from 'dexie';
import { resolve } from './match';
import {
  dropUndefined,
  keyOf,
  learn,
  mergeRows,
  newRow,
  probeOf,
  statusOf,
  toSlimView,
  toView,
  forStorage,
  withDerived,
  type Probe,
  type Resolved,
  notSameRow,
} from './rows';
import { BatchRows } from './batch-rows';
import { Invalid, NotFound } from './errors';
import { mergePapers, unmergePapers, type MergeResult } from './merge';
import { CatalogStore } from './catalog-store';
import type { Catalog, SlimView } from './catalog';
import type { NearKeys } from './near-keys';
import { search, searchKeys, type SearchQuery } from './search';
import { BULK_CHUNK, bulkEdit, clearLibrary, restoreSnapshot, type BulkOp } from './bulk';
import { citationBibtex } from '../export/bibtex';
import { paperYear } from '../export/common';
import { startOfLocalDay } from '../dates';
import { setVenue, type VenueEdit } from '../venue';
import type { Reading } from '../reading';
import * as reads from './reads';
import type { PaperDetail } from './reads';

export { mergeNotes, mergeRows, newRow, pairKey, probeOf, withDerived, withoutDerived, forStorage } from './rows';
export { Invalid, NotFound } from './errors';

export class Library {
  /** Search and near-title lookups in memory (./catalog.ts), kept in step with every write. */
  readonly catalog: CatalogStore;

  constructor(
    readonly db: DejaLuDB,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.catalog = new CatalogStore(db);
  }

  private readonly movedListeners = new Set<(moved: Record<string, string>) => void>();

  /**
   * Be told, once their transaction has committed, of papers a visit or an edit moved to a new key
   * (old key → new key): pages showing them hold the old key.
   */
  onMoved(fn: (moved: Record<string, string>) => void): () => void {
    this.movedListeners.add(fn);
    return () => this.movedListeners.delete(fn);
  }

  private readonly seenListeners = new Set<(keys: string[]) => void>();

  /** Be told, once their transaction has committed, of papers a visit recorded sightings of. */
  onSeen(fn: (keys: string[]) => void): () => void {
    this.seenListeners.add(fn);
    return () => this.seenListeners.delete(fn);
  }

  private async tellMoved<T>(run: (moved: Moves) => Promise<T>): Promise<T> {
    const moved: Moves = new Map();
    const out = await run(moved);
    if (!moved.size) return out;
    const final = Object.fromEntries(moved);
    for (const fn of this.movedListeners) fn(final);
    return out;
  }

  /** The stored paper for each probe; `from` is CatalogStore.nearTitles, asked for before the transaction. */
  resolve(probes: Probe[], from: Catalog | NearKeys): Promise<(Resolved | null)[]> {
    return resolve(this.db, probes, from);
  }

  /** `resolve` in a read transaction of its own, waiting first for what finds near titles if need be. */
  async resolveAlone(probes: Probe[]): Promise<(Resolved | null)[]> {
    const db = this.db;
    return this.catalog.withNear((from) => db.transaction('r', db.papers, db.notSame, () => this.resolve(probes, from)));
  }

  /** Search waits for the catalog (a snapshot loads in a fraction of what one slow query costs). */
  async search(q: SearchQuery): Promise<SearchResult> {
    const cat = await this.catalog.get();
    return this.db.transaction('r', this.db.papers, () => search(this.db, cat, q));
  }

  /** Every paper a search matches, up to `max` (lib/library/search.ts searchKeys). */
  async searchKeys(q: Omit<SearchQuery, 'offset' | 'limit'>, max: number): Promise<{ keys: string[]; total: number }> {
    return searchKeys(await this.catalog.get(), q, max);
  }

  // ---- page lookups and sightings ---------------------------------------------------------------

  /**
   * Each card's status before this visit: one read transaction for the whole batch. Near-title
   * matches are answered from the catalog's slim views when it is loaded (see match.resolve).
   */
  async lookup(cards: CardInput[]): Promise<CardStatus[]> {
    const probes = cards.map(probeOf);
    const store = this.catalog;
    // Page lookups do not wait for the catalog to load: until it has, near titles come from the
    // snapshot's near keys.
    // Answered as soon as the statuses are known, not once the read-only transaction has completed:
    // its commit is one more round trip to the database, which the page's badges need not wait for.
    const resolved = await store.withNear(
      (from) =>
        new Promise<(Resolved<PaperRow | SlimView> | null)[]>((answer, fail) => {
          this.db
            .transaction('r', this.db.papers, this.db.notSame, async () => {
              const out = await resolve(this.db, probes, from, () => store.ready());
              Dexie.ignoreTransaction(() => answer(out));
              return out;
            })
            .catch(fail);
        }),
    );
    return resolved.map((r) => (r ? { status: statusOf(r.row), paper: toSlimView(r.row), match: r.match } : { status: 'new' }));
  }

  /**
   * The cards as they were before one visit: each paper's count without the visit's own sighting,
   * and its status from that count (a page looking its cards up again after the library changed
   * whole, when the visit's sighting may be stored, moved or restored with the paper). Only the
   * papers seen since `since` (the visit's first sighting) can hold one: only their histories are read.
   */
  async lookupBefore(cards: CardInput[], visitId: string, since: number): Promise<CardStatus[]> {
    const statuses = await this.lookup(cards);
    const keys = [...new Set(statuses.flatMap((s) => (s.paper && (s.paper.lastSeen ?? 0) >= since ? [s.paper.key] : [])))];
    const histories = await this.db.history.bulkGet(keys);
    const during = new Set(keys.filter((_, i) => histories[i]?.sightings.some((s) => s.visitId === visitId)));
    return statuses.map((s) => {
      if (!s.paper) return s;
      const seenBefore = Math.max(0, s.paper.seenCount - (during.has(s.paper.key) ? 1 : 0));
      return { ...s, status: s.paper.savedAt !== undefined ? 'saved' : seenBefore > 0 ? 'seen' : 'new', seenBefore };
    });
  }

  /**
   * Record that these cards were seen during one visit. A paper gets at most one sighting per visit,
   * however many batches or duplicate cards report it, and one per page address a day: reloading a
   * digest, or coming back to it from a paper, is not meeting its papers again ("Seen 5×" would
   * say they keep coming back). The same digest read on another day, or another page, counts.
   * Says how many sightings were recorded and the key of each card's paper, in the cards' order: a
   * page files a card the library did not hold under the paper its sighting stored.
   */
  async recordSightings(visitId: string, page: PageInfo, cards: CardInput[]): Promise<{ recorded: number; keys: string[] }> {
    // The catalog rather than the near keys even right after a worker start: the badges were
    // answered already, and a card near a paper's other title must join that paper, not make one.
    const { seen, keys } = await this.tellMoved((moved) => this.catalog.withCatalog((from) => this.recordWith(from, visitId, page, cards, moved)));
    if (seen.length > 0) for (const fn of this.seenListeners) fn(seen);
    return { recorded: seen.length, keys };
  }

  /** The keys of the papers given a sighting (`seen`), and the key of each card's paper, in order. */
  private recordWith(
    from: Catalog | NearKeys,
    visitId: string,
    page: PageInfo,
    cards: CardInput[],
    moved: Moves,
  ): Promise<{ seen: string[]; keys: string[] }> {
    const db = this.db;
    return db.transaction('rw', [db.papers, db.history, db.meta, db.notSame], async () => {
      const now = this.now();
      const rows = await this.upsert(cards.map(probeOf), now, from, moved);
      const keys = [...new Set(rows.map((r) => r.key))];
      const histories = new Map<string, HistoryRow>();
      (await db.history.bulkGet(keys)).forEach((h, i) => histories.set(keys[i]!, h ?? { paperKey: keys[i]!, sightings: [] }));
      const done = new Set<string>();
      const today = startOfLocalDay(now);
      for (const [key, h] of histories) {
        if (h.sightings.some((s) => s.visitId === visitId || (s.at >= today && s.pageUrl === page.url))) done.add(key);
      }
      const changed = new Map<string, PaperRow>();
      const touched: HistoryRow[] = [];
      for (const row of rows) {
        if (done.has(row.key)) continue;
        done.add(row.key);
        const s: Sighting = dropUndefined({
          at: now,
          pageUrl: page.url,
          site: page.site,
          label: page.label,
          digestDate: page.digestDate,
          visitId,
        });
        const h = histories.get(row.key)!;
        h.sightings.push(s);
        touched.push(h);
        row.seenCount += 1;
        row.firstSeen ??= now;
        row.lastSeen = now;
        row.first ??= dropUndefined({ at: now, site: s.site, label: s.label, pageUrl: s.pageUrl, digestDate: s.digestDate });
        if (!row.sites.includes(page.site)) row.sites = [...row.sites, page.site];
        row.updatedAt = now;
        changed.set(row.key, row);
      }
      await db.papers.bulkPut([...changed.values()]);
      await addToSightingTotal(db, touched.length);
      await db.history.bulkPut(touched);
      return { seen: touched.map((h) => h.paperKey), keys: rows.map((r) => r.key) };
    });
  }

  /**
   * The stored row for each probe, created or enriched (and re-keyed when a paper first known by
   * title or DOI shows its arXiv id). Must run inside a rw transaction on papers, history, notSame;
   * `from` (CatalogStore.nearTitles) is asked for before it opens.
   */
  private async upsert(probes: Probe[], now: number, from: Catalog | NearKeys, moved?: Moves): Promise<PaperRow[]> {
    const resolved = await this.resolve(probes, from);
    const rows = new BatchRows(this);
    const out: PaperRow[] = [];
    for (let i = 0; i < probes.length; i++) {
      const p = probes[i]!;
      const found = resolved[i];
      let row = found ? (rows.get(found.row.key) ?? found.row) : undefined;
      // A near-title match is a judgement the user may overrule ("not the same paper"): it hands
      // the stored paper nothing of this card — not its ids, so the match stays visible and
      // splittable, nor its link, authors or abstract, which would stay with the stored paper
      // after a split (a link to the other paper's page names its arXiv id).
      const fuzzy = found?.match.rule === 'similar-title';
      if (!row) {
        // Two new cards in one batch may be the same paper (a page listing it twice).
        row = rows.get(keyOf(p)) ?? newRow(p, now);
      } else if (!fuzzy) {
        learn(row, p);
      }
      if (!fuzzy && rows.wantsIdentity(row, p)) row = await rows.identify(row, p, (doiKey) => this.db.papers.get(doiKey));
      rows.set(row);
      out.push(row);
    }
    await this.db.papers.bulkPut([...rows.byKey.values()].map(forStorage));
    for (const [from, to] of rows.moves()) moved?.set(from, to);
    return out.map((r) => rows.get(r.key) ?? r);
  }

  /**
   * Move a paper to a new key without losing anything: sightings and not-same pairs follow it, and
   * if a paper already has that key the two are merged (counts added, tags and notes united).
   */
  async rekey(row: PaperRow, newKey: string, known?: PaperRow): Promise<PaperRow> {
    const db = this.db;
    const oldKey = row.key;
    // `known`: the row at newKey as the caller holds it, changed and not yet written.
    const existing = known ?? (await db.papers.get(newKey));
    const merged = existing ? mergeRows(existing, row) : { ...row, key: newKey };
    merged.key = newKey;
    merged.formerKeys = [...new Set([...(merged.formerKeys ?? []), oldKey])].filter((k) => k !== newKey);
    await db.papers.delete(oldKey);
    await db.papers.put(forStorage(merged));
    const [from, to] = await db.history.bulkGet([oldKey, newKey]);
    if (from) {
      await db.history.delete(oldKey);
      await db.history.put({ paperKey: newKey, sightings: to ? joinHistories(to.sightings, from.sightings) : from.sightings });
    }
    const pairs = await db.notSame.where('a').equals(oldKey).or('b').equals(oldKey).toArray();
    if (pairs.length) {
      await db.notSame.bulkDelete(pairs.map((p) => p.pair));
      await db.notSame.bulkPut(
        pairs
          .map((p) => (p.a === oldKey ? [newKey, p.b] : [p.a, newKey]) as [string, string])
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => notSameRow(a, b, this.now())),
      );
    }
    return merged;
  }

  // ---- edits ------------------------------------------------------------------------------------

  /** The row a target names, created from its card when the library does not have it yet. */
  private async target(
    target: { key: string } | { card: CardInput; page?: PageInfo },
    now: number,
    from: Catalog | NearKeys | null,
    moved: Moves,
  ): Promise<PaperRow> {
    if ('key' in target) {
      const row = (await this.db.papers.get(target.key)) ?? (await this.db.papers.where('formerKeys').equals(target.key).first());
      if (!row) throw new NotFound(`No paper with key ${target.key}.`);
      return row;
    }
    // Asked for by the caller before its transaction opened: awaiting it here would end it.
    if (!from) throw new Error('A card target needs CatalogStore.nearTitles.');
    const [row] = await this.upsert([probeOf(target.card)], now, from, moved);
    return row!;
  }

  private async edit(
    target: { key: string } | { card: CardInput; page?: PageInfo },
    apply: (row: PaperRow, now: number) => void,
  ): Promise<PaperView> {
    const db = this.db;
    return this.tellMoved((moved) => {
      const run = (from: Catalog | NearKeys | null) =>
        db.transaction('rw', db.papers, db.history, db.notSame, async () => {
          const now = this.now();
          const row = await this.target(target, now, from, moved);
          apply(row, now);
          row.updatedAt = now;
          await db.papers.put(forStorage(row));
          return toView(row);
        });
      return 'key' in target ? run(null) : this.catalog.withNear(run);
    });
  }

  save(target: { key: string } | { card: CardInput; page?: PageInfo }, saved: boolean): Promise<PaperView> {
    return this.edit(target, (row, now) => {
      if (saved) row.savedAt ??= now;
      else delete row.savedAt;
    });
  }

  editTags(
    target: { key: string } | { card: CardInput; page?: PageInfo },
    add: string[],
    remove: string[],
  ): Promise<PaperView> {
    return this.edit(target, (row) => {
      const tags = new Set(row.tags);
      for (const t of remove) tags.delete(t);
      for (const t of add) tags.add(t);
      row.tags = [...tags];
    });
  }

  /**
   * One of a paper's other titles (a merged paper's: `altTitles`) becomes its title, the one it had
   * joining them: the published title of a preprint merged with its journal version, say, which
   * exports then cite. Only a title the paper already has: this is a choice, not an edit.
   */
  chooseTitle(key: string, title: string): Promise<PaperView> {
    return this.edit({ key }, (row) => {
      if (title === row.title) return;
      const alts = row.altTitles ?? [];
      if (!alts.includes(title)) throw new Invalid("Only one of the paper's other titles can become its title.");
      row.altTitles = [row.title, ...alts.filter((t) => t !== title)];
      row.title = title;
      withDerived(row);
    });
  }

  /**
   * Where the paper was published, as the reader says; an empty name clears it (lib/venue.ts), and
   * the paper is cited as its preprint again, of the preprint's year unless the reader gave one.
   */
  setVenue(key: string, venue: VenueEdit): Promise<PaperView> {
    return this.edit({ key }, (row) => {
      const cleared = venue.name.trim() === '' && venue.year === undefined;
      const year = cleared ? paperYear({ publishedAt: row.publishedAt, arxivId: row.arxivId }) : undefined;
      setVenue(row, year === undefined ? venue : { ...venue, year });
    });
  }

  setNote(target: { key: string } | { card: CardInput; page?: PageInfo }, note: string): Promise<PaperView> {
    return this.edit(target, (row) => {
      row.note = note;
    });
  }

  // ---- reads ------------------------------------------------------------------------------------

  getPaper(key: string): Promise<PaperDetail> {
    return reads.getPaper(this.db, key);
  }

  /** The papers' BibTeX for a manuscript, by their keys or ones they had (citationBibtex). */
  async cite(keys: string[]): Promise<{ bibtex: string; count: number }> {
    return reads.cite(this.db, await this.catalog.get(), keys);
  }

  /**
   * One paper's BibTeX, by its key or by a page's card. A card the library holds is cited as
   * stored, with all it learnt elsewhere; one it does not hold yet (on screen for a moment only,
   * or the reader records only what they mark) from what the card shows, without storing it: a
   * citation is not a sighting.
   */
  async citeTarget(target: Target): Promise<{ bibtex: string; count: number }> {
    if ('key' in target) return this.cite([target.key]);
    const [status] = await this.lookup([target.card]);
    if (status?.paper) return this.cite([status.paper.key]);
    const row = newRow(probeOf(target.card), this.now());
    return { bibtex: citationBibtex([row], (await this.catalog.get()).citeRefs()), count: 1 };
  }

  /**
   * A paper the reader adds by hand: saved, from the source 'manual'. One the library holds by an id
   * or its title is that paper (`existed`); one it holds by a near title only is told (`existed`,
   * with the match) unless `asNew`: then it becomes a paper of its own, never joined to that one.
   */
  async addByHand(card: CardInput, asNew = false): Promise<{ paper: PaperView; existed: boolean; match?: MatchView }> {
    const [st] = await this.lookup([card]);
    const near = st?.match?.rule === 'similar-title';
    if (st?.paper && !(near && asNew)) {
      const paper = (await this.paperOf(st.paper.key)) ?? st.paper;
      return st.match ? { paper, existed: true, match: st.match } : { paper, existed: true };
    }
    const target = st?.paper ? { key: (await this.markNotSame(st.paper.key, { card })).b.key } : { card };
    const paper = await this.edit(target, (row, now) => {
      row.savedAt ??= now;
      if (!row.sites.includes('manual')) row.sites = [...row.sites, 'manual'];
    });
    return { paper, existed: false };
  }

  /** The paper a tab's full text is of (lib/reading.ts): by its arXiv key, or its forum among its links. */
  paperRead(reading: Reading): Promise<PaperView | null> {
    return reads.paperRead(this.db, () => this.catalog.get(), reading);
  }

  /** The paper under this key, or the one that took it over (merged, re-keyed). */
  paperOf(key: string): Promise<PaperView | null> {
    return reads.paperOf(this.db, key);
  }

  getPapers(keys: string[]): Promise<(PaperView | null)[]> {
    return reads.getPapers(this.db, keys);
  }

  /**
   * The user says paper `a` and the card/paper `b` are different papers. `b` becomes (or stays) its
   * own paper under a key of its own, and the pair is recorded so dedup never joins them again.
   * When a card comes with its page, the sighting that page's latest visit gave `a` through the card
   * is `b`'s: it moves to `b`, or is copied when `aOnPage` says the page also shows `a` itself (by
   * another card), whose own sighting of that visit it also is.
   */
  async markNotSame(
    aKey: string,
    b: { key: string } | { card: CardInput; page?: PageInfo },
    { aOnPage = false }: { aOnPage?: boolean } = {},
  ): Promise<{ a: PaperView | null; b: PaperView }> {
    const db = this.db;
    return db.transaction('rw', [db.papers, db.history, db.meta, db.notSame], async () => {
      const now = this.now();
      let a = await db.papers.get(aKey);
      let bRow: PaperRow;
      if ('key' in b) {
        const found = await db.papers.get(b.key);
        if (!found) throw new NotFound(`No paper with key ${b.key}.`);
        bRow = found;
      } else {
        const p = probeOf(b.card);
        let key = keyOf(p);
        // Same title key as the paper it is split from (only ids could tell them apart): a suffix
        // keeps the two rows apart.
        for (let n = 2; key === aKey || (await isOtherPaper(db, key, p)); n++) key = `${keyOf(p)}#${n}`;
        bRow = (await db.papers.get(key)) ?? { ...newRow(p, now), key };
        learn(bRow, p);
        if (a && b.page && bRow.key !== aKey) a = await this.handOverVisit(a, bRow, b.page.url, !aOnPage);
        await db.papers.put(forStorage(bRow));
      }
      if (bRow.key === aKey) throw new Invalid('A paper cannot be split from itself.');
      await db.notSame.put(notSameRow(aKey, bRow.key, now));
      return { a: a ? toView(a) : null, b: toView(bRow) };
    });
  }

  /**
   * Give `to` the sighting `from` got on `pageUrl`'s latest visit (taking it from `from` when
   * `take`), counts following. Writes `from` and both histories; the caller writes `to`. Returns
   * `from` as it is now. Must run inside a rw transaction on papers, history and meta.
   */
  private async handOverVisit(from: PaperRow, to: PaperRow, pageUrl: string, take: boolean): Promise<PaperRow> {
    const db = this.db;
    const [hFrom, hTo] = await db.history.bulkGet([from.key, to.key]);
    let s: Sighting | undefined;
    for (const x of hFrom?.sightings ?? []) if (x.pageUrl === pageUrl && (!s || x.at >= s.at)) s = x;
    if (!hFrom || !s) return from;
    const toList = hTo?.sightings ?? [];
    const copied = !toList.some((x) => x.visitId === s.visitId);
    // The total first: its fallback count reads the histories as they were.
    await addToSightingTotal(db, (copied ? 1 : 0) - (take ? 1 : 0));
    if (copied) {
      await db.history.put({ paperKey: to.key, sightings: joinHistories(toList, [s]) });
      countSighting(to, s);
    }
    if (take) {
      const left = hFrom.sightings.filter((x) => x !== s);
      await db.history.put({ paperKey: from.key, sightings: left });
      from = uncountSighting(from, left, s);
      await db.papers.put(forStorage(from));
    }
    return from;
  }

  async listTags(): Promise<{ tag: string; count: number }[]> {
    return reads.listTags(await this.catalog.get());
  }

  /** The most recently saved papers. */
  async recent(limit: number): Promise<PaperView[]> {
    return reads.recent(this.db, await this.catalog.get(), limit);
  }

  stats(): Promise<LibraryStats> {
    return reads.stats(this.db, this.catalog.get());
  }

  /**
   * A backup file of the whole library was made from what the library held at `at` (when its
   * reading began: a change made while it was read is not counted as in it).
   */
  async markBackedUp(at: number, papers: number): Promise<void> {
    await this.db.meta.put({ key: 'backup', value: { at, papers } });
  }

  /** Two papers are one (./merge.ts); pages are told where the merged one went. */
  merge(keys: [string, string]): Promise<MergeResult> {
    return this.tellMoved((moved) => mergePapers(this, keys, moved));
  }

  /** Undo of a merge, while the merged paper is as the merge left it (./merge.ts). */
  unmerge(snapshot: string): Promise<number> {
    return unmergePapers(this.db, snapshot);
  }

  // ---- bulk (./bulk.ts) --------------------------------------------------------------------------

  bulk(keys: string[], op: BulkOp, chunk = BULK_CHUNK): Promise<{ changed: number; snapshot?: string }> {
    return bulkEdit(this.db, this.catalog, this.now, keys, op, chunk);
  }

  /**
   * Every paper tagged `from` is tagged `to` instead: a rename, or, when `to` is in use, the two
   * tags merged. In chunks, as a bulk tag of that many papers is.
   */
  async renameTag(from: string, to: string): Promise<{ changed: number; keys: string[] }> {
    if (from === to) return { changed: 0, keys: [] };
    const { keys } = searchKeys(await this.catalog.get(), { text: '', status: 'all', sort: 'title', tag: from }, Number.MAX_SAFE_INTEGER);
    if (!keys.length) return { changed: 0, keys };
    const { changed } = await this.bulk(keys, { kind: 'retag', from, to });
    return { changed, keys };
  }

  restore(snapshot: string): Promise<number> {
    return restoreSnapshot(this.db, snapshot);
  }

  clear(): Promise<void> {
    return clearLibrary(this.db);
  }
}

/** Papers moved to a new key within one transaction: old key → the key each is under now. */
type Moves = Map<string, string>;

async function isOtherPaper(db: DejaLuDB, key: string, p: Probe): Promise<boolean> {
  const row = await db.papers.get(key);
  return !!row && row.titleKey === p.titleKey && row.arxivId !== p.arxivId;
}
