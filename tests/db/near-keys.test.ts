/**
 * A worker that has just started finds near titles from the snapshot's 'near' row and the journal
 * (lib/library/near-keys.ts), not from an index: what it finds must be what the rows say, through
 * writes journalled since the snapshot and writes made after it loaded, and it must step aside for
 * the catalog whenever it cannot be trusted.
 */
import { describe, expect, it, vi } from 'vitest';
import { DejaLuDB, JOURNAL_BULK, type CatalogRow, type PaperRow } from '../../lib/db';
import { DERIVED_VERSION } from '../../lib/library/derived';
import { candidateKeys } from '../../lib/dedup';
import { titleKey } from '../../lib/identity';
import { Catalog } from '../../lib/library/catalog';
import { CatalogStore } from '../../lib/library/catalog-store';
import { NearKeys } from '../../lib/library/near-keys';
import { row } from '../export/papers';
import { mulberry32 } from '../seeded';

let n = 0;
const WORDS = ['diffusion', 'transformers', 'language', 'models', 'vision', 'agents', 'sparse', 'reasoning', 'okapi'];

function paper(i: number, title: string): PaperRow {
  const id = `2501.${String(i).padStart(5, '0')}`;
  return row({ key: `arxiv:${id}`, arxivId: id, title, titleKey: titleKey(title), candidateKeys: candidateKeys(title) });
}

/** Titles from few words, so that many papers share candidate keys. */
function titles(seed: number) {
  const rnd = mulberry32(seed);
  return () => Array.from({ length: 5 }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
}

/** Candidate key → the keys of the papers carrying it, as the rows say now. */
async function truth(db: DejaLuDB): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const r of await db.papers.toArray()) for (const k of r.candidateKeys) out.set(k, [...(out.get(k) ?? []), r.key]);
  for (const list of out.values()) list.sort();
  return out;
}

async function expectAsRows(db: DejaLuDB, near: NearKeys, alsoAsk: string[]) {
  const want = await truth(db);
  for (const k of new Set([...want.keys(), ...alsoAsk])) expect(near.candidates(k), k).toEqual(want.get(k) ?? []);
  // Not vacuous: keys shared by several papers.
  expect([...want.values()].some((l) => l.length > 3)).toBe(true);
}

