/**
 * Edits to many papers at once (the library page's selection, or every paper a search matches),
 * the undo of a bulk delete, and clearing the library.
 */
import type { DejaLuDB, HistoryRow, NotSameRow, PaperRow, SightingRow } from '../db';
import { addToSightingTotal, historyCount, joinHistories, sightingsByPaper } from './history';
import type { CatalogStore } from './catalog-store';
import { forStorage, mergeRows } from './rows';

/**
 * Papers per transaction of a bulk edit (bulkEdit): ~3.5 s of writes on the slow VM. Each
 * chunk drops the catalog's snapshot (over JOURNAL_BULK), which is saved once after the run
 * (CatalogStore.batch); chunks small enough to be journalled wrote a journal row per paper besides
 * (100k papers: 74 s, against 53 s in one transaction).
 */
export const BULK_CHUNK = 5_000;

export type BulkOp =
  | { kind: 'tag' | 'untag'; tag: string }
  | { kind: 'save' | 'unsave' | 'delete' }
  /** A tag renamed, or merged into another (Library.renameTag). */
  | { kind: 'retag'; from: string; to: string };

/** What a bulk delete hands back for its undo. */
interface Snapshot {
  papers: PaperRow[];
  history: HistoryRow[];
  notSame: NotSameRow[];
}

export async function bulkEdit(
  db: DejaLuDB,
  catalog: CatalogStore,
  now: () => number,
  keys: string[],
  op: BulkOp,
  chunk = BULK_CHUNK,
): Promise<{ changed: number; snapshot?: string }> {
  // Every paper a search matched may be 100k, a minute of writes: in one transaction, a digest
  // page opened meanwhile would wait that long for its badges. Edits that can be applied in
  // parts go chunk by chunk (each whole or not at all); a delete stays one, with its undo.
  if (op.kind !== 'delete' && keys.length > chunk) {
    return catalog.batch(async () => {
      let changed = 0;
      for (let i = 0; i < keys.length; i += chunk) changed += (await bulkEdit(db, catalog, now, keys.slice(i, i + chunk), op, chunk)).changed;
      return { changed };
    });
  }
  return db.transaction('rw', [db.papers, db.history, db.meta, db.notSame], async () => {
    const at = now();
    const rows = (await db.papers.bulkGet(keys)).filter((r): r is PaperRow => !!r);
    if (op.kind === 'delete') {
      const history = (await db.history.bulkGet(keys)).filter((h): h is HistoryRow => !!h);
      const pairs = await db.notSame.where('a').anyOf(keys).or('b').anyOf(keys).toArray();
      const snapshot = JSON.stringify({ papers: rows, history, notSame: pairs } satisfies Snapshot);
      await addToSightingTotal(db, -historyCount(history));
      await db.history.bulkDelete(history.map((h) => h.paperKey));
      await db.notSame.bulkDelete(pairs.map((p) => p.pair));
      await db.papers.bulkDelete(rows.map((r) => r.key));
      return { changed: rows.length, snapshot };
    }
    for (const row of rows) {
      if (op.kind === 'tag' && !row.tags.includes(op.tag)) row.tags = [...row.tags, op.tag];
      if (op.kind === 'untag') row.tags = row.tags.filter((t) => t !== op.tag);
      if (op.kind === 'retag') row.tags = [...new Set(row.tags.map((t) => (t === op.from ? op.to : t)))];
      if (op.kind === 'save') row.savedAt ??= at;
      if (op.kind === 'unsave') delete row.savedAt;
      row.updatedAt = at;
      forStorage(row);
    }
    await db.papers.bulkPut(rows);
    return { changed: rows.length };
  });
}

/**
 * Undo of a bulk delete: put back what the snapshot holds. A paper recorded or edited again since
 * the delete (a digest tab saw it, the reader noted it) is merged with its snapshot, as two
 * copies of one paper are, so nothing written in between is lost; undoing twice adds nothing.
 */
export async function restoreSnapshot(db: DejaLuDB, snapshot: string): Promise<number> {
  const data = JSON.parse(snapshot) as Snapshot | { papers: PaperRow[]; sightings: SightingRow[]; notSame: NotSameRow[] };
  // A snapshot taken before version 3 (undo offered across an update) holds sighting rows.
  const history = 'history' in data ? data.history : groupSightings(data.sightings);
  return db.transaction('rw', [db.papers, db.history, db.meta, db.notSame], async () => {
    const [nowRows, nowHistory] = await Promise.all([
      db.papers.bulkGet(data.papers.map((p) => p.key)),
      db.history.bulkGet(history.map((h) => h.paperKey)),
    ]);
    // Sightings each paper gains back (all of its snapshot's, but those already there again).
    const gained = new Map<string, number>();
    const histories = history.map((back, i): HistoryRow => {
      const here = nowHistory[i]?.sightings ?? [];
      const sightings = joinHistories(here, back.sightings.filter((s) => !here.some((h) => h.visitId === s.visitId && h.at === s.at)));
      gained.set(back.paperKey, sightings.length - here.length);
      return { paperKey: back.paperKey, sightings };
    });
    const rows = data.papers.map((snap, i) => {
      const now = nowRows[i];
      if (!now) return snap;
      const merged = mergeRows(now, snap);
      merged.seenCount = now.seenCount + (gained.get(snap.key) ?? 0);
      return forStorage(merged);
    });
    await db.papers.bulkPut(rows);
    await addToSightingTotal(db, [...gained.values()].reduce((a, b) => a + b, 0));
    await db.history.bulkPut(histories);
    await db.notSame.bulkPut(data.notSame);
    return data.papers.length;
  });
}

export async function clearLibrary(db: DejaLuDB): Promise<void> {
  await db.transaction('rw', [db.papers, db.history, db.meta, db.notSame], async () => {
    await Promise.all([db.papers.clear(), db.history.clear(), db.meta.put({ key: 'sightings', value: 0 }), db.notSame.clear()]);
  });
}

function groupSightings(rows: SightingRow[]): HistoryRow[] {
  return [...sightingsByPaper(rows)].map(([paperKey, sightings]) => ({ paperKey, sightings: sightings.sort((a, b) => a.at - b.at) }));
}
