// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../components/library/App';
import { choose, click, fakeBackground, mount, paper, press, settle, submit, type } from './fake';

const PAPERS = [
  paper({ key: 'arxiv:1706.03762', title: 'Attention Is All You Need', authors: ['Ashish Vaswani', 'Noam Shazeer'], arxivId: '1706.03762', tags: ['nlp'], savedAt: 3, lastSeen: 10 }),
  paper({ key: 'arxiv:2401.00002', title: 'Diffusion for Everything', authors: ['Jane Doe'], arxivId: '2401.00002', lastSeen: 9 }),
  paper({ key: 'title:xss', title: '<img src=x onerror=alert(1)> Tricky', note: 'old note', lastSeen: 8 }),
];

let view: ReturnType<typeof mount> | undefined;
beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/library.html');
});
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function open(papers = PAPERS, handlers: Parameters<typeof fakeBackground>[1] = {}) {
  const bg = fakeBackground(papers, handlers);
  view = mount(<App />);
  await settle();
  const v = view;
  const rows = () => v.$$('[data-testid="paper-row"]');
  const row = (key: string) => v.$(`[data-testid="paper-row"][data-key="${key}"]`);
  return { bg, v, rows, row };
}

describe('library page', () => {
  it('lists the library with its count and stats, page text as text', async () => {
    const { v, rows } = await open();
    expect(rows().map((r) => r.dataset.key)).toEqual(PAPERS.map((p) => p.key));
    expect(v.testid('result-count')!.textContent).toBe('3 papers');
    expect(v.testid('stats')!.textContent).toContain('3 papers');
    expect(v.$('img')).toBeNull();
    expect(rows()[2]!.querySelector('.row-title')!.textContent).toBe('<img src=x onerror=alert(1)> Tricky');
  });

  it('searches after typing pauses, with one query for the final text', async () => {
    const { bg, v, rows } = await open();
    const box = v.testid('search-input') as HTMLInputElement;
    await type(box, 'd');
    await type(box, 'di');
    await type(box, 'diff');
    await settle(200);
    const texts = bg.of('library.search').map((r) => r.query.text);
    expect(texts).toEqual(['', 'diff']);
    expect(rows().map((r) => r.dataset.key)).toEqual(['arxiv:2401.00002']);
    expect(location.hash).toBe('#q=diff');
  });

  it('applies a hash changed without a reload (edited in the address bar), and leaves the view alone when it is the same', async () => {
    const { bg, v, rows } = await open();
    location.hash = '#q=diffusion';
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    // The new filters render, then the query waits for the search debounce.
    await settle();
    await settle(200);
    expect(bg.of('library.search').at(-1)!.query.text).toBe('diffusion');
    expect((v.testid('search-input') as HTMLInputElement).value).toBe('diffusion');
    expect(rows().map((r) => r.dataset.key)).toEqual(['arxiv:2401.00002']);
    const searches = bg.of('library.search').length;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await settle(200);
    expect(bg.of('library.search')).toHaveLength(searches);
  });

  it('filters by status and tag', async () => {
    const { bg, v, rows } = await open();
    await choose(v.testid('filter-status') as HTMLSelectElement, 'saved');
    await settle();
    expect(bg.of('library.search').at(-1)!.query).toMatchObject({ status: 'saved', offset: 0 });
    expect(rows()).toHaveLength(1);
    await choose(v.testid('filter-tag') as HTMLSelectElement, 'nlp');
    await settle();
    expect(bg.of('library.search').at(-1)!.query).toMatchObject({ status: 'saved', tag: 'nlp' });
  });

  it('pages with "Load more" using offset and limit', async () => {
    const many = Array.from({ length: 120 }, (_, i) => paper({ key: `title:p${i}`, title: `Paper ${i}` }));
    const { bg, v, rows } = await open(many);
    expect(rows()).toHaveLength(50);
    expect(v.testid('result-count')!.textContent).toBe('50 of 120 papers');
    await click(v.testid('load-more'));
    await settle();
    expect(bg.of('library.search').at(-1)!.query).toMatchObject({ offset: 50, limit: 50 });
    expect(rows()).toHaveLength(100);
    await click(v.testid('load-more'));
    await settle();
    expect(rows()).toHaveLength(120);
    expect(v.testid('load-more')).toBeNull();
  });

  it('keeps every loaded row when a change event refreshes more than one search page (500) of them', async () => {
    const many = Array.from({ length: 600 }, (_, i) => paper({ key: `title:p${i}`, title: `Paper ${i}` }));
    const { bg, v, rows, row } = await open(many);
    for (let i = 0; i < 10; i++) {
      await click(v.testid('load-more'));
      await settle();
    }
    expect(rows()).toHaveLength(550);
    // A paper far down the list is edited: the change event refreshes the list.
    await click(row('title:p540')!.querySelector('[data-testid="row-open"]'));
    await settle();
    const before = bg.of('library.search').length;
    bg.push({ keys: ['title:p540'] });
    await settle(300);
    const refresh = bg.of('library.search').slice(before);
    expect(refresh.map((r) => [r.query.offset, r.query.limit])).toEqual([
      [0, 500],
      [500, 50],
    ]);
    expect(rows()).toHaveLength(550);
    expect(row('title:p540')).not.toBeNull();
  });

  it('a change event while "Load more" is on its way keeps the rows it brings', async () => {
    const many = Array.from({ length: 120 }, (_, i) => paper({ key: `title:p${i}`, title: `Paper ${i}` }));
    let release!: () => void;
    const { bg, v, rows } = await open(many, {
      'library.search': async ({ query }) => {
        const offset = query.offset ?? 0;
        if (offset > 0) await new Promise<void>((r) => (release = r));
        return { total: many.length, papers: many.slice(offset, offset + (query.limit ?? 50)) };
      },
    });
    await click(v.testid('load-more'));
    await settle();
    bg.push({ keys: ['title:p3'] });
    await settle(300);
    release();
    await settle();
    await settle();
    expect(rows()).toHaveLength(100);
    // The refresh waited for the rows it then reloads.
    expect(bg.of('library.search').at(-1)!.query).toMatchObject({ offset: 0, limit: 100 });
  });

  it('bulk-tags the selection, and undoes a bulk delete', async () => {
    const { bg, v, row } = await open();
    await click(row('arxiv:1706.03762')!.querySelector('[data-testid="row-checkbox"]'));
    await click(row('arxiv:2401.00002')!.querySelector('[data-testid="row-checkbox"]'));
    expect(v.testid('bulk-count')!.textContent).toBe('2 selected');
    await type(v.testid('bulk-tag-input') as HTMLInputElement, 'To Read');
    await click(v.testid('bulk-tag'));
    await settle();
    expect(bg.of('papers.bulk')[0]).toMatchObject({ keys: ['arxiv:1706.03762', 'arxiv:2401.00002'], op: { kind: 'tag', tag: 'to-read' } });
    expect(v.testid('toast')!.textContent).toContain('Tagged 2 papers “to-read”.');

    await click(v.testid('bulk-delete'));
    await settle();
    expect(bg.papers.map((p) => p.key)).toEqual(['title:xss']);
    expect(v.testid('bulk-bar')).toBeNull();
    await click(v.testid('toast-undo'));
    await settle();
    expect(bg.of('papers.restore')).toHaveLength(1);
    expect(bg.papers).toHaveLength(3);
    expect(v.testid('toast')!.textContent).toContain('Restored 2 papers.');
  });

  it('merges exactly two selected papers after the reader confirms, with undo, and says why a merge was refused', async () => {
    let refuse = false;
    const { bg, v, row } = await open(PAPERS, {
      'papers.merge': ({ keys }) => {
        if (refuse) throw new Error('These two have different arXiv ids (1706.03762, 2401.00002): they are two papers, not one.');
        return { paper: PAPERS.find((p) => p.key === keys[1])!, merged: keys[0], snapshot: 'merge-snapshot' };
      },
      'papers.unmerge': () => ({ restored: 2 }),
    });
    const tick = (key: string) => click(row(key)!.querySelector('[data-testid="row-checkbox"]'));
    await tick('title:xss');
    expect(v.testid('bulk-merge')).toBeNull();
    await tick('arxiv:1706.03762');
    await click(v.testid('bulk-merge'));
    expect(bg.of('papers.merge')).toHaveLength(0);
    await click(v.testid('bulk-merge-cancel'));
    expect(v.testid('bulk-merge-confirm')).toBeNull();
    // A third paper: no merge; back to two, it asks again.
    await tick('arxiv:2401.00002');
    expect(v.testid('bulk-merge')).toBeNull();
    await tick('arxiv:2401.00002');
    await click(v.testid('bulk-merge'));
    await click(v.testid('bulk-merge-confirm'));
    await settle();
    expect(bg.of('papers.merge')).toEqual([{ type: 'papers.merge', keys: ['title:xss', 'arxiv:1706.03762'] }]);
    expect(v.testid('toast')!.textContent).toContain('Merged into “Attention Is All You Need”.');
    expect(v.testid('bulk-bar')).toBeNull();
    await click(v.testid('toast-undo'));
    await settle();
    expect(bg.of('papers.unmerge')).toEqual([{ type: 'papers.unmerge', snapshot: 'merge-snapshot' }]);
    expect(v.testid('toast')!.textContent).toContain('Separated again');

    refuse = true;
    await tick('arxiv:1706.03762');
    await tick('arxiv:2401.00002');
    await click(v.testid('bulk-merge'));
    await click(v.testid('bulk-merge-confirm'));
    await settle();
    expect(v.testid('toast')!.textContent).toContain('they are two papers, not one');
  });

  it('a new search starts a new selection: a bulk delete reaches only the rows shown ticked', async () => {
    const papers = [...PAPERS, paper({ key: 'arxiv:2401.00003', title: 'Diffusion Transformers', lastSeen: 7 })];
    const { bg, v, row, rows } = await open(papers);
    await click(row('arxiv:1706.03762')!.querySelector('[data-testid="row-checkbox"]'));
    await click(row('arxiv:2401.00002')!.querySelector('[data-testid="row-checkbox"]'));
    expect(v.testid('bulk-count')!.textContent).toBe('2 selected');
    await type(v.testid('search-input') as HTMLInputElement, 'diffusion');
    await settle(200);
    expect(rows().map((r) => r.dataset.key)).toEqual(['arxiv:2401.00002', 'arxiv:2401.00003']);
    expect(v.testid('bulk-bar')).toBeNull();
    expect((v.testid('select-all') as HTMLInputElement).checked).toBe(false);
    await click(v.testid('select-all'));
    expect(v.testid('bulk-count')!.textContent).toBe('2 selected');
    await click(v.testid('bulk-delete'));
    await settle();
    expect(bg.of('papers.bulk')[0]!.keys).toEqual(['arxiv:2401.00002', 'arxiv:2401.00003']);
    expect(bg.papers.map((p) => p.key)).toContain('arxiv:1706.03762');
  });

  it('selects every paper that matches, not only the page shown; keeps it so as the library changes; a row unticked goes back to ticks', async () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      paper({ key: `arxiv:2401.${String(i).padStart(5, '0')}`, title: `${i % 2 ? 'Sparse' : 'Dense'} Paper ${i}`, lastSeen: 1000 - i }),
    );
    const { bg, v, rows } = await open(many);
    await type(v.testid('search-input') as HTMLInputElement, 'sparse');
    await settle(200);
    expect(v.testid('result-count')!.textContent).toBe('50 of 60 papers');
    // Offered only once every row shown is ticked, and only when there are more.
    expect(v.testid('select-matching-bar')).toBeNull();
    await click(v.testid('select-all'));
    expect(v.testid('select-matching-bar')!.textContent).toBe('The 50 papers shown are selected. Select all 60 that match');
    await click(v.testid('select-matching'));
    await settle();
    expect(bg.of('library.keys').at(-1)!.query).toMatchObject({ text: 'sparse' });
    expect(v.testid('bulk-count')!.textContent).toBe('60 selected');
    expect(v.testid('select-matching-bar')!.textContent).toBe('All 60 papers that match are selected. Clear selection');

    await type(v.testid('bulk-tag-input') as HTMLInputElement, 'sparse');
    await click(v.testid('bulk-tag'));
    await settle();
    expect(bg.of('papers.bulk').at(-1)!.keys).toHaveLength(60);
    expect(bg.papers.filter((p) => p.tags.includes('sparse'))).toHaveLength(60);

    // A paper that starts to match (seen elsewhere) joins: the selection is what it says.
    bg.papers.push(paper({ key: 'arxiv:2402.00001', title: 'Sparse Newcomer', lastSeen: 2000 }));
    bg.push({ keys: ['arxiv:2402.00001'] });
    await settle(300);
    expect(v.testid('bulk-count')!.textContent).toBe('61 selected');

    // Unticking one row: back to the rows ticked on the screen, less that one.
    await click(rows()[0]!.querySelector('[data-testid="row-checkbox"]'));
    expect(v.testid('bulk-count')!.textContent).toBe('49 selected');
    expect(v.testid('select-matching-bar')).toBeNull();

    // Cleared from the bar, and by a new search.
    await click(v.testid('select-all'));
    await click(v.testid('select-matching'));
    await settle();
    await click(v.testid('clear-selection'));
    expect(v.testid('bulk-bar')).toBeNull();
    await click(v.testid('select-all'));
    await click(v.testid('select-matching'));
    await settle();
    await type(v.testid('search-input') as HTMLInputElement, 'dense');
    await settle(200);
    expect(v.testid('bulk-bar')).toBeNull();
  });

  it('says what a large bulk action is doing until it is done', async () => {
    const many = Array.from({ length: 600 }, (_, i) => paper({ key: `arxiv:2401.${String(i).padStart(5, '0')}`, title: `Paper ${i}`, lastSeen: 1000 - i }));
    let finish!: () => void;
    const { v } = await open(many, {
      'papers.bulk': ({ keys }) => new Promise((resolve) => (finish = () => resolve({ changed: keys.length }))),
    });
    await click(v.testid('select-all'));
    await click(v.testid('select-matching'));
    await settle();
    await type(v.testid('bulk-tag-input') as HTMLInputElement, 'all');
    await click(v.testid('bulk-tag'));
    await settle(50);
    expect(v.testid('toast')!.textContent).toContain('Tagging 600 papers “all”…');
    // It does not go away by itself while the work goes on.
    await settle(11_000);
    expect(v.testid('toast')!.textContent).toContain('Tagging 600 papers');
    finish();
    await settle();
    expect(v.testid('toast')!.textContent).toContain('Tagged 600 papers “all”.');
  }, 20_000);

  it("copies a paper's BibTeX from its details, and says the key to cite", async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { bg, v, row } = await open();
    await click(row('arxiv:1706.03762')!.querySelector('[data-testid="row-open"]'));
    await settle();
    await click(v.testid('copy-bibtex'));
    await settle();
    expect(bg.of('papers.cite')).toEqual([{ type: 'papers.cite', keys: ['arxiv:1706.03762'] }]);
    expect(writeText).toHaveBeenCalledWith('@misc{arxiv170603762,\n  title = {Attention Is All You Need}\n}\n');
    expect(v.testid('toast')!.textContent).toContain('BibTeX copied: \\cite{arxiv170603762}.');
    // A clipboard that refuses says so.
    writeText.mockRejectedValueOnce(new Error('Document is not focused.'));
    await click(v.testid('copy-bibtex'));
    await settle();
    expect(v.testid('toast')!.textContent).toContain('Document is not focused.');
    // The selection's, in the order ticked.
    await click(row('arxiv:2401.00002')!.querySelector('[data-testid="row-checkbox"]'));
    await click(row('arxiv:1706.03762')!.querySelector('[data-testid="row-checkbox"]'));
    await click(v.testid('bulk-copy-bibtex'));
    await settle();
    expect(bg.of('papers.cite').at(-1)).toEqual({ type: 'papers.cite', keys: ['arxiv:2401.00002', 'arxiv:1706.03762'] });
    expect(writeText.mock.calls.at(-1)![0].match(/^@misc/gm)).toHaveLength(2);
    expect(v.testid('toast')!.textContent).toContain('BibTeX of 2 papers copied: \\cite{arxiv240100002,arxiv170603762}.');
  });

  it('keys move through the list as in a mail client: j, k, x, s, Escape; never while typing', async () => {
    const { bg, v } = await open();
    const open_ = () => v.testid('detail-panel')?.dataset.key ?? null;
    await press('j');
    await settle();
    expect(open_()).toBe('arxiv:1706.03762');
    await press('j');
    await press('j');
    await press('j');
    await settle();
    // The last row stays open at the end of the list.
    expect(open_()).toBe('title:xss');
    await press('k');
    await settle();
    expect(open_()).toBe('arxiv:2401.00002');
    await press('x');
    expect(v.testid('bulk-count')!.textContent).toBe('1 selected');
    await press('x');
    expect(v.testid('bulk-bar')).toBeNull();
    await press('s');
    await settle();
    expect(bg.of('paper.save')).toEqual([{ type: 'paper.save', target: { key: 'arxiv:2401.00002' }, saved: true }]);
    // Typed into the search box: letters, not commands.
    const box = v.testid('search-input') as HTMLInputElement;
    await press('j', box);
    await press('s', box);
    await settle();
    expect(open_()).toBe('arxiv:2401.00002');
    expect(bg.of('paper.save')).toHaveLength(1);
    await press('Escape');
    await settle();
    expect(v.testid('detail-panel')).toBeNull();
  });

  it('a selected paper that leaves the list leaves the selection', async () => {
    const { bg, v, row, rows } = await open();
    await choose(v.testid('filter-status') as HTMLSelectElement, 'saved');
    await settle();
    await click(row('arxiv:1706.03762')!.querySelector('[data-testid="row-checkbox"]'));
    expect(v.testid('bulk-count')!.textContent).toBe('1 selected');
    // Unsaved elsewhere (the popup): the change event's refresh drops it from "Saved".
    bg.papers[0]!.savedAt = undefined;
    bg.push({ keys: ['arxiv:1706.03762'] });
    await settle(300);
    expect(rows()).toHaveLength(0);
    expect(v.testid('bulk-bar')).toBeNull();
  });

  it('selects all on the page from the header checkbox', async () => {
    const { v } = await open();
    await click(v.testid('select-all'));
    expect(v.testid('bulk-count')!.textContent).toBe('3 selected');
    await click(v.testid('select-all'));
    expect(v.testid('bulk-bar')).toBeNull();
  });

  it("links a paper's OpenReview forum beside arXiv's pages, and a title-only paper's own page beside it", async () => {
    const FORUM = 'https://openreview.net/forum?id=hdMAtt5sXk';
    const { v, row } = await open([
      paper({ key: 'arxiv:2508.27978', title: 'Hidden Dynamics', arxivId: '2508.27978', urls: ['https://huggingface.co/papers/2508.27978', FORUM], proceedings: 'ICLR 2026' }),
      paper({ key: 'title:sparse', title: 'Sparse', urls: [FORUM.replace('hdMAtt5sXk', 'nEwPoStEr1'), 'https://example.org/sparse'] }),
      paper({ key: 'title:only', title: 'Only a forum', urls: [FORUM.replace('hdMAtt5sXk', 'oNlY')] }),
      paper({ key: 'doi:10.1145/1', title: 'With its PDF', doi: '10.1145/1', urls: ['https://people.example.edu/~kim/a.pdf', 'https://dl.acm.org/doi/10.1145/1'] }),
    ]);
    const links = () => v.$$('.detail a[data-testid^="link-"]').map((a) => `${a.dataset.testid} ${(a as HTMLAnchorElement).href}`);
    await click(row('arxiv:2508.27978')!.querySelector('[data-testid="row-open"]'));
    await settle();
    expect(links()).toEqual([
      'link-hf https://huggingface.co/papers/2508.27978',
      'link-arxiv https://arxiv.org/abs/2508.27978',
      'link-pdf https://arxiv.org/pdf/2508.27978',
      `link-openreview ${FORUM}`,
    ]);
    expect(v.testid('detail-venue')!.textContent).toBe('ICLR 2026');
    await click(row('title:sparse')!.querySelector('[data-testid="row-open"]'));
    await settle();
    expect(links()).toEqual(['link-openreview https://openreview.net/forum?id=nEwPoStEr1', 'link-web https://example.org/sparse']);
    await click(row('title:only')!.querySelector('[data-testid="row-open"]'));
    await settle();
    expect(links()).toEqual(['link-openreview https://openreview.net/forum?id=oNlY']);
    // A Scholar result's "[PDF]" beside its publisher's page: both, the page first.
    await click(row('doi:10.1145/1')!.querySelector('[data-testid="row-open"]'));
    await settle();
    expect(links()).toEqual(['link-doi https://doi.org/10.1145/1', 'link-web https://dl.acm.org/doi/10.1145/1', 'link-pdf https://people.example.edu/~kim/a.pdf']);
  });

  it('sets, changes and clears where a paper was published; Escape and a refused year leave it as it was', async () => {
    const { bg, v, row } = await open([
      paper({ key: 'arxiv:2508.27978', title: 'Hidden Dynamics', arxivId: '2508.27978', proceedings: 'ICLR 2026', year: 2026 }),
      paper({ key: 'arxiv:2401.00002', title: 'Diffusion for Everything', arxivId: '2401.00002', year: 2024 }),
    ]);
    const input = (id: string) => v.testid(id) as HTMLInputElement;
    await click(row('arxiv:2401.00002')!.querySelector('[data-testid="row-open"]'));
    await settle();
    expect(v.testid('detail-no-venue')!.textContent).toBe('none known');
    await click(v.testid('venue-edit'));
    // The name field takes the keys; the kind defaults to proceedings for a paper with none.
    expect(document.activeElement).toBe(v.testid('venue-name'));
    expect((v.testid('venue-kind') as HTMLSelectElement).value).toBe('proceedings');
    expect(input('venue-year').value).toBe('2024');
    expect(v.testid('venue-clear')).toBeNull();
    await choose(v.testid('venue-kind') as HTMLSelectElement, 'journal');
    await type(input('venue-name'), 'Nature');
    await type(input('venue-volume'), '596');
    await type(input('venue-pages'), '583-589');
    await type(input('venue-year'), '21');
    expect(v.$('.venue-error')!.textContent).toContain('four digits');
    expect((v.testid('venue-save') as HTMLButtonElement).disabled).toBe(true);
    await type(input('venue-year'), '2021');
    await submit(v.testid('venue-form'));
    await settle();
    expect(bg.of('paper.venue').at(-1)).toEqual({
      type: 'paper.venue', key: 'arxiv:2401.00002', kind: 'journal', name: 'Nature', volume: '596', pages: '583-589', year: 2021,
    });
    expect(v.testid('venue-form')).toBeNull();
    expect(v.testid('detail-venue')!.textContent).toBe('Nature 596, 583–589');
    expect(v.$('.facts dd[title]')!.getAttribute('title')).toContain('Set by you');
    // Focus is back on the button that opened the form.
    expect(document.activeElement).toBe(v.testid('venue-edit'));

    // Escape closes the form and sends nothing; the details stay open.
    await click(v.testid('venue-edit'));
    await type(input('venue-name'), 'Science');
    await press('Escape', v.testid('venue-name')!);
    expect(v.testid('venue-form')).toBeNull();
    expect(v.testid('detail-panel')!.dataset.key).toBe('arxiv:2401.00002');
    expect(bg.of('paper.venue')).toHaveLength(1);

    // A refusal is told and the form keeps what was typed.
    await click(v.testid('venue-edit'));
    await type(input('venue-year'), '1900');
    await submit(v.testid('venue-form'));
    await settle();
    expect(v.testid('toast')!.textContent).toContain('Refused for the test.');
    expect(input('venue-year').value).toBe('1900');
    // Cleared: none, and marked as the reader's.
    await click(v.testid('venue-clear'));
    await settle();
    expect(bg.of('paper.venue').at(-1)).toEqual({ type: 'paper.venue', key: 'arxiv:2401.00002', kind: 'journal', name: '' });
    expect(v.testid('detail-no-venue')!.textContent).toBe('none (cleared)');

    // A venue a page taught is edited from its own values.
    await click(row('arxiv:2508.27978')!.querySelector('[data-testid="row-open"]'));
    await settle();
    expect(v.testid('detail-venue')!.textContent).toBe('ICLR 2026');
    await click(v.testid('venue-edit'));
    expect(input('venue-name').value).toBe('ICLR 2026');
    expect((v.testid('venue-kind') as HTMLSelectElement).value).toBe('proceedings');
  });

  it('adds a paper by hand: saved and opened; one held already is opened; a near title is asked about', async () => {
    const { bg, v } = await open();
    const input = (id: string) => v.testid(id) as HTMLInputElement;
    await click(v.testid('add-paper'));
    expect(document.activeElement).toBe(v.testid('add-title'));
    expect((v.testid('add-save') as HTMLButtonElement).disabled).toBe(true);
    await type(input('add-title'), 'Scaling Laws for Neural Language Models');
    await type(input('add-authors'), 'Jared Kaplan, Sam McCandlish');
    await type(input('add-id'), 'not an id');
    await submit(v.testid('add-paper-form'));
    expect(v.testid('add-error')!.textContent).toContain('arXiv id');
    expect(bg.of('paper.add')).toHaveLength(0);
    await type(input('add-id'), 'https://arxiv.org/abs/2001.08361v1');
    await submit(v.testid('add-paper-form'));
    await settle();
    expect(bg.of('paper.add').at(-1)).toEqual({
      type: 'paper.add',
      card: { title: 'Scaling Laws for Neural Language Models', authors: ['Jared Kaplan', 'Sam McCandlish'], arxivId: '2001.08361', version: 1 },
    });
    expect(v.testid('add-paper-form')).toBeNull();
    expect(v.testid('toast')!.textContent).toContain('Added “Scaling Laws for Neural Language Models” to your library, saved.');
    expect(v.testid('detail-panel')!.dataset.key).toBe('arxiv:2001.08361');

    // Held already: opened, nothing added.
    const addTitled = async (title: string) => {
      await click(v.testid('add-paper'));
      await type(input('add-title'), title);
      await submit(v.testid('add-paper-form'));
      await settle();
    };
    await addTitled('Attention Is All You Need');
    expect(v.testid('toast')!.textContent).toContain('Already in your library: “Attention Is All You Need”.');
    expect(v.testid('detail-panel')!.dataset.key).toBe('arxiv:1706.03762');

    // A near title: the form asks; "another paper" adds it all the same, Escape leaves.
    await addTitled('Diffusion for Everythings');
    expect(v.testid('add-near')!.textContent).toContain('Your library has a paper of a near title: Diffusion for Everything.');
    expect(v.testid('detail-panel')!.dataset.key).toBe('arxiv:1706.03762');
    await click(v.testid('add-as-new'));
    await settle();
    expect(bg.of('paper.add').at(-1)).toMatchObject({ card: { title: 'Diffusion for Everythings' }, asNew: true });
    expect(v.testid('detail-panel')!.dataset.key).toBe('title:Diffusion for Everythings');
    await click(v.testid('add-paper'));
    await press('Escape', v.testid('add-title')!);
    expect(v.testid('add-paper-form')).toBeNull();

    // A search that finds nothing offers its text as the title of a paper to add.
    await type(v.testid('search-input') as HTMLInputElement, 'Grokking Beyond Algorithmic Data');
    await settle(200);
    expect(v.testid('list-empty')!.textContent).toContain('No papers match these filters.');
    await click(v.testid('empty-add'));
    expect(input('add-title').value).toBe('Grokking Beyond Algorithmic Data');
    expect(v.testid('add-paper')).toBeNull();
  });

  it('opens details with links and edits tags, save and note', async () => {
    const { bg, v, row } = await open();
    await click(row('arxiv:2401.00002')!.querySelector('[data-testid="row-open"]'));
    await settle();
    const panel = v.testid('detail-panel')!;
    expect(panel.dataset.key).toBe('arxiv:2401.00002');
    expect((v.testid('link-hf') as HTMLAnchorElement).href).toBe('https://huggingface.co/papers/2401.00002');
    expect((v.testid('link-arxiv') as HTMLAnchorElement).href).toBe('https://arxiv.org/abs/2401.00002');
    expect((v.testid('link-pdf') as HTMLAnchorElement).href).toBe('https://arxiv.org/pdf/2401.00002');

    await click(v.testid('detail-save'));
    await settle();
    expect(bg.of('paper.save')[0]).toMatchObject({ target: { key: 'arxiv:2401.00002' }, saved: true });
    expect(v.testid('detail-save')!.textContent).toContain('Saved');

    const tagInput = v.testid('tag-input') as HTMLInputElement;
    await type(tagInput, 'Generative Models');
    await vi.waitFor(() => tagInput.value === 'Generative Models');
    tagInput.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    expect(bg.of('paper.tags')[0]).toMatchObject({ add: ['generative-models'], remove: [] });
    expect(v.$$('[data-testid="tag-chip"]').map((c) => c.dataset.tag)).toEqual(['generative-models']);
    await click(v.$('[data-testid="tag-remove"]'));
    await settle();
    expect(bg.of('paper.tags')[1]).toMatchObject({ add: [], remove: ['generative-models'] });

    const note = v.testid('note-textarea') as HTMLTextAreaElement;
    await type(note, 'First thought');
    expect(JSON.parse(localStorage.getItem('dejalu.noteDraft.arxiv:2401.00002')!).text).toBe('First thought');
    // Blur flushes without waiting for the debounce.
    note.dispatchEvent(new FocusEvent('blur'));
    await settle();
    expect(bg.of('paper.note')).toEqual([{ type: 'paper.note', target: { key: 'arxiv:2401.00002' }, note: 'First thought' }]);
    expect(localStorage.getItem('dejalu.noteDraft.arxiv:2401.00002')).toBeNull();
  });

  it('saves a pending note when the page is hidden or another paper is opened', async () => {
    const { bg, v, row } = await open();
    await click(row('title:xss')!.querySelector('[data-testid="row-open"]'));
    await settle();
    await type(v.testid('note-textarea') as HTMLTextAreaElement, 'old note, more');
    window.dispatchEvent(new Event('pagehide'));
    expect(bg.of('paper.note').map((r) => r.note)).toEqual(['old note, more']);
    await type(v.testid('note-textarea') as HTMLTextAreaElement, 'old note, more and more');
    await click(row('arxiv:1706.03762')!.querySelector('[data-testid="row-open"]'));
    expect(bg.of('paper.note').map((r) => r.note)).toEqual(['old note, more', 'old note, more and more']);
  });

  it('refreshes on change events, without clobbering a note being typed', async () => {
    const { bg, v, row } = await open();
    await click(row('title:xss')!.querySelector('[data-testid="row-open"]'));
    await settle();
    const note = v.testid('note-textarea') as HTMLTextAreaElement;
    note.dispatchEvent(new FocusEvent('focus'));
    await type(note, 'typing here');
    const before = bg.of('library.search').length;
    bg.papers[2]!.note = 'changed elsewhere';
    bg.push({ keys: ['title:xss'] });
    await settle(300);
    expect(bg.of('library.search').length).toBe(before + 1);
    expect(bg.of('paper.get').length).toBeGreaterThanOrEqual(2);
    expect(note.value).toBe('typing here');
  });

  it('a hidden page refreshes once, when it is shown again', async () => {
    const { bg } = await open();
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    const before = bg.of('library.search').length;
    bg.push({ keys: ['title:xss'], sightings: true });
    await settle(300);
    bg.push({ keys: ['arxiv:1706.03762'], sightings: true });
    await settle(300);
    expect(bg.of('library.search').length).toBe(before);
    hidden.mockReturnValue(false);
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(bg.of('library.search').length).toBe(before + 1);
    document.dispatchEvent(new Event('visibilitychange'));
    await settle();
    expect(bg.of('library.search').length).toBe(before + 1);
  });

  it('exports the selection and imports a file, showing the counts or the error', async () => {
    const { bg, v, row } = await open();
    const urls: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      urls.push(b as Blob);
      return 'blob:fake';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await click(row('arxiv:1706.03762')!.querySelector('[data-testid="row-checkbox"]'));
    await click(v.testid('tab-transfer'));
    await choose(v.testid('export-format') as HTMLSelectElement, 'csl-json');
    await click(v.testid('export-selected'));
    await settle();
    expect(bg.of('library.export')[0]).toMatchObject({ format: 'csl-json', keys: ['arxiv:1706.03762'] });
    expect(await urls[0]!.text()).toBe('exported');
    expect(v.testid('export-status')!.textContent).toBe('Exported 1 paper to dejalu.csl-json.');

    const input = v.testid('import-file') as HTMLInputElement;
    const file = new File(['@misc{a, title={A}}'], 'refs.bib', { type: 'application/x-bibtex' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(10);
    expect(bg.of('library.import')[0]).toMatchObject({ format: 'auto', text: '@misc{a, title={A}}', filename: 'refs.bib' });
    expect(v.testid('import-status')!.textContent).toBe('Imported from BibTeX: 2 new, 1 updated.');
  });

  it('shows the background’s import error as it is', async () => {
    fakeBackground(PAPERS, {
      'library.import': () => {
        throw new Error('BibTeX error on line 3: unbalanced braces. Nothing was imported.');
      },
    });
    view = mount(<App />);
    await settle();
    await click(view.testid('tab-transfer'));
    const input = view.testid('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['@misc{'], 'bad.bib')], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(10);
    expect(view.testid('import-status')!.textContent).toBe('BibTeX error on line 3: unbalanced braces. Nothing was imported.');
    expect(view.testid('import-status')!.getAttribute('role')).toBe('alert');
  });

  it('an import keeps its status, and stays the only one running, while another tab is shown', async () => {
    let finish!: () => void;
    const { v } = await open(PAPERS, {
      'library.import': () =>
        new Promise<void>((r) => (finish = r)).then(() => {
          throw new Error('BibTeX error on line 3: unbalanced braces. Nothing was imported.');
        }),
    });
    await click(v.testid('tab-transfer'));
    const input = v.testid('import-file') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [new File(['@misc{'], 'zotero.bib')], configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await settle(10);
    expect((v.testid('import-file') as HTMLInputElement).disabled).toBe(true);
    // A long import: the user looks at the library meanwhile, and comes back.
    await click(v.testid('tab-library'));
    await click(v.testid('tab-transfer'));
    await settle();
    expect((v.testid('import-file') as HTMLInputElement).disabled).toBe(true);
    expect(v.testid('import-status')!.getAttribute('data-state')).toBe('busy');
    await click(v.testid('tab-library'));
    finish();
    await settle(10);
    await click(v.testid('tab-transfer'));
    expect(v.testid('import-status')!.textContent).toBe('BibTeX error on line 3: unbalanced braces. Nothing was imported.');
  });

  it('clears all data only after the phrase is typed', async () => {
    const { bg, v } = await open();
    await click(v.testid('tab-settings'));
    await settle();
    const button = v.testid('clear-button') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await type(v.testid('clear-confirm-input') as HTMLInputElement, 'delete');
    expect(button.disabled).toBe(true);
    await type(v.testid('clear-confirm-input') as HTMLInputElement, 'delete everything');
    expect(button.disabled).toBe(false);
    await click(button);
    await settle();
    expect(bg.of('library.clear')).toEqual([{ type: 'library.clear', confirm: 'delete everything' }]);
    expect(v.testid('clear-status')!.textContent).toBe('The library is empty.');
    await click(v.testid('tab-library'));
    await settle();
    expect(v.testid('list-empty')!.textContent).toContain('Your library is empty.');
    expect([...v.testid('list-empty')!.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'https://huggingface.co/papers',
      'https://arxiv.org/',
      'https://scholar.google.com/',
      'https://openreview.net/',
      'https://dblp.org/',
    ]);
    // And the way to an import, in the tab beside.
    await click(v.testid('empty-import'));
    await settle();
    expect(v.testid('tab-transfer')!.getAttribute('aria-selected')).toBe('true');
  });

  it('changes settings at once', async () => {
    const { bg, v } = await open();
    await click(v.testid('tab-settings'));
    await settle();
    await click(v.testid('settings-seenStyle-hide'));
    await settle();
    expect(bg.of('settings.set')[0]).toMatchObject({ settings: { seenStyle: 'hide' } });
  });
});
