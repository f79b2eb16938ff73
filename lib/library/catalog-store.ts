/**
 * When the catalog (./catalog.ts) is loaded and saved. The service worker starts often (Chrome stops
 * it after 30 s idle), so the catalog loads from its snapshot (two rows, ./snapshot-rows.ts) plus the
 * journal of papers written since (kept in step by the database module's journal middleware), never
 * by reading 100k rows — except once, when no valid snapshot exists (a snapshot format change, or an
 * import the worker did not outlive). Until it is ready, lookups use the near keys (the snapshot's
 * small 'near' row and the journal, ./near-keys.ts); writes that happen while either loads are
 * queued and replayed.
 */
import { papersAfter, SNAPSHOT_ROWS, type CatalogRow, type DejaLuDB, type PaperRow, type PapersChange } from '../db';
import { DERIVED_VERSION } from './derived';
import { Catalog } from './catalog';
import { CATALOG_VERSION, type CatalogSnapshot } from './catalog-snapshot';
import { NearKeys } from './near-keys';
import { joinSnapshot, legacySnapshot, splitSnapshot } from './snapshot-rows';
import { measure } from '../timing';
import Dexie from 'dexie';

/** Save a new snapshot once this many papers were written since the last one. */
const SAVE_AFTER_CHANGES = 2_000;
/** …after this long without writes, so a page visit's or an import's burst is saved once. */
const SAVE_QUIET_MS = 3_000;
const SCAN_BATCH = 2_000;

export class CatalogStore {
  private catalog: Catalog | null = null;
  private loading: Promise<Catalog> | null = null;
  /** Writes heard while the catalog loads. */
  private readonly heard = new Heard();
  private changesSinceSave = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;
  /** A bulk write dropped the snapshot and no save has written one since. */
  private snapshotDropped = false;
  private resaving: Promise<void> | null = null;
  /** Runs of bulk writes under way (`batch`): a snapshot they drop is saved after them. */
  private batches = 0;
  /** Near-title candidates until the catalog has loaded (./near-keys.ts). */
  private near: NearKeys | null = null;
  private nearLoading: Promise<NearKeys | null> | null = null;
  /** Writes heard while the near keys load. */
  private readonly nearHeard = new Heard();

  constructor(
    private readonly db: DejaLuDB,
    private readonly options: { saveAfterChanges?: number; quietMs?: number } = {},
  ) {
    db.onPapersChange((c) => this.hear(c));
  }

  /** The catalog if it is loaded and in step; null while it loads (see nearTitles for lookups then). */
  ready(): Catalog | null {
    return this.catalog;
  }

  /**
   * The catalog, loading it if needed, once the transactions already writing papers are over (an
   * aborted one makes it reload), as a new IndexedDB transaction would see the table.
   */
  async get(): Promise<Catalog> {
    await this.db.papersSettled();
    if (this.catalog) return this.catalog;
    // Outside any transaction the caller is in: the load has its own.
    this.loading ??= Dexie.ignoreTransaction(() => this.load()).finally(() => (this.loading = null));
    return this.loading;
  }

  /**
   * What finds near titles now without waiting long: the catalog once loaded, else the near keys
   * (one small row and the journal), else — no snapshot yet: after an upgrade or an import the
   * worker did not outlive — the catalog, built from the table.
   * Asked before a transaction opens: awaiting anything else inside one would let it commit.
   */
  async nearTitles(): Promise<Catalog | NearKeys> {
    const now = this.nearNow();
    if (now) return now;
    await this.db.papersSettled();
    if (this.catalog) return this.catalog;
    this.nearLoading ??= Dexie.ignoreTransaction(() => this.loadNear()).finally(() => (this.nearLoading = null));
    const near = await this.nearLoading;
    return this.catalog ?? near ?? this.get();
  }

  /**
   * nearTitles without waiting, when it is loaded: callers that must open their transaction at once
   * (a lookup racing a write is answered in their transactions' order) use this first.
   */
  nearNow(): Catalog | NearKeys | null {
    return this.catalog ?? this.near;
  }

  /**
   * Runs `fn` with what finds near titles: at once (in this task) when that is loaded, so the
   * transaction `fn` opens is ordered with the writes asked for before it; else once it is.
   */
  withNear<T>(fn: (from: Catalog | NearKeys) => Promise<T>): Promise<T> {
    const now = this.nearNow();
    return now ? fn(now) : this.nearTitles().then(fn);
  }

  /**
   * Runs `fn` with the catalog: at once when it is loaded (ordered as `withNear` orders), else once
   * it has loaded. For work nobody waits on that must match as the catalog does (a visit's
   * sightings: a paper's other titles are matched near from the catalog alone).
   */
  withCatalog<T>(fn: (from: Catalog) => Promise<T>): Promise<T> {
    const now = this.catalog;
    return now ? fn(now) : this.get().then(fn);
  }

