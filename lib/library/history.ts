/**
 * Sighting histories (one row per paper, lib/db.ts HistoryRow) and the running total of sightings
 * that the library's stats show. Every function runs inside the caller's transaction, which must
 * include `history` and `meta`, so the total moves with the rows it counts.
 */
import type { DejaLuDB, HistoryRow, Sighting } from '../db';

export async function sightingTotal(db: DejaLuDB): Promise<number> {
  const row = await db.meta.get('sightings');
  if (row?.key === 'sightings') return row.value;
  // A database whose total was never written (it should not happen): count once, honestly.
  let total = 0;
  await db.history.each((h) => {
    total += h.sightings.length;
  });
  return total;
}

/** Call before writing the histories the change is about (the fallback count reads them). */
export async function addToSightingTotal(db: DejaLuDB, delta: number): Promise<void> {
  if (delta === 0) return;
  const total = await sightingTotal(db);
  await db.meta.put({ key: 'sightings', value: Math.max(0, total + delta) });
}

/**
 * Two histories of one paper (re-key) as one, oldest first. Nothing is dropped: the merged paper's
 * seenCount is the sum of both, and the history must keep agreeing with it.
 */
export function joinHistories(a: Sighting[], b: Sighting[]): Sighting[] {
  // A stable sort keeps same-time sightings in the order they were recorded.
  return [...a, ...b].sort((x, y) => x.at - y.at);
}

/** What makes two sightings the same one when histories meet (import, re-key). */
export function sightingId(s: { visitId: string; at: number }): string {
  return `${s.visitId}|${s.at}`;
}

export function historyCount(rows: (HistoryRow | undefined)[]): number {
  let n = 0;
  for (const r of rows) n += r?.sightings.length ?? 0;
  return n;
}