describe('near keys of a worker that has just started', () => {
  it('find what the rows say: the snapshot, the papers journalled since, the writes after loading', async () => {
    const db = new DejaLuDB(`near-${++n}`);
    const title = titles(3);
    const first = Array.from({ length: 200 }, (_, i) => paper(i, title()));
    await db.papers.bulkPut(first);
    await new CatalogStore(db).get(); // no snapshot yet: built from the table and saved
    // Journalled: new titles for some, some deleted, some new papers.
    await db.papers.bulkPut([...first.slice(0, 20).map((_p, i) => paper(i, title())), ...Array.from({ length: 30 }, (_, i) => paper(200 + i, title()))]);
    await db.papers.bulkDelete(first.slice(20, 30).map((p) => p.key));
    expect(await db.catalogChanges.count()).toBe(60);

    const store = new CatalogStore(db);
    const near = await store.nearTitles();
    expect(near).toBeInstanceOf(NearKeys);
    const oldKeys = first.slice(0, 30).flatMap((p) => p.candidateKeys);
    await expectAsRows(db, near as NearKeys, oldKeys);

    // Written after it loaded: heard, as the catalog hears them.
    await db.papers.put(paper(40, title()));
    await db.papers.put(paper(500, title()));
    await db.papers.delete(first[41]!.key);
    expect(store.nearNow()).toBe(near);
    await expectAsRows(db, near as NearKeys, [...oldKeys, ...first[40]!.candidateKeys, ...first[41]!.candidateKeys]);

    // Once the catalog has loaded it answers, and the near keys are let go.
    const cat = await store.get();
    expect(await store.nearTitles()).toBe(cat);
  });

  it('step aside for the catalog without a snapshot they can trust', async () => {
    const db = new DejaLuDB(`near-${++n}`);
    const title = titles(5);
    await db.papers.bulkPut(Array.from({ length: 50 }, (_, i) => paper(i, title())));
    // None saved yet (the first start after the upgrade): the catalog is built, and saved.
    expect(await new CatalogStore(db).nearTitles()).toBeInstanceOf(Catalog);
    expect(await new CatalogStore(db).nearTitles()).toBeInstanceOf(NearKeys);
    // Journal rows of the previous version carry no candidate keys.
    await db.catalogChanges.put({ key: 'arxiv:2501.00001' });
    expect(await new CatalogStore(db).nearTitles()).toBeInstanceOf(Catalog);
    await db.catalogChanges.clear();
    expect(await new CatalogStore(db).nearTitles()).toBeInstanceOf(NearKeys);
    // A snapshot without its 'near' row (written by another version, or half of one).
    await db.catalog.delete('near');
    const cat = await new CatalogStore(db).nearTitles();
    expect(cat).toBeInstanceOf(Catalog);
    expect((cat as Catalog).size).toBe(50);
  });

  it("load a previous version's whole snapshot without scanning the table, then save it in two rows", async () => {
    const db = new DejaLuDB(`near-${++n}`);
    const title = titles(11);
    await db.papers.bulkPut(Array.from({ length: 200 }, (_, i) => paper(i, title())));
    const live = await new CatalogStore(db).get();
    // As version 4 stored it: one row, CATALOG_VERSION 2, every column in it; its journal rows
    // carry no candidate keys.
    await db.catalog.clear();
    await db.catalog.put({ key: 'papers', snapshot: { ...live.pack(), version: 2, derived: DERIVED_VERSION } } as unknown as CatalogRow);
    await db.catalogChanges.put({ key: 'arxiv:2501.00003' });
    await db.papers.put(paper(3, title()));
    const store = new CatalogStore(db);
    const scan = vi.spyOn(db.papers, 'orderBy');
    const cat = await store.nearTitles();
    expect(cat).toBeInstanceOf(Catalog);
    expect(scan).not.toHaveBeenCalled();
    expect((cat as Catalog).size).toBe(200);
    const fresh = await new CatalogStore(db).get();
    expect(fresh.candidates(candidateKeys((await db.papers.get('arxiv:2501.00003'))!.title))).toContain('arxiv:2501.00003');
    await vi.waitFor(async () => expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']));
    const near = await new CatalogStore(db).nearTitles();
    expect(near).toBeInstanceOf(NearKeys);
    await expectAsRows(db, near as NearKeys, []);
  });

  it('come back right after a bulk write (an import) drops the snapshot', async () => {
    const db = new DejaLuDB(`near-${++n}`);
    const title = titles(7);
    await db.papers.bulkPut(Array.from({ length: 50 }, (_, i) => paper(i, title())));
    const store = new CatalogStore(db, { quietMs: 60_000 });
    await store.nearTitles();
    // Written in chunks inside one transaction, as an import does; the store has no catalog loaded.
    await db.transaction('rw', db.papers, async () => {
      for (let c = 0; c < 2; c++) await db.papers.bulkPut(Array.from({ length: JOURNAL_BULK }, (_, i) => paper(1_000 + c * JOURNAL_BULK + i, title())));
    });
    // Saved at once (not after the quiet period), with every paper: a worker started now reads near keys.
    await vi.waitFor(async () => expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']));
    const fresh = new CatalogStore(db);
    const near = await fresh.nearTitles();
    expect(near).toBeInstanceOf(NearKeys);
    await expectAsRows(db, near as NearKeys, []);
    expect((await fresh.get()).size).toBe(50 + 2 * JOURNAL_BULK);
  });

  it('forget a cleared table, and are dropped when a write aborts', async () => {
    const db = new DejaLuDB(`near-${++n}`);
    const title = titles(9);
    const rows = Array.from({ length: 200 }, (_, i) => paper(i, title()));
    await db.papers.bulkPut(rows);
    await new CatalogStore(db).get();

    const store = new CatalogStore(db);
    const near = (await store.nearTitles()) as NearKeys;
    await expect(
      db.transaction('rw', db.papers, async () => {
        await db.papers.put(paper(999, title()));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // Not trusted after an abort (told once the transaction has ended): loaded again, without the phantom.
    await db.papersSettled();
    expect(store.nearNow()).toBeNull();
    const again = (await store.nearTitles()) as NearKeys;
    expect(again).not.toBe(near);
    await expectAsRows(db, again, []);

    await db.papers.put(paper(100, 'Okapi agents reasoning over sparse vision'));
    await db.papers.clear();
    for (const r of [...rows, paper(100, 'Okapi agents reasoning over sparse vision')]) {
      for (const k of r.candidateKeys) expect(again.candidates(k)).toEqual([]);
    }
  });
});