  private async loadNear(): Promise<NearKeys | null> {
    const db = this.db;
    this.nearHeard.listen();
    try {
      const start = performance.now();
      const got = await db.transaction('r', db.catalog, db.catalogChanges, async () => {
        const row = (await db.catalog.get('near')) as Extract<CatalogRow, { key: 'near' }> | undefined;
        if (!row || row.near.version !== CATALOG_VERSION || row.near.derived !== DERIVED_VERSION) return null;
        return { snap: row.near, journal: await db.catalogChanges.toArray() };
      });
      const near = got && NearKeys.from(got.snap, got.journal);
      const heard = this.nearHeard.stop();
      if (!near) return null;
      if (heard === 'stale') return this.loadNear();
      for (const c of heard) applyNear(near, c);
      measure('near.load', start);
      // The catalog may have loaded meanwhile; it is the one kept in step then.
      if (!this.catalog) this.near = near;
      return near;
    } catch (err) {
      this.nearHeard.stop();
      throw err;
    }
  }

  private hear(c: PapersChange): void {
    if ((c.type === 'put' || c.type === 'delete') && c.unjournalled) void this.resave();
    if (!this.nearHeard.keep(c) && this.near) {
      if (c.type === 'invalid') this.near = null;
      else applyNear(this.near, c);
    }
    if (this.heard.keep(c)) return;
    const cat = this.catalog;
    if (!cat) return;
    apply(cat, c);
    if (c.type === 'invalid') {
      this.catalog = null;
      void this.get().catch((err) => console.error('[dejalu] catalog reload failed', err));
      return;
    }
    this.changesSinceSave += c.type === 'put' ? c.rows.length : c.type === 'delete' ? c.keys.length : 0;
    if (this.changesSinceSave >= (this.options.saveAfterChanges ?? SAVE_AFTER_CHANGES)) this.scheduleSave();
  }

  /**
   * A bulk write (an import) dropped the snapshot instead of journalling (see JOURNAL_BULK): save a
   * new one as soon as it has committed, loading the catalog first if need be. A worker started
   * before that would have no near keys, and its first lookup would wait for a scan of the table.
   * Within `batch`, once the batch is over.
   */
  private resave(): Promise<void> {
    this.snapshotDropped = true;
    if (this.batches > 0) return Promise.resolve();
    this.resaving ??= (async () => {
      try {
        await this.get();
        if (this.snapshotDropped) await this.save();
      } catch (err) {
        console.error('[dejalu] saving the catalog after a bulk write failed', err);
      } finally {
        this.resaving = null;
      }
    })();
    return this.resaving;
  }

