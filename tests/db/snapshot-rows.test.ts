/**
 * The snapshot's two rows: 'near' carries exactly what a just-started worker needs, 'papers' the
 * rest, and only rows written together make a snapshot again.
 */
import { describe, expect, it } from 'vitest';
import type { CatalogRow, StoredSnapshot } from '../../lib/db';
import { candidateKeys } from '../../lib/dedup';
import { titleKey } from '../../lib/identity';
import { Catalog } from '../../lib/library/catalog';
import { CATALOG_VERSION } from '../../lib/library/catalog-snapshot';
import { DERIVED_VERSION } from '../../lib/library/derived';
import type { NearSnapshot } from '../../lib/library/near-keys';
import { joinSnapshot, legacySnapshot, splitSnapshot } from '../../lib/library/snapshot-rows';
import { row } from '../export/papers';

function catalogOf(n: number): Catalog {
  const c = new Catalog();
  for (let i = 0; i < n; i++) {
    const title = `Sparse Experts at Scale, Part ${i}`;
    const arxivId = `2501.${10_000 + i}`;
    c.put(row({ key: `arxiv:${arxivId}`, arxivId, title, titleKey: titleKey(title), candidateKeys: candidateKeys(title) }));
  }
  return c;
}

type Rows = [Extract<CatalogRow, { key: 'papers' }>, Extract<CatalogRow, { key: 'near' }>];

describe('snapshot rows', () => {
  it("split in two and joined again give the same snapshot; 'near' holds the keys and candidate hashes only", () => {
    const snap = catalogOf(30).pack();
    const [papers, near] = splitSnapshot(structuredClone(snap)) as Rows;
    expect(Object.keys(near.near).sort()).toEqual(['candSorted', 'candSortedSlots', 'count', 'derived', 'keys', 'version']);
    expect(near.near.count).toBe(30);
    expect('keys' in papers.snapshot).toBe(false);
    expect(papers.snapshot.derived).toBe(DERIVED_VERSION);
    const back = joinSnapshot(papers.snapshot, near.near)!;
    expect(back).toEqual(snap);
    expect(Catalog.unpack(back).pack()).toEqual(snap);
  });

  it('rows that were not written together are no snapshot', () => {
    const [papers] = splitSnapshot(catalogOf(30).pack()) as Rows;
    const [, otherNear] = splitSnapshot(catalogOf(31).pack()) as Rows;
    expect(joinSnapshot(papers.snapshot, otherNear.near)).toBeNull();
    const [p2, n2] = splitSnapshot(catalogOf(5).pack()) as Rows;
    const old = { ...n2.near, version: CATALOG_VERSION - 1 } as NearSnapshot & { version: number };
    expect(joinSnapshot(p2.snapshot, old)).toBeNull();
  });

  it("a version-2 snapshot, stored whole in the 'papers' row, still loads; anything else is not taken for one", () => {
    const snap = catalogOf(12).pack();
    const stored = { ...structuredClone(snap), version: 2, derived: DERIVED_VERSION } as unknown as StoredSnapshot;
    const loaded = legacySnapshot(stored)!;
    expect(loaded.version).toBe(CATALOG_VERSION);
    expect(Catalog.unpack(loaded).pack()).toEqual(snap);
    const [papers] = splitSnapshot(snap) as Rows;
    expect(legacySnapshot(papers.snapshot)).toBeNull();
  });
});
