// @vitest-environment happy-dom
/**
 * PageController's lookups: within the message schema whatever the page holds, and when the
 * background does not answer (a worker starting or stopping, a database that cannot open), no badge
 * rather than a wrong "New", a second try, and later scans until it answers, for a minute at most
 * (./controller-harness.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, PageInfoSchema, type CardInput, type CardStatus } from '../../lib/messages';
import { fakeBackground, paper } from '../popup/helpers';
import { fakeUi, newController, startController, stopControllers } from './controller-harness';

const A = paper({ key: 'arxiv:2401.00001', title: 'Paper A', savedAt: 1, updatedAt: 1 });
const statusOf = (c: CardInput): CardStatus => (c.arxivId === '2401.00001' ? { status: 'saved', paper: A } : { status: 'new' });

/** A background whose lookups fail `failures` times (as a missed message does), then answer. */
function background(failures: number, sites = DEFAULT_SETTINGS.sites) {
  let left = failures;
  return fakeBackground({
    'cards.lookup': (r: { cards: CardInput[] }) => {
      if (left-- > 0) throw new Error('Could not establish connection. Receiving end does not exist.');
      return { statuses: r.cards.map(statusOf), settings: { ...DEFAULT_SETTINGS, seenMode: 'never', sites } };
    },
    'tab.report': () => ({}),
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<article id="2401.00001">Paper A</article><article id="2401.00002">Paper B</article>';
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  stopControllers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('PageController, its lookups', () => {
  it('one the background misses is sent once more, and the badges show what the library holds', async () => {
    const bg = background(1);
    const { shown } = await startController();
    // Well before the next scan (a second later): the second try's answer.
    await vi.waitFor(() => expect(shown.size).toBe(2), { timeout: 800 });
    expect(bg.of('cards.lookup')).toHaveLength(2);
    expect(shown.get('2401.00001')).toMatchObject({ status: 'saved', paper: { key: A.key } });
    expect(shown.get('2401.00002')).toMatchObject({ status: 'new' });
  });

  it('unanswered, leaves the cards without a badge rather than call them New, and badges them when a later scan is answered', async () => {
    const bg = background(2);
    const { shown } = await startController();
    await wait(500);
    expect(bg.of('cards.lookup')).toHaveLength(2);
    expect(shown.size).toBe(0);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining('could not be asked'));
    // The scan again after a second; its lookup asks for the settings again, which the failed one lacked.
    await vi.waitFor(() => expect(shown.size).toBe(2), { timeout: 3_000 });
    expect(bg.of('cards.lookup')[2]).toMatchObject({ settings: true });
    expect(shown.get('2401.00001')).toMatchObject({ status: 'saved' });
  });

  it('still shows nothing on a site the reader turned off, when the settings come with a later scan', async () => {
    const bg = background(2, { ...DEFAULT_SETTINGS.sites, huggingface: false });
    const { shown } = await startController();
    await vi.waitFor(() => expect(bg.of('cards.lookup')).toHaveLength(3), { timeout: 3_000 });
    await wait(300);
    expect(shown.size).toBe(0);
  });

  it('turned off so, stays off: back/forward and jump links bring no badge and record nothing', async () => {
    let failures = 2;
    const settings = { ...DEFAULT_SETTINGS, seenMode: 'load' as const, sites: { ...DEFAULT_SETTINGS.sites, huggingface: false } };
    const bg = fakeBackground({
      'cards.lookup': (r: { cards: CardInput[] }) => {
        if (failures-- > 0) throw new Error('Could not establish connection. Receiving end does not exist.');
        return { statuses: r.cards.map(statusOf), settings };
      },
      'sightings.record': (r: { cards: CardInput[] }) => ({ recorded: r.cards.length }),
      'tab.report': () => ({}),
      'settings.get': () => ({ settings }),
    });
    const { ui, shown } = fakeUi();
    const c = newController(ui);
    await c.start();
    await vi.waitFor(() => expect(bg.of('cards.lookup')).toHaveLength(3), { timeout: 3_000 });
    await wait(100);
    expect(shown.size).toBe(0);
    // Off for good: it no longer listens for changes made elsewhere either.
    expect(await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', keys: [], all: true }, {})).toEqual([]);

    window.dispatchEvent(new PopStateEvent('popstate'));
    window.dispatchEvent(new Event('hashchange'));
    await wait(300);
    await c.flush();
    expect(shown.size).toBe(0);
    expect(bg.of('cards.lookup')).toHaveLength(3);
    expect(bg.of('sightings.record')).toHaveLength(0);
  });

  it('leaves a card without a title out of the lookup (the background would refuse it), and badges the rest', async () => {
    document.body.insertAdjacentHTML('beforeend', '<article id="2401.00003"></article>');
    const bg = background(0);
    const { shown } = await startController();
    expect(bg.of('cards.lookup')[0]!['cards']).toHaveLength(2);
    expect([...shown.keys()].sort()).toEqual(['2401.00001', '2401.00002']);
  });

  it('sends a page of a very long URL within the schema', async () => {
    history.replaceState(null, '', `/papers?q=${'x'.repeat(5_000)}`);
    const bg = background(0);
    const { shown } = await startController();
    expect(shown.size).toBe(2);
    const page = bg.of('cards.lookup')[0]!['report'];
    expect(PageInfoSchema.safeParse(page).success).toBe(true);
    history.replaceState(null, '', '/');
  });

  it('unanswered for a minute, stop', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const bg = background(Infinity);
    const { ui, shown } = fakeUi();
    void newController(ui).start();
    const turn = () => new Promise((r) => setImmediate(r));
    for (let s = 0; s < 300; s++) {
      await vi.advanceTimersByTimeAsync(1_000);
      for (let i = 0; i < 5; i++) await turn();
    }
    // Seven scans (the first and six more, 1 + 2 + … + 32 s apart), each sent twice.
    expect(bg.of('cards.lookup')).toHaveLength(14);
    expect(shown.size).toBe(0);
    // Nor for cards the page adds later.
    document.body.insertAdjacentHTML('beforeend', '<article id="2401.00003">Paper C</article>');
    for (let s = 0; s < 5; s++) {
      await vi.advanceTimersByTimeAsync(1_000);
      for (let i = 0; i < 5; i++) await turn();
    }
    expect(bg.of('cards.lookup')).toHaveLength(14);
  });
});
