import type { DejaLuDB, PaperRow } from '../db';

/**
 * The papers that took over these keys (another paper merged into them, or they were re-keyed
 * when they showed an arXiv id), by each key taken: what a page, a popup or a file that still
 * names the old key means. One query of the `formerKeys` index, which almost no row is in.
 */
export async function heirsOf(db: DejaLuDB, keys: readonly string[]): Promise<Map<string, PaperRow>> {
  const out = new Map<string, PaperRow>();
  if (keys.length === 0) return out;
  const wanted = new Set(keys);
  for (const r of await db.papers.where('formerKeys').anyOf(keys).toArray()) {
    for (const k of r.formerKeys ?? []) if (wanted.has(k)) out.set(k, r);
  }
  return out;
}
