// @vitest-environment happy-dom
/**
 * PageController following the page itself: a jump within the page is the same visit, another URL
 * is another; cards the page takes away leave the counts and the tab's report; a page restored
 * from the back/forward cache reports again (./controller-harness.ts: a stand-in site and page UI).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type CardInput, type CardStatus, type PaperStatus } from '../../lib/messages';
import { fakeBackground, paper } from '../popup/helpers';
import { change, fakeUi, newController, settle, stopControllers } from './controller-harness';

const LOAD = { ...DEFAULT_SETTINGS, seenMode: 'load' as const };

/** The visits each paper was recorded in, by arXiv id: lookups answer Seen for a paper with one. */
let visits: Map<string, Set<string>>;
/** Cards the library takes for another card's paper (a conference version matched by its title), by arXiv id. */
let sameAs: Map<string, string>;
function statusOf(c: CardInput): CardStatus {
  const id = sameAs.get(c.arxivId!) ?? c.arxivId!;
  const v = visits.get(id);
  if (!v?.size) return { status: 'new' };
  return { status: 'seen', paper: paper({ key: `arxiv:${id}`, title: c.title, seenCount: v.size, updatedAt: 1 }) };
}

/** Times `sightings.record` fails as if the background's worker could not take it, before it works. */
let recordFailures = 0;
function background() {
  return fakeBackground({
    'cards.lookup': (r: { cards: CardInput[] }) => ({ statuses: r.cards.map(statusOf), settings: LOAD }),
    'sightings.record': (r: { visitId: string; cards: CardInput[] }) => {
      if (recordFailures > 0 && recordFailures--) throw new Error('The message port closed before a response was received.');
      for (const c of r.cards) visits.set(c.arxivId!, (visits.get(c.arxivId!) ?? new Set()).add(r.visitId));
      return { recorded: r.cards.length };
    },
    'tab.report': () => ({}),
    'settings.get': () => ({ settings: LOAD }),
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  fakeBrowser.reset();
  visits = new Map();
  sameAs = new Map();
  recordFailures = 0;
  history.replaceState(null, '', '/list/cs.LG/new');
  document.body.innerHTML =
    '<section><article id="2401.00001">Paper A</article><article id="2401.00002">Paper B</article><article id="2401.00003">Paper C</article></section>';
});
afterEach(() => {
  stopControllers();
  history.replaceState(null, '', '/');
});

describe('PageController, following the page', () => {
  it('takes a jump within the page ("#item13", a skip link) as the same visit, and another URL as another', async () => {
    const bg = background();
    const { ui, shown } = fakeUi();
    const c = newController(ui);
    await c.start();
    await settle();
    await c.flush();
    expect(shown.get('2401.00001')?.status).toBe('new');

    // The reader clicks "Replacements" (href="#item13"): the URL gains a hash, nothing else changes.
    history.pushState(null, '', '/list/cs.LG/new#item13');
    window.dispatchEvent(new Event('hashchange'));
    await wait(250);
    await settle();
    await c.flush();
    expect(bg.of('cards.lookup')).toHaveLength(1);
    expect(shown.get('2401.00001')?.status).toBe('new');
    expect([...visits.get('2401.00001')!]).toHaveLength(1);

    // Another listing, by client-side navigation: a new visit, whose lookup knows the last one.
    history.pushState(null, '', '/list/cs.AI/new');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(bg.of('cards.lookup')).toHaveLength(2), { timeout: 1_000 });
    await settle();
    expect(shown.get('2401.00001')?.status).toBe('seen');
  });

  it('sends a batch of sightings the background could not take again, for the visit and page it was seen on', async () => {
    const bg = background();
    recordFailures = 1;
    const c = newController(fakeUi().ui);
    await c.start();
    await settle();
    await c.flush();
    expect(bg.of('sightings.record')).toHaveLength(1);
    expect(visits.size).toBe(0);
    const first = bg.of('sightings.record')[0]!;

    // Before the retry, the reader moves on to another listing: the batch still belongs to the first.
    history.pushState(null, '', '/list/cs.AI/new');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.waitFor(() => expect(visits.get('2401.00001')?.size).toBe(2), { timeout: 3_000 });
    const records = bg.of('sightings.record');
    const again = records.filter((r) => r['visitId'] === first['visitId']);
    expect(again).toHaveLength(2);
    expect(again[1]).toEqual(first);
    expect((again[1]!['page'] as { url: string }).url).toMatch(/\/list\/cs\.LG\/new$/);
  });

  it('files a card the library did not hold under the paper its sighting stored, so edits made elsewhere reach it', async () => {
    // As for a title-only result: the stored paper's key is not the card's own id.
    const keyOf = (c: CardInput) => `title:${c.title.toLowerCase()}`;
    let saved = false;
    const bg = fakeBackground({
      'cards.lookup': (r: { cards: CardInput[] }) => ({ statuses: r.cards.map(() => ({ status: 'new' })), settings: LOAD }),
      'sightings.record': (r: { cards: CardInput[] }) => ({ recorded: r.cards.length, keys: r.cards.map(keyOf) }),
      'tab.report': () => ({}),
      'settings.get': () => ({ settings: LOAD }),
      'papers.get': (r: { keys: string[] }) => ({
        papers: r.keys.map((k) => paper({ key: k, title: 'Paper B', seenCount: 1, updatedAt: 2, ...(saved ? { savedAt: 2 } : {}) })),
      }),
    });
    const { ui, shown } = fakeUi();
    const c = newController(ui);
    await c.start();
    await settle();
    await c.flush();
    await settle();
    expect(bg.of('sightings.record')).toHaveLength(1);
    expect(shown.get('2401.00002')?.status).toBe('new');
    // Saved from the popup: the change names the stored paper's key, which the page now knows.
    saved = true;
    await change({ keys: ['title:paper b'] });
    expect(bg.of('papers.get')).toEqual([{ type: 'papers.get', keys: ['title:paper b'] }]);
    expect(shown.get('2401.00002')?.status).toBe('saved');
    expect(shown.get('2401.00002')?.paper?.key).toBe('title:paper b');
    expect(shown.get('2401.00001')?.status).toBe('new');
  });

  it('drops the cards the page takes away from the summary and the tab report', async () => {
    const bg = background();
    const { ui, shown } = fakeUi();
    let counts: Record<PaperStatus, number> | null = null;
    ui.setSummary = (c) => void (counts = c);
    await newController(ui).start();
    await settle();
    expect(counts).toEqual({ new: 3, seen: 0, saved: 0 });

    // The page filters its list: two cards are removed, nothing is added.
    document.getElementById('2401.00002')!.remove();
    document.getElementById('2401.00003')!.remove();
    await vi.waitFor(() => expect(counts).toEqual({ new: 1, seen: 0, saved: 0 }), { timeout: 1_000 });
    expect([...shown.keys()]).toEqual(['2401.00001']);
    // The first lookup carried the report; the one after the removal has the card that is left.
    expect(bg.of('tab.report').map((r) => (r['cards'] as unknown[]).length)).toEqual([1]);
  });

  it("counts a paper the page lists twice once in the summary, and still badges both cards", async () => {
    background();
    visits.set('2401.00001', new Set(['an earlier visit']));
    visits.set('2401.00002', new Set(['an earlier visit']));
    sameAs.set('2401.00003', '2401.00001');
    const { ui, shown } = fakeUi();
    let counts: Record<PaperStatus, number> | null = null;
    ui.setSummary = (c) => void (counts = c);
    await newController(ui).start();
    await settle();
    expect(shown.get('2401.00003')?.paper?.key).toBe('arxiv:2401.00001');
    expect(shown.size).toBe(3);
    expect(counts).toEqual({ new: 0, seen: 2, saved: 0 });
  });

  it('reports its cards again when Back or Forward restores the page from the cache', async () => {
    const bg = background();
    await newController(fakeUi().ui).start();
    await settle();
    const reports = bg.of('tab.report').length;
    // An ordinary pageshow (the first load) is not a restore.
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: false }));
    await settle();
    expect(bg.of('tab.report')).toHaveLength(reports);
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    await settle();
    expect(bg.of('tab.report')).toHaveLength(reports + 1);
    expect(bg.of('tab.report').at(-1)!['cards']).toHaveLength(3);
  });
});
