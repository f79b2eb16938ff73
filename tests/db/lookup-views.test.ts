/**
 * `cards.lookup` answers arXiv-id and near-title matches from the catalog's slim views instead of
 * reading each matched row: those views must equal what the rows give (`toSlimView`) after every kind of write,
 * across a snapshot round trip, and for rows the columns cannot give back (read from the table).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DejaLuDB, type PaperRow } from '../../lib/db';
import { candidateKeys } from '../../lib/dedup';
import { nearKeysOf } from './near';
import { titleKey } from '../../lib/identity';
import { Library, probeOf } from '../../lib/library';
import { Catalog } from '../../lib/library/catalog';
import { resolve } from '../../lib/library/match';
import { statusOf, toSlimView } from '../../lib/library/rows';
import type { CardInput, CardStatus, PageInfo } from '../../lib/messages';

let n = 0;
const HF: PageInfo = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };
const ARXIV: PageInfo = { url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', label: 'cs.LG new' };

/** Stored papers of every key kind, each with a title-only card that near-matches it. */
const STORED: CardInput[] = [
  { title: 'Sparse Okapi Transformers for Long Video Reasoning', arxivId: '2501.00001', authors: ['Wei Zhang', 'Ana Silva'], year: 2025, url: 'https://arxiv.org/abs/2501.00001v2' },
  { title: 'Contrastive Okapi Retrievers for Scientific Question Answering', doi: '10.1000/okapi.2', authors: ['Kim Lee'], publishedAt: '2024-03-02' },
  { title: 'Hierarchical Okapi Agents for Multi-Turn Web Navigation', authors: ['Priya Sharma', 'Wei Zhang'], year: 2023 },
  { title: 'Efficient Okapi Tokenizers for Low-Resource Machine Translation', arxivId: '2501.00004', abstract: 'Long text.', authors: ['Ana Silva'] },
];
const NEAR: CardInput[] = [
  { title: 'Sparse Okapi Transformer for Long Video Reasoning', authors: ['Wei Zhang'], year: 2025 },
  { title: 'Contrastive Okapi Retriever for Scientific Question Answering', authors: ['Kim Lee'] },
  { title: 'Hierarchical Okapi Agent for Multi-Turn Web Navigation' },
  { title: 'Efficient Okapi Tokenizer for Low-Resource Machine Translation', authors: ['Ana Silva'] },
  { title: 'A Completely Unrelated Okapi Paper About Gardening Robots' },
];
/** Cards known by their ids (another version, another title), and one id the library lacks. */
const IDS: CardInput[] = [
  { title: 'Sparse Okapi Transformers (Extended Version)', arxivId: '2501.00001v3' },
  { title: 'Contrastive Retrieval, Revisited', doi: '10.1000/okapi.2' },
  { title: 'Efficient Okapi Tokenizers for Low-Resource Machine Translation', arxivId: '2501.00004' },
  { title: 'An Okapi Paper Nobody Has Seen Yet', arxivId: '2501.09999' },
];

/** The answer as the rows give it: resolve as a just-started worker does, every matched row read. */
async function fromRows(db: DejaLuDB, cards: CardInput[]): Promise<CardStatus[]> {
  const probes = cards.map(probeOf);
  const near = await nearKeysOf(db);
  const resolved = await db.transaction('r', db.papers, db.notSame, () => resolve(db, probes, near));
  return resolved.map((r) => (r ? { status: statusOf(r.row), paper: toSlimView(r.row), match: r.match } : { status: 'new' }));
}

/** What the content script receives: the reply after the message's JSON round trip. */
const wire = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

async function expectInStep(lib: Library, cards: CardInput[] = NEAR) {
  await lib.catalog.get();
  const read = vi.spyOn(lib.db.papers, 'bulkGet');
  const got = await lib.lookup(cards);
  const viewsRead = read.mock.calls.flatMap((c) => c[0] as string[]);
  read.mockRestore();
  expect(wire(got)).toEqual(wire(await fromRows(lib.db, cards)));
  // The matched papers came from the catalog, not from their rows, and an arXiv id the catalog
  // lacks is in no row either: nothing is read for it.
  for (const st of got) if (st.paper) expect(viewsRead).not.toContain(st.paper.key);
  for (const c of cards) if (c.arxivId) expect(viewsRead).not.toContain(`arxiv:${probeOf(c).arxivId}`);
  return got;
}

/** Cards known by ids, then by near titles (whose answer is returned). */
async function expectBothInStep(lib: Library) {
  const ids = await expectInStep(lib, IDS);
  expect(ids[3]?.status).toBe('new');
  return expectInStep(lib);
}

