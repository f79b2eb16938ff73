import { describe, expect, it } from 'vitest';
import { DejaLuDB } from '../../lib/db';
import { candidateKeys } from '../../lib/dedup';
import { titleKey } from '../../lib/identity';
import { DERIVED_VERSION, refreshDerived } from '../../lib/library/derived';
import { Library } from '../../lib/library/index';
import type { CardInput, PageInfo } from '../../lib/messages';

let n = 0;
const page: PageInfo = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Hugging Face · Nov 3', digestDate: '2025-11-03' };
const card = (i: number): CardInput => ({
  title: `Sparse Mixture of Experts for Long Context Retrieval, study ${i}`,
  arxivId: `2511.${String(i).padStart(5, '0')}`,
  authors: ['Ada Lovelace', `Author ${i}`],
  abstract: 'We study retrieval over long contexts with sparse experts.',
});

async function libraryWith(count: number): Promise<{ db: DejaLuDB; lib: Library }> {
  const db = new DejaLuDB(`derived-test-${++n}`);
  const lib = new Library(db, () => Date.parse('2025-11-03T10:00:00Z'));
  await lib.recordSightings('v1', page, Array.from({ length: count }, (_, i) => card(i)));
  return { db, lib };
}

describe('refreshDerived', () => {
  it('recomputes stale title keys and candidate keys across batches, once, dropping old search words', async () => {
    const { db, lib } = await libraryWith(23);
    // Keys as an older version of the code might have left them.
    await db.papers.toCollection().modify((row) => {
      row.titleKey = 'stale';
      row.candidateKeys = ['s:0'];
      row.words = ['stale'];
    });
    await db.meta.put({ key: 'derived', value: '0.0.0' });
    expect(await lib.lookup([card(5)])).toMatchObject([{ status: 'seen' }]);

    expect(await refreshDerived(db, DERIVED_VERSION, 5)).toBe(23);
    for (const row of await db.papers.toArray()) {
      expect(row.titleKey).toBe(titleKey(row.title));
      expect(row.candidateKeys).toEqual(candidateKeys(row.title));
      expect(row.words).toBeUndefined();
    }
    expect((await db.meta.get('derived'))?.value).toBe(DERIVED_VERSION);
    expect((await lib.search({ text: 'sparse', status: 'all', sort: 'lastSeen', offset: 0, limit: 50 })).total).toBe(23);
    // A near-title card finds its paper again through the recomputed candidate keys.
    const near = { title: 'Sparse Mixtures of Experts for Long Context Retrieval, study 7', authors: ['Ada Lovelace'] };
    expect((await lib.lookup([near]))[0]?.paper?.arxivId).toBe('2511.00007');
    expect(await refreshDerived(db, DERIVED_VERSION, 5)).toBe(0);
  });

  it('leaves a library alone when its keys were made by the current code', async () => {
    const { db } = await libraryWith(3);
    await db.papers.toCollection().modify((row) => {
      row.words = ['untouched'];
    });
    await db.meta.put({ key: 'derived', value: DERIVED_VERSION });
    expect(await refreshDerived(db)).toBe(0);
    expect((await db.papers.toArray()).every((r) => r.words?.[0] === 'untouched')).toBe(true);
    expect((await db.meta.get('derived'))?.value).toBe(DERIVED_VERSION);
  });

  it('counts a library without a recorded version as made by version 1 of each function', async () => {
    const { db } = await libraryWith(3);
    await db.papers.toCollection().modify((row) => {
      row.words = ['old'];
    });
    // Search words are at version 6 (lib/words.ts WORDS_VERSION), other titles' keys at 1: rows still
    // carrying words lose them.
    expect(DERIVED_VERSION).toBe('1.1.6.1');
    expect(await refreshDerived(db)).toBe(3);
    expect((await db.papers.toArray()).every((r) => r.words === undefined)).toBe(true);
  });

  it("gives a paper merged before other titles had keys its other titles' keys, so cards with them find it", async () => {
    const { db, lib } = await libraryWith(3);
    const other = 'Long Context Retrieval with Sparse Experts: The Journal Version';
    // Merged by a version that kept the other title but did not index it.
    await db.papers.update('arxiv:2511.00001', { altTitles: [other] });
    await db.meta.put({ key: 'derived', value: '1.1.6' });
    // The catalog reads other titles from the row itself: it finds the paper already.
    expect((await lib.lookup([{ title: other }]))[0]?.match?.rule).toBe('other-title');
    // The table's index, which lookups use before the catalog has loaded, learns it from the refresh.
    expect(await db.papers.where('altTitleKeys').equals(titleKey(other)).count()).toBe(0);
    expect(await refreshDerived(db)).toBe(1);
    expect(await db.papers.where('altTitleKeys').equals(titleKey(other)).count()).toBe(1);
    expect((await db.papers.get('arxiv:2511.00001'))?.altTitleKeys).toEqual([titleKey(other)]);
    expect((await lib.lookup([{ title: other }]))[0]?.paper?.key).toBe('arxiv:2511.00001');
  });

  it('keeps the sighting total beside it in meta', async () => {
    const { db, lib } = await libraryWith(4);
    await db.meta.put({ key: 'derived', value: 'old' });
    await refreshDerived(db);
    expect((await lib.stats()).sightings).toBe(4);
  });
});
