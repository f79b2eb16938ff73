import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DejaLuDB, type PaperRow } from '../../lib/db';
import { Library } from '../../lib/library';
import type { PageInfo } from '../../lib/messages';
import { writeSettings } from '../../lib/settings';
import { exportLibrary, importLibrary } from '../../lib/transfer';

let n = 0;
const page: PageInfo = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };

async function populated() {
  const lib = new Library(new DejaLuDB(`transfer-${++n}`));
  await lib.recordSightings('v1', page, [
    { title: 'Attention Is All You Need', arxivId: '1706.03762', authors: ['Ashish Vaswani', 'Noam Shazeer'] },
    { title: 'Schrödinger Bridges — a “survey” & more', arxivId: '2501.00001' },
    { title: 'A Paper Known Only by Title' },
  ]);
  await lib.recordSightings('v2', { ...page, url: 'https://huggingface.co/papers/date/2025-11-10', label: 'Nov 10', digestDate: '2025-11-10' }, [{ title: 'Attention Is All You Need', arxivId: '1706.03762' }]);
  await lib.editTags({ key: 'arxiv:1706.03762' }, ['transformers', 'classic'], []);
  await lib.setNote({ key: 'arxiv:1706.03762' }, 'Multi-head attention: read §3.2\n{braces} & 100%');
  await lib.save({ key: 'arxiv:1706.03762' }, true);
  const split = await lib.lookup([{ title: 'A Paper Known Only by Title' }]);
  await lib.markNotSame(split[0]!.paper!.key, { card: { title: 'A Paper Known Only by Title', arxivId: '2502.00002' } });
  await writeSettings(lib.db, { seenStyle: 'hide', seenMode: 'load' });
  return lib;
}

async function dump(lib: Library) {
  const db = lib.db;
  return {
    papers: await db.papers.orderBy('key').toArray(),
    history: await db.history.orderBy('paperKey').toArray(),
    sightingTotal: (await lib.stats()).sightings,
    notSame: await db.notSame.toArray(),
    settings: await db.settings.toArray(),
  };
}

