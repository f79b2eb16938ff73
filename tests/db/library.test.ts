import Dexie from 'dexie';
import { describe, expect, it, vi } from 'vitest';
import { DejaLuDB, type PaperRow } from '../../lib/db';
import { Library, mergeRows } from '../../lib/library';
import { titleKey } from '../../lib/identity';
import type { CardInput, PageInfo } from '../../lib/messages';
import { Catalog } from '../../lib/library/catalog';
import { candidateKeys, matcherFor } from '../../lib/dedup';

let n = 0;
function fresh(now = () => Date.parse('2025-11-03T09:00:00Z')) {
  const db = new DejaLuDB(`lib-test-${++n}`);
  return { db, lib: new Library(db, now) };
}

const HF = (day: string): PageInfo => ({
  url: `https://huggingface.co/papers/date/${day}`,
  site: 'huggingface',
  label: day,
  digestDate: day,
});
const card = (title: string, arxivId?: string, extra: Partial<CardInput> = {}): CardInput => ({
  title,
  ...(arxivId ? { arxivId } : {}),
  ...extra,
});

describe('lookup and sightings', () => {
  it('new → seen with count, first-seen place and date; at most one sighting per visit', async () => {
    const { lib, db } = fresh();
    const a = card('The Curse of Depth in Large Language Models', '2502.59669');
    expect((await lib.lookup([a]))[0]).toEqual({ status: 'new' });

    await lib.recordSightings('visit-1', HF('2025-10-29'), [a, a]);
    await lib.recordSightings('visit-1', HF('2025-10-29'), [a]); // a later batch of the same visit
    expect((await db.history.get('arxiv:2502.59669'))?.sightings).toHaveLength(1);
    expect((await lib.stats()).sightings).toBe(1);

    await lib.recordSightings('visit-2', HF('2025-11-03'), [a]);
    const [st] = await lib.lookup([a]);
    expect(st?.status).toBe('seen');
    expect(st?.paper?.seenCount).toBe(2);
    expect(st?.paper?.first?.digestDate).toBe('2025-10-29');
    expect(st?.match?.rule).toBe('arxiv-id');
  });

  it("answers as of before a visit: each paper's count without that visit's own sighting", async () => {
    const { lib } = fresh();
    const a = card('The Curse of Depth in Large Language Models', '2502.59669');
    const b = card('Outlier Dimensions that Disrupt Transformers are Driven by Frequency', '2502.00002');
    const c = card('A Paper Saved During the Visit', '2502.00003');
    await lib.recordSightings('visit-1', HF('2025-10-29'), [a]);
    await lib.recordSightings('visit-2', HF('2025-11-03'), [a, b, c]);
    await lib.save({ key: 'arxiv:2502.00003' }, true);
    const plain = await lib.lookup([a, b, c, card('Never Met', '2502.00004')]);
    expect(plain.map((s) => [s.status, s.paper?.seenCount, s.seenBefore])).toEqual([['seen', 2, undefined], ['seen', 1, undefined], ['saved', 1, undefined], ['new', undefined, undefined]]);
    const visit2 = Date.parse('2025-11-03T09:00:00Z'); // when its first sighting was queued (this clock's)
    const before = await lib.lookupBefore([a, b, c, card('Never Met', '2502.00004')], 'visit-2', visit2);
    expect(before.map((s) => [s.status, s.paper?.seenCount, s.seenBefore])).toEqual([['seen', 2, 1], ['new', 1, 0], ['saved', 1, 0], ['new', undefined, undefined]]);
    // Another visit's view: nothing of its own to leave out.
    expect((await lib.lookupBefore([a], 'visit-3', visit2))[0]).toMatchObject({ status: 'seen', seenBefore: 2 });
    // Papers last seen before the visit's first sighting hold none of it: their histories are not read.
    const read = vi.spyOn(lib.db.history, 'bulkGet');
    expect((await lib.lookupBefore([a, b], 'visit-2', visit2 + 1)).map((s) => s.seenBefore)).toEqual([2, 1]);
    expect(read.mock.calls.at(-1)?.[0]).toEqual([]);
  });

  it('adds a paper by hand, saved, and a digest that shows it later joins it; one it holds is that one', async () => {
    const { lib, db } = fresh();
    const added = await lib.addByHand({ title: 'Scaling Laws for Neural Language Models', arxivId: '2001.08361', authors: ['Jared Kaplan'] });
    expect(added).toMatchObject({ existed: false, paper: { key: 'arxiv:2001.08361', sites: ['manual'], seenCount: 0 } });
    expect(added.paper.savedAt).toBeGreaterThan(0);
    // By its id, or its title alone: the same paper, nothing written.
    expect(await lib.addByHand({ title: 'Another title entirely', arxivId: '2001.08361' })).toMatchObject({ existed: true, paper: { key: 'arxiv:2001.08361' } });
    expect(await lib.addByHand({ title: 'Scaling laws for neural language models.' })).toMatchObject({ existed: true, paper: { key: 'arxiv:2001.08361' } });
    expect(await db.papers.count()).toBe(1);
    await lib.recordSightings('v1', HF('2025-11-03'), [card('Scaling Laws for Neural Language Models', '2001.08361')]);
    expect(await db.papers.get('arxiv:2001.08361')).toMatchObject({ seenCount: 1, sites: ['manual', 'huggingface'] });

    // A near title only: told, not added, unless the reader says it is another paper.
    await lib.addByHand({ title: 'Sparse Mixture of Experts Scale Better with Fewer Tokens', arxivId: '2502.00001' });
    const near = { title: 'Sparse Mixtures of Experts Scale Better with Fewer Tokens' };
    const told = await lib.addByHand(near);
    expect(told).toMatchObject({ existed: true, match: { rule: 'similar-title' }, paper: { key: 'arxiv:2502.00001' } });
    expect(await db.papers.count()).toBe(2);
    const other = await lib.addByHand(near, true);
    expect(other).toMatchObject({ existed: false, paper: { title: near.title, sites: ['manual'] } });
    expect(other.paper.key).not.toBe('arxiv:2502.00001');
    expect(other.paper.savedAt).toBeGreaterThan(0);
    // Never joined to the first again.
    expect((await lib.lookup([near]))[0]?.paper?.key).toBe(other.paper.key);
    expect(await db.notSame.count()).toBe(1);
  });

  it("says the key of each card's paper, in the cards' order, recorded or not", async () => {
    const { lib } = fresh();
    const a = card('The Curse of Depth in Large Language Models', '2502.59669');
    const untitled = { title: 'Outlier Dimensions that Disrupt Transformers are Driven by Frequency' };
    const first = await lib.recordSightings('visit-1', HF('2025-10-29'), [untitled, a, a]);
    expect(first.recorded).toBe(2);
    expect(first.keys).toEqual(['title:outlier dimensions that disrupt transformers are driven by frequency', 'arxiv:2502.59669', 'arxiv:2502.59669']);
    // A later batch of the same visit records nothing, and still says which papers its cards are.
    expect(await lib.recordSightings('visit-1', HF('2025-10-29'), [a])).toEqual({ recorded: 0, keys: ['arxiv:2502.59669'] });
  });

  it('one sighting per page address a day: a reload or a return is not meeting the paper again', async () => {
    let clock = new Date(2025, 10, 3, 9, 0).getTime(); // 9:00 local time
    const { lib, db } = fresh(() => clock);
    const a = card('The Curse of Depth in Large Language Models', '2502.59669');
    const count = async () => (await db.history.get('arxiv:2502.59669'))?.sightings.length ?? 0;
    await lib.recordSightings('morning', HF('2025-11-03'), [a]);
    clock += 5 * 60_000;
    await lib.recordSightings('reload', HF('2025-11-03'), [a]);
    clock = new Date(2025, 10, 3, 23, 59).getTime();
    await lib.recordSightings('evening', HF('2025-11-03'), [a]);
    expect(await count()).toBe(1);
    expect((await lib.stats()).sightings).toBe(1);
    // Another page the same day is another place the paper came up.
    await lib.recordSightings('listing', { url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', label: 'cs.LG new' }, [a]);
    expect(await count()).toBe(2);
    // The same digest read again the next day counts.
    clock = new Date(2025, 10, 4, 0, 1).getTime();
    await lib.recordSightings('next-day', HF('2025-11-03'), [a]);
    expect(await count()).toBe(3);
    expect((await lib.lookup([a]))[0]?.paper?.seenCount).toBe(3);
  });

  it("learns arXiv's primary class from the first card that shows it, also as a title-only paper is re-keyed", async () => {
    const { lib, db } = fresh();
    const ARXIV: PageInfo = { url: 'https://arxiv.org/list/cs.CL/new', site: 'arxiv', label: 'cs.CL new' };
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Some Paper', '2401.01234')]);
    expect((await db.papers.get('arxiv:2401.01234'))?.primaryClass).toBeUndefined();
    await lib.recordSightings('v2', ARXIV, [card('Some Paper', '2401.01234', { primaryClass: 'cs.CL' })]);
    await lib.recordSightings('v3', ARXIV, [card('Some Paper', '2401.01234', { primaryClass: 'cs.LG' })]);
    expect((await db.papers.get('arxiv:2401.01234'))?.primaryClass).toBe('cs.CL');
    expect((await lib.getPaper('arxiv:2401.01234')).paper?.primaryClass).toBe('cs.CL');

    // A title-only paper (a card without id) that later shows its id and class learns both.
    await lib.recordSightings('v4', HF('2025-11-03'), [card('Another Paper Entirely Here')]);
    await lib.recordSightings('v5', ARXIV, [card('Another Paper Entirely Here', '2401.05555', { primaryClass: 'stat.ML' })]);
    expect((await db.papers.get('arxiv:2401.05555'))?.primaryClass).toBe('stat.ML');
  });

  it('learns where a paper was accepted from the first card that says so, and keeps it', async () => {
    const { lib, db } = fresh();
    const OPENREVIEW: PageInfo = { url: 'https://openreview.net/group?id=ICLR.cc/2026/Conference', site: 'openreview', label: 'ICLR 2026 Conference' };
    const venueOf = async (key: string) => {
      const row = await db.papers.get(key);
      return row && { journal: row.journal, proceedings: row.proceedings };
    };
    await lib.recordSightings('v1', HF('2025-11-18'), [card('Hidden Dynamics of Massive Activations', '2508.27978', { year: 2025 })]);
    expect(await venueOf('arxiv:2508.27978')).toEqual({ journal: undefined, proceedings: undefined });
    // The venue's list names it by title alone: the paper met on the digest learns its proceedings,
    // and their year, which is the one to cite.
    await lib.recordSightings('v2', OPENREVIEW, [card('Hidden Dynamics of Massive Activations', undefined, { proceedings: 'ICLR 2026', year: 2026 })]);
    expect(await venueOf('arxiv:2508.27978')).toEqual({ journal: undefined, proceedings: 'ICLR 2026' });
    expect((await db.papers.get('arxiv:2508.27978'))?.year).toBe(2026);
    // A library search names the venue: "iclr" finds it.
    expect((await lib.search({ text: 'iclr', status: 'all', sort: 'lastSeen', offset: 0, limit: 10 })).papers.map((p) => p.key)).toEqual(['arxiv:2508.27978']);
    expect((await lib.getPaper('arxiv:2508.27978')).paper?.proceedings).toBe('ICLR 2026');
    // Another name for it later (the forum's full title of the conference) does not replace it.
    await lib.recordSightings('v3', OPENREVIEW, [card('Hidden Dynamics of Massive Activations', undefined, { proceedings: 'The Fourteenth International Conference on Learning Representations' })]);
    expect((await venueOf('arxiv:2508.27978'))?.proceedings).toBe('ICLR 2026');
    // A paper first met on the venue is stored with it.
    await lib.recordSightings('v4', OPENREVIEW, [card('Sparse Autoencoders Find Massive Activations Early', undefined, { journal: 'Transactions on Machine Learning Research' })]);
    expect(await venueOf('title:sparse autoencoders find massive activations early')).toEqual({ journal: 'Transactions on Machine Learning Research', proceedings: undefined });
  });

  it('keeps the venue the reader sets or clears: searched, cited, never taught again by a page', async () => {
    const { lib, db } = fresh();
    const OPENREVIEW: PageInfo = { url: 'https://openreview.net/group?id=ICLR.cc/2026/Conference', site: 'openreview', label: 'ICLR 2026 Conference' };
    const listed = card('Hidden Dynamics of Massive Activations', undefined, { proceedings: 'ICLR 2026', year: 2026 });
    await lib.recordSightings('v1', HF('2025-11-18'), [card('Hidden Dynamics of Massive Activations', '2508.27978', { year: 2025 })]);
    await lib.recordSightings('v2', OPENREVIEW, [listed]);
    const search = async (text: string) => (await lib.search({ text, status: 'all', sort: 'lastSeen', offset: 0, limit: 10 })).papers.map((p) => p.key);

    // The reader gives the journal version instead, with its numbers and year.
    const set = await lib.setVenue('arxiv:2508.27978', { kind: 'journal', name: 'Transactions on Machine Learning Research', volume: '2026', pages: '1-24', year: 2027 });
    expect(set).toMatchObject({ journal: 'Transactions on Machine Learning Research', volume: '2026', pages: '1–24', year: 2027, venueFixed: true });
    expect(set).not.toHaveProperty('proceedings');
    expect(await search('transactions machine learning research')).toEqual(['arxiv:2508.27978']);
    expect(await search('iclr')).toEqual([]);
    expect((await lib.cite(['arxiv:2508.27978'])).bibtex).toMatch(/^@article\{[^]*year = \{2027\}[^]*journal = \{Transactions on Machine Learning Research\}/);
    // Lists and badges carry no venue.
    expect((await lib.lookup([listed]))[0]?.paper).not.toHaveProperty('venueFixed');

    // Cleared, it stays cleared when the venue lists the paper again.
    await lib.setVenue('arxiv:2508.27978', { kind: 'proceedings', name: '' });
    await lib.recordSightings('v3', { ...OPENREVIEW, url: 'https://openreview.net/forum?id=hdMAtt5sXk' }, [listed]);
    const row = await db.papers.get('arxiv:2508.27978');
    // Cited as the preprint again, of its year (the arXiv id's: 2025).
    expect(row).toMatchObject({ seenCount: 3, venueFixed: true, year: 2025 });
    expect(row).not.toHaveProperty('journal');
    expect(row).not.toHaveProperty('proceedings');
    expect((await lib.cite(['arxiv:2508.27978'])).bibtex).toMatch(/^@misc\{/);
    await expect(lib.setVenue('arxiv:0000.00000', { kind: 'journal', name: 'Nature' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('knows a paper by the new title an arXiv version took, and finds it by that title alone', async () => {
    const { lib, db } = fresh();
    const ARXIV: PageInfo = { url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', label: 'cs.LG new' };
    await lib.recordSightings('v1', HF('2025-11-18'), [card('Hidden Dynamics of Massive Activations in Transformer Training', '2508.27978')]);
    // v2 renamed: the same paper by its id.
    const renamed = 'When Massive Activations Emerge: A Training-Time Study of Transformers';
    await lib.recordSightings('v2', ARXIV, [card(renamed, '2508.27978', { version: 2 })]);
    const row = await db.papers.get('arxiv:2508.27978');
    expect(row).toMatchObject({ title: 'Hidden Dynamics of Massive Activations in Transformer Training', altTitles: [renamed] });
    expect(await db.papers.count()).toBe(1);
    // A page that names it by the new title alone (OpenReview, Scholar) finds it.
    const [st] = await lib.lookup([card(renamed)]);
    expect(st?.paper?.key).toBe('arxiv:2508.27978');
    expect(st?.match?.rule).toBe('other-title');
    // Titles the library knows, near-equal ones and cut ones add nothing.
    await lib.recordSightings('v3', ARXIV, [
      card('Hidden dynamics of massive activations in transformer training.', '2508.27978'),
      card('Hidden Dynamics of Massive Activation in Transformers Training', '2508.27978'),
      card('When Massive Activations Emerge: A Training-Time Study of…', '2508.27978'),
      card(renamed, '2508.27978'),
    ]);
    expect((await db.papers.get('arxiv:2508.27978'))?.altTitles).toEqual([renamed]);
  });

  it("finds a paper by a title near the one its renamed version took, as by one near its own title, and records the sighting there", async () => {
    const { lib, db } = fresh();
    const ARXIV: PageInfo = { url: 'https://arxiv.org/list/cs.LG/new', site: 'arxiv', label: 'cs.LG new' };
    await lib.recordSightings('v1', HF('2025-11-18'), [card('Hidden Dynamics of Massive Activations in Transformer Training', '2508.27978')]);
    await lib.recordSightings('v2', ARXIV, [card('When Massive Activations Emerge: A Training-Time Study of Transformers', '2508.27978', { version: 2 })]);
    // The venue's title drops an article and a plural: near the renamed version's, not the first title.
    const venueTitle = 'When Massive Activations Emerge: Training-Time Study of Transformer';
    const [st] = await lib.lookup([card(venueTitle)]);
    expect(st?.paper?.key).toBe('arxiv:2508.27978');
    expect(st?.match?.rule).toBe('similar-title');
    // Its sighting joins that paper rather than making another.
    const OPENREVIEW: PageInfo = { url: 'https://openreview.net/group?id=ICLR.cc/2026/Conference', site: 'openreview', label: 'ICLR 2026' };
    await lib.recordSightings('v3', OPENREVIEW, [card(venueTitle)]);
    expect(await db.papers.count()).toBe(1);
    expect((await db.papers.get('arxiv:2508.27978'))?.seenCount).toBe(3);
    // A title near neither is another paper; an arXiv id of another paper is never this one.
    const [other] = await lib.lookup([card('When Massive Activations Vanish: Pruning Study of Vision Transformers')]);
    expect(other?.paper).toBeUndefined();
    const [otherId] = await lib.lookup([card(venueTitle, '2601.00001')]);
    expect(otherId?.paper).toBeUndefined();
    // The catalog's snapshot keeps the other titles: loaded again, it finds the paper the same way.
    const back = Catalog.unpack(structuredClone((await lib.catalog.get()).pack()));
    const found = back.sameOtherTitles(candidateKeys(venueTitle), () => true, matcherFor({ title: venueTitle }));
    expect(found.map((f) => [f.key, f.match.rule])).toEqual([['arxiv:2508.27978', 'similar-title']]);
    // A worker that has just started (its catalog not loaded, lookups from the near keys) records
    // such a card's sighting on that paper too: sightings wait for the catalog.
    await lib.catalog.get();
    await lib.catalog.save();
    const restarted = new Library(new DejaLuDB(db.name), () => Date.parse('2025-11-20T09:00:00Z'));
    expect(restarted.catalog.ready()).toBeNull();
    await restarted.recordSightings('v4', { ...OPENREVIEW, url: 'https://openreview.net/forum?id=x' }, [card(venueTitle)]);
    expect(await db.papers.count()).toBe(1);
    expect((await db.papers.get('arxiv:2508.27978'))?.seenCount).toBe(4);
    // The reader makes the renamed title its title: the first title is now the other one.
    await lib.chooseTitle('arxiv:2508.27978', 'When Massive Activations Emerge: A Training-Time Study of Transformers');
    const [byFirst] = await lib.lookup([card('Hidden Dynamics of Massive Activations in Transformers Training')]);
    expect(byFirst?.paper?.key).toBe('arxiv:2508.27978');
  });

  it('authors met as Google Scholar abbreviates them take the whole names from a card that gives them all, and only then', async () => {
    const { lib, db } = fresh();
    const SCHOLAR: PageInfo = { url: 'https://scholar.google.com/scholar?q=x', site: 'scholar', label: '“x”' };
    const authorsOf = async () => (await db.papers.get('arxiv:2402.17762'))?.authors;
    await lib.recordSightings('v1', SCHOLAR, [card('Massive Activations in LLMs', '2402.17762', { authors: ['M Sun', 'X Chen', 'JZ Kolter', 'Z Liu'] })]);
    expect(await authorsOf()).toEqual(['M Sun', 'X Chen', 'JZ Kolter', 'Z Liu']);
    // Fewer names (a cut list) do not replace them.
    await lib.recordSightings('v2', HF('2025-11-03'), [card('Massive Activations in LLMs', '2402.17762', { authors: ['Mingjie Sun'] })]);
    expect(await authorsOf()).toEqual(['M Sun', 'X Chen', 'JZ Kolter', 'Z Liu']);
    const whole = ['Mingjie Sun', 'Xinlei Chen', 'J. Zico Kolter', 'Zhuang Liu'];
    await lib.recordSightings('v3', HF('2025-11-10'), [card('Massive Activations in LLMs', '2402.17762', { authors: whole })]);
    expect(await authorsOf()).toEqual(whole);
    // Whole names are never replaced, by initials or by other whole names.
    await lib.recordSightings('v4', SCHOLAR, [card('Massive Activations in LLMs', '2402.17762', { authors: ['M Sun', 'X Chen', 'JZ Kolter', 'Z Liu', 'A B'] })]);
    await lib.recordSightings('v5', HF('2025-11-18'), [card('Massive Activations in LLMs', '2402.17762', { authors: ['Someone Else', 'And More', 'Names Here', 'Four Five', 'Six'] })]);
    expect(await authorsOf()).toEqual(whole);
  });

  it('an abstract stored with arXiv\'s "this https URL" takes the address from a later card, and only that one', async () => {
    const { lib, db } = fresh();
    const ARXIV: PageInfo = { url: 'https://arxiv.org/list/cs.CL/new', site: 'arxiv', label: 'cs.CL new' };
    const abstractOf = async () => (await db.papers.get('arxiv:2401.01234'))?.abstract;
    await lib.recordSightings('v1', ARXIV, [card('Some Paper', '2401.01234', { abstract: 'Code at this https URL.' })]);
    await lib.recordSightings('v2', ARXIV, [card('Some Paper', '2401.01234', { abstract: 'Code at https://github.com/a/b.' })]);
    expect(await abstractOf()).toBe('Code at https://github.com/a/b.');
    // A stored abstract that reads well is never replaced.
    await lib.recordSightings('v3', HF('2025-11-03'), [card('Some Paper', '2401.01234', { abstract: 'Another wording.' })]);
    expect(await abstractOf()).toBe('Code at https://github.com/a/b.');
  });

  it('matches another arXiv version by id and says so', async () => {
    const { lib } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Some Paper', '2401.01234', { version: 1 })]);
    const [st] = await lib.lookup([card('Some Paper (revised)', '2401.01234', { version: 2 })]);
    expect(st?.status).toBe('seen');
    expect(st?.match?.rule).toBe('arxiv-id-other-version');
  });

  it('different arXiv ids are different papers whatever the titles', async () => {
    const { lib } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Attention Is All You Need', '1706.03762')]);
    const [st] = await lib.lookup([card('Attention Is All You Need', '2501.00001')]);
    expect(st?.status).toBe('new');
  });

  it('a batch lookup answers every card in order', async () => {
    const { lib } = fresh();
    const cards = Array.from({ length: 300 }, (_, i) => card(`Paper number ${i} about topic ${i * 7}`, `2501.${String(i).padStart(5, '0')}`));
    await lib.recordSightings('v', HF('2025-10-29'), cards.filter((_, i) => i % 2 === 0));
    const st = await lib.lookup(cards);
    expect(st.map((s) => s.status)).toEqual(cards.map((_, i) => (i % 2 === 0 ? 'seen' : 'new')));
  });

  it('a lookup and a write asked for together are answered in the order they were asked', async () => {
    const { lib } = fresh();
    const a = card('The Curse of Depth in Large Language Models', '2502.59669');
    await lib.recordSightings('v1', HF('2025-10-29'), [a]);
    await lib.catalog.nearTitles();
    // Neither waits for the other: the lookup, asked first, must not see the save.
    const [first, saved] = await Promise.all([lib.lookup([a]), lib.save({ key: 'arxiv:2502.59669' }, true)]);
    expect(first[0]?.status).toBe('seen');
    expect(saved.savedAt).toBeDefined();
    const [, after] = await Promise.all([lib.save({ key: 'arxiv:2502.59669' }, false), lib.lookup([a])]);
    expect(after[0]?.status).toBe('seen');
  });
});

describe('re-keying', () => {
  it('a title-only paper that later shows its arXiv id is re-keyed without loss', async () => {
    const { lib, db } = fresh();
    const titleOnly = card('Scaling Laws for Neural Language Models');
    await lib.recordSightings('v1', HF('2025-10-29'), [titleOnly]);
    const before = (await lib.lookup([titleOnly]))[0]!.paper!;
    expect(before.key.startsWith('title:')).toBe(true);
    await lib.editTags({ key: before.key }, ['scaling'], []);
    await lib.setNote({ key: before.key }, 'read section 3');
    await lib.save({ key: before.key }, true);

    await lib.recordSightings('v2', HF('2025-11-03'), [card('Scaling Laws for Neural Language Models', '2001.08361')]);
    expect(await db.papers.get(before.key)).toBeUndefined();
    const after = (await db.papers.get('arxiv:2001.08361'))!;
    expect(after.tags).toEqual(['scaling']);
    expect(after.note).toBe('read section 3');
    expect(after.savedAt).toBeDefined();
    expect(after.seenCount).toBe(2);
    expect(after.first?.digestDate).toBe('2025-10-29');
    const hist = await lib.getPaper('arxiv:2001.08361');
    expect(hist.sightings.map((s) => s.digestDate)).toEqual(['2025-10-29', '2025-11-03']);
  });

  it('merges into an existing arXiv-keyed paper, keeping both notes and all tags', async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Deep Residual Learning for Image Recognition', '1512.03385')]);
    await lib.setNote({ key: 'arxiv:1512.03385' }, 'note A');
    // A twin known by DOI only, under its journal title (e.g. imported from Zotero), then a card
    // shows both ids.
    const twin = await lib.setNote({ card: card('ResNets in the proceedings of CVPR 2016', undefined, { doi: '10.1109/cvpr.2016.90' }) }, 'note B');
    expect(twin.key).toBe('doi:10.1109/cvpr.2016.90');
    await lib.editTags({ key: twin.key }, ['vision'], []);
    await lib.recordSightings('v2', HF('2025-11-03'), [card('Deep Residual Learning for Image Recognition', '1512.03385', { doi: '10.1109/cvpr.2016.90' })]);
    const rows = await db.papers.toArray();
    expect(rows.map((r) => r.key)).toEqual(['arxiv:1512.03385']);
    expect(rows[0]!.note).toContain('note A');
    expect(rows[0]!.note).toContain('note B');
    expect(rows[0]!.tags).toEqual(['vision']);
    expect(rows[0]!.doi).toBe('10.1109/cvpr.2016.90');
  });

  it('a batch showing a stored title-only paper with and without its id leaves one paper', async () => {
    const { lib, db } = fresh();
    const T = 'Scaling Laws for Neural Language Models';
    await lib.recordSightings('v1', HF('2025-10-29'), [card(T)]);
    await lib.setNote({ key: (await lib.lookup([card(T)]))[0]!.paper!.key }, 'my note');
    // The page lists it twice: the title-only card resolved to the row the second card re-keys.
    await lib.recordSightings('v2', HF('2025-11-03'), [card(T), card(T, '2001.08361')]);
    expect((await db.papers.toArray()).map((r) => r.key)).toEqual(['arxiv:2001.08361']);
    const p = (await lib.getPaper('arxiv:2001.08361')).paper!;
    expect(p.seenCount).toBe(2);
    expect(p.note).toBe('my note');
    expect((await lib.stats()).sightings).toBe(2);
  });

  it('an edit by the key a page was given before its visit re-keyed the paper reaches the paper', async () => {
    const { lib } = fresh();
    const T = 'Scaling Laws for Neural Language Models';
    await lib.recordSightings('v1', HF('2025-10-29'), [card(T)]);
    const moves: Record<string, string>[] = [];
    lib.onMoved((m) => moves.push(m));
    // Today's page shows it with its id: the badge holds the title key the lookup gave…
    const c = card(T, '2001.08361');
    const shownKey = (await lib.lookup([c]))[0]!.paper!.key;
    expect(shownKey.startsWith('title:')).toBe(true);
    // …the visit's sighting re-keys the paper, and the page is told where it went…
    await lib.recordSightings('v2', HF('2025-11-03'), [c]);
    expect(moves).toEqual([{ [shownKey]: 'arxiv:2001.08361' }]);
    // …and an edit already under way with the old key still reaches it.
    const p = await lib.setNote({ key: shownKey }, 'read section 3');
    expect(p.key).toBe('arxiv:2001.08361');
    expect(p.note).toBe('read section 3');
    expect(moves).toHaveLength(1);
  });

  it('the same for a paper known by its DOI, and for a save from a card that re-keys', async () => {
    const { lib } = fresh();
    const doiOnly = card('Deep Residual Learning for Image Recognition', undefined, { doi: '10.1109/cvpr.2016.90' });
    const stored = await lib.setNote({ card: doiOnly }, 'from Zotero');
    expect(stored.key).toBe('doi:10.1109/cvpr.2016.90');
    const moves: Record<string, string>[] = [];
    lib.onMoved((m) => moves.push(m));
    const saved = await lib.save({ card: card('Deep Residual Learning for Image Recognition', '1512.03385', { doi: '10.1109/cvpr.2016.90' }) }, true);
    expect(saved.key).toBe('arxiv:1512.03385');
    expect(moves).toEqual([{ 'doi:10.1109/cvpr.2016.90': 'arxiv:1512.03385' }]);
    const tagged = await lib.editTags({ key: stored.key }, ['resnet'], []);
    expect(tagged).toMatchObject({ key: 'arxiv:1512.03385', tags: ['resnet'], note: 'from Zotero' });
    // A key no paper ever had is still not found.
    await expect(lib.setNote({ key: 'doi:10.1/none' }, 'x')).rejects.toThrow(/No paper/);
  });
});

describe('not the same paper', () => {
  it('a split is respected by later lookups', async () => {
    const { lib } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Learning to Reason with Large Language Models via Reinforcement Learning')]);
    const variant = card('Learning to Reason with Large Language Models through Reinforcement Learning');
    const [st] = await lib.lookup([variant]);
    if (st?.status !== 'seen') return; // the dedup engine judged them different already: nothing to split
    expect(st.match?.rule).toBe('similar-title');
    const { b } = await lib.markNotSame(st.paper!.key, { card: variant });
    expect(b.key).not.toBe(st.paper!.key);
    const [again] = await lib.lookup([variant]);
    expect(again?.paper?.key ?? null).not.toBe(st.paper!.key);
  });

  it('a split between papers with the same title key keeps both rows apart', async () => {
    const { lib, db } = fresh();
    const t = 'Introduction';
    await lib.recordSightings('v1', HF('2025-10-29'), [card(t)]);
    const a = (await lib.lookup([card(t)]))[0]!.paper!;
    const { b } = await lib.markNotSame(a.key, { card: card(t) });
    expect(b.key).not.toBe(a.key);
    expect(await db.notSame.count()).toBe(1);
  });
});

describe('merging two papers the reader says are one', () => {
  const PREPRINT = card('Folding Proteins with Attention at Scale', '2107.00001');
  const PUBLISHED = card('Highly Accurate Protein Structure Prediction', undefined, { doi: '10.1038/x1' });

  it('keeps one paper, under the arXiv key, with both histories, tags, notes and ids; the DOI then finds it', async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [PREPRINT]);
    await lib.recordSightings('v2', HF('2025-11-03'), [PUBLISHED]);
    await lib.editTags({ key: 'arxiv:2107.00001' }, ['folding'], []);
    await lib.setNote({ key: 'arxiv:2107.00001' }, 'preprint note');
    await lib.editTags({ key: 'doi:10.1038/x1' }, ['nature'], []);
    await lib.setNote({ key: 'doi:10.1038/x1' }, 'published note');
    await lib.markNotSame('arxiv:2107.00001', { key: 'doi:10.1038/x1' });
    const moves: Record<string, string>[] = [];
    lib.onMoved((m) => moves.push(m));

    // Named in either order, the arXiv paper is the one kept.
    const { paper, merged } = await lib.merge(['doi:10.1038/x1', 'arxiv:2107.00001']);
    expect(merged).toBe('doi:10.1038/x1');
    // Asked for by the key it had (a tab's PDF, a popup opened before), the paper it went into answers.
    expect((await lib.paperOf('doi:10.1038/x1'))?.key).toBe('arxiv:2107.00001');
    expect(await lib.paperOf('doi:10.1038/none')).toBeNull();
    expect(paper).toMatchObject({
      key: 'arxiv:2107.00001',
      title: PREPRINT.title,
      arxivId: '2107.00001',
      doi: '10.1038/x1',
      seenCount: 2,
      tags: ['folding', 'nature'],
    });
    expect(paper.note).toContain('preprint note');
    expect(paper.note).toContain('published note');
    // The other title is kept, shown and searched, though only the kept one is the paper's title.
    expect(paper.altTitles).toEqual([PUBLISHED.title]);
    const found = await lib.search({ text: 'highly accurate structure', status: 'all', sort: 'title', offset: 0, limit: 10 });
    expect(found.papers.map((p) => p.key)).toEqual(['arxiv:2107.00001']);
    expect(found.papers[0]?.altTitles).toBeUndefined();
    expect(moves).toEqual([{ 'doi:10.1038/x1': 'arxiv:2107.00001' }]);
    expect(await db.papers.count()).toBe(1);
    expect((await db.history.get('arxiv:2107.00001'))?.sightings.map((s) => s.visitId)).toEqual(['v1', 'v2']);
    expect(await db.history.get('doi:10.1038/x1')).toBeUndefined();
    expect(await db.notSame.count()).toBe(0);
    expect((await lib.stats()).sightings).toBe(2);
    // The published version's card is this paper now; so is an edit by the key a page still holds.
    expect((await lib.lookup([PUBLISHED]))[0]).toMatchObject({ status: 'seen', paper: { key: 'arxiv:2107.00001' } });
    expect((await lib.setNote({ key: 'doi:10.1038/x1' }, 'by the old key')).key).toBe('arxiv:2107.00001');
  });

  it('undoes a merge exactly: both papers, their histories and not-same pairs as before', async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [PREPRINT, card('Unrelated Paper', '2107.00009')]);
    await lib.recordSightings('v2', HF('2025-11-03'), [PUBLISHED]);
    await lib.setNote({ key: 'doi:10.1038/x1' }, 'published note');
    await lib.markNotSame('doi:10.1038/x1', { key: 'arxiv:2107.00009' });
    const state = async () => ({
      papers: await db.papers.toArray(),
      history: await db.history.toArray(),
      notSame: (await db.notSame.toArray()).map(({ at: _a, ...p }) => p),
    });
    const before = await state();
    const { snapshot } = await lib.merge(['arxiv:2107.00001', 'doi:10.1038/x1']);
    expect((await db.notSame.toArray()).map((p) => p.pair)).toEqual(['arxiv:2107.00001|arxiv:2107.00009']);
    expect(await lib.unmerge(snapshot)).toBe(2);
    expect(await state()).toEqual(before);
    expect((await lib.stats()).sightings).toBe(3);
    expect((await lib.lookup([PUBLISHED]))[0]).toMatchObject({ paper: { key: 'doi:10.1038/x1' } });
  });

  it('keeps a merge whose paper changed since (an edit, a sighting): nothing would be lost or guessed', async () => {
    let t = Date.parse('2025-11-03T09:00:00Z');
    const { lib, db } = fresh(() => (t += 1000));
    await lib.recordSightings('v1', HF('2025-10-29'), [PREPRINT, PUBLISHED]);
    const first = await lib.merge(['arxiv:2107.00001', 'doi:10.1038/x1']);
    await lib.editTags({ key: 'arxiv:2107.00001' }, ['after'], []);
    await expect(lib.unmerge(first.snapshot)).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/changed since/) });
    expect(await db.papers.count()).toBe(1);
  });

  it('keeps other titles once each, not the kept one again in another case or punctuation', () => {
    const row = (key: string, title: string, altTitles?: string[]) =>
      ({ key, title, titleKey: '', candidateKeys: [], authors: [], urls: [], sites: [], seenCount: 0, tags: [], note: '', updatedAt: 1, ...(altTitles ? { altTitles } : {}) }) as PaperRow;
    expect(mergeRows(row('a', 'Sparse Widgets'), row('b', 'sparse widgets!')).altTitles).toBeUndefined();
    expect(mergeRows(row('a', 'Sparse Widgets', ['Dense Gadgets']), row('b', 'Dense gadgets', ['Sparse widgets', 'Tiny Things'])).altTitles).toEqual([
      'Dense Gadgets',
      'Tiny Things',
    ]);
  });

  it("keeps the published version's venue whole when the kept row has none, and no other venue's numbers", () => {
    const row = (key: string, venue: Partial<PaperRow>) =>
      ({ key, title: key, titleKey: '', candidateKeys: [], authors: [], urls: [], sites: [], seenCount: 0, tags: [], note: '', updatedAt: 1, ...venue }) as PaperRow;
    const published = { journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' };
    expect(mergeRows(row('arxiv:1', {}), row('doi:1', published))).toMatchObject(published);
    const other = mergeRows(row('arxiv:1', { proceedings: 'ICML' }), row('doi:1', published));
    expect(other).toMatchObject({ proceedings: 'ICML' });
    for (const f of ['journal', 'volume', 'issue', 'pages']) expect(other).not.toHaveProperty(f);
  });

  it("takes one of a merged paper's other titles as its title, keeping the one it had", async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [PREPRINT, PUBLISHED]);
    await lib.merge(['arxiv:2107.00001', 'doi:10.1038/x1']);
    await expect(lib.chooseTitle('arxiv:2107.00001', 'A Title It Never Had')).rejects.toMatchObject({ code: 'invalid' });
    const paper = await lib.chooseTitle('arxiv:2107.00001', PUBLISHED.title);
    expect(paper).toMatchObject({ key: 'arxiv:2107.00001', title: PUBLISHED.title, altTitles: [PREPRINT.title] });
    // Its title keys follow: a card with the new title and no id finds it by exact title.
    expect((await lib.lookup([card(PUBLISHED.title)]))[0]).toMatchObject({ paper: { key: 'arxiv:2107.00001' }, match: { rule: 'title' } });
    expect((await db.papers.get('arxiv:2107.00001'))?.title).toBe(PUBLISHED.title);
    const find = async (text: string) => (await lib.search({ text, status: 'all', sort: 'title', offset: 0, limit: 10 })).papers.map((p) => p.key);
    expect(await find('highly accurate')).toEqual(['arxiv:2107.00001']);
    expect(await find('folding proteins')).toEqual(['arxiv:2107.00001']);
  });

  it("finds the merged paper by its other title, for a card without ids (a Scholar result of the published version)", async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [PREPRINT]);
    await lib.recordSightings('v2', HF('2025-11-03'), [PUBLISHED]);
    await lib.merge(['arxiv:2107.00001', 'doi:10.1038/x1']);
    expect((await db.papers.get('arxiv:2107.00001'))?.altTitleKeys).toEqual([titleKey(PUBLISHED.title)]);
    // Scholar prints it in its own case, linking to a publisher page that names no id.
    const SCHOLAR: PageInfo = { url: 'https://scholar.google.com/scholar?q=protein', site: 'scholar', label: '“protein”' };
    const result = card('Highly accurate protein structure prediction', undefined, { url: 'https://www.nature.com/articles/x1', authors: ['J Jumper'] });
    expect((await lib.lookup([result]))[0]).toMatchObject({
      status: 'seen',
      paper: { key: 'arxiv:2107.00001', seenCount: 2 },
      match: { rule: 'other-title', text: 'same title as an entry merged into it' },
    });
    await lib.recordSightings('v3', SCHOLAR, [result]);
    expect(await db.papers.count()).toBe(1);
    expect((await db.papers.get('arxiv:2107.00001'))?.seenCount).toBe(3);
    // An id of another paper says otherwise; so does the reader, once split.
    expect((await lib.lookup([{ ...result, arxivId: '2107.00777' }]))[0]).toEqual({ status: 'new' });
    expect((await lib.lookup([card(PUBLISHED.title, undefined, { doi: '10.9999/other' })]))[0]).toEqual({ status: 'new' });
    await lib.markNotSame('arxiv:2107.00001', { card: result });
    expect((await lib.lookup([result]))[0]?.paper?.key).toBe(`title:${titleKey(PUBLISHED.title)}`);
    // Its keys are not the reader's data: views and backups leave them out.
    expect((await lib.getPaper('arxiv:2107.00001')).paper).not.toHaveProperty('altTitleKeys');
  });

  it('between two title-only papers, keeps the one seen first', async () => {
    let t = Date.parse('2025-11-03T09:00:00Z');
    const { lib } = fresh(() => (t += 1000));
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Sparse Widgets for Everyone')]);
    await lib.recordSightings('v2', HF('2025-11-03'), [card('Dense Gadgets for No One')]);
    const [first, second] = [(await lib.lookup([card('Sparse Widgets for Everyone')]))[0]!.paper!.key, (await lib.lookup([card('Dense Gadgets for No One')]))[0]!.paper!.key];
    const { paper, merged } = await lib.merge([second, first]);
    expect([paper.key, merged]).toEqual([first, second]);
  });

  it('refuses two arXiv ids or two DOIs, a paper with itself, and a missing paper, changing nothing', async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [PREPRINT, card('Other', '2107.00002'), PUBLISHED, card('Another', undefined, { doi: '10.1038/x2' })]);
    await expect(lib.merge(['arxiv:2107.00001', 'arxiv:2107.00002'])).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/different arXiv ids/) });
    await expect(lib.merge(['doi:10.1038/x1', 'doi:10.1038/x2'])).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/different DOIs/) });
    await expect(lib.merge(['arxiv:2107.00001', 'arxiv:2107.00001'])).rejects.toMatchObject({ code: 'invalid' });
    await expect(lib.merge(['arxiv:2107.00001', 'arxiv:0000.00000'])).rejects.toMatchObject({ code: 'not-found' });
    expect(await db.papers.count()).toBe(4);
  });
});

