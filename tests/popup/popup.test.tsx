// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CardStatus, PaperView, TabState } from '../../lib/messages';
import { resolveTabId } from '../../components/popup/ext';
import { Popup } from '../../components/popup/Popup';
import { startPopup } from '../../components/popup/start';
import { at, card, click, fakeBackground, HF_PAGE, mount, paper, pushChange, settle, sighting, type } from './helpers';

const A = paper({ key: 'arxiv:2401.00001', title: 'Seen Before', seenCount: 2, first: sighting('Nov 3') });
const B = paper({
  key: 'arxiv:2401.00002',
  title: 'Scaling Laws for Everything',
  seenCount: 1,
  savedAt: at('2025-10-29'),
  first: sighting('Oct 29', 'huggingface', '2025-10-29'),
});

const STATE: TabState = {
  page: HF_PAGE,
  cards: [
    { card: card('Brand New', { arxivId: '2411.00009', url: 'https://huggingface.co/papers/2411.00009' }), status: 'new' },
    { card: card('Seen Before', { arxivId: '2401.00001' }), status: 'seen' },
    { card: card('Scaling Law for Everything'), status: 'seen' },
  ],
  updatedAt: 0,
};
const STATUSES: CardStatus[] = [
  { status: 'new' },
  { status: 'seen', paper: A, match: { rule: 'arxiv-id', text: 'same arXiv id' } },
  { status: 'saved', paper: B, match: { rule: 'similar-title', score: 0.97, text: 'titles 97% alike' } },
];

let view: ReturnType<typeof mount> | undefined;
beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.restoreAllMocks();
});

async function open(handlers: Parameters<typeof fakeBackground>[0] = {}) {
  const bg = fakeBackground({ 'tab.get': () => ({ state: STATE, statuses: STATUSES }), ...handlers });
  view = mount(<Popup getTabId={async () => 7} />);
  await settle();
  const v = view;
  const rows = () => v.$$('[data-testid="paper-row"]');
  const row = (title: string) => rows().find((r) => r.querySelector('[data-testid="row-title"]')?.textContent === title)!;
  const groups = () => Object.fromEntries(v.$$('[data-testid="group-header"]').map((h) => [h.dataset.group, Number(h.dataset.count)]));
  return { bg, v, rows, row, groups };
}

