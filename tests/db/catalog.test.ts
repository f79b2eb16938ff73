/**
 * The in-memory catalog: its snapshot round trip, and that it stays equal to the papers table
 * through every kind of write — in this worker (journal middleware), across a restart (snapshot +
 * journal), after an aborted transaction, a clear, and writes made while it loads. Lookups through
 * it must decide exactly as lookups through IndexedDB's indexes.
 */
import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { DejaLuDB, JOURNAL_BULK, type PaperRow } from '../../lib/db';
import { candidateKeys, matcherFor, titleDigest } from '../../lib/dedup';
import { titleKey } from '../../lib/identity';
import { Library, probeOf } from '../../lib/library';
import { Catalog, TITLE_RANK_STALE } from '../../lib/library/catalog';
import { topK, type CatalogQuery } from '../../lib/library/catalog-search';
import { resolve } from '../../lib/library/match';
import type { CardInput, PageInfo } from '../../lib/messages';
import { fold, paperWords, queryTerms } from '../../lib/words';
import { mulberry32 } from '../seeded';
import { nearKeysOf } from './near';

let n = 0;
const HF: PageInfo = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };
const TOPICS = ['diffusion', 'transformers', 'language', 'models', 'vision', 'agents', 'sparse', 'reasoning', 'okapi'];

function row(i: number, title: string, extra: Partial<PaperRow> = {}): PaperRow {
  const r: PaperRow = {
    key: `arxiv:2501.${String(i).padStart(5, '0')}`,
    arxivId: `2501.${String(i).padStart(5, '0')}`,
    title,
    titleKey: titleKey(title),
    candidateKeys: candidateKeys(title),
    words: [],
    authors: [`Author ${i % 7}`],
    urls: [],
    sites: i % 3 ? ['huggingface'] : ['arxiv', 'huggingface'],
    seenCount: 1,
    firstSeen: 1_000 + (i % 50),
    lastSeen: 2_000 + (i % 17),
    tags: i % 5 === 0 ? ['llm'] : [],
    note: '',
    updatedAt: 0,
    ...extra,
  };
  if (i % 4 === 0) r.savedAt = 3_000 + i;
  r.words = paperWords(r);
  return r;
}

function rows(count: number, seed = 7): PaperRow[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from({ length: 4 }, () => TOPICS[Math.floor(rnd() * TOPICS.length)]);
    return row(i, `Study ${i} of ${words.join(' ')}`);
  });
}

const QUERIES: Omit<CatalogQuery, 'offset' | 'limit' | 'relevanceCap'>[] = [
  { terms: [], status: 'all', sort: 'lastSeen', relevance: false },
  { terms: queryTerms('diffusion vision'), status: 'all', sort: 'title', relevance: false },
  { terms: queryTerms('lang'), status: 'saved', sort: 'savedAt', relevance: false },
  { terms: queryTerms('okapi'), status: 'all', sort: 'lastSeen', relevance: true },
  { terms: [], status: 'seen', tag: 'llm', site: 'arxiv', range: { lo: 1_010, hi: 1_020 }, sort: 'firstSeen', relevance: false },
  { terms: queryTerms('author 3'), status: 'all', sort: 'title', relevance: false },
  { terms: [], key: 'arxiv:2501.00042', status: 'all', sort: 'lastSeen', relevance: false },
  { terms: queryTerms('nowhere-word'), status: 'all', sort: 'lastSeen', relevance: false },
];
const answers = (c: Catalog) =>
  QUERIES.flatMap((q) => [c.search({ ...q, relevanceCap: 50, offset: 0, limit: 20 }), c.search({ ...q, relevanceCap: 50, offset: 30, limit: 7 })]);