describe('concurrent edits', () => {
  it('twenty tabs tagging the same paper at once lose nothing', async () => {
    const { lib } = fresh();
    const c = card('Mixture of Experts Explained', '2401.04088');
    await lib.recordSightings('v', HF('2025-10-29'), [c]);
    await Promise.all(Array.from({ length: 20 }, (_, i) => lib.editTags({ key: 'arxiv:2401.04088' }, [`tag-${i}`], [])));
    const p = (await lib.getPaper('arxiv:2401.04088')).paper!;
    expect(p.tags).toHaveLength(20);
  });

  it('tag add/remove and a note edit do not overwrite each other', async () => {
    const { lib } = fresh();
    const c = card('A Paper', '2401.00002');
    await lib.editTags({ card: c }, ['x', 'y'], []);
    await Promise.all([
      lib.editTags({ key: 'arxiv:2401.00002' }, ['z'], ['x']),
      lib.setNote({ key: 'arxiv:2401.00002' }, 'kept'),
      lib.save({ key: 'arxiv:2401.00002' }, true),
    ]);
    const p = (await lib.getPaper('arxiv:2401.00002')).paper!;
    expect(p.tags.sort()).toEqual(['y', 'z']);
    expect(p.note).toBe('kept');
    expect(p.savedAt).toBeDefined();
  });
});