  /**
   * Runs `work`, a run of bulk writes in transactions of their own (a bulk edit in chunks), saving
   * a snapshot they drop once after them rather than after each: a save holds the next writer back
   * (100k papers tagged in chunks of 5,000 took 87 s so, against 53 s in one transaction).
   */
  async batch<T>(work: () => Promise<T>): Promise<T> {
    this.batches++;
    try {
      return await work();
    } finally {
      if (--this.batches === 0 && this.snapshotDropped) void this.resave();
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save().catch((err) => console.error('[dejalu] saving the catalog failed', err));
    }, this.options.quietMs ?? SAVE_QUIET_MS);
  }

  private async load(): Promise<Catalog> {
    const db = this.db;
    this.heard.listen();
    let built = false;
    let cat: Catalog;
    let got: { snap: CatalogSnapshot; keys: string[]; rows: (PaperRow | undefined)[]; whole: boolean } | null;
    try {
      const start = performance.now();
      got = await db.transaction('r', [db.papers, db.catalog, db.catalogChanges], async () => {
        const [main, near] = (await db.catalog.bulkGet([...SNAPSHOT_ROWS])) as [
          Extract<CatalogRow, { key: 'papers' }> | undefined,
          Extract<CatalogRow, { key: 'near' }> | undefined,
        ];
        const snap = main && (near ? joinSnapshot(main.snapshot, near.near) : legacySnapshot(main.snapshot));
        if (!snap || main!.snapshot.derived !== DERIVED_VERSION) return null;
        const keys = (await db.catalogChanges.toCollection().primaryKeys()) as string[];
        const rows = keys.length ? await db.papers.bulkGet(keys) : [];
        return { snap, keys, rows, whole: !near };
      });
      if (got) {
        const { snap, keys, rows } = got;
        // Outside any transaction now: the worker answers messages between the steps.
        const steps = Catalog.unpackSteps(snap);
        let step = steps.next();
        while (!step.done) {
          await new Promise((next) => setTimeout(next, 0));
          step = steps.next();
        }
        cat = step.value;
        keys.forEach((k, i) => {
          const r = rows[i];
          if (r) cat.put(r);
          else cat.remove(k);
        });
        this.changesSinceSave = keys.length;
      } else {
        cat = await this.scan();
        built = true;
      }
      // Replay what was written meanwhile; an abort heard meanwhile means start again.
      const heard = this.heard.stop();
      if (heard === 'stale') return this.load();
      for (const c of heard) apply(cat, c);
      measure(built ? 'catalog.scan' : 'catalog.load', start);
    } catch (err) {
      this.heard.stop();
      throw err;
    }
    this.catalog = cat;
    this.near = null;
    if (built) await this.save();
    // A snapshot of the previous version, in one row: saved again in two, so the next worker start
    // has near keys (not awaited: this load's callers need not wait for it).
    else if (got?.whole) void this.save().catch((err) => console.error('[dejalu] saving the catalog failed', err));
    return cat;
  }

  /** Every paper, a few thousand rows per transaction so lookups are not held up behind it. */
  private async scan(): Promise<Catalog> {
    const db = this.db;
    const cat = new Catalog();
    let after: string | null = null;
    for (;;) {
      const rows: PaperRow[] = await db.transaction('r', db.papers, () => papersAfter(db, after, SCAN_BATCH));
      for (const r of rows) cat.put(r);
      if (rows.length < SCAN_BATCH) break;
      after = rows.at(-1)!.key;
    }
    return cat;
  }

  /**
   * Write the snapshot and empty the journal in one transaction. Its first read waits for every
   * earlier transaction writing papers (they all take `catalogChanges` into their scope), so the
   * catalog packed right after it holds exactly what the journal is then cleared of.
   */
  save(): Promise<void> {
    this.saving ??= Dexie.ignoreTransaction(async () => {
      const db = this.db;
      try {
        await db.transaction('rw', db.catalog, db.catalogChanges, async () => {
          await db.catalogChanges.count();
          const cat = this.catalog;
          if (!cat) return;
          const start = performance.now();
          // In steps, the worker answering messages (page lookups) between them: a request to the
          // database keeps this transaction alive across each pause, and holds writers back, so
          // the catalog does not change meanwhile.
          const snapshot = await stepsInTransaction(db, cat.packSteps());
          // Continue from the packed form: papers written since load or scan keep their own
          // word and key arrays, which searches check one by one.
          this.catalog = await stepsInTransaction(db, Catalog.unpackSteps(snapshot));
          measure('catalog.pack', start);
          await db.catalog.bulkPut(splitSnapshot(snapshot));
          await db.catalogChanges.clear();
          this.changesSinceSave = 0;
          this.snapshotDropped = false;
        });
      } finally {
        this.saving = null;
      }
    });
    return this.saving;
  }
}

/**
 * Inside the save's transaction: each pause between steps is a small read, which the database
 * answers as a task of its own, so other messages are handled in between and the transaction
 * stays open (an await on anything else would let it commit).
 */
async function stepsInTransaction<T>(db: DejaLuDB, steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await db.catalogChanges.count();
  }
}

/**
 * Writes to the papers table heard while a read of what is stored is under way (the catalog's
 * load, the near keys' load), to replay in order onto what it read once it is done.
 */
class Heard {
  private list: PapersChange[] | null = null;

  /** Start keeping what is heard (a read is starting). */
  listen(): void {
    this.list = [];
  }

  /** Keep `c` if listening; false when not. */
  keep(c: PapersChange): boolean {
    if (!this.list) return false;
    this.list.push(c);
    return true;
  }

  /**
   * Stop listening: what was heard, or 'stale' when an aborted transaction was among it (the read
   * may have seen rows that are gone, so it must be made again).
   */
  stop(): PapersChange[] | 'stale' {
    const list = this.list ?? [];
    this.list = null;
    return list.some((c) => c.type === 'invalid') ? 'stale' : list;
  }
}

function apply(cat: Catalog, c: PapersChange): void {
  if (c.type === 'put') for (const r of c.rows) cat.put(r);
  else if (c.type === 'delete') for (const k of c.keys) cat.remove(k);
  else if (c.type === 'clear') cat.clear();
}

function applyNear(near: NearKeys, c: PapersChange): void {
  if (c.type === 'put') for (const r of c.rows) near.put(r.key, r.candidateKeys);
  else if (c.type === 'delete') for (const k of c.keys) near.put(k, []);
  else if (c.type === 'clear') near.clear();
}