describe('Catalog', () => {
  it('packs into one snapshot and unpacks to the same answers, holes and replaced words dropped', () => {
    const c = new Catalog();
    const all = rows(400);
    for (const r of all) c.put(r);
    // A hole, a changed row (new words, new title) and a row put twice.
    c.remove(all[5]!.key);
    c.put(row(6, 'A quite different okapi title'));
    c.put(all[7]!);
    expect(c.size).toBe(399);
    const before = answers(c);
    expect(before.some((a) => a.total > 20)).toBe(true);
    expect(before.some((a) => a.total === 0)).toBe(true);

    const back = Catalog.unpack(structuredClone(c.pack()));
    expect(back.size).toBe(399);
    expect(answers(back)).toEqual(before);
    expect(back.has(all[5]!.key)).toBe(false);
    expect(back.ref('arxiv:2501.00006')).toEqual(c.ref('arxiv:2501.00006'));
    expect(back.candidates(candidateKeys('A quite different okapi title'))).toEqual(['arxiv:2501.00006']);
    // The old title's keys no longer lead to the changed paper.
    expect(c.candidates(candidateKeys(all[6]!.title))).toEqual([]);
    expect(back.candidates(candidateKeys(all[6]!.title))).toEqual([]);

    // Writes after loading (new words, changed words, a removal) answer as a catalog built afresh.
    const later = [row(7, 'Okapi reasoning without diffusion', { tags: ['llm', 'new'] }), row(9_001, 'Sparse okapi agents'), row(12, 'Vision okapi')];
    const fresh = new Catalog();
    for (const r of all) fresh.put(r);
    for (const x of [back, fresh]) {
      x.remove(all[5]!.key);
      x.put(row(6, 'A quite different okapi title'));
      for (const r of later) x.put(r);
      x.remove(all[20]!.key);
    }
    expect(answers(back)).toEqual(answers(fresh));
    expect(back.candidates(candidateKeys('Sparse okapi agents'))).toEqual(['arxiv:2501.09001']);
    expect(back.tagCounts()).toEqual(fresh.tagCounts());
    // Packed again with snapshot and newer candidate pairs merged: every title still finds its paper.
    const again = Catalog.unpack(back.pack());
    for (const r of [...all.slice(30, 60), ...later]) expect(again.candidates(candidateKeys(r.title))).toContain(r.key);
    expect(again.candidates(candidateKeys(all[20]!.title))).toEqual([]);
    expect(Catalog.unpack(back.pack()).search({ ...QUERIES[3]!, relevanceCap: 50, offset: 0, limit: 50 })).toEqual(
      fresh.search({ ...QUERIES[3]!, relevanceCap: 50, offset: 0, limit: 50 }),
    );
  });

  it('sameCandidates is candidates → key check → mayMatch → verdict, also after unpacking, re-titling and removing', () => {
    const all = rows(600, 11);
    const packed = new Catalog();
    for (const r of all) packed.put(r);
    const c = Catalog.unpack(structuredClone(packed.pack()));
    // Papers given new titles since the snapshot (their own keys), new papers, and holes.
    for (let i = 0; i < 600; i += 7) c.put(row(i, `Study ${i + 1} of ${TOPICS[i % TOPICS.length]} okapi agents`));
    // Near-equal new titles: some of their keys are the old title's, some are not.
    for (let i = 3; i < 600; i += 7) c.put(row(i, `${all[i]!.title}s`));
    for (let i = 600; i < 660; i++) c.put(row(i, all[i - 600]!.title.replace('Study', 'Studies')));
    for (let i = 3; i < 600; i += 29) c.remove(all[i]!.key);
    const rnd = mulberry32(5);
    let found = 0;
    for (let q = 0; q < 300; q++) {
      const base = q % 3 === 0 ? all[Math.floor(rnd() * all.length)]!.title : q % 3 === 1 ? all[3 + 7 * Math.floor(rnd() * 85)]!.title : `Study ${Math.floor(rnd() * 700)} of ${TOPICS[q % TOPICS.length]} okapi agents`;
      const title = q % 4 === 1 ? `${base}s` : base;
      const arxivId = q % 5 === 0 ? `2501.${String(Math.floor(rnd() * 700)).padStart(5, '0')}` : undefined;
      const keys = candidateKeys(title);
      const digest = titleDigest(title);
      const judge = matcherFor({ title, authors: [`Author ${q % 7}`], ...(arxivId ? { arxivId } : {}) });
      const allowed = (pk: string) => arxivId === undefined || pk === `arxiv:${arxivId}`;
      const expected = c
        .candidates(keys)
        .filter(allowed)
        .filter((pk) => c.mayMatch(pk, digest, arxivId !== undefined))
        .flatMap((pk) => {
          const match = judge(c.ref(pk)!);
          return match ? [{ key: pk, match, sameKey: c.digest(pk)!.key === digest.key }] : [];
        });
      expect(c.sameCandidates(keys, digest, arxivId !== undefined, allowed, judge)).toEqual(expected);
      found += expected.length;
    }
    expect(found).toBeGreaterThan(50);
  });

  it('sorts by folded title as titles change: ranks kept for the others, rebuilt after many changes', () => {
    const rnd = mulberry32(21);
    const leads = ['', 'the ', '“', 'É', 'é', 'z', 'Z', 'a', '(', 'Ł'];
    const titleOf = (i: number) => `${leads[Math.floor(rnd() * leads.length)]}${TOPICS[Math.floor(rnd() * TOPICS.length)]} ${i % 3 ? 'Study' : 'study'}`;
    const live = new Map<string, PaperRow>();
    const c = new Catalog();
    const put = (r: PaperRow) => {
      live.set(r.key, r);
      c.put(r);
    };
    for (let i = 0; i < 3_000; i++) put(row(i, titleOf(i)));
    const sortKey = (t: string) => fold(t).replace(/^[^\p{L}\p{N}]+/u, '');
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const expected = () =>
      [...live.values()].sort((x, y) => cmp(sortKey(x.title), sortKey(y.title)) || cmp(x.title, y.title) || cmp(x.key, y.key)).map((r) => r.key);
    const check = (cat: Catalog) => {
      const want = expected();
      const q = { terms: [], status: 'all' as const, sort: 'title' as const, relevance: false, relevanceCap: 50 };
      expect(cat.search({ ...q, offset: 0, limit: 5_000 }).keys).toEqual(want);
      // The first page alone (top k rather than a full sort) and a later one.
      expect(cat.search({ ...q, offset: 0, limit: 40 }).keys).toEqual(want.slice(0, 40));
      expect(cat.search({ ...q, offset: 700, limit: 40 }).keys).toEqual(want.slice(700, 740));
    };
    check(c);
    // A few new titles, new papers and removals: compared by their folded titles beside the ranks.
    for (let i = 0; i < 3_000; i += 37) put(row(i, titleOf(i + 1)));
    for (let i = 3_000; i < 3_050; i++) put(row(i, titleOf(i)));
    for (let i = 5; i < 3_000; i += 301) {
      c.remove(row(i, '').key);
      live.delete(row(i, '').key);
    }
    check(c);
    // The ranks travel in the snapshot, changed titles marked: a restarted worker does not rank again.
    const back = Catalog.unpack(structuredClone(c.pack()));
    expect(back.titleRank).not.toBeNull();
    check(back);
    // More changes than the ranks are kept for.
    for (let i = 0; i <= TITLE_RANK_STALE; i++) put(row(i, titleOf(i + 2)));
    check(c);
    check(Catalog.unpack(c.pack()));
  });

  it('orders the first k like a full sort', () => {
    const rnd = mulberry32(3);
    const items = Array.from({ length: 500 }, () => Math.floor(rnd() * 100));
    const cmp = (a: number, b: number) => b - a;
    for (const k of [1, 10, 99, 400, 600]) expect(topK([...items], k, cmp)).toEqual([...items].sort(cmp).slice(0, k));
  });
});