describe('save, tags, search, bulk', () => {
  it('saving a card the library has never seen creates the paper', async () => {
    const { lib } = fresh();
    const p = await lib.save({ card: card('Brand New', '2511.00001') }, true);
    expect(p.savedAt).toBeDefined();
    expect(p.seenCount).toBe(0);
    expect((await lib.lookup([card('Brand New', '2511.00001')]))[0]?.status).toBe('saved');
  });

  it('lists tags with counts and searches title, authors, tags and notes', async () => {
    const { lib } = fresh();
    await lib.editTags({ card: card('Quantization of LLMs', '2501.00010', { authors: ['Ada Lovelace'] }) }, ['quant', 'llm'], []);
    await lib.editTags({ card: card('Sparse Attention Revisited', '2501.00011') }, ['llm'], []);
    await lib.setNote({ key: 'arxiv:2501.00011' }, 'Compare with Schrödinger bridges');
    expect(await lib.listTags()).toEqual([
      { tag: 'llm', count: 2 },
      { tag: 'quant', count: 1 },
    ]);
    const q = { status: 'all' as const, sort: 'relevance' as const, offset: 0, limit: 10 };
    expect((await lib.search({ ...q, text: 'quantiz' })).papers.map((p) => p.key)).toEqual(['arxiv:2501.00010']);
    expect((await lib.search({ ...q, text: 'lovelace' })).total).toBe(1);
    expect((await lib.search({ ...q, text: 'schrodinger' })).total).toBe(1);
    expect((await lib.search({ ...q, text: '2501.00011' })).total).toBe(1);
    expect((await lib.search({ ...q, text: '', tag: 'llm' })).total).toBe(2);
  });

  it('bulk delete returns a snapshot that restores exactly', async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v', HF('2025-10-29'), [card('One', '2501.00020'), card('Two', '2501.00021')]);
    await lib.editTags({ key: 'arxiv:2501.00020' }, ['keep'], []);
    const before = await db.papers.toArray();
    const { snapshot } = await lib.bulk(['arxiv:2501.00020', 'arxiv:2501.00021'], { kind: 'delete' });
    expect(await db.papers.count()).toBe(0);
    expect(await db.history.count()).toBe(0);
    expect((await lib.stats()).sightings).toBe(0);
    await lib.restore(snapshot!);
    expect(await db.papers.toArray()).toEqual(before);
    expect(await db.history.count()).toBe(2);
    expect((await lib.stats()).sightings).toBe(2);
  });

  it('undo keeps what was recorded or written for a paper after its delete, and adds nothing twice', async () => {
    let t = Date.parse('2025-11-03T09:00:00Z');
    const lib = new Library(new DejaLuDB(`lib-test-${++n}`), () => t);
    const c = card('Mixture of Experts Explained', '2401.04088');
    await lib.recordSightings('v1', HF('2025-11-03'), [c]);
    await lib.setNote({ key: 'arxiv:2401.04088' }, 'old note');
    const { snapshot } = await lib.bulk(['arxiv:2401.04088'], { kind: 'delete' });
    // Before the reader clicks Undo, a digest tab records the paper again and the reader notes it.
    t += 60_000;
    await lib.recordSightings('v2', HF('2025-11-04'), [c]);
    await lib.setNote({ key: 'arxiv:2401.04088' }, 'new note');
    await lib.restore(snapshot!);
    const p = await lib.getPaper('arxiv:2401.04088');
    expect(p.sightings?.map((s) => s.at)).toEqual([t - 60_000, t]);
    expect(p.paper?.seenCount).toBe(2);
    expect(p.paper?.note).toContain('new note');
    expect(p.paper?.note).toContain('old note');
    expect((await lib.stats()).sightings).toBe(2);
    await lib.restore(snapshot!);
    expect((await lib.getPaper('arxiv:2401.04088')).paper?.seenCount).toBe(2);
    expect((await lib.stats()).sightings).toBe(2);
  });
});

