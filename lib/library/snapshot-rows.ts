/**
 * How a catalog snapshot (./catalog-snapshot.ts) is stored: two rows of the `catalog` table,
 * written together. 'near' holds the keys and the sorted candidate hashes, all a just-started
 * worker reads for its first lookups (./near-keys.ts); 'papers' holds the rest.
 */
import type { CatalogRow, StoredSnapshot } from '../db';
import { CATALOG_VERSION, type CatalogSnapshot } from './catalog-snapshot';
import { DERIVED_VERSION } from './derived';
import type { NearSnapshot } from './near-keys';

/** One snapshot as its two rows: 'near' is all a just-started worker reads (see NearKeys). */
export function splitSnapshot(snap: CatalogSnapshot): CatalogRow[] {
  const { keys, candSorted, candSortedSlots, ...rest } = snap;
  return [
    { key: 'papers', snapshot: { ...rest, derived: DERIVED_VERSION } },
    { key: 'near', near: { version: snap.version, derived: DERIVED_VERSION, count: snap.count, keys, candSorted, candSortedSlots } },
  ];
}

export function joinSnapshot(main: StoredSnapshot, near: NearSnapshot & { version: number }): CatalogSnapshot | null {
  // Written together, so they agree; a mismatch means a row from elsewhere: rebuild.
  if (main.version !== CATALOG_VERSION || near.version !== main.version || near.count !== main.count) return null;
  const { derived: _d, ...rest } = main;
  return { ...rest, keys: near.keys, candSorted: near.candSorted, candSortedSlots: near.candSortedSlots };
}

/**
 * A snapshot as version 2 stored it, whole in the 'papers' row: the same columns, so it loads as
 * it is rather than by a scan of the table (seconds at 100k papers) on the first start after an
 * update.
 */
export function legacySnapshot(main: StoredSnapshot): CatalogSnapshot | null {
  const snap = main as StoredSnapshot & Partial<CatalogSnapshot>;
  if (snap.version !== 2 || snap.keys === undefined || !snap.candSorted || !snap.candSortedSlots) return null;
  const { derived: _d, ...rest } = snap;
  return { ...rest, version: CATALOG_VERSION } as CatalogSnapshot;
}
