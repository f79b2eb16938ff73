/**
 * When the catalog (./catalog.ts) is loaded and saved. The service worker starts often (Chrome stops
 * it after 30 s idle), so the catalog loads from one snapshot row plus the journal of papers written
 * since (both kept in step by the database module's journal middleware), never by reading 100k rows
 * — except once, when no valid snapshot exists (first start after an upgrade). Until it is ready,
 * callers use the IndexedDB paths; writes that happen while it loads are queued and replayed.
 */
import { papersAfter, type DejaLuDB, type PaperRow, type PapersChange } from '../db';
import { DERIVED_VERSION } from './derived';
import { Catalog, CATALOG_VERSION, type CatalogSnapshot } from './catalog';
import { measure } from '../timing';
import Dexie from 'dexie';

/** Save a new snapshot once this many papers were written since the last one. */
const SAVE_AFTER_CHANGES = 2_000;
/** …after this long without writes, so a page visit's or an import's burst is saved once. */
const SAVE_QUIET_MS = 3_000;
const SCAN_BATCH = 2_000;

type Snapshot = CatalogSnapshot & { derived?: string };

export class CatalogStore {
  private catalog: Catalog | null = null;
  private loading: Promise<Catalog> | null = null;
  /** Writes heard while loading, replayed in order once the load's reads are done. */
  private queued: PapersChange[] | null = null;
  private changesSinceSave = 0;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saving: Promise<void> | null = null;

  constructor(
    private readonly db: DejaLuDB,
    private readonly options: { saveAfterChanges?: number; quietMs?: number } = {},
  ) {
    db.onPapersChange((c) => this.hear(c));
  }

  /** The catalog if it is loaded and in step; null while it loads (use IndexedDB then). */
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

  private hear(c: PapersChange): void {
    if (this.queued) {
      this.queued.push(c);
      return;
    }
    const cat = this.catalog;
    if (!cat) return;
    apply(cat, c);
    if (c.type === 'invalid') {
      this.catalog = null;
      void this.get().catch((err) => console.error('[dejalu] catalog reload failed', err));
      return;
    }
    if (c.type === 'put') this.changesSinceSave += c.rows.length;
    if (c.type === 'delete') this.changesSinceSave += c.keys.length;
    if (this.changesSinceSave >= (this.options.saveAfterChanges ?? SAVE_AFTER_CHANGES)) this.scheduleSave();
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
    this.queued = [];
    let built = false;
    let cat: Catalog;
    try {
      const start = performance.now();
      const got = await db.transaction('r', [db.papers, db.catalog, db.catalogChanges], async () => {
        const row = await db.catalog.get('papers');
        const snap = row?.snapshot as Snapshot | undefined;
        if (!snap || snap.version !== CATALOG_VERSION || snap.derived !== DERIVED_VERSION) return null;
        const keys = (await db.catalogChanges.toCollection().primaryKeys()) as string[];
        const rows = keys.length ? await db.papers.bulkGet(keys) : [];
        return { snap, keys, rows };
      });
      if (got) {
        cat = Catalog.unpack(got.snap);
        got.keys.forEach((k, i) => {
          const r = got.rows[i];
          if (r) cat.put(r);
          else cat.remove(k);
        });
        this.changesSinceSave = got.keys.length;
      } else {
        cat = await this.scan();
        built = true;
      }
      // Replay what was written meanwhile; an abort heard meanwhile means start again.
      const queued = this.queued;
      this.queued = null;
      if (queued.some((c) => c.type === 'invalid')) return this.load();
      for (const c of queued) apply(cat, c);
      measure(built ? 'catalog.scan' : 'catalog.load', start);
    } catch (err) {
      this.queued = null;
      throw err;
    }
    this.catalog = cat;
    if (built) await this.save();
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
          const snapshot: Snapshot = { ...cat.pack(), derived: DERIVED_VERSION };
          // Continue from the packed form: papers written since load or scan keep their own
          // word and key arrays, which searches check one by one.
          this.catalog = Catalog.unpack(snapshot);
          measure('catalog.pack', start);
          await db.catalog.put({ key: 'papers', snapshot });
          await db.catalogChanges.clear();
          this.changesSinceSave = 0;
        });
      } finally {
        this.saving = null;
      }
    });
    return this.saving;
  }
}

function apply(cat: Catalog, c: PapersChange): void {
  if (c.type === 'put') for (const r of c.rows) cat.put(r);
  else if (c.type === 'delete') for (const k of c.keys) cat.remove(k);
  else if (c.type === 'clear') cat.clear();
}
