/**
 * Version 3's storage: one history row per paper instead of one row per sighting, and the running
 * total of sightings. The upgrade from version 2 must lose nothing users have.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DejaLuDB } from '../../lib/db';
import { Library } from '../../lib/library';
import type { CardInput, PageInfo } from '../../lib/messages';
import { exportLibrary, importLibrary } from '../../lib/transfer';

let n = 0;
const HF = (day: string): PageInfo => ({ url: `https://huggingface.co/papers/date/${day}`, site: 'huggingface', label: day, digestDate: day });
const card = (title: string, arxivId?: string, extra: Partial<CardInput> = {}): CardInput => ({ title, ...(arxivId ? { arxivId } : {}), ...extra });

const V2_PAPERS = 'key, arxivId, doi, titleKey, *candidateKeys, *words, savedAt, lastSeen, firstSeen, *tags, *sites, title';

function paper(key: string, over: Record<string, unknown> = {}) {
  return { key, title: `Title of ${key}`, titleKey: key, candidateKeys: [], words: [], authors: [], urls: [], sites: ['huggingface'], seenCount: 0, tags: [], note: '', updatedAt: 1, ...over };
}
function sighting(paperKey: string, at: number, visitId: string, extra: Record<string, unknown> = {}) {
  return { paperKey, at, pageUrl: `https://huggingface.co/papers/date/d${at}`, site: 'huggingface', label: `L${at}`, visitId, ...extra };
}

/** A version-2 database as the previous release left it. */
async function v2Database(name: string) {
  const v2 = new Dexie(name);
  v2.version(2).stores({ papers: V2_PAPERS, sightings: '++id, paperKey, [visitId+paperKey], at', notSame: 'pair, a, b', settings: 'key' });
  await v2.open();
  const papers = [
    paper('arxiv:2401.00001', { seenCount: 3, note: 'my careful note', tags: ['a', 'b'], savedAt: 7, abstract: 'An abstract.' }),
    paper('arxiv:2401.00002', { seenCount: 1 }),
    paper('title:never-seen', { sites: ['import'], note: 'imported note' }),
  ];
  await v2.table('papers').bulkAdd(papers);
  // Out of time order on purpose, with a digestDate on some only, and two at the same time.
  await v2.table('sightings').bulkAdd([
    sighting('arxiv:2401.00001', 30, 'v3'),
    sighting('arxiv:2401.00002', 20, 'v2', { digestDate: '2025-11-02' }),
    sighting('arxiv:2401.00001', 10, 'v1', { digestDate: '2025-11-01' }),
    sighting('arxiv:2401.00001', 30, 'v3b'),
  ]);
  await v2.table('notSame').add({ pair: 'arxiv:2401.00001|arxiv:2401.00002', a: 'arxiv:2401.00001', b: 'arxiv:2401.00002', at: 5 });
  await v2.table('settings').add({ key: 'settings', value: { seenStyle: 'hide' } });
  v2.close();
  return papers;
}