describe('lookups answered from the catalog', () => {
  afterEach(() => vi.restoreAllMocks());

  it('equal the rows through sightings, save, tags, notes, not-same, delete and undo', async () => {
    const db = new DejaLuDB(`views-${++n}`);
    let now = Date.parse('2025-11-03T09:00:00Z');
    const lib = new Library(db, () => now);
    await lib.recordSightings('v1', HF, STORED);
    let got = await expectBothInStep(lib);
    expect(got.map((s) => s.paper?.key ?? null)).toEqual(['arxiv:2501.00001', 'doi:10.1000/okapi.2', expect.stringMatching(/^title:/), 'arxiv:2501.00004', null]);
    expect(got.every((s, i) => i === 4 || s.match?.rule === 'similar-title')).toBe(true);
    expect(got[3]?.paper?.abstract).toBeUndefined();

    now += 1_000;
    await lib.recordSightings('v2', ARXIV, STORED.slice(0, 2));
    await expectBothInStep(lib);
    await lib.save({ key: 'arxiv:2501.00001' }, true);
    await lib.editTags({ key: 'doi:10.1000/okapi.2' }, ['okapi', 'to-read'], []);
    await lib.setNote({ key: 'arxiv:2501.00004' }, 'Read the appendix first.\nTwice.');
    got = await expectBothInStep(lib);
    expect(got[0]).toMatchObject({ status: 'saved', paper: { savedAt: now } });
    expect(got[1]?.paper?.tags).toEqual(['okapi', 'to-read']);
    expect(got[3]?.paper?.note).toBe('Read the appendix first.\nTwice.');

    await lib.save({ key: 'arxiv:2501.00001' }, false);
    await lib.editTags({ key: 'doi:10.1000/okapi.2' }, [], ['okapi']);
    await lib.bulk(['arxiv:2501.00004', 'doi:10.1000/okapi.2'], { kind: 'tag', tag: 'bulk' });
    await expectBothInStep(lib);

    // A split: the card becomes its own paper and no longer matches the one it was split from.
    const third = got[2]!.paper!.key;
    await lib.markNotSame(third, { card: NEAR[2]! });
    got = await expectBothInStep(lib);
    expect(got[2]?.paper?.key).not.toBe(third);

    const { snapshot } = await lib.bulk(['arxiv:2501.00001', 'arxiv:2501.00004'], { kind: 'delete' });
    got = await expectBothInStep(lib);
    expect(got[0]?.status).toBe('new');
    await lib.restore(snapshot!);
    got = await expectBothInStep(lib);
    expect(got[0]?.paper?.key).toBe('arxiv:2501.00001');

    // Saved to a snapshot and loaded by a restarted worker: the same views.
    await lib.catalog.save();
    await expectInStep(new Library(new DejaLuDB(db.name)));
  });

  it('a write and a lookup in flight together answer as their transactions order them', async () => {
    const db = new DejaLuDB(`views-${++n}`);
    const lib = new Library(db, () => 5_000);
    await lib.recordSightings('v1', HF, STORED);
    await lib.catalog.get();
    // The lookup's transaction first: it must not see the save that waits behind it.
    const before = await fromRows(db, NEAR);
    const [looked] = await Promise.all([lib.lookup(NEAR), lib.save({ key: 'arxiv:2501.00001' }, true)]);
    expect(wire(looked)).toEqual(wire(before));
    expect(looked[0]?.status).toBe('seen');
    // The write's transaction first: the lookup sees it.
    const [, after] = await Promise.all([lib.save({ key: 'arxiv:2501.00004' }, true), lib.lookup(NEAR)]);
    expect(after[3]?.status).toBe('saved');
    expect(wire(after)).toEqual(wire(await fromRows(db, NEAR)));
    // The same for cards known by id.
    const idsBefore = await fromRows(db, IDS);
    const [idsLooked] = await Promise.all([lib.lookup(IDS), lib.save({ key: 'arxiv:2501.00001' }, false)]);
    expect(wire(idsLooked)).toEqual(wire(idsBefore));
    expect(idsLooked[0]?.status).toBe('saved');
    const [, idsAfter] = await Promise.all([lib.save({ key: 'arxiv:2501.00004' }, false), lib.lookup(IDS)]);
    expect(idsAfter[2]?.status).toBe('seen');
  });

  it('not-same pairs apply however many there are (the whole table is read only when small)', async () => {
    const db = new DejaLuDB(`views-${++n}`);
    const lib = new Library(db, () => 5_000);
    await lib.recordSightings('v1', HF, STORED);
    const before = await lib.lookup([NEAR[0]!]);
    expect(before[0]?.paper?.key).toBe('arxiv:2501.00001');
    const pair = (a: string, b: string) => ({ pair: `${a}|${b}`, a, b, at: 1 });
    for (const count of [10, 600]) {
      await db.notSame.clear();
      await db.notSame.bulkPut(Array.from({ length: count }, (_, i) => pair(`title:a${i}`, `title:b${i}`)));
      // The card's own key and the paper it near-matches, said to be different papers.
      await db.notSame.put(pair('arxiv:2501.00001', `title:${probeOf(NEAR[0]!).titleKey}`));
      const got = await expectInStep(lib, [NEAR[0]!]);
      expect(got[0]?.status).toBe('new');
    }
  });

  it('a row the columns cannot give back exactly is read from the table', async () => {
    const db = new DejaLuDB(`views-${++n}`);
    const lib = new Library(db, () => 5_000);
    await lib.recordSightings('v1', HF, STORED);
    // An empty author name would come back as no authors from the joined column.
    const row = (await db.papers.get('arxiv:2501.00001'))!;
    await db.papers.put({ ...row, authors: ['Wei Zhang', ''] });
    const cat = await lib.catalog.get();
    expect(cat.slim('arxiv:2501.00001')).toBeUndefined();
    expect(cat.slim('arxiv:2501.00004')).toBeDefined();
    const got = await lib.lookup(NEAR);
    expect(got[0]?.paper?.authors).toEqual(['Wei Zhang', '']);
    expect(wire(got)).toEqual(wire(await fromRows(db, NEAR)));
    const byId = await lib.lookup(IDS);
    expect(byId[0]?.paper?.authors).toEqual(['Wei Zhang', '']);
    expect(wire(byId)).toEqual(wire(await fromRows(db, IDS)));
  });
});

