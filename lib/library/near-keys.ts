/**
 * Near-title candidates for a worker that has just started, before its catalog has loaded: the
 * catalog snapshot's (candidate-key hash, paper) pairs, stored as a row of their own ('near', a few
 * MB at 100k papers against the snapshot's ~80 MB), plus the papers written since, which the
 * journal lists with their candidate keys.
 *
 * Why not an IndexedDB index: a multi-entry index on `candidateKeys` wrote ~5 entries per paper,
 * ~500k records for a 100k library, which cost a backup import ~8 s of its ~30 (bench/PERFORMANCE.md),
 * and every paper write rewrote them. Nothing but this early window needs them outside memory.
 */
import { hashNumber } from '../dedup';
import type { CatalogChangeRow } from '../db';
import { SEP } from './catalog-row-shape';
import { lowerBound } from './sorted';

/** The 'near' row: the snapshot's keys and its candidate-key pairs sorted by hash (see Catalog.pack). */
export interface NearSnapshot {
  count: number;
  /** Paper keys by slot, joined by NUL. */
  keys: string;
  candSorted: Float64Array;
  candSortedSlots: Int32Array;
}

export class NearKeys {
  private readonly keys: string[];
  /** Papers written since the snapshot, with their candidate-key hashes now ([] once deleted). */
  private readonly since = new Map<string, number[]>();
  private readonly sinceByHash = new Map<number, Set<string>>();
  /** The table was cleared since the snapshot: none of its papers is left. */
  private cleared = false;

  private constructor(private readonly snap: NearSnapshot) {
    this.keys = snap.count === 0 ? [] : snap.keys.split(SEP);
  }

  /**
   * From the 'near' row and the journal read with it in one transaction; null when a journal row
   * does not carry its candidate keys (written by an older version): the catalog must load then.
   */
  static from(snap: NearSnapshot, journal: CatalogChangeRow[]): NearKeys | null {
    if (journal.some((j) => !j.cands)) return null;
    const near = new NearKeys(snap);
    for (const j of journal) near.put(j.key, j.cands!);
    return near;
  }

  /** A paper written (its candidate keys now) or deleted (`[]`). */
  put(key: string, candidateKeys: readonly string[]): void {
    for (const h of this.since.get(key) ?? []) this.sinceByHash.get(h)?.delete(key);
    const hashes = candidateKeys.map(hashNumber);
    this.since.set(key, hashes);
    for (const h of hashes) {
      let set = this.sinceByHash.get(h);
      if (!set) this.sinceByHash.set(h, (set = new Set()));
      set.add(key);
    }
  }

  /** Every paper written so far is forgotten (the table was cleared). */
  clear(): void {
    this.cleared = true;
    this.since.clear();
    this.sinceByHash.clear();
  }

  /** The papers sharing the candidate key `candKey`, in key order (as an index would give them). */
  candidates(candKey: string): string[] {
    const h = hashNumber(candKey);
    const { candSorted: sorted, candSortedSlots: slots } = this.snap;
    const out = new Set<string>();
    const from = this.cleared ? sorted.length : lowerBound(sorted.length, (j) => sorted[j]!, h, (a, b) => a < b);
    for (let i = from; i < sorted.length && sorted[i] === h; i++) {
      const key = this.keys[slots[i]!]!;
      // A paper written since has its own keys below (a new title, or deleted).
      if (!this.since.has(key)) out.add(key);
    }
    for (const k of this.sinceByHash.get(h) ?? []) out.add(k);
    return [...out].sort();
  }
}