describe('upgrade from version 2', () => {
  it('moves every sighting into its paper’s history, oldest first, and keeps papers, notes, pairs and settings', async () => {
    const name = `history-upgrade-${++n}`;
    const papers = await v2Database(name);
    const db = new DejaLuDB(name);
    await db.open();
    expect(db.verno).toBe(7);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['catalog', 'catalogChanges', 'history', 'meta', 'notSame', 'papers', 'settings']);
    expect(await db.papers.orderBy('key').toArray()).toEqual(papers);
    expect(await db.history.get('arxiv:2401.00001')).toEqual({
      paperKey: 'arxiv:2401.00001',
      sightings: [
        { at: 10, pageUrl: 'https://huggingface.co/papers/date/d10', site: 'huggingface', label: 'L10', visitId: 'v1', digestDate: '2025-11-01' },
        { at: 30, pageUrl: 'https://huggingface.co/papers/date/d30', site: 'huggingface', label: 'L30', visitId: 'v3' },
        { at: 30, pageUrl: 'https://huggingface.co/papers/date/d30', site: 'huggingface', label: 'L30', visitId: 'v3b' },
      ],
    });
    expect((await db.history.get('arxiv:2401.00002'))?.sightings.map((s) => s.visitId)).toEqual(['v2']);
    expect(await db.history.get('title:never-seen')).toBeUndefined();
    expect(await db.notSame.count()).toBe(1);
    expect(await db.settings.get('settings')).toEqual({ key: 'settings', value: { seenStyle: 'hide' } });

    const lib = new Library(db);
    expect((await lib.stats()).sightings).toBe(4);
    const detail = await lib.getPaper('arxiv:2401.00001');
    expect(detail.paper?.note).toBe('my careful note');
    expect(detail.paper?.abstract).toBe('An abstract.');
    expect(detail.sightings.map((s) => s.at)).toEqual([10, 30, 30]);
    expect(detail.notSame.map((p) => p.key)).toEqual(['arxiv:2401.00002']);
    // Version 4: only the lookup indexes are left; search, tags and counts come from the catalog,
    // built from the upgraded rows (no snapshot yet), words and all. Version 5 drops candidateKeys and
    // titleKey; version 6 indexes the keys re-keyed papers had, version 7 merged papers' other titles.
    expect(db.papers.schema.indexes.map((i) => i.name).sort()).toEqual(['altTitleKeys', 'doi', 'formerKeys']);
    expect((await lib.search({ text: 'careful', status: 'all', sort: 'lastSeen', offset: 0, limit: 10 })).papers.map((p) => p.key)).toEqual([
      'arxiv:2401.00001',
    ]);
    expect((await lib.search({ text: 'imported', status: 'all', sort: 'lastSeen', offset: 0, limit: 10 })).total).toBe(1);
    expect(await lib.listTags()).toEqual([
      { tag: 'a', count: 1 },
      { tag: 'b', count: 1 },
    ]);
    expect(await lib.stats()).toMatchObject({ papers: 3, saved: 1 });
    expect((await db.catalog.toCollection().primaryKeys()).sort()).toEqual(['near', 'papers']);
    // Writes to the upgraded database are journalled for the next load.
    await lib.save({ key: 'arxiv:2401.00002' }, true);
    expect(await db.catalogChanges.toCollection().primaryKeys()).toEqual(['arxiv:2401.00002']);
    db.close();
  });

  it('an upgraded library keeps one sighting per visit across the upgrade', async () => {
    const name = `history-upgrade-${++n}`;
    await v2Database(name);
    const lib = new Library(new DejaLuDB(name), () => 100);
    // Visit v3 already saw this paper before the upgrade.
    expect((await lib.recordSightings('v3', HF('2025-11-03'), [card('Title of arxiv:2401.00001', '2401.00001')])).recorded).toBe(0);
    expect((await lib.recordSightings('v9', HF('2025-11-09'), [card('Title of arxiv:2401.00001', '2401.00001')])).recorded).toBe(1);
    expect((await lib.stats()).sightings).toBe(5);
    expect((await lib.getPaper('arxiv:2401.00001')).sightings.map((s) => s.at)).toEqual([10, 30, 30, 100]);
  });
});