describe('schema upgrade', () => {
  it('v1 → v2 keeps every row and backfills the first sighting', async () => {
    const name = `upgrade-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      papers: 'key, arxivId, doi, titleKey, *candidateKeys, *words, savedAt, lastSeen, firstSeen, *tags, *sites',
      sightings: '++id, paperKey, [visitId+paperKey]',
      notSame: 'pair, a, b',
      settings: 'key',
    });
    await v1.open();
    await v1.table('papers').add({
      key: 'arxiv:2401.00001', title: 'Old row', titleKey: 'old row', candidateKeys: [], words: [], authors: [],
      urls: [], sites: ['huggingface'], seenCount: 1, tags: ['t'], note: 'n', updatedAt: 1,
    });
    await v1.table('sightings').add({
      paperKey: 'arxiv:2401.00001', at: 5, pageUrl: 'https://huggingface.co/papers', site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03', visitId: 'x',
    });
    v1.close();

    const db = new DejaLuDB(name);
    const row = await db.papers.get('arxiv:2401.00001');
    expect(row?.first).toEqual({ at: 5, site: 'huggingface', label: 'Nov 3', pageUrl: 'https://huggingface.co/papers', digestDate: '2025-11-03' });
    expect(row?.tags).toEqual(['t']);
    expect(row?.note).toBe('n');
    expect(db.verno).toBe(7);
    expect((await db.history.get('arxiv:2401.00001'))?.sightings.map((s) => s.at)).toEqual([5]);
  });
});

describe('near-title matches stay splittable', () => {
  it('a sighting through a similar-title match does not hand the stored paper the card id', async () => {
    const { lib, db } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [card('Towards Robust Vision Transformers for Dense Prediction Tasks')]);
    const variant = card('Towards Robust Vision Transformer for Dense Prediction Tasks', '2501.04040', {
      url: 'https://huggingface.co/papers/2501.04040',
      authors: ['Another Author'],
      abstract: 'Another abstract.',
      proceedings: 'ICLR 2026',
    });
    const [st] = await lib.lookup([variant]);
    expect(st?.match?.rule).toBe('similar-title');
    await lib.recordSightings('v2', HF('2025-11-03'), [variant]);
    const [again] = await lib.lookup([variant]);
    expect(again?.match?.rule).toBe('similar-title');
    expect(again?.paper?.seenCount).toBe(2);
    expect(await db.papers.get('arxiv:2501.04040')).toBeUndefined();
    // Nor its link, authors or abstract, which would stay with the stored paper after a split.
    expect(await db.papers.get(again!.paper!.key)).toMatchObject({ urls: [], authors: [] });
    expect((await db.papers.get(again!.paper!.key))?.abstract).toBeUndefined();
    // Nor where it was accepted: that may be the other paper's venue.
    expect((await db.papers.get(again!.paper!.key))?.proceedings).toBeUndefined();
    const { b } = await lib.markNotSame(again!.paper!.key, { card: variant });
    expect(b.key).toBe('arxiv:2501.04040');
    expect((await lib.lookup([variant]))[0]?.paper?.key).toBe('arxiv:2501.04040');
  });
});

describe('a split takes the visit with it', () => {
  const STORED = 'Towards Robust Vision Transformers for Dense Prediction Tasks';
  const variant = card('Towards Robust Vision Transformer for Dense Prediction Tasks', '2501.04040');
  /** A paper seen on Oct 29, then (wrongly, by a near title) on Nov 3's page through `variant`. */
  async function seenTwice() {
    let t = Date.parse('2025-10-29T09:00:00Z');
    const db = new DejaLuDB(`lib-test-${++n}`);
    const lib = new Library(db, () => t);
    await lib.recordSightings('v1', HF('2025-10-29'), [card(STORED)]);
    t = Date.parse('2025-11-03T09:00:00Z');
    await lib.recordSightings('v2', HF('2025-11-03'), [variant]);
    const [st] = await lib.lookup([variant]);
    expect(st?.match?.rule).toBe('similar-title');
    return { db, lib, aKey: st!.paper!.key };
  }

  it("moves the page's latest sighting from the paper split from to the card's own paper", async () => {
    const { db, lib, aKey } = await seenTwice();
    const { a, b } = await lib.markNotSame(aKey, { card: variant, page: HF('2025-11-03') });
    expect(b).toMatchObject({ key: 'arxiv:2501.04040', seenCount: 1, firstSeen: Date.parse('2025-11-03T09:00:00Z'), sites: ['huggingface'] });
    expect(b.first).toMatchObject({ pageUrl: HF('2025-11-03').url, digestDate: '2025-11-03' });
    expect(a).toMatchObject({ seenCount: 1, lastSeen: Date.parse('2025-10-29T09:00:00Z') });
    expect(a?.first).toMatchObject({ digestDate: '2025-10-29' });
    const sightings = async (key: string) => (await lib.getPaper(key)).sightings.map((x) => x.digestDate);
    expect(await sightings(aKey)).toEqual(['2025-10-29']);
    expect(await sightings(b.key)).toEqual(['2025-11-03']);
    expect((await lib.stats()).sightings).toBe(2);
    // The catalog follows: searches and lookups see the counts the rows have.
    expect((await lib.lookup([card(STORED)]))[0]?.paper?.seenCount).toBe(1);
    expect((await db.history.get(aKey))?.sightings).toHaveLength(1);
  });

  it('copies it instead when the page also shows the paper split from by a card of its own', async () => {
    const { lib, aKey } = await seenTwice();
    const { a, b } = await lib.markNotSame(aKey, { card: variant, page: HF('2025-11-03') }, { aOnPage: true });
    expect(a).toMatchObject({ seenCount: 2, lastSeen: Date.parse('2025-11-03T09:00:00Z') });
    expect(b).toMatchObject({ seenCount: 1 });
    expect((await lib.stats()).sightings).toBe(3);
  });

  it('changes no history without a page, or when the paper split from was never seen there', async () => {
    const { lib, aKey } = await seenTwice();
    const { a, b } = await lib.markNotSame(aKey, { card: variant, page: HF('2025-12-09') });
    expect(a?.seenCount).toBe(2);
    expect(b.seenCount).toBe(0);
    const other = await lib.markNotSame(aKey, { card: card('Towards Robust Vision Transformers for Dense Prediction Task') });
    expect(other.b.seenCount).toBe(0);
    expect((await lib.stats()).sightings).toBe(2);
  });
});

describe('bulk edits of many papers', () => {
  it('go chunk by chunk, so a page lookup made meanwhile is answered before they end; a delete stays one', async () => {
    const run = async (chunk: number) => {
      const db = new DejaLuDB(`lib-test-${++n}`);
      const lib = new Library(db);
      const cards = Array.from({ length: 1_200 }, (_, i) => card(`Chunked paper number ${i}`, `2502.${String(i).padStart(5, '0')}`));
      await lib.recordSightings('v', HF('2025-11-03'), cards);
      const order: string[] = [];
      const bulk = lib.bulk(cards.map((c) => `arxiv:${c.arxivId}`), { kind: 'tag', tag: 'all' }, chunk).then((r) => {
        order.push('bulk');
        return r;
      });
      // Asked once the first chunk's transaction has begun.
      await new Promise((r) => setTimeout(r, 0));
      const lookup = lib.lookup([cards[0]!]).then((r) => {
        order.push('lookup');
        return r;
      });
      const [done] = await Promise.all([bulk, lookup]);
      expect(done.changed).toBe(1_200);
      expect(await lib.listTags()).toEqual([{ tag: 'all', count: 1_200 }]);
      return order;
    };
    expect(await run(100)).toEqual(['lookup', 'bulk']);
    // One transaction for all: the lookup waits for its end (what chunks avoid).
    expect(await run(10_000)).toEqual(['bulk', 'lookup']);
  }, 60_000);
});

describe('search over many matches', () => {
  it('cuts the page of many matches: newest first, exact totals, filters applied', async () => {
    let t = Date.parse('2025-11-01T00:00:00Z');
    const db = new DejaLuDB(`lib-test-${++n}`);
    const lib = new Library(db, () => t);
    const cards = Array.from({ length: 2_600 }, (_, i) => card(`Common benchmark study number ${i}`, `2501.${String(i).padStart(5, '0')}`));
    for (let i = 0; i < cards.length; i += 200) {
      t += 60_000;
      await lib.recordSightings(`v${i}`, HF('2025-11-03'), cards.slice(i, i + 200));
    }
    await lib.bulk(cards.slice(0, 2_100).map((c) => `arxiv:${c.arxivId}`), { kind: 'tag', tag: 'bench' });
    const base = { status: 'all' as const, offset: 0, limit: 5 };
    const newest = await lib.search({ ...base, text: 'common bench', sort: 'lastSeen' });
    expect(newest.total).toBe(2_600);
    expect(newest.papers.map((p) => p.arxivId)).toEqual(['2501.02599', '2501.02598', '2501.02597', '2501.02596', '2501.02595']);
    const tagged = await lib.search({ ...base, text: 'study', tag: 'bench', sort: 'title', offset: 10 });
    expect(tagged.total).toBe(2_100);
    expect(tagged.papers).toHaveLength(5);
    expect(tagged.papers.every((p) => p.tags.includes('bench'))).toBe(true);
    const titles = (await lib.search({ ...base, text: 'study', tag: 'bench', sort: 'title', limit: 20 })).papers.map((p) => p.title);
    expect(titles).toEqual([...titles].sort((x, y) => x.localeCompare(y)));
    const last = await lib.search({ ...base, text: '', sort: 'lastSeen', offset: 2_595, limit: 10 });
    expect(last).toMatchObject({ total: 2_600, papers: { length: 5 } });
    expect(last.papers.at(-1)?.arxivId).toBe('2501.00000');
    expect(await lib.stats()).toMatchObject({ papers: 2_600, saved: 0, tags: 1 });
    expect(await lib.listTags()).toEqual([{ tag: 'bench', count: 2_100 }]);
    // 2,600 papers through fake-indexeddb: 18–25 s on an idle 2-core machine, past 60 s when
    // other work shares it. Not a measure of anything; only a limit so a hang still fails.
  }, 180_000);
});

describe('search by Greek letters', () => {
  it('finds a title with α by "alpha", and a formula\'s $\\beta$ by "β"', async () => {
    const { lib } = fresh();
    await lib.recordSightings('v1', HF('2025-10-29'), [card('α-Divergence Preference Optimization', '2501.00011'), card('$\\beta$-VAE Revisited', '2501.00012')]);
    const find = async (text: string) => (await lib.search({ text, status: 'all', sort: 'title', offset: 0, limit: 10 })).papers.map((p) => p.arxivId);
    expect(await find('alpha divergence')).toEqual(['2501.00011']);
    expect(await find('α-divergence')).toEqual(['2501.00011']);
    expect(await find('β-vae')).toEqual(['2501.00012']);
    expect(await find('beta')).toEqual(['2501.00012']);
  });
});
