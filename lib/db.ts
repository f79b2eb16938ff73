/**
 * The one database module: the Dexie schema, its versions and their upgrades.
 * Only the background service worker opens it (tests open it on fake-indexeddb).
 */
import Dexie, { type DBCore, type DBCoreMutateRequest, type EntityTable, type Transaction } from 'dexie';
import type { CatalogSnapshot } from './library/catalog-snapshot';
import type { NearSnapshot } from './library/near-keys';
import type { SiteIdOrSource } from './messages';
import type { Venue } from './venue';

/** A paper, keyed by its canonical key: `arxiv:<id>`, else `doi:<doi>`, else `title:<titleKey>`. */
/** Where it was published (journal, proceedings, volume, issue, pages) comes from an imported entry. */
export interface PaperRow extends Venue {
  key: string;
  title: string;
  /** titleKey(title): exact-title lookups (the catalog's; not indexed since version 5). */
  titleKey: string;
  /**
   * Near-title candidate keys (dedup.candidateKeys), for the catalog and the journal (a worker that
   * has just started finds near titles through them, lib/library/near-keys.ts). Not indexed since
   * version 5.
   */
  candidateKeys: string[];
  /**
   * Search words, as rows written before version 4 carry them (then indexed). The catalog computes
   * words from the row itself now (lib/words.ts paperWords); rows lose this field when next written.
   */
  words?: string[];
  authors: string[];
  abstract?: string;
  arxivId?: string;
  /** Latest arXiv version seen. */
  version?: number;
  doi?: string;
  year?: number;
  publishedAt?: string;
  /** arXiv's primary subject class (`cs.CL`), from an arXiv page or an imported BibTeX entry. */
  primaryClass?: string;
  /**
   * The reader set or cleared the venue (lib/venue.ts setVenue): pages and imports no longer teach
   * it one. Absent on almost every row.
   */
  venueFixed?: boolean;
  /** Other titles it had, from papers merged into it (a published version's, an earlier one's). */
  altTitles?: string[];
  /**
   * The title keys of `altTitles` (indexed since version 7): a card showing a merged paper's other
   * title, as a Google Scholar result of its published version does, finds it without ids.
   */
  altTitleKeys?: string[];
  urls: string[];
  sites: SiteIdOrSource[];
  firstSeen?: number;
  lastSeen?: number;
  seenCount: number;
  /** The first sighting, denormalised so a page lookup needs no second query. */
  first?: { at: number; site: SiteIdOrSource; label: string; pageUrl: string; digestDate?: string };
  /** When saved; absent when not saved. Indexed, so "saved" filters and sorts are index scans. */
  savedAt?: number;
  tags: string[];
  note: string;
  updatedAt: number;
  /**
   * Keys this paper had before it was re-keyed (a title-only or DOI paper that showed its arXiv id;
   * two papers merged). A page or popup that looked the paper up before the move still edits it
   * by the key it holds. Indexed; absent on almost every row, so it costs an import nothing.
   */
  formerKeys?: string[];
}

/** One sighting of a paper on a page: the unit of a paper's history. */
export interface Sighting {
  at: number;
  pageUrl: string;
  site: SiteIdOrSource;
  label: string;
  digestDate?: string;
  /** One page visit; a paper gets at most one sighting per visit. */
  visitId: string;
}

/**
 * A paper's whole sighting history in one row (version 3), oldest first. One row per paper, not
 * per sighting: a 1M-sighting library is ~100k rows with no secondary index, where version 2 wrote
 * 1M rows with three indexes (the bulk of a backup import's time). Every reader wants a paper's
 * history whole (its details, one-sighting-per-visit, re-key, delete/undo); nothing queries
 * sightings across papers.
 */
export interface HistoryRow {
  paperKey: string;
  sightings: Sighting[];
}

export interface BackupMark {
  at: number;
  papers: number;
}

/** Small bookkeeping values kept in step with the tables, in the same transactions. */
export type MetaRow =
  | { key: 'sightings'; value: number }
  /** The versions of the code that computed the stored titleKey/candidateKeys (lib/library/derived.ts). */
  | { key: 'derived'; value: string }
  /** The last whole-library backup file made (Library.markBackedUp): when it was read, how many papers. */
  | { key: 'backup'; value: BackupMark };

/** A sighting as version 2 stored it and as a backup file (BACKUP_VERSION 1) carries it. */
export interface SightingRow extends Sighting {
  id?: number;
  paperKey: string;
}