describe('histories', () => {
  it('one sighting per paper per visit, however many batches report it; the total follows', async () => {
    let t = 1_000;
    const lib = new Library(new DejaLuDB(`history-${++n}`), () => t);
    const a = card('Alpha paper on something', '2501.00001');
    const b = card('Beta paper on other things', '2501.00002');
    expect((await lib.recordSightings('v1', HF('2025-11-01'), [a, a, b])).recorded).toBe(2);
    t += 10;
    expect((await lib.recordSightings('v1', HF('2025-11-01'), [b, a])).recorded).toBe(0);
    t += 10;
    expect((await lib.recordSightings('v2', HF('2025-11-02'), [a])).recorded).toBe(1);
    expect(await lib.db.history.count()).toBe(2);
    expect((await lib.db.history.get('arxiv:2501.00001'))?.sightings.map((s) => [s.visitId, s.at])).toEqual([['v1', 1_000], ['v2', 1_020]]);
    expect((await lib.stats()).sightings).toBe(3);
    expect((await lib.lookup([a]))[0]?.paper?.seenCount).toBe(2);
  });

  it('re-keying onto a paper that has its own history joins both histories, notes and tags', async () => {
    let t = 1_000;
    const lib = new Library(new DejaLuDB(`history-${++n}`), () => t);
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Deep Residual Learning for Image Recognition', '1512.03385')]);
    await lib.setNote({ key: 'arxiv:1512.03385' }, 'note A');
    t += 10;
    const doiCard = card('ResNets in the proceedings of CVPR 2016', undefined, { doi: '10.1109/cvpr.2016.90' });
    await lib.recordSightings('v2', HF('2025-10-30'), [doiCard]);
    t += 10;
    await lib.recordSightings('v3', HF('2025-10-31'), [doiCard]);
    await lib.setNote({ key: 'doi:10.1109/cvpr.2016.90' }, 'note B');
    await lib.editTags({ key: 'doi:10.1109/cvpr.2016.90' }, ['vision'], []);
    expect((await lib.stats()).sightings).toBe(3);
    t += 10;
    await lib.recordSightings('v4', HF('2025-11-03'), [card('Deep Residual Learning for Image Recognition', '1512.03385', { doi: '10.1109/cvpr.2016.90' })]);

    expect(await lib.db.papers.get('doi:10.1109/cvpr.2016.90')).toBeUndefined();
    expect(await lib.db.history.get('doi:10.1109/cvpr.2016.90')).toBeUndefined();
    const got = await lib.getPaper('arxiv:1512.03385');
    expect(got.sightings.map((s) => s.at)).toEqual([1_000, 1_010, 1_020, 1_030]);
    expect(got.paper?.seenCount).toBe(4);
    expect(got.paper?.note).toContain('note A');
    expect(got.paper?.note).toContain('note B');
    expect(got.paper?.tags).toEqual(['vision']);
    expect((await lib.stats()).sightings).toBe(4);
  });

  it('bulk delete and its undo put back every sighting, and the total with them', async () => {
    let t = 1_000;
    const lib = new Library(new DejaLuDB(`history-${++n}`), () => t);
    const cards = [card('One paper title here', '2501.00020'), card('Two paper title here', '2501.00021'), card('Three stays put', '2501.00022')];
    await lib.recordSightings('v1', HF('2025-10-29'), cards);
    t += 10;
    await lib.recordSightings('v2', HF('2025-10-30'), cards.slice(0, 2));
    const before = await Promise.all(['arxiv:2501.00020', 'arxiv:2501.00021'].map((k) => lib.getPaper(k)));
    expect((await lib.stats()).sightings).toBe(5);
    const { snapshot, changed } = await lib.bulk(['arxiv:2501.00020', 'arxiv:2501.00021'], { kind: 'delete' });
    expect(changed).toBe(2);
    expect((await lib.stats()).sightings).toBe(1);
    expect((await lib.getPaper('arxiv:2501.00020')).sightings).toEqual([]);
    expect(await lib.restore(snapshot!)).toBe(2);
    expect((await lib.stats()).sightings).toBe(5);
    expect(await Promise.all(['arxiv:2501.00020', 'arxiv:2501.00021'].map((k) => lib.getPaper(k)))).toEqual(before);
    // Undoing twice must not count the sightings twice.
    await lib.restore(snapshot!);
    expect((await lib.stats()).sightings).toBe(5);
  });

  it('an undo snapshot taken by version 2 (sighting rows) still restores', async () => {
    const lib = new Library(new DejaLuDB(`history-${++n}`));
    const snapshot = JSON.stringify({
      papers: [paper('arxiv:2401.00001', { seenCount: 2 })],
      sightings: [{ id: 4, ...sighting('arxiv:2401.00001', 20, 'b') }, { id: 3, ...sighting('arxiv:2401.00001', 10, 'a') }],
      notSame: [],
    });
    expect(await lib.restore(snapshot)).toBe(1);
    expect((await lib.getPaper('arxiv:2401.00001')).sightings.map((s) => s.at)).toEqual([10, 20]);
    expect((await lib.stats()).sightings).toBe(2);
  });

  it('clear empties histories and the total', async () => {
    const lib = new Library(new DejaLuDB(`history-${++n}`));
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Something to clear', '2501.00030')]);
    await lib.clear();
    expect(await lib.db.history.count()).toBe(0);
    expect((await lib.stats()).sightings).toBe(0);
  });
});