describe('Catalog.slim', () => {
  const base = (over: Partial<PaperRow> = {}): PaperRow => {
    const title = 'Slim Views of Okapi Papers';
    return {
      key: 'title:slim views of okapi papers',
      title,
      titleKey: titleKey(title),
      candidateKeys: candidateKeys(title),
      authors: ['A. Author'],
      abstract: 'Not in a slim view.',
      urls: ['https://example.org/a', 'https://example.org/b'],
      sites: ['huggingface', 'arxiv'],
      seenCount: 2,
      firstSeen: 10,
      lastSeen: 20,
      first: { at: 10, site: 'huggingface', label: 'Nov 3', pageUrl: 'https://huggingface.co/papers', digestDate: '2025-11-03' },
      tags: ['x'],
      note: 'n',
      updatedAt: 30,
      ...over,
    };
  };

  it('gives toSlimView of the row, through pack and unpack', () => {
    const rows: PaperRow[] = [
      base(),
      base({ key: 'arxiv:2501.00009', arxivId: '2501.00009', version: 3, year: 2025, savedAt: 0, publishedAt: '2025-01-02' }),
      base({ key: 'doi:10.1/x', doi: '10.1/x', urls: [], sites: [], tags: [], note: '', seenCount: 0, first: undefined, firstSeen: undefined, lastSeen: undefined }),
      base({ key: 'title:b', first: { at: 11, site: 'arxiv', label: '', pageUrl: 'https://arxiv.org/list/cs.LG/new' } }),
      // Where it was published: the name travels (a list row shows it), not the numbers.
      base({ key: 'doi:10.1/j', doi: '10.1/j', journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' }),
      base({ key: 'title:c', proceedings: 'ICLR 2026', venueFixed: true }),
    ];
    delete rows[2]!.first;
    const c = new Catalog();
    for (const r of rows) c.put(r);
    const back = Catalog.unpack(structuredClone(c.pack()));
    for (const r of rows) {
      expect(c.slim(r.key)).toStrictEqual(wire(toSlimView(r)));
      expect(back.slim(r.key)).toStrictEqual(wire(toSlimView(r)));
    }
    c.remove('title:b');
    expect(c.slim('title:b')).toBeUndefined();
    expect(Catalog.unpack(c.pack()).slim('title:b')).toBeUndefined();
  });

  it('keeps nothing of a row of another shape', () => {
    const c = new Catalog();
    const odd: PaperRow[] = [
      { ...base({ key: 'k1' }), note: 'a\u0000b' },
      { ...base({ key: 'k2' }), tags: ['a\u0001b'] },
      { ...base({ key: 'k3' }), arxivId: '' },
      { ...base({ key: 'k4' }), ...({ extra: 1 } as object) },
      { ...base({ key: 'k5' }), first: { ...base().first!, ...({ more: true } as object) } },
      { ...base({ key: 'k6' }), year: Number.NaN },
      { ...base({ key: 'k7' }), journal: '' },
      { ...base({ key: 'k8' }), proceedings: 'a\u0000b' },
    ];
    for (const r of odd) c.put(r);
    for (const r of odd) expect(c.slim(r.key)).toBeUndefined();
    // The snapshot stays readable whatever those rows held.
    const back = Catalog.unpack(c.pack());
    expect(back.size).toBe(odd.length);
    for (const r of odd) expect(back.slim(r.key)).toBeUndefined();
  });
});