describe('popup', () => {
  it('renders the first screen from one tab.get: groups, counts, site, dedup words', async () => {
    const { bg, v, rows, groups, row } = await open();
    expect(bg.requests).toEqual([{ type: 'tab.get', tabId: 7 }]);
    expect(v.$('[data-testid="site-name"]')!.textContent).toBe('Hugging Face · Nov 10');
    // The fuzzy-matched card showed "seen" on the page but is saved in the library: Saved.
    expect(groups()).toEqual({ new: 1, seen: 1, saved: 1 });
    expect(v.$('[data-testid="count-new"]')!.textContent).toBe('1 new');
    expect(rows().map((r) => r.dataset.status)).toEqual(['new', 'seen', 'saved']);
    expect(row('Seen Before').querySelector('[data-testid="dedup-status"]')!.textContent).toBe(
      'Seen 2× · first Hugging Face Nov 3 · matched by arXiv id',
    );
    // Its short parts never break inside ("matched by arXiv" / "id"); a long one may.
    expect([...row('Seen Before').querySelectorAll('[data-testid="dedup-status"] .whole')].map((e) => e.textContent)).toEqual([
      'first Hugging Face Nov 3',
      'matched by arXiv id',
    ]);
    expect(row('Scaling Law for Everything').querySelector('[data-testid="dedup-status"]')!.textContent).toMatch(
      /similar title \(0\.97\) to a paper saved Oct 29/,
    );
    expect([...row('Scaling Law for Everything').querySelectorAll('.whole')].map((e) => e.textContent)).not.toContainEqual(
      expect.stringMatching(/^similar title/),
    );
    expect(row('Scaling Law for Everything').querySelector('[data-testid="not-same"]')).not.toBeNull();
    expect(row('Seen Before').querySelector('[data-testid="not-same"]')).toBeNull();
  });

  it("names where a paper was published: the library's venue, else the card's; a cleared one stays cleared", async () => {
    const state: TabState = {
      page: HF_PAGE,
      cards: [
        { card: card('Published Paper', { arxivId: '2401.00001' }), status: 'seen' },
        { card: card('Journal Article', { journal: 'Nature' }), status: 'new' },
        { card: card('Cleared Paper', { arxivId: '2401.00003', proceedings: 'ICLR 2026' }), status: 'seen' },
      ],
      updatedAt: 0,
    };
    const statuses: CardStatus[] = [
      { status: 'seen', paper: paper({ key: 'arxiv:2401.00001', title: 'Published Paper', seenCount: 1, proceedings: 'ICLR 2026' }) },
      { status: 'new' },
      { status: 'seen', paper: paper({ key: 'arxiv:2401.00003', title: 'Cleared Paper', seenCount: 1 }) },
    ];
    const { row } = await open({ 'tab.get': () => ({ state, statuses }) });
    const venue = (title: string) => row(title).querySelector('[data-testid="row-venue"]')?.textContent;
    expect(venue('Published Paper')).toBe('ICLR 2026');
    expect(venue('Journal Article')).toBe('Nature');
    expect(venue('Cleared Paper')).toBeUndefined();
  });

  it('saves a card not in the library by the card itself, and moves it to Saved', async () => {
    const created = paper({ key: 'arxiv:2411.00009', title: 'Brand New', savedAt: Date.now(), seenCount: 1 });
    const { bg, row, groups } = await open({ 'paper.save': () => ({ paper: created }) });
    click(row('Brand New').querySelector('[data-testid="save-toggle"]'));
    // Optimistic: the row moves before the reply.
    expect(groups()).toEqual({ seen: 1, saved: 2 });
    await settle();
    expect(bg.of('paper.save')).toEqual([
      { type: 'paper.save', target: { card: STATE.cards[0]!.card, page: HF_PAGE }, saved: true },
    ]);
    expect(row('Brand New').dataset.key).toBe('arxiv:2411.00009');
    expect(row('Brand New').querySelector('[data-testid="save-toggle"]')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('a card not stored yet is created once: later edits wait for its key', async () => {
    const created = paper({ key: 'arxiv:2411.00009', title: 'Brand New', tags: ['a'] });
    let release!: () => void;
    const { bg, row } = await open({
      'paper.tags': () => new Promise((r) => (release = () => r({ paper: created }))),
      'paper.note': (req) => ({ paper: { ...created, note: req.note } }),
    });
    click(row('Brand New').querySelector('[data-testid="row-title"]'));
    const input = row('Brand New').querySelector<HTMLInputElement>('[data-testid="tag-input"]')!;
    type(input, 'a');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    const note = row('Brand New').querySelector<HTMLTextAreaElement>('[data-testid="note-input"]')!;
    type(note, 'first thoughts');
    note.dispatchEvent(new FocusEvent('blur'));
    await settle();
    expect(bg.of('paper.note')).toEqual([]);
    release();
    await settle();
    expect(bg.of('paper.tags')[0]).toMatchObject({ target: { card: { title: 'Brand New' } } });
    expect(bg.of('paper.note')).toEqual([{ type: 'paper.note', target: { key: created.key }, note: 'first thoughts' }]);
  });

  it('unsaves by key; a failed save puts the row back and says why', async () => {
    const { bg, row, groups, v } = await open({
      'paper.save': () => {
        throw new Error('disk full');
      },
    });
    click(row('Scaling Law for Everything').querySelector('[data-testid="save-toggle"]'));
    expect(groups()).toEqual({ new: 1, seen: 2 });
    await settle();
    expect(bg.of('paper.save')[0]).toMatchObject({ target: { key: B.key }, saved: false });
    expect(groups()).toEqual({ new: 1, seen: 1, saved: 1 });
    expect(v.$('[data-testid="error"]')!.textContent).toMatch(/disk full/);
  });

  it('fetches the history only when a row is expanded', async () => {
    const { bg, row } = await open({
      'paper.get': () => ({ paper: A, sightings: [sighting('Nov 3'), sighting('cs.LG new', 'arxiv')], notSame: [] }),
    });
    expect(bg.of('paper.get')).toEqual([]);
    click(row('Seen Before').querySelector('[data-testid="row-title"]'));
    await settle();
    expect(bg.of('paper.get')).toEqual([{ type: 'paper.get', key: A.key }]);
    expect(row('Seen Before').querySelector('[data-testid="dedup-status"]')!.textContent).toBe(
      'Seen 2×: Hugging Face Nov 3, arXiv cs.LG new · matched by arXiv id',
    );
    expect(row('Seen Before').querySelector('[data-testid="note-input"]')).not.toBeNull();
  });

  it("copies a paper's BibTeX from its expanded row: a stored one by key, a card not stored by its card", async () => {
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { bg, v, row } = await open({
      'paper.get': () => ({ paper: A, sightings: [], notSame: [] }),
      'paper.cite': () => ({ bibtex: '@misc{seen2024,\n  title = {Seen Before}\n}\n', count: 1 }),
    });
    click(row('Brand New').querySelector('[data-testid="row-title"]'));
    click(row('Seen Before').querySelector('[data-testid="row-title"]'));
    await settle();
    const copy = row('Seen Before').querySelector('[data-testid="copy-bibtex"]')!;
    click(copy);
    await settle();
    expect(bg.of('paper.cite')).toEqual([{ type: 'paper.cite', target: { key: A.key } }]);
    expect(writeText).toHaveBeenCalledWith('@misc{seen2024,\n  title = {Seen Before}\n}\n');
    expect(copy.textContent).toBe('BibTeX copied ✓');
    writeText.mockRejectedValueOnce(new Error('Document is not focused.'));
    click(copy);
    await settle();
    expect(v.$('[data-testid="error"]')!.textContent).toContain('Document is not focused.');
    // A card the library does not hold (nothing is stored by copying it).
    click(row('Brand New').querySelector('[data-testid="copy-bibtex"]'));
    await settle();
    expect(bg.of('paper.cite').at(-1)).toEqual({ type: 'paper.cite', target: { card: STATE.cards[0]!.card, page: HF_PAGE } });
    expect(bg.of('paper.save')).toEqual([]);
  });

  it('splits a fuzzy match: the card becomes its own new paper', async () => {
    const own = paper({ key: 'title:scaling-law-for-everything', title: 'Scaling Law for Everything' });
    const { bg, row, groups } = await open({ 'papers.notSame': () => ({ a: B, b: own }) });
    click(row('Scaling Law for Everything').querySelector('[data-testid="not-same"]'));
    await settle();
    expect(bg.of('papers.notSame')).toEqual([
      { type: 'papers.notSame', a: B.key, b: { card: STATE.cards[2]!.card, page: HF_PAGE }, aOnPage: false },
    ]);
    const r = row('Scaling Law for Everything');
    expect(r.dataset.status).toBe('new');
    expect(r.dataset.key).toBe(own.key);
    expect(r.querySelector('[data-testid="dedup-status"]')!.textContent).toBe(
      'New · not the same as “Scaling Laws for Everything”, now its own paper',
    );
    expect(r.querySelector('[data-testid="not-same"]')).toBeNull();
    expect(groups()).toEqual({ new: 2, seen: 1 });
  });

  it('a split stays with its card when the page has moved cards around', async () => {
    const own = paper({ key: 'title:scaling-law-for-everything', title: 'Scaling Law for Everything' });
    let state = STATE;
    let statuses = STATUSES;
    const { row } = await open({ 'papers.notSame': () => ({ a: B, b: own }), 'tab.get': () => ({ state, statuses }) });
    click(row('Scaling Law for Everything').querySelector('[data-testid="not-same"]'));
    await settle();
    // The page dropped the first card: every card moved up one place.
    state = { ...STATE, cards: STATE.cards.slice(1) };
    statuses = [STATUSES[1]!, { status: 'new', paper: own }];
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', keys: [] }, {});
    });
    await settle();
    expect(row('Scaling Law for Everything').querySelector('[data-testid="dedup-status"]')!.textContent).toBe(
      'New · not the same as “Scaling Laws for Everything”, now its own paper',
    );
    expect(row('Seen Before').querySelector('[data-testid="dedup-status"]')!.textContent).not.toMatch(/not the same/);
  });

  it('tags: the tag list is loaded on first focus, edits go by key', async () => {
    const { bg, row } = await open({
      'tags.list': () => ({ tags: [{ tag: 'scaling', count: 3 }] }),
      'paper.tags': (req) => ({ paper: { ...A, tags: req.add } }),
    });
    click(row('Seen Before').querySelector('[data-testid="row-title"]'));
    const input = row('Seen Before').querySelector<HTMLInputElement>('[data-testid="tag-input"]')!;
    expect(bg.of('tags.list')).toEqual([]);
    input.dispatchEvent(new FocusEvent('focus'));
    type(input, 'sc');
    await settle();
    expect(bg.of('tags.list')).toHaveLength(1);
    const option = row('Seen Before').querySelector('[data-testid="tag-option"]')!;
    expect(option.textContent).toBe('#scaling3');
    type(input, 'scaling');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await settle();
    expect(bg.of('paper.tags')).toEqual([{ type: 'paper.tags', target: { key: A.key }, add: ['scaling'] }]);
    expect(row('Seen Before').querySelector('[data-testid="tag-chip"]')!.textContent).toMatch(/#scaling/);
  });

  it('a change event refreshes the rows it names (a page badge saved the paper)', async () => {
    const savedA: PaperView = { ...A, savedAt: Date.now(), tags: ['fav'] };
    const { bg, row, groups } = await open({ 'papers.get': () => ({ papers: [savedA] }) });
    await pushChange([A.key]);
    await settle();
    expect(bg.of('papers.get')).toEqual([{ type: 'papers.get', keys: [A.key] }]);
    expect(bg.of('tab.get')).toHaveLength(1);
    expect(row('Seen Before').dataset.status).toBe('saved');
    expect(groups()).toEqual({ new: 1, saved: 2 });
  });

  it('a change to a paper not shown re-reads the tab when some card is not stored yet', async () => {
    const { bg } = await open();
    await pushChange(['arxiv:2411.00009']);
    await settle();
    expect(bg.of('tab.get')).toHaveLength(2);
    expect(bg.of('papers.get')).toEqual([]);
  });

  it('an event without keys (a tab report, an import) re-reads everything; settings alone do not', async () => {
    const { bg } = await open();
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', keys: [], settings: {} }, {});
    });
    await settle();
    expect(bg.of('tab.get')).toHaveLength(1);
    await pushChange([]);
    await settle();
    expect(bg.of('tab.get')).toHaveLength(2);
  });

  it('sends tab.get before its first paint; a change while it is on its way reads the tab again', async () => {
    let answer!: () => void;
    const bg = fakeBackground({
      'tab.get': () => new Promise((r) => (answer = () => r({ state: STATE, statuses: STATUSES }))),
    });
    // As entrypoints/popup/main.tsx does: the request goes out before the popup is rendered.
    const start = startPopup(async () => 7);
    await act(async () => {});
    expect(bg.requests).toEqual([{ type: 'tab.get', tabId: 7 }]);
    view = mount(<Popup start={start} />);
    // A tab report lands while the first answer is on its way; settings alone would change nothing.
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', keys: [], settings: {} }, {});
      await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', keys: [] }, {});
    });
    expect(bg.of('tab.get')).toHaveLength(1);
    answer();
    await settle();
    expect(view.$$('[data-testid="paper-row"]')).toHaveLength(3);
    expect(bg.of('tab.get')).toHaveLength(2);
    answer();
    await settle();
    // Later events are handled as they come, once each.
    await pushChange([]);
    answer();
    await settle();
    expect(bg.of('tab.get')).toHaveLength(3);
  });

  it('search shows library results in place of the page list', async () => {
    const { bg, v } = await open({ 'library.search': () => ({ total: 1, papers: [B] }) });
    const input = v.$<HTMLInputElement>('[data-testid="search-input"]')!;
    type(input, 'scaling');
    await settle(40);
    expect(bg.of('library.search')).toEqual([
      { type: 'library.search', query: { text: 'scaling', sort: 'relevance', limit: 50 } },
    ]);
    expect(v.$('[data-testid="page-list"]')).toBeNull();
    const rows = v.$$('[data-testid="search-results"] [data-testid="paper-row"]');
    expect(rows.map((r) => r.dataset.status)).toEqual(['saved']);
    type(input, '');
    await settle();
    expect(v.$$('[data-testid="page-list"] [data-testid="paper-row"]')).toHaveLength(3);
  });

  it('a page without cards shows recently saved papers', async () => {
    const { bg, v } = await open({
      'tab.get': () => ({ state: null, statuses: [] }),
      'library.recent': () => ({ papers: [B] }),
    });
    expect(bg.requests.map((r) => r.type)).toEqual(['tab.get', 'library.recent']);
    expect(v.$('[data-testid="no-cards"]')).not.toBeNull();
    // Where to go, one click away, each in a tab of its own.
    const links = v.$$<HTMLAnchorElement>('[data-testid="no-cards"] a');
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.target])).toEqual([
      ['Hugging Face Daily Papers', 'https://huggingface.co/papers', '_blank'],
      ['arXiv listing', 'https://arxiv.org/', '_blank'],
      ['Google Scholar', 'https://scholar.google.com/', '_blank'],
      ['OpenReview', 'https://openreview.net/', '_blank'],
      ['dblp', 'https://dblp.org/', '_blank'],
    ]);
    expect(links.every((a) => a.rel === 'noopener noreferrer')).toBe(true);
    expect(v.$$('[data-testid="recent"] [data-testid="paper-row"]')).toHaveLength(1);
  });

  it('opens the library page in a tab', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    const { v } = await open();
    click(v.$('[data-testid="library-link"]'));
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/library.html') });
  });

  it("on a paper's page elsewhere, shows the paper its meta tags describe and saves it as they describe it", async () => {
    const doi = '10.1145/3580305.3599256';
    const pageCard = card('Scaling Laws for Recommendation Models', { doi, authors: ['Newsha Ardalani'], year: 2023 });
    const created = paper({ key: `doi:${doi}`, title: 'Scaling Laws for Recommendation Models', savedAt: Date.now(), seenCount: 0 });
    const { bg, v, rows } = await open({
      'tab.get': () => ({ state: null, statuses: [{ status: 'new' }], reading: { format: 'page', host: 'dl.acm.org', doi, card: pageCard, paper: null } }),
      'paper.save': () => ({ paper: created }),
    });
    expect(v.$('[data-testid="site-name"]')!.textContent).toBe('dl.acm.org');
    expect(v.$('[data-testid="reading"] [data-testid="group-header"]')!.textContent).toBe('The paper you are reading');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.querySelector('[data-testid="dedup-status"]')!.textContent).toBe('New · not in your library');
    click(rows()[0]!.querySelector('[data-testid="save-toggle"]'));
    await settle();
    expect(bg.of('paper.save')).toEqual([{ type: 'paper.save', target: { card: pageCard }, saved: true }]);
    expect(rows()[0]!.dataset.key).toBe(`doi:${doi}`);
  });

  it("on a page of a paper the library holds, the first edit sends what the page says, to teach the library; later ones the key", async () => {
    const pageCard = card('Seen Before', { arxivId: '2401.00001', proceedings: 'Proceedings of CVPR', year: 2024, url: 'https://openaccess.thecvf.com/x.html' });
    const { bg, rows } = await open({
      'tab.get': () => ({ state: null, statuses: [{ status: 'seen', paper: A, match: { rule: 'arxiv-id', text: 'same arXiv id' } }], reading: { format: 'page', host: 'openaccess.thecvf.com', card: pageCard, paper: A } }),
      'paper.save': () => ({ paper: { ...A, savedAt: Date.now(), proceedings: 'Proceedings of CVPR' } }),
      'paper.tags': (req) => ({ paper: { ...A, tags: req.add } }),
    });
    click(rows()[0]!.querySelector('[data-testid="save-toggle"]'));
    await settle();
    expect(bg.of('paper.save')).toEqual([{ type: 'paper.save', target: { card: pageCard }, saved: true }]);
    // Open already: the popup was opened on the paper, for its tags and note.
    const input = rows()[0]!.querySelector<HTMLInputElement>('[data-testid="tag-input"]')!;
    type(input, 'cvpr');
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await settle();
    expect(bg.of('paper.tags')).toEqual([{ type: 'paper.tags', target: { key: A.key }, add: ['cvpr'] }]);
  });

  it("on a publisher's PDF of a paper not in the library, names its DOI and where to save it from", async () => {
    const { v } = await open({
      'tab.get': () => ({ state: null, statuses: [], reading: { format: 'pdf', host: 'dl.acm.org', doi: '10.1145/1', paper: null } }),
      'library.recent': () => ({ papers: [] }),
    });
    expect(v.$('[data-testid="site-name"]')!.textContent).toBe('dl.acm.org · PDF');
    expect(v.$('[data-testid="reading-unknown"]')!.textContent).toBe('This paper (doi:10.1145/1) is not in your library yet. Open its page ↗ to save it there.');
    expect(v.$('[data-testid="reading-abs"]')!.getAttribute('href')).toBe('https://doi.org/10.1145/1');
  });

  it('takes the tab from ?tab= when given', async () => {
    expect(await resolveTabId('?tab=42')).toBe(42);
  });
});