describe('JSON backup through the library', () => {
  // The default writes these few papers in one chunk; chunks of 1 and 3 cross chunk boundaries.
  it.each([[undefined], [1], [3]])('export → wipe → import gives an identical library; importing twice changes nothing (chunks of %s)', async (chunkRows) => {
    const lib = await populated();
    const before = await dump(lib);
    const file = await exportLibrary(lib.db, 'backup');
    expect(file.count).toBe(4);

    await lib.clear();
    await lib.db.settings.clear();
    const first = await importLibrary(lib, file.text, 'auto', file.filename, { chunkRows });
    expect(first).toMatchObject({ added: 4, format: 'backup' });
    expect(await dump(lib)).toEqual(before);
    expect((await lib.stats()).papers).toBe(4);

    const second = await importLibrary(lib, file.text, 'auto', file.filename, { chunkRows });
    expect(second.added).toBe(0);
    expect(second.sightings).toBe(0);
    expect(await dump(lib)).toEqual(before);
  });

  it('tells its progress: each step, then papers written chunk by chunk up to all of them', async () => {
    const lib = await populated();
    const file = await exportLibrary(lib.db, 'backup');
    await lib.clear();
    const told: string[] = [];
    await importLibrary(lib, file.text, 'backup', undefined, { chunkRows: 3, progress: (step, done = 0, total = 0) => told.push(`${step} ${done}/${total}`) });
    expect(told).toEqual(['checking 0/0', 'merging 0/0', 'writing 0/4', 'writing 3/4', 'writing 4/4']);
  });

  it('writes papers and histories in key order whatever the order of the file', async () => {
    const lib = await populated();
    const file = await exportLibrary(lib.db, 'backup');
    const before = await dump(lib);
    await lib.clear();
    // An export is in key order; a file merged or edited by hand need not be.
    const shuffled = JSON.parse(file.text);
    shuffled.papers.reverse();
    shuffled.sightings.reverse();
    const papers: string[] = [];
    const histories: string[] = [];
    lib.db.onPapersChange((c) => {
      if (c.type === 'put') papers.push(...c.rows.map((r) => r.key));
    });
    lib.db.history.hook('creating', (key) => {
      histories.push(key as string);
    });
    await importLibrary(lib, JSON.stringify(shuffled), 'backup', undefined, { chunkRows: 1 });
    expect(papers).toHaveLength(4);
    expect(papers).toEqual([...papers].sort());
    expect(histories).toHaveLength(3);
    expect(histories).toEqual([...histories].sort());
    expect(await dump(lib)).toEqual(before);
  });

  it.each([[undefined], [1]])('merging a backup into a changed library unions tags and sightings and keeps both notes (chunks of %s)', async (chunkRows) => {
    const lib = await populated();
    const file = await exportLibrary(lib.db, 'backup');
    await lib.setNote({ key: 'arxiv:1706.03762' }, 'a newer note');
    await lib.editTags({ key: 'arxiv:1706.03762' }, ['new-tag'], ['classic']);
    await lib.recordSightings('v3', { ...page, url: 'https://huggingface.co/papers/date/2025-11-18', label: 'Nov 18', digestDate: '2025-11-18' }, [{ title: 'Attention Is All You Need', arxivId: '1706.03762' }]);
    await importLibrary(lib, file.text, 'backup', undefined, { chunkRows });
    const p = (await lib.getPaper('arxiv:1706.03762')).paper!;
    expect(p.tags.sort()).toEqual(['classic', 'new-tag', 'transformers']);
    expect(p.note).toContain('a newer note');
    expect(p.note).toContain('read §3.2');
    expect(p.seenCount).toBe(3);
    expect((await lib.getPaper('arxiv:1706.03762')).sightings).toHaveLength(3);
  });

  it("merging another device's backup joins a paper it knew by title with the same paper here by arXiv id", async () => {
    const T = 'Scaling Laws for Neural Language Models';
    // Device A met the paper on a page that gave no id, and wrote a note.
    const a = new Library(new DejaLuDB(`transfer-${++n}`), () => Date.parse('2025-10-29T09:00:00Z'));
    await a.recordSightings('va', { ...page, url: 'https://huggingface.co/papers/date/2025-10-29', digestDate: '2025-10-29' }, [{ title: T }]);
    await a.setNote({ key: `title:${T.toLowerCase()}` }, 'from device A');
    await a.editTags({ key: `title:${T.toLowerCase()}` }, ['scaling'], []);
    const file = await exportLibrary(a.db, 'backup');
    // Device B has it under its arXiv id.
    const b = new Library(new DejaLuDB(`transfer-${++n}`), () => Date.parse('2025-11-03T09:00:00Z'));
    await b.recordSightings('vb', page, [{ title: T, arxivId: '2001.08361' }]);

    const res = await importLibrary(b, file.text, 'auto', file.filename);
    expect(res).toMatchObject({ added: 0, updated: 1, sightings: 1 });
    expect((await b.db.papers.toArray()).map((r) => r.key)).toEqual(['arxiv:2001.08361']);
    const { paper, sightings } = await b.getPaper('arxiv:2001.08361');
    expect(paper).toMatchObject({ arxivId: '2001.08361', note: 'from device A', tags: ['scaling'], seenCount: 2 });
    expect(sightings.map((s) => s.digestDate)).toEqual(['2025-10-29', '2025-11-03']);
    expect((await b.stats()).sightings).toBe(2);
    // Importing it again changes nothing.
    expect(await importLibrary(b, file.text, 'auto', file.filename)).toMatchObject({ added: 0, updated: 0, sightings: 0 });
    expect(await b.db.papers.count()).toBe(1);
  });

  it("merging another device's backup that knows a paper by its arXiv id moves the one here by title to that key", async () => {
    const T = 'Scaling Laws for Neural Language Models';
    const a = new Library(new DejaLuDB(`transfer-${++n}`), () => Date.parse('2025-10-29T09:00:00Z'));
    await a.recordSightings('va', page, [{ title: T, arxivId: '2001.08361' }]);
    const file = await exportLibrary(a.db, 'backup');
    const b = new Library(new DejaLuDB(`transfer-${++n}`), () => Date.parse('2025-11-03T09:00:00Z'));
    await b.recordSightings('vb', { ...page, url: 'https://huggingface.co/papers/date/2025-11-10', label: 'Nov 10', digestDate: '2025-11-10' }, [{ title: T }]);
    await b.setNote({ key: `title:${T.toLowerCase()}` }, 'from device B');
    // A near title is a judgement, not an identity: it stays a paper of its own.
    await b.recordSightings('vb', page, [{ title: 'Scaling Law for Neural Language Model' }]);

    await importLibrary(b, file.text, 'auto', file.filename);
    expect((await b.db.papers.orderBy('key').toArray()).map((r) => r.key)).toEqual(['arxiv:2001.08361', 'title:scaling law for neural language model']);
    const { paper, sightings } = await b.getPaper('arxiv:2001.08361');
    expect(paper).toMatchObject({ note: 'from device B', seenCount: 2 });
    expect(sightings).toHaveLength(2);
    expect(await b.db.history.get(`title:${T.toLowerCase()}`)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['truncated', '{"format":"dejalu-backup","version":1,"papers":[{"key":"arxiv:1'],
    ['foreign JSON', '{"hello":"world"}'],
    ['garbage', '\u0000\u0001 not a file'],
    ['broken BibTeX', '@article{broken,\n  title = {Unclosed'],
  ])('a %s file is refused with a clear error and the library is unchanged', async (_name, text) => {
    const lib = await populated();
    const before = await dump(lib);
    await expect(importLibrary(lib, text, 'auto')).rejects.toThrow(/nothing was imported/i);
    expect(await dump(lib)).toEqual(before);
  });
});

describe('a backup import that fails while writing', () => {
  it('leaves the library and its catalog as they were, however many chunks were written before', async () => {
    const file = await exportLibrary((await populated()).db, 'backup');
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await lib.recordSightings('v0', page, [{ title: 'Already Here', arxivId: '2401.00009' }]);
    const before = await dump(lib);
    const stats = await lib.stats();
    // The last paper's history fails to be written, after the chunks before it were.
    const last = JSON.parse(file.text).papers.map((p: { key: string }) => p.key).sort().at(-1);
    lib.db.history.hook('creating', (key) => {
      if (key === last) throw new Error('disk full');
    });
    await expect(importLibrary(lib, file.text, 'backup', undefined, { chunkRows: 1 })).rejects.toThrow(/nothing was imported/i);
    expect(await dump(lib)).toEqual(before);
    expect(await lib.stats()).toEqual(stats);
    expect((await lib.search({ text: 'attention', status: 'all', sort: 'lastSeen', offset: 0, limit: 5 })).total).toBe(0);
  });
});

describe('Zotero files through the library', () => {
  it('BibTeX entries become saved papers with tags; one already seen is matched by arXiv id', async () => {
    const lib = await populated();
    const text = readFileSync('tests/fixtures/import/zotero-preprints.bib', 'utf8');
    const res = await importLibrary(lib, text, 'auto', 'My Library.bib');
    // Five entries; "Attention Is All You Need" (1706.03762) was already in the library.
    expect(res).toMatchObject({ format: 'bibtex', added: 4, updated: 1 });
    const attention = (await lib.getPaper('arxiv:1706.03762')).paper!;
    expect(attention.seenCount).toBe(2);
    expect(attention.note).toContain('read §3.2');
    expect(attention.tags).toEqual(expect.arrayContaining(['transformers', 'classic']));
    const saved = await lib.search({ text: '', status: 'saved', sort: 'savedAt', offset: 0, limit: 500 });
    expect(saved.total).toBe(5);
    const tagged = await lib.search({ text: '', status: 'all', tag: 'my-reading-list', sort: 'title', offset: 0, limit: 10 });
    expect(tagged.total).toBe(1);
  });

  it('CSL-JSON from Zotero imports', async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    const text = readFileSync('tests/fixtures/import/zotero-library.json', 'utf8');
    const res = await importLibrary(lib, text, 'auto', 'zotero.json');
    expect(res.format).toBe('csl-json');
    expect(res.added).toBeGreaterThan(0);
    expect((await lib.stats()).saved).toBe(res.added);
  });

  it("keeps an imported article's journal: in its view, the exports and a backup's round trip", async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await importLibrary(lib, readFileSync('tests/fixtures/import/zotero-journal.bib', 'utf8'), 'auto', 'zotero.bib');
    const key = 'doi:10.1038/s41586-021-03819-2';
    const venue = { journal: 'Nature', volume: '596', issue: '7873', pages: '583–589' };
    expect((await lib.getPaper(key)).paper).toMatchObject(venue);
    // Badges and list rows travel slim: the venue's name, which a list row shows, not its numbers.
    const slim = (await lib.search({ text: 'alphafold', status: 'all', sort: 'title', offset: 0, limit: 10 })).papers[0];
    expect(slim).toMatchObject({ journal: 'Nature' });
    for (const f of ['proceedings', 'volume', 'issue', 'pages']) expect(slim).not.toHaveProperty(f);
    const [inProceedings] = (await lib.search({ text: 'few-shot learners', status: 'all', sort: 'title', offset: 0, limit: 10 })).papers;
    expect(inProceedings).toMatchObject({ proceedings: 'Advances in Neural Information Processing Systems 33' });
    expect(inProceedings).not.toHaveProperty('pages');
    // Found by where it was published.
    const byVenue = await lib.search({ text: 'neural information processing', status: 'all', sort: 'title', offset: 0, limit: 10 });
    expect(byVenue.papers.map((p) => p.key)).toEqual(['arxiv:2005.14165']);
    const gpt3 = (await lib.getPaper('arxiv:2005.14165')).paper;
    expect(gpt3).toMatchObject({ proceedings: 'Advances in Neural Information Processing Systems 33', pages: '1877–1901' });
    const bib = (await exportLibrary(lib.db, 'bibtex')).text;
    expect(bib).toMatch(/@article\{jumper2021highly,[^@]*journal = \{Nature\},\n  volume = \{596\},\n  number = \{7873\},\n  pages = \{583--589\},/);
    expect(bib).toMatch(/@inproceedings\{brown2020language,[^@]*booktitle = \{Advances in Neural Information Processing Systems 33\},\n  pages = \{1877--1901\},/);
    expect(bib).not.toMatch(/journal = \{arXiv/);
    const csl = JSON.parse((await exportLibrary(lib.db, 'csl-json')).text) as { DOI?: string; 'container-title'?: string; page?: string }[];
    expect(csl.find((i) => i.DOI === '10.1038/s41586-021-03819-2')).toMatchObject({ 'container-title': 'Nature', page: '583-589' });
    const restored = new Library(new DejaLuDB(`transfer-${++n}`));
    await importLibrary(restored, (await exportLibrary(lib.db, 'backup')).text, 'backup');
    expect((await restored.getPaper(key)).paper).toMatchObject(venue);
    expect((await restored.getPaper('arxiv:2005.14165')).paper).toMatchObject({ proceedings: gpt3?.proceedings, pages: gpt3?.pages });
  });

  it("fills in a venue's numbers from a fuller entry of the same venue, never from a near title or another venue", async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    const key = 'doi:10.1000/j.1';
    await importLibrary(lib, '@article{a, title = {Sparse Mixtures of Many Experts}, doi = {10.1000/j.1}, journal = {Journal of Tests}}', 'bibtex');
    await importLibrary(lib, '@article{a, title = {Sparse Mixtures of Many Experts}, doi = {10.1000/j.1}, journal = {Journal of Tests}, volume = {3}, pages = {1--9}}', 'bibtex');
    expect((await lib.getPaper(key)).paper).toMatchObject({ journal: 'Journal of Tests', volume: '3', pages: '1–9' });
    await importLibrary(lib, '@article{a, title = {Sparse Mixtures of Many Experts}, doi = {10.1000/j.1}, journal = {Other Journal}, number = {7}}', 'bibtex');
    expect((await lib.getPaper(key)).paper).not.toHaveProperty('issue');
    // A near title joins the paper (its tag is kept) but may be another paper's: it tells no venue.
    const near = '@article{b, title = {Sparse Mixture of Many Experts}, journal = {Journal of Tests}, number = {7}, keywords = {near}}';
    expect(await importLibrary(lib, near, 'bibtex')).toMatchObject({ added: 0, updated: 1 });
    expect((await lib.getPaper(key)).paper).toMatchObject({ tags: ['near'] });
    expect((await lib.getPaper(key)).paper).not.toHaveProperty('issue');
  });

  it('keeps the journal of a paper stored under its DOI when an entry shows it is a preprint the library has', async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await lib.recordSightings('v', page, [{ title: 'Protein Folding at Scale', arxivId: '2107.00001' }]);
    await importLibrary(lib, '@article{a, title = {Highly Accurate Structure Prediction}, doi = {10.1038/x1}, journal = {Nature}}', 'bibtex');
    expect((await lib.getPaper('doi:10.1038/x1')).paper?.journal).toBe('Nature');
    await importLibrary(lib, '@misc{b, title = {Protein Folding at Scale}, eprint = {2107.00001}, doi = {10.1038/x1}}', 'bibtex');
    expect((await lib.db.papers.toArray()).map((r) => [r.key, r.journal])).toEqual([['arxiv:2107.00001', 'Nature']]);
  });

  it("a preprint that an imported entry shows published takes the journal's year, which exports cite", async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await lib.recordSightings('v', page, [{ title: 'Protein Folding at Scale', arxivId: '2107.00001', year: 2021 }]);
    await importLibrary(lib, '@article{a, title = {Protein Folding at Scale}, eprint = {2107.00001}, journal = {Nature}, year = {2022}}', 'bibtex');
    expect((await lib.getPaper('arxiv:2107.00001')).paper).toMatchObject({ journal: 'Nature', year: 2022 });
    expect((await exportLibrary(lib.db, 'bibtex')).text).toMatch(/@article\{\w*2022protein,[^@]*year = \{2022\},\n  journal = \{Nature\}/);
    // An entry of another venue later leaves both.
    await importLibrary(lib, '@inproceedings{b, title = {Protein Folding at Scale}, eprint = {2107.00001}, booktitle = {ICML}, year = {2023}}', 'bibtex');
    expect((await lib.getPaper('arxiv:2107.00001')).paper).toMatchObject({ journal: 'Nature', year: 2022 });
  });

  it('a venue the reader cleared stays cleared through a reference file and a backup, merged or restored', async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await lib.recordSightings('v', page, [{ title: 'Protein Folding at Scale', arxivId: '2107.00001', year: 2021 }]);
    await lib.setVenue('arxiv:2107.00001', { kind: 'journal', name: '' });
    const entry = '@article{a, title = {Protein Folding at Scale}, eprint = {2107.00001}, journal = {Nature}, year = {2022}, keywords = {fold}}';
    await importLibrary(lib, entry, 'bibtex');
    const cleared = (await lib.getPaper('arxiv:2107.00001')).paper;
    expect(cleared).toMatchObject({ year: 2021, tags: ['fold'], venueFixed: true });
    expect(cleared).not.toHaveProperty('journal');
    const backup = (await exportLibrary(lib.db, 'backup')).text;
    // Restored into an empty library, and merged into one that learned the venue from the file.
    const restored = new Library(new DejaLuDB(`transfer-${++n}`));
    await importLibrary(restored, backup, 'backup');
    const other = new Library(new DejaLuDB(`transfer-${++n}`));
    await importLibrary(other, entry, 'bibtex');
    expect((await other.getPaper('arxiv:2107.00001')).paper).toMatchObject({ journal: 'Nature' });
    await importLibrary(other, backup, 'backup');
    for (const l of [restored, other]) {
      const p = (await l.getPaper('arxiv:2107.00001')).paper;
      expect(p).toMatchObject({ venueFixed: true });
      expect(p).not.toHaveProperty('journal');
      await importLibrary(l, entry, 'bibtex');
      expect((await l.getPaper('arxiv:2107.00001')).paper).not.toHaveProperty('journal');
    }
  });

  it('an entry merged away by the reader joins the paper it was merged into when the file comes again', async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await lib.recordSightings('v', page, [{ title: 'Protein Folding at Scale', arxivId: '2107.00001' }]);
    const bib = '@article{pub, title = {Highly Accurate Structure Prediction}, keywords = {folding}}';
    expect(await importLibrary(lib, bib, 'bibtex')).toMatchObject({ added: 1 });
    const titleKey = (await lib.db.papers.toArray()).find((r) => !r.arxivId)!.key;
    await lib.merge([titleKey, 'arxiv:2107.00001']);
    expect(await importLibrary(lib, bib.replace('folding', 'folding, again'), 'bibtex')).toMatchObject({ added: 0, updated: 1 });
    const rows = await lib.db.papers.toArray();
    expect(rows.map((r) => [r.key, r.tags])).toEqual([['arxiv:2107.00001', ['folding', 'again']]]);
  });

  it("an entry without ids under a merged paper's other title joins it, though the paper merged away had a DOI", async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await lib.recordSightings('v', page, [
      { title: 'Protein Folding at Scale', arxivId: '2107.00001' },
      { title: 'Highly Accurate Structure Prediction', doi: '10.1038/x1' },
    ]);
    await lib.merge(['doi:10.1038/x1', 'arxiv:2107.00001']);
    // Its key would be title:…, which no paper ever had: only the other title says which paper it is.
    const bib = '@article{pub, title = {Highly accurate structure prediction}, keywords = {folding}}';
    expect(await importLibrary(lib, bib, 'bibtex')).toMatchObject({ added: 0, updated: 1 });
    const rows = await lib.db.papers.toArray();
    expect(rows.map((r) => [r.key, r.tags])).toEqual([['arxiv:2107.00001', ['folding']]]);
    // A backup carries the other titles, not their keys, and the keys come back on import.
    const backup = (await exportLibrary(lib.db, 'backup')).text;
    expect(backup).toContain('Highly Accurate Structure Prediction');
    expect(backup).not.toContain('altTitleKeys');
    const again = new Library(new DejaLuDB(`transfer-${++n}`));
    await importLibrary(again, backup, 'backup');
    expect((await again.lookup([{ title: 'Highly Accurate Structure Prediction' }]))[0]?.paper?.key).toBe('arxiv:2107.00001');
  });

  it('a backup made before two papers were merged restores into the merged paper, not the two again', async () => {
    for (const bib of [
      // Title only: nothing but the retired key says it is the merged paper.
      '@article{pub, title = {Highly Accurate Structure Prediction}, keywords = {folding}}',
      // With a DOI the merged paper has now: the file's holding both apart said "two papers".
      '@article{pub, title = {Highly Accurate Structure Prediction}, doi = {10.1038/x1}, keywords = {folding}}',
    ]) {
      const lib = new Library(new DejaLuDB(`transfer-${++n}`));
      await lib.recordSightings('v', page, [{ title: 'Protein Folding at Scale', arxivId: '2107.00001' }]);
      await importLibrary(lib, bib, 'bibtex');
      const backup = (await exportLibrary(lib.db, 'backup')).text;
      const other = (await lib.db.papers.toArray()).find((r) => !r.arxivId)!.key;
      await lib.merge([other, 'arxiv:2107.00001']);
      await lib.setNote({ key: 'arxiv:2107.00001' }, 'written after the merge');
      expect(await importLibrary(lib, backup, 'backup')).toMatchObject({ added: 0 });
      const rows = await lib.db.papers.toArray();
      expect(rows.map((r) => r.key)).toEqual(['arxiv:2107.00001']);
      expect(rows[0]).toMatchObject({ tags: ['folding'], altTitles: ['Highly Accurate Structure Prediction'], seenCount: 1, note: 'written after the merge' });
      expect(rows[0]?.formerKeys).toEqual([other]);
    }
  });

  it('BibTeX export of the whole library names every paper once', async () => {
    const lib = await populated();
    const file = await exportLibrary(lib.db, 'bibtex');
    expect(file.text.match(/^@\w+\{/gm)).toHaveLength(4);
    expect(file.text).toContain('eprint = {1706.03762}');
  });
  it('an entry for a paper here by title alone gives it the arXiv id and DOI it carries, under its arXiv key', async () => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    // Seen on a page that showed no id.
    await lib.recordSightings('v', page, [{ title: 'Deep Residual Learning for Image Recognition' }]);
    const bib = `@inproceedings{he2016deep,
  title = {Deep Residual Learning for Image Recognition},
  author = {He, Kaiming and Zhang, Xiangyu},
  year = {2016},
  doi = {10.1109/CVPR.2016.90},
  eprint = {1512.03385},
  archivePrefix = {arXiv},
  keywords = {resnet}
}`;
    const res = await importLibrary(lib, bib, 'auto', 'zotero.bib');
    expect(res).toMatchObject({ added: 0, updated: 1 });
    const rows = await lib.db.papers.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'arxiv:1512.03385', arxivId: '1512.03385', doi: '10.1109/cvpr.2016.90', tags: ['resnet'], seenCount: 1 });
    expect((await lib.getPaper('arxiv:1512.03385')).sightings).toHaveLength(1);
  });

  const PREPRINT = {
    id: 'a',
    type: 'article',
    title: 'Deep Residual Learning for Image Recognition',
    number: 'arXiv:1512.03385',
    DOI: '10.48550/arXiv.1512.03385',
    author: [{ family: 'He', given: 'Kaiming' }],
    issued: { 'date-parts': [[2015]] },
  };
  const PUBLISHED = {
    id: 'b',
    type: 'paper-conference',
    title: 'Deep Residual Learning for Image Recognition',
    DOI: '10.1109/CVPR.2016.90',
    author: [{ family: 'He', given: 'Kaiming' }],
    issued: { 'date-parts': [[2016]] },
    keyword: 'cvpr',
  };
  it.each([
    ['preprint first', [PREPRINT, PUBLISHED]],
    ['published version first', [PUBLISHED, PREPRINT]],
  ])('a file holding the preprint and the published version of one paper imports one paper (%s)', async (_order, items) => {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    const res = await importLibrary(lib, JSON.stringify(items), 'auto', 'zotero.json');
    expect(res).toMatchObject({ added: 1, updated: 0 });
    const rows = await lib.db.papers.toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'arxiv:1512.03385', arxivId: '1512.03385', doi: '10.1109/cvpr.2016.90', tags: ['cvpr'] });
  });
});