/** A pair the user said is *not* the same paper; `pair` is `a|b` with a < b. */
export interface NotSameRow {
  pair: string;
  a: string;
  b: string;
  at: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * The in-memory catalog's last saved snapshot (lib/library/catalog-store.ts), in two rows written
 * together: 'near', what a just-started worker needs for near titles (small, read first), and
 * 'papers', the rest.
 */
export type CatalogRow =
  | { key: 'papers'; snapshot: StoredSnapshot }
  | { key: 'near'; near: NearSnapshot & { version: number; derived: string } };

/** The 'papers' row: the snapshot without what the 'near' row holds. */
export type StoredSnapshot = Omit<CatalogSnapshot, 'keys' | 'candSorted' | 'candSortedSlots'> & { derived: string };

/** Both rows of the snapshot: dropped together, written together. */
export const SNAPSHOT_ROWS = ['papers', 'near'] as const;

/**
 * A paper written since the catalog's snapshot was saved: the catalog re-reads it at load, and a
 * just-started worker takes its candidate keys from here (`[]` once deleted). Rows written before
 * version 5 lack `cands`.
 */
export interface CatalogChangeRow {
  key: string;
  cands?: string[];
}

/**
 * What happened to the papers table, as each write request succeeds (before its transaction
 * commits): `invalid` when a transaction that wrote papers aborted, or a range was deleted, so
 * anything kept in step must be rebuilt from the database.
 */
export type PapersChange =
  /** `unjournalled`: too many to journal, the snapshot was dropped instead (see JOURNAL_BULK). */
  | { type: 'put'; rows: PaperRow[]; unjournalled: boolean }
  | { type: 'delete'; keys: string[]; unjournalled: boolean }
  | { type: 'clear' }
  | { type: 'invalid' };

export const DB_NAME = 'dejalu';

export class DejaLuDB extends Dexie {
  papers!: EntityTable<PaperRow, 'key'>;
  history!: EntityTable<HistoryRow, 'paperKey'>;
  meta!: EntityTable<MetaRow, 'key'>;
  notSame!: EntityTable<NotSameRow, 'pair'>;
  settings!: EntityTable<SettingRow, 'key'>;
  catalog!: EntityTable<CatalogRow, 'key'>;
  catalogChanges!: EntityTable<CatalogChangeRow, 'key'>;

  private readonly papersListeners = new Set<(change: PapersChange) => void>();
  private readonly papersWrites = new Set<Promise<void>>();

  /** Be told of every write to the papers table, whoever makes it (see `journal`). */
  onPapersChange(fn: (change: PapersChange) => void): () => void {
    this.papersListeners.add(fn);
    return () => this.papersListeners.delete(fn);
  }

  /** When every transaction that has written papers so far has committed or aborted (and been told). */
  async papersSettled(): Promise<void> {
    while (this.papersWrites.size) await Promise.all([...this.papersWrites]);
  }