describe('backups with histories', () => {
  async function populated(name: string) {
    let t = 1_000;
    const lib = new Library(new DejaLuDB(name), () => t);
    for (let v = 0; v < 4; v++) {
      await lib.recordSightings(`v${v}`, HF(`2025-11-0${v + 1}`), [card('Shared paper one', '2501.00001'), card(`Paper of visit ${v}`, `2501.0010${v}`)]);
      t += 100;
    }
    await lib.setNote({ key: 'arxiv:2501.00001' }, 'note from the first library');
    return lib;
  }

  it('the file keeps the flat sighting list of BACKUP_VERSION 1', async () => {
    const lib = await populated(`history-backup-${++n}`);
    const file = JSON.parse((await exportLibrary(lib.db, 'backup')).text);
    expect(file.version).toBe(1);
    expect(file.sightings).toHaveLength(8);
    expect(file.sightings[0]).toMatchObject({ paperKey: expect.any(String), at: expect.any(Number), visitId: expect.any(String) });
    // Derived search keys are recomputed on import, so the file does not carry them.
    expect(Object.keys(file.papers[0]).filter((k) => ['titleKey', 'candidateKeys', 'words'].includes(k))).toEqual([]);
    expect(file.papers[0]).toMatchObject({ key: expect.any(String), title: expect.any(String), note: expect.any(String) });
  });

  it('sightings of a paper the file leaves out count for the paper already here; orphans are dropped', async () => {
    let t = 5_000;
    const lib = new Library(new DejaLuDB(`history-outside-${++n}`), () => t);
    await lib.recordSightings('here', HF('2025-12-01'), [card('Kept in the library only', '2501.00300')]);
    const file = {
      format: 'dejalu-backup',
      version: 1,
      exportedAt: '2025-12-02T00:00:00.000Z',
      papers: [],
      sightings: [
        { paperKey: 'arxiv:2501.00300', at: 1_000, pageUrl: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', label: 'arXiv cs.LG', visitId: 'older' },
        { paperKey: 'arxiv:2501.09999', at: 2_000, pageUrl: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', label: 'arXiv cs.LG', visitId: 'orphan' },
      ],
      notSame: [],
      settings: [],
    };
    t = 6_000;
    expect(await importLibrary(lib, JSON.stringify(file), 'backup')).toMatchObject({ added: 0, sightings: 1 });
    const kept = await lib.getPaper('arxiv:2501.00300');
    expect(kept.sightings.map((s) => s.at)).toEqual([1_000, 5_000]);
    expect(kept.paper).toMatchObject({ seenCount: 2, firstSeen: 1_000, lastSeen: 5_000, first: { at: 1_000, site: 'arxiv' } });
    expect(kept.paper?.sites).toEqual(['huggingface', 'arxiv']);
    expect(await lib.db.history.get('arxiv:2501.09999')).toBeUndefined();
    expect((await lib.stats()).sightings).toBe(2);
    // Again: nothing new.
    expect(await importLibrary(lib, JSON.stringify(file), 'backup')).toMatchObject({ sightings: 0 });
    expect((await lib.getPaper('arxiv:2501.00300')).paper?.seenCount).toBe(2);
  });

  it('merging overlapping libraries unions histories; importing again changes nothing', async () => {
    const a = await populated(`history-backup-${++n}`);
    const fileA = await exportLibrary(a.db, 'backup');
    let t = 50_000;
    const b = new Library(new DejaLuDB(`history-backup-${++n}`), () => t);
    await b.recordSightings('other', HF('2025-12-01'), [card('Shared paper one', '2501.00001'), card('Only in b', '2501.00200')]);
    await b.setNote({ key: 'arxiv:2501.00001' }, 'note from the second library');

    const first = await importLibrary(b, fileA.text, 'backup');
    expect(first).toMatchObject({ added: 4, updated: 1, sightings: 8 });
    const shared = await b.getPaper('arxiv:2501.00001');
    expect(shared.sightings.map((s) => s.at)).toEqual([1_000, 1_100, 1_200, 1_300, 50_000]);
    expect(shared.paper?.seenCount).toBe(5);
    expect(shared.paper?.note).toContain('note from the first library');
    expect(shared.paper?.note).toContain('note from the second library');
    expect((await b.stats()).sightings).toBe(10);

    const dump = async () => ({ papers: await b.db.papers.orderBy('key').toArray(), history: await b.db.history.orderBy('paperKey').toArray(), stats: await b.stats() });
    const once = await dump();
    t += 1;
    const again = await importLibrary(b, fileA.text, 'backup');
    expect(again).toMatchObject({ added: 0, updated: 0, sightings: 0 });
    expect(await dump()).toEqual(once);
  });
});