async function answersOf(lib: Library) {
  const base = { status: 'all' as const, offset: 0, limit: 30 };
  return Promise.all([
    lib.search({ ...base, text: '', sort: 'lastSeen' }),
    lib.search({ ...base, text: 'diffusion', sort: 'title' }),
    lib.search({ ...base, text: 'okapi', status: 'saved', sort: 'savedAt' }),
    lib.search({ ...base, text: '', tag: 'mine', sort: 'title' }),
  ]);
}

describe('CatalogStore', () => {
  it('stays equal to the table through writes, and a restarted worker loads it from snapshot + journal', async () => {
    const name = `catalog-${++n}`;
    const db = new DejaLuDB(name);
    const lib = new Library(db, () => 5_000);
    await db.papers.bulkPut(rows(300));
    await lib.catalog.get();
    await lib.catalog.save();
    expect(await db.catalogChanges.count()).toBe(0);
    // Writes after the snapshot: a sighting, a save, a tag, a delete.
    await lib.recordSightings('v1', HF, [{ title: 'Okapi diffusion for the rest of us', arxivId: '2511.00001' }]);
    await lib.save({ key: 'arxiv:2511.00001' }, true);
    await lib.bulk(['arxiv:2501.00001', 'arxiv:2501.00002'], { kind: 'tag', tag: 'mine' });
    await lib.bulk(['arxiv:2501.00003'], { kind: 'delete' });
    expect(await db.catalogChanges.count()).toBe(4);
    // Rows no longer carry search words (the catalog computes them); older rows lose them when written.
    expect((await db.papers.get('arxiv:2511.00001'))?.words).toBeUndefined();
    expect((await db.papers.get('arxiv:2501.00001'))?.words).toBeUndefined();
    expect((await db.papers.get('arxiv:2501.00004'))?.words?.length).toBeGreaterThan(0);
    const live = await answersOf(lib);
    expect(live[2].papers.map((p) => p.key)).toContain('arxiv:2511.00001');
    expect(live[3].total).toBe(2);

    // What the IndexedDB path says is the truth the catalog must equal.
    const fresh = new Library(new DejaLuDB(name));
    const cat = await fresh.catalog.get();
    expect(cat.size).toBe(300);
    expect(cat.has('arxiv:2501.00003')).toBe(false);
    expect(await answersOf(fresh)).toEqual(live);
  });

  it('a bulk write drops the snapshot instead of journalling each key; a restarted worker rebuilds the same catalog', async () => {
    const name = `catalog-${++n}`;
    const db = new DejaLuDB(name);
    const lib = new Library(db);
    await db.papers.bulkPut(rows(300));
    await lib.catalog.get();
    await lib.catalog.save();
    expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']);
    // An import's write: rows 0–299 rewritten with new tags, 300–1,199 new.
    await db.papers.bulkPut(rows(JOURNAL_BULK + 200, 11).map((r) => ({ ...r, tags: ['imported'] })));
    expect(await db.catalogChanges.count()).toBe(0);
    // …and the live catalog saves a new one once the write has committed.
    await vi.waitFor(async () => expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']));
    // Smaller writes after it are journalled as before.
    await lib.save({ key: 'arxiv:2501.00007' }, true);
    expect(await db.catalogChanges.count()).toBe(1);
    const live = await answersOf(lib);
    expect(lib.catalog.ready()?.size).toBe(JOURNAL_BULK + 200);
    expect((await lib.listTags()).find((t) => t.tag === 'imported')?.count).toBe(JOURNAL_BULK + 200);

    const fresh = new Library(new DejaLuDB(name));
    expect(await answersOf(fresh)).toEqual(live);
    // The live catalog's next save puts a snapshot back.
    await lib.catalog.save();
    expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']);
    expect(await answersOf(new Library(new DejaLuDB(name)))).toEqual(live);
  });

  it('a run of bulk writes (a bulk edit in chunks) saves the snapshot once, after the run', async () => {
    const db = new DejaLuDB(`catalog-${++n}`);
    const lib = new Library(db);
    await db.papers.bulkPut(rows(JOURNAL_BULK * 3));
    await lib.catalog.get();
    await lib.catalog.save();
    const saves = vi.spyOn(lib.catalog, 'save');
    const all = rows(JOURNAL_BULK * 3);
    await lib.catalog.batch(async () => {
      for (let i = 0; i < 3; i++) {
        await db.papers.bulkPut(all.slice(i * JOURNAL_BULK, (i + 1) * JOURNAL_BULK).map((r) => ({ ...r, tags: ['chunked'] })));
      }
      // Not saved while the run goes on.
      await new Promise((r) => setTimeout(r, 50));
      expect(saves).not.toHaveBeenCalled();
    });
    await vi.waitFor(async () => expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']), { timeout: 10_000 });
    expect(saves).toHaveBeenCalledTimes(1);
    expect((await lib.listTags()).find((t) => t.tag === 'chunked')?.count).toBe(JOURNAL_BULK * 3);
  });

  it('a transaction that aborts after writing papers leaves no trace in the catalog', async () => {
    const db = new DejaLuDB(`catalog-${++n}`);
    const lib = new Library(db);
    await db.papers.bulkPut(rows(20));
    await lib.catalog.get();
    await expect(
      db.transaction('rw', db.papers, async () => {
        await db.papers.put(row(999, 'Phantom okapi paper'));
        await db.papers.delete('arxiv:2501.00001');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const cat = await lib.catalog.get();
    expect(cat.has('arxiv:2501.00999')).toBe(false);
    expect(cat.has('arxiv:2501.00001')).toBe(true);
    expect((await lib.search({ text: 'phantom', status: 'all', sort: 'lastSeen', offset: 0, limit: 5 })).total).toBe(0);
  });

  it('clearing the library empties the catalog and drops its snapshot', async () => {
    const name = `catalog-${++n}`;
    const db = new DejaLuDB(name);
    const lib = new Library(db);
    await db.papers.bulkPut(rows(50));
    await lib.catalog.get();
    await lib.catalog.save();
    await lib.clear();
    expect(lib.catalog.ready()?.size).toBe(0);
    expect(await db.catalog.count()).toBe(0);
    expect((await new Library(new DejaLuDB(name)).catalog.get()).size).toBe(0);
  });

  it('answers page lookups while it saves a snapshot: packing runs in steps, the worker free between them', async () => {
    const db = new DejaLuDB(`catalog-${++n}`);
    const lib = new Library(db);
    await db.papers.bulkPut(rows(300));
    await lib.catalog.get();
    // The first load built the catalog and saved it, and continues from the packed form.
    const cat = lib.catalog.ready()!;
    const steps = cat.packSteps.bind(cat);
    let lookup: Promise<unknown> | undefined;
    let answered = false;
    let answeredBeforeLastStep = false;
    vi.spyOn(cat, 'packSteps').mockImplementation(function* () {
      const inner = steps();
      for (;;) {
        const r = inner.next();
        if (r.done) {
          answeredBeforeLastStep = answered;
          return r.value;
        }
        // As a message handler would, outside the save's transaction.
        lookup ??= Dexie.ignoreTransaction(() => lib.lookup([{ title: 'Study 3 of something', arxivId: '2501.00003' }])).then((got) => {
          answered = true;
          return got;
        });
        yield;
      }
    });
    await lib.catalog.save();
    expect(answeredBeforeLastStep).toBe(true);
    expect(await lookup).toMatchObject([{ status: 'seen', paper: { key: 'arxiv:2501.00003' } }]);
    // The saved snapshot is the whole catalog.
    expect((await new Library(new DejaLuDB(db.name)).catalog.get()).size).toBe(300);
  });

  it('replays writes made while it loads, and saves after a burst of writes', async () => {
    const db = new DejaLuDB(`catalog-${++n}`);
    await db.papers.bulkPut(rows(2_500));
    const lib = new Library(db);
    const loading = lib.catalog.get();
    await db.papers.put(row(5_000, 'Written while loading'));
    await db.papers.delete('arxiv:2501.00010');
    const cat = await loading;
    expect(cat.has('arxiv:2501.05000')).toBe(true);
    expect(cat.has('arxiv:2501.00010')).toBe(false);
    expect(cat.size).toBe(2_500);
    // The first load had no snapshot: it scanned and saved one.
    expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']);
    expect(await db.catalogChanges.count()).toBe(0);
  });

  it('replays writes heard after its reads and before it is ready; reads again after an abort heard then', async () => {
    const name = `catalog-${++n}`;
    const first = new DejaLuDB(name);
    await first.papers.bulkPut(rows(300));
    await new Library(first).catalog.get(); // scans the table and saves a snapshot
    first.close();
    // A worker restart: the load reads the snapshot and the journal, then unpacks outside any
    // transaction. The unpacking is held until the writes below have been heard.
    const unpack = Catalog.unpackSteps.bind(Catalog);
    let reached!: () => void;
    const unpacking = new Promise<void>((r) => (reached = r));
    let held = true;
    const spy = vi.spyOn(Catalog, 'unpackSteps').mockImplementation(function* (snap) {
      reached();
      while (held) yield;
      return yield* unpack(snap);
    });
    try {
      const db = new DejaLuDB(name);
      const lib = new Library(db);
      const loading = lib.catalog.get();
      await unpacking;
      await db.papers.put(row(5_000, 'Written while loading'));
      await db.papers.delete('arxiv:2501.00010');
      held = false;
      let cat = await loading;
      expect(cat.has('arxiv:2501.05000')).toBe(true);
      expect(cat.has('arxiv:2501.00010')).toBe(false);
      expect(cat.size).toBe(300);

      // The same with an aborted write among them: what was heard may be gone, so it reads again.
      const again = new DejaLuDB(name);
      const lib2 = new Library(again);
      held = true;
      const unpacked = new Promise<void>((r) => (reached = r));
      const reloading = lib2.catalog.get();
      await unpacked;
      await again.papers.put(row(6_000, 'Kept'));
      await expect(
        again.transaction('rw', again.papers, async () => {
          await again.papers.put(row(7_000, 'Rolled back'));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      held = false;
      cat = await reloading;
      expect(cat.has('arxiv:2501.06000')).toBe(true);
      expect(cat.has('arxiv:2501.07000')).toBe(false);
      expect(cat.size).toBe(301);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('lookups through the catalog', () => {
  it('decide every card as the IndexedDB indexes do: ids, exact and near titles, not-same pairs', async () => {
    const db = new DejaLuDB(`catalog-${++n}`);
    const lib = new Library(db, () => 9_000);
    const titles = [
      'Scaling Laws for Neural Language Models',
      'Attention Is All You Need',
      'Denoising Diffusion Probabilistic Models',
      'Vision Transformers Need Registers',
      'Sparse Autoencoders Find Highly Interpretable Features',
      'Chain-of-Thought Prompting Elicits Reasoning',
    ];
    const stored: CardInput[] = titles.flatMap((t, i) => [
      { title: t, authors: ['Ada Lovelace'] },
      { title: `${t} in Practice`, arxivId: `2502.${String(i).padStart(5, '0')}` },
      { title: `${t}: Part II`, doi: `10.1000/x${i}` },
    ]);
    await lib.recordSightings('v1', HF, stored);
    await lib.markNotSame(`title:${titleKey(titles[1]!)}`, { card: { title: 'Attention Is All You Needs', arxivId: '2599.00001' } });
    const cards: CardInput[] = titles.flatMap((t, i) => [
      { title: t },
      { title: t.toLowerCase(), arxivId: `2503.${String(i).padStart(5, '0')}` },
      { title: `${t}s` },
      { title: t.replace(/ /, '  '), authors: ['Someone Else'] },
      { title: `${t} in Practise`, arxivId: `2502.${String(i).padStart(5, '0')}`, version: 2 },
      { title: `${t}: Part II`, doi: `10.1000/X${i}` },
      { title: `${t} Revisited` },
    ]);
    cards.push({ title: 'Attention Is All You Needs', arxivId: '2599.00001' });
    const probes = cards.map(probeOf);
    const cat = await lib.catalog.get();
    const near = await nearKeysOf(db);
    const plain = await db.transaction('r', db.papers, db.notSame, () => resolve(db, probes, near));
    const fast = await db.transaction('r', db.papers, db.notSame, () => resolve(db, probes, cat));
    const view = (r: (typeof plain)[number]) => (r ? { key: r.row.key, match: r.match } : null);
    expect(fast.map(view)).toEqual(plain.map(view));
    // Not vacuous: near titles, exact titles, ids and misses all occur.
    const rules = new Set(plain.map((r) => r?.match.rule ?? 'none'));
    for (const rule of ['similar-title', 'title', 'arxiv-id', 'none']) expect(rules).toContain(rule);
  });
});

describe("the catalog's other titles", () => {
  const renamed = 'When Massive Activations Emerge: A Training-Time Study of Transformers';
  const near = 'When Massive Activations Emerge: Training-Time Study of Transformer';
  const find = (c: Catalog) => c.sameOtherTitles(candidateKeys(near), () => true, matcherFor({ title: near })).map((f) => f.key);

  it('follow each write of the row: taken, replaced, dropped, and the paper deleted', () => {
    const c = new Catalog();
    c.put(row(1, 'Hidden Dynamics of Massive Activations in Transformer Training', { altTitles: [renamed] }));
    c.put(row(2, 'Sparse Attention Kernels for Long-Context Inference'));
    expect(find(c)).toEqual(['arxiv:2501.00001']);
    // Not allowed (a split pair, another id): left out.
    expect(c.sameOtherTitles(candidateKeys(near), () => false, matcherFor({ title: near }))).toEqual([]);
    // Another paper takes the title as another of its own; the first one's other title changes.
    c.put(row(2, 'Sparse Attention Kernels for Long-Context Inference', { altTitles: [renamed] }));
    c.put(row(1, 'Hidden Dynamics of Massive Activations in Transformer Training', { altTitles: ['Something Else Entirely About Norms'] }));
    expect(find(c)).toEqual(['arxiv:2501.00002']);
    expect(find(Catalog.unpack(structuredClone(c.pack())))).toEqual(['arxiv:2501.00002']);
    c.remove('arxiv:2501.00002');
    expect(find(c)).toEqual([]);
    expect(find(Catalog.unpack(c.pack()))).toEqual([]);
  });

  it("say an exact other title is one, before a near one of another paper", () => {
    const c = new Catalog();
    c.put(row(1, 'Hidden Dynamics of Massive Activations in Transformer Training', { altTitles: ['An Unrelated Title Of Sorts', renamed] }));
    const exact = c.sameOtherTitles(candidateKeys(renamed), () => true, matcherFor({ title: renamed }));
    expect(exact.map((f) => [f.key, f.match.rule])).toEqual([['arxiv:2501.00001', 'title']]);
  });
});