  constructor(name = DB_NAME) {
    super(name);
    this.use({
      stack: 'dbcore',
      name: 'papers-journal',
      create: (down) =>
        journal(down, {
          tell: (c) => this.papersListeners.forEach((fn) => fn(c)),
          writing: (done) => {
            this.papersWrites.add(done);
            void done.then(() => this.papersWrites.delete(done));
          },
        }),
    });
    // Version 1: the first schema. Index only what is queried:
    //  arxivId/doi/titleKey/*candidateKeys: card lookup; savedAt/lastSeen/firstSeen: filters and sorts;
    //  *tags/*sites: filters; *words: search; [visitId+paperKey]: one sighting per visit.
    this.version(1).stores({
      papers: 'key, arxivId, doi, titleKey, *candidateKeys, *words, savedAt, lastSeen, firstSeen, *tags, *sites',
      sightings: '++id, paperKey, [visitId+paperKey]',
      notSame: 'pair, a, b',
      settings: 'key',
    });
    // Version 2: sightings by time for the library's "recent activity" and a title sort index.
    // The upgrade backfills `first` (the denormalised first sighting) for rows written by version 1.
    this.version(2)
      .stores({
        papers:
          'key, arxivId, doi, titleKey, *candidateKeys, *words, savedAt, lastSeen, firstSeen, *tags, *sites, title',
        sightings: '++id, paperKey, [visitId+paperKey], at',
      })
      .upgrade(upgradeToV2);
    // Version 3: sightings grouped into one history row per paper (see HistoryRow), and the total
    // count of sightings kept in `meta` so the library's stats need not read every history.
    this.version(3)
      .stores({
        sightings: null,
        history: 'paperKey',
        meta: 'key',
      })
      .upgrade(upgradeToV3);
    // Version 4: the in-memory catalog's snapshot and the journal of papers written since it was
    // saved (both kept by the `journal` middleware below). Nothing to migrate: a missing snapshot
    // is built from the papers table.
    // Search, tag lists and counts are the catalog's since, so the papers table keeps only the
    // indexes lookups use before the catalog has loaded (doi, titleKey, *candidateKeys): a paper
    // write touches ~10 index entries instead of ~70 (the `*words` index was most of an import).
    this.version(4).stores({
      papers: 'key, doi, titleKey, *candidateKeys',
      catalog: 'key',
      catalogChanges: 'key',
    });
    // Version 5: no `*candidateKeys` index (~5 entries per paper, ~8 s of a 100k import) nor
    // `titleKey` (~2 s more). A worker whose catalog has not loaded yet finds near and exact titles
    // from the snapshot's 'near' row and the journal, which now carries each written paper's
    // candidate keys (lib/library/near-keys.ts): equal title keys share a candidate key.
    this.version(5).stores({
      papers: 'key, doi',
    });
    // Version 6: the keys a re-keyed paper had (PaperRow.formerKeys), so an edit by the key a page
    // was given before a visit re-keyed the paper finds it.
    this.version(6).stores({
      papers: 'key, doi, *formerKeys',
    });
    // Version 7: the title keys of a merged paper's other titles (PaperRow.altTitleKeys). Almost no
    // row has any, so the index costs an import nothing; rows merged before are given their keys by
    // the derived-field refresh (lib/library/derived.ts).
    this.version(7).stores({
      papers: 'key, doi, *formerKeys, *altTitleKeys',
    });
    // A new database starts its count at zero (an upgraded one gets it from upgradeToV3).
    this.on('populate', (tx) => {
      void tx.table('meta').put({ key: 'sightings', value: 0 });
    });
  }
}

export async function upgradeToV2(tx: Transaction): Promise<void> {
  const papers = tx.table<PaperRow, string>('papers');
  const sightings = tx.table<SightingRow, number>('sightings');
  const missing = await papers.filter((p) => !p.first && p.seenCount > 0).toArray();
  for (const paper of missing) {
    const rows = await sightings.where('paperKey').equals(paper.key).sortBy('at');
    const s = rows[0];
    if (!s) continue;
    paper.first = { at: s.at, site: s.site, label: s.label, pageUrl: s.pageUrl, digestDate: s.digestDate };
    await papers.put(paper);
  }
}

export function toSighting(s: SightingRow): Sighting {
  const out: Sighting = { at: s.at, pageUrl: s.pageUrl, site: s.site, label: s.label, visitId: s.visitId };
  if (s.digestDate !== undefined) out.digestDate = s.digestDate;
  return out;
}

/**
 * Version 2 sightings → one history row per paper. Papers are taken a few hundred at a time so
 * memory stays bounded for a library of a million sightings; the old table is deleted by Dexie
 * once this returns.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const old = tx.table<SightingRow, number>('sightings');
  const history = tx.table<HistoryRow, string>('history');
  const keys = (await old.orderBy('paperKey').uniqueKeys()) as string[];
  let total = 0;
  const BATCH = 500;
  for (let i = 0; i < keys.length; i += BATCH) {
    const rows = await old.where('paperKey').anyOf(keys.slice(i, i + BATCH)).toArray();
    const byPaper = new Map<string, SightingRow[]>();
    for (const s of rows) {
      let list = byPaper.get(s.paperKey);
      if (!list) byPaper.set(s.paperKey, (list = []));
      list.push(s);
    }
    const out: HistoryRow[] = [];
    for (const [paperKey, list] of byPaper) {
      // Same time: keep the order they were recorded in (their ids).
      list.sort((a, b) => a.at - b.at || (a.id ?? 0) - (b.id ?? 0));
      out.push({ paperKey, sightings: list.map(toSighting) });
      total += list.length;
    }
    await history.bulkPut(out);
  }
  await tx.table<MetaRow, string>('meta').put({ key: 'sightings', value: total });
}

/** Papers written by one request from which the journal drops the snapshot rather than list them. */
export const JOURNAL_BULK = 1_000;

/**
 * A DBCore middleware that journals every write to `papers`, in the writing transaction itself, so
 * the catalog's snapshot plus the journal always equal the table: every read-write transaction
 * over `papers` also takes `catalogChanges` and `catalog` into its scope, each written paper key
 * is put in `catalogChanges`, and clearing the table drops the snapshot. Listeners hear of each
 * write when it succeeds, and of an abort (the catalog must then reload).
 */
function journal(
  down: DBCore,
  { tell, writing }: { tell: (c: PapersChange) => void; writing: (done: Promise<void>) => void },
): DBCore {
  const watched = new WeakSet<object>();
  const JOURNALLED = ['catalogChanges', 'catalog'];
  // The schema this DBCore was made for: fixed, so asked once, not on every transaction.
  const hasJournal = JOURNALLED.every((t) => down.schema.tables.some((x) => x.name === t));
  return {
    ...down,
    transaction(stores, mode, options) {
      const scope =
        mode === 'readwrite' && stores.includes('papers') && hasJournal
          ? [...new Set([...stores, ...JOURNALLED])]
          : stores;
      return down.transaction(scope, mode, options);
    },
    table(name) {
      const table = down.table(name);
      if (name !== 'papers') return table;
      return {
        ...table,
        async mutate(req: DBCoreMutateRequest) {
          const idb = req.trans as unknown as IDBTransaction;
          // Upgrades run before the journal's tables exist and before anyone listens.
          if (idb.mode === 'versionchange' || !hasJournal) return table.mutate(req);
          if (!watched.has(idb)) {
            watched.add(idb);
            writing(
              new Promise<void>((settle) => {
                idb.addEventListener('complete', () => settle());
                idb.addEventListener('abort', () => {
                  tell({ type: 'invalid' });
                  settle();
                });
              }),
            );
          }
          const res = await table.mutate(req);
          const changes = down.table('catalogChanges');
          const dropSnapshot = () => down.table('catalog').mutate({ type: 'delete', trans: req.trans, keys: [...SNAPSHOT_ROWS] });
          /** Journal these rows; false when they were too many and the snapshot was dropped instead. */
          const note = async (values: CatalogChangeRow[]): Promise<boolean> => {
            if (values.length >= JOURNAL_BULK) {
              // An import: journalling 100k keys took seconds of its time. Without a snapshot the
              // next load scans the table instead; the catalog, which hears these rows, saves a new
              // snapshot as soon as this transaction commits (CatalogStore.resave).
              await dropSnapshot();
              return false;
            }
            await changes.mutate({ type: 'put', trans: req.trans, values });
            return true;
          };
          if (req.type === 'put' || req.type === 'add') {
            const rows = (req.values as PaperRow[]).filter((_, i) => !res.failures[i]);
            if (rows.length) {
              const journalled = await note(rows.map((r) => ({ key: r.key, cands: r.candidateKeys })));
              tell({ type: 'put', rows, unjournalled: !journalled });
            }
          } else if (req.type === 'delete') {
            const journalled = await note((req.keys as string[]).map((key) => ({ key, cands: [] })));
            tell({ type: 'delete', keys: req.keys as string[], unjournalled: !journalled });
          } else {
            // A deleted range (clear() is the whole table) drops the snapshot: the catalog is then
            // rebuilt from what is left, which clear() leaves empty.
            await dropSnapshot();
            await changes.mutate({ type: 'deleteRange', trans: req.trans, range: req.range });
            tell({ type: req.range.type === 3 /* DBCoreRangeType.Any */ ? 'clear' : 'invalid' });
          }
          return res;
        },
      };
    },
  };
}

/**
 * Papers in key order after `after` (from the first when null), at most `limit`: how passes over
 * the whole table read it in batches (the catalog's scan, recomputing derived keys, export).
 */
export function papersAfter(db: DejaLuDB, after: string | null, limit: number): Promise<PaperRow[]> {
  return (after === null ? db.papers.orderBy(':id') : db.papers.where(':id').above(after)).limit(limit).toArray();
}

let shared: DejaLuDB | null = null;

/** The background's single connection. */
export function openDb(): DejaLuDB {
  shared ??= new DejaLuDB();
  return shared;
}
