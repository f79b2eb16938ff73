/**
 * Sighting histories (one row per paper, lib/db.ts HistoryRow) and the running total of sightings
 * that the library's stats show. Every function runs inside the caller's transaction, which must
 * include `history` and `meta`, so the total moves with the rows it counts.
 */
import { isPageSite } from '../sites/directory';
import { toSighting, type DejaLuDB, type HistoryRow, type PaperRow, type Sighting, type SightingRow } from '../db';

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

/** Sighting rows (a backup's flat list) as each paper's sightings, in the rows' order. */
export function sightingsByPaper(rows: readonly SightingRow[]): Map<string, Sighting[]> {
  const out = new Map<string, Sighting[]>();
  for (const r of rows) {
    let list = out.get(r.paperKey);
    if (!list) out.set(r.paperKey, (list = []));
    list.push(toSighting(r));
  }
  return out;
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

/** The denormalised first sighting a paper row carries (PaperRow.first). */
function firstOf(s: Sighting): NonNullable<PaperRow['first']> {
  const first: NonNullable<PaperRow['first']> = { at: s.at, site: s.site, label: s.label, pageUrl: s.pageUrl };
  if (s.digestDate !== undefined) first.digestDate = s.digestDate;
  return first;
}

/** A paper's counts with sighting `s` added to its history (the caller writes the history). */
export function countSighting(row: PaperRow, s: Sighting): void {
  row.seenCount += 1;
  row.firstSeen = Math.min(row.firstSeen ?? s.at, s.at);
  row.lastSeen = Math.max(row.lastSeen ?? s.at, s.at);
  if (!row.first || s.at < row.first.at) row.first = firstOf(s);
  if (!row.sites.includes(s.site)) row.sites = [...row.sites, s.site];
}

/**
 * A paper's counts once sighting `gone` has left its history, `left` being what remains (oldest
 * first). Only what `gone` decided changes: a row's counts may come from before its history (an
 * old import), and those stay.
 */
export function uncountSighting(row: PaperRow, left: Sighting[], gone: Sighting): PaperRow {
  const out: PaperRow = { ...row, seenCount: Math.max(0, row.seenCount - 1) };
  const earliest = left[0];
  const latest = left[left.length - 1];
  if (out.firstSeen === gone.at) out.firstSeen = earliest?.at;
  if (out.lastSeen === gone.at) out.lastSeen = latest?.at;
  if (out.first && out.first.at === gone.at && out.first.pageUrl === gone.pageUrl) out.first = earliest && firstOf(earliest);
  // A page site is there because of sightings; one no sighting is left of goes.
  if (isPageSite(gone.site) && !left.some((x) => x.site === gone.site)) {
    out.sites = out.sites.filter((x) => x !== gone.site);
  }
  for (const k of ['firstSeen', 'lastSeen', 'first'] as const) if (out[k] === undefined) delete out[k];
  return out;
}