describe('our own BibTeX and CSL-JSON, imported back', () => {
  const NOTE =
    'Key points:\n  - sparse attention -- weaker than RMSNorm\n  - see Table 2 --- and ~3%\n\n  indented   spaces\ttab {braces} \\ back\\slash $x^2$ #hash _under & amp\n\n\n\nafter blank lines';
  const TITLE = 'Schrödinger Bridges — a “survey” & 100% of {ideas}: $O(n^2)$ -- and α-β';

  async function noted() {
    const lib = new Library(new DejaLuDB(`transfer-${++n}`));
    await lib.recordSightings('v1', page, [
      { title: TITLE, arxivId: '2501.00001', authors: ['Jörg Müller', 'Ludwig van Beethoven', 'Google DeepMind'] },
      { title: 'A Paper Known Only by Title', authors: ['Ada Lovelace'] },
      { title: 'Journal Paper', doi: '10.1000/ABC.def', authors: ['X Y'] },
    ]);
    for (const key of ['arxiv:2501.00001', 'title:a paper known only by title', 'doi:10.1000/abc.def']) {
      await lib.editTags({ key }, ['deep-learning', 'größe', 'c++', 'a.b'], []);
      await lib.setNote({ key }, NOTE);
      await lib.save({ key }, true);
    }
    return lib;
  }
  const fields = (rows: PaperRow[]) =>
    rows.map((r) => ({ key: r.key, title: r.title, tags: r.tags, note: r.note, authors: r.authors, doi: r.doi, arxivId: r.arxivId }));

  it.each([['bibtex' as const], ['csl-json' as const]])('%s into an empty library keeps keys, titles, authors, ids, tags and notes', async (format) => {
    const lib = await noted();
    const before = fields(await lib.db.papers.orderBy('key').toArray());
    const file = await exportLibrary(lib.db, format);
    const other = new Library(new DejaLuDB(`transfer-${++n}`));
    expect(await importLibrary(other, file.text, 'auto', file.filename)).toMatchObject({ added: 3 });
    // arXiv's own DOI, which the file gives the preprint, is not taken for the paper's DOI.
    expect(fields(await other.db.papers.orderBy('key').toArray())).toEqual(before);
  });

  it.each([['bibtex' as const], ['csl-json' as const]])('%s into the library it came from adds nothing and changes no note', async (format) => {
    const lib = await noted();
    const before = await lib.db.papers.orderBy('key').toArray();
    const file = await exportLibrary(lib.db, format);
    expect(await importLibrary(lib, file.text, 'auto', file.filename)).toMatchObject({ added: 0, updated: 3 });
    expect(fields(await lib.db.papers.orderBy('key').toArray())).toEqual(fields(before));
  });

  it('a note that came back re-wrapped is not appended again', async () => {
    const lib = await noted();
    const file = await exportLibrary(lib.db, 'csl-json');
    const items = JSON.parse(file.text) as { annote: string }[];
    for (const item of items) item.annote = item.annote.replace(/\s+/g, ' ');
    await importLibrary(lib, JSON.stringify(items), 'auto', file.filename);
    for (const r of await lib.db.papers.toArray()) expect(r.note).toBe(NOTE);
  });
});
