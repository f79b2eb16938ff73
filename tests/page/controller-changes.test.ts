// @vitest-environment happy-dom
/**
 * PageController following changes made elsewhere (dejalu.changed): the papers it shows, papers
 * deleted or merged away, the whole library, settings, and replies that come out of order
 * (./controller-harness.ts: a stand-in site and page UI).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type CardInput, type CardStatus, type PaperView, type Settings } from '../../lib/messages';
import { fakeBackground, paper } from '../popup/helpers';
import { badgeLabel } from '../../components/badge/label';
import { runPage } from '../../lib/page/run';
import { change, fakeUi, newController, settle, site, startController, stopControllers } from './controller-harness';

const A = paper({ key: 'arxiv:2401.00001', title: 'Paper A', savedAt: 1, note: 'kept', updatedAt: 20 });

/** What the library holds, by arXiv id; lookups and papers.get answer from it. */
let library: Map<string, PaperView>;
function statusOf(c: CardInput): CardStatus {
  const p = library.get(c.arxivId!);
  return p ? { status: p.savedAt ? 'saved' : 'seen', paper: p } : { status: 'new' };
}

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<article id="2401.00001">Paper A</article><article id="2401.00002">Paper B</article>';
  library = new Map([['2401.00001', A]]);
});
afterEach(() => {
  stopControllers();
  vi.restoreAllMocks();
});

async function started() {
  const papersGet: PaperView[][] = [];
  const bg = fakeBackground({
    'cards.lookup': (r: { cards: CardInput[] }) => ({ statuses: r.cards.map(statusOf), settings: { ...DEFAULT_SETTINGS, seenMode: 'never' } }),
    'papers.get': (r: { keys: string[] }) => {
      const papers = r.keys.map((k) => library.get(k.replace('arxiv:', '')) ?? null);
      papersGet.push(papers.filter((p): p is PaperView => p !== null));
      return { papers };
    },
    'tab.report': () => ({}),
  });
  const { shown } = await startController();
  return { bg, shown };
}

describe('PageController, changes made elsewhere', () => {
  it('shows an edit made elsewhere, and ignores a view older than the one it shows', async () => {
    const { shown } = await started();
    expect(shown.get('2401.00001')).toMatchObject({ status: 'saved', paper: { note: 'kept' } });

    // The echo of an earlier edit, arriving after a later one: nothing goes back.
    library.set('2401.00001', { ...A, note: 'older', tags: ['x'], updatedAt: 10 });
    await change({ keys: [A.key] });
    expect(shown.get('2401.00001')!.paper).toMatchObject({ note: 'kept', tags: [] });

    library.set('2401.00001', { ...A, note: 'newer', tags: ['rl'], updatedAt: 30 });
    await change({ keys: [A.key] });
    expect(shown.get('2401.00001')!.paper).toMatchObject({ note: 'newer', tags: ['rl'] });
  });

  it('keeps the count it was looked up with: an edit whose paper holds this visit\'s sighting says Seen 1× still', async () => {
    const B = paper({ key: 'arxiv:2401.00002', title: 'Paper B', seenCount: 1, updatedAt: 5, first: { at: 1, site: 'huggingface', label: 'Oct 29', pageUrl: 'https://huggingface.co/papers/date/2025-10-29', digestDate: '2025-10-29' } });
    library.set('2401.00002', B);
    const { bg, shown } = await started();
    expect(shown.get('2401.00002')).toMatchObject({ status: 'seen', seenBefore: 1 });
    expect(badgeLabel(shown.get('2401.00002')!)).toMatch(/^Seen 1× · first Oct 29/);
    // Tagged in the popup after this visit's sighting: the paper now counts two.
    library.set('2401.00002', { ...B, seenCount: 2, tags: ['rl'], updatedAt: 30 });
    await change({ keys: [B.key] });
    expect(shown.get('2401.00002')!.paper).toMatchObject({ seenCount: 2, tags: ['rl'] });
    expect(badgeLabel(shown.get('2401.00002')!)).toMatch(/^Seen 1× · first Oct 29/);
    // The tab's report says what the badges say, and which visit it is of.
    const report = bg.of('tab.report').at(-1) as { visitId?: string; cards: { status: string; seen?: number }[] } | undefined;
    expect(report?.visitId).toBe(shown.get('2401.00002')!.visitId);
    expect(report?.visitId).toBeTruthy();
    expect(report?.cards).toEqual([expect.objectContaining({ status: 'saved', seen: 0 }), expect.objectContaining({ status: 'seen', seen: 1 })]);
  });

  it('unsaved elsewhere, a paper saved but never seen before this visit is New, its visit\'s sighting not "seen before"', async () => {
    const { shown } = await started();
    expect(shown.get('2401.00001')).toMatchObject({ status: 'saved', seenBefore: 0 });
    library.set('2401.00001', { ...A, savedAt: undefined, seenCount: 1, updatedAt: 30 });
    await change({ keys: [A.key] });
    expect(shown.get('2401.00001')).toMatchObject({ status: 'new' });
  });

  it("ignores a visit's sightings, which change no status it shows", async () => {
    const { bg } = await started();
    const gets = bg.of('papers.get').length;
    await change({ keys: [A.key], sightings: true });
    expect(bg.of('papers.get')).toHaveLength(gets);
  });

  it('looks a card up again when its paper is gone: it shows New, and a paper stored later under its key reaches it', async () => {
    const { bg, shown } = await started();
    const lookups = bg.of('cards.lookup').length;
    library.delete('2401.00001');
    await change({ keys: [A.key] });
    expect(bg.of('cards.lookup')).toHaveLength(lookups + 1);
    expect(bg.of('cards.lookup').at(-1)!['cards']).toEqual([expect.objectContaining({ arxivId: '2401.00001' })]);
    expect(shown.get('2401.00001')).toMatchObject({ status: 'new', paper: undefined });
    // Listed under its card now: a paper saved later under that key reaches it again.
    library.set('2401.00001', { ...A, note: '', updatedAt: 40 });
    await change({ keys: [A.key] });
    expect(shown.get('2401.00001')).toMatchObject({ status: 'saved', paper: { updatedAt: 40 } });
  });

  it('looks every card up again after a whole-library change (cleared, restored, imported)', async () => {
    const { bg, shown } = await started();
    const lookups = bg.of('cards.lookup').length;
    library.delete('2401.00001');
    library.set('2401.00002', paper({ key: 'arxiv:2401.00002', title: 'Paper B', savedAt: 5, updatedAt: 50 }));
    await change({ keys: [], all: true });
    expect(bg.of('cards.lookup')).toHaveLength(lookups + 1);
    expect(bg.of('cards.lookup').at(-1)!['cards']).toHaveLength(2);
    expect(shown.get('2401.00001')).toMatchObject({ status: 'new', paper: undefined });
    expect(shown.get('2401.00002')).toMatchObject({ status: 'saved', paper: { key: 'arxiv:2401.00002' } });
  });

  it("a card looked up again counts what its paper was seen before this visit: the visit's own sighting left out once it has one", async () => {
    // The library as the worker has it, with the papers whose history holds this visit's sighting.
    const during = new Set<string>();
    const bg = fakeBackground({
      'cards.lookup': (r: { cards: CardInput[]; visitId?: string; beforeVisit?: number }) => ({
        statuses: r.cards.map((c) => {
          const st = statusOf(c);
          if (r.beforeVisit === undefined || !st.paper) return st;
          const seenBefore = st.paper.seenCount - (during.has(c.arxivId!) ? 1 : 0);
          return { ...st, status: st.paper.savedAt ? 'saved' : seenBefore > 0 ? 'seen' : 'new', seenBefore };
        }),
        settings: { ...DEFAULT_SETTINGS, seenMode: 'load' },
      }),
      'sightings.record': (r: { cards: CardInput[] }) => {
        for (const c of r.cards) during.add(c.arxivId!);
        return { recorded: r.cards.length };
      },
      'papers.get': (r: { keys: string[] }) => ({ papers: r.keys.map((k) => library.get(k.replace('arxiv:', '')) ?? null) }),
      'tab.report': () => ({}),
    });
    const { c, shown } = await startController();
    // The visit's first lookup has no sighting to leave out, and reads no history for it.
    expect(bg.of('cards.lookup')[0]).not.toHaveProperty('beforeVisit');
    expect(shown.get('2401.00002')).toMatchObject({ status: 'new' });
    await c.flush();
    expect([...during].sort()).toEqual(['2401.00001', '2401.00002']);

    // Saved during this visit (its sighting stored it), then the library restored: looked up again.
    const B = paper({ key: 'arxiv:2401.00002', title: 'Paper B', savedAt: 5, seenCount: 1, updatedAt: 60 });
    library.set('2401.00002', B);
    await change({ keys: [], all: true });
    const asked = bg.of('cards.lookup').at(-1)!;
    expect(asked).toMatchObject({ beforeVisit: expect.any(Number), visitId: shown.get('2401.00002')!.visitId });
    expect(asked.beforeVisit).toBeLessThanOrEqual(Date.now());
    expect(shown.get('2401.00002')).toMatchObject({ status: 'saved', seenBefore: 0 });
    // Unsaved: New, not Seen 1× (its one sighting is this visit's).
    library.set('2401.00002', { ...B, savedAt: undefined, updatedAt: 70 });
    await change({ keys: [], all: true });
    expect(badgeLabel(shown.get('2401.00002')!)).toMatch(/^New/);

    // A backup restored with the paper's older past: seen twice before this visit, and once in it.
    const first = { at: 1, site: 'huggingface' as const, label: 'Oct 29', pageUrl: 'https://huggingface.co/papers/date/2025-10-29', digestDate: '2025-10-29' };
    library.set('2401.00002', paper({ key: 'arxiv:2401.00002', title: 'Paper B', seenCount: 3, firstSeen: 1, first, updatedAt: 80 }));
    await change({ keys: [], all: true });
    expect(shown.get('2401.00002')).toMatchObject({ status: 'seen', seenBefore: 2 });
    expect(badgeLabel(shown.get('2401.00002')!)).toMatch(/^Seen 2× · first Oct 29/);
    // Deleted, then the deletion undone: as before this visit again, not New.
    const back = library.get('2401.00002')!;
    library.delete('2401.00002');
    await change({ keys: ['arxiv:2401.00002'] });
    expect(shown.get('2401.00002')).toMatchObject({ status: 'new', paper: undefined });
    library.set('2401.00002', back);
    await change({ keys: [], all: true });
    expect(badgeLabel(shown.get('2401.00002')!)).toMatch(/^Seen 2× · first Oct 29/);
  });

  it('asks once more when the lookup after a whole-library change goes unanswered (a worker busy or restarting)', async () => {
    let unanswered = 1;
    const bg = fakeBackground({
      'cards.lookup': (r: { cards: CardInput[] }) => {
        if (r.cards.length === 2 && bg.of('cards.lookup').length > 1 && unanswered-- > 0) throw new Error('Could not establish connection.');
        return { statuses: r.cards.map(statusOf), settings: { ...DEFAULT_SETTINGS, seenMode: 'never' } };
      },
      'tab.report': () => ({}),
    });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { shown } = await startController();
    expect(shown.get('2401.00001')).toMatchObject({ status: 'saved' });
    library.clear();
    await change({ keys: [], all: true });
    await vi.waitFor(() => expect(shown.get('2401.00001')).toMatchObject({ status: 'new', paper: undefined }), { timeout: 2_000 });
    expect(unanswered).toBe(-1);
  });

  it('follows changes in the order they came: a reply about an earlier one never undoes a later one', async () => {
    // A paper restored, then the whole library cleared at once: the reply to the restore's
    // papers.get, slow to come, must not show the paper saved again after the clear.
    let release!: () => void;
    const late = new Promise<void>((r) => (release = r));
    fakeBackground({
      'cards.lookup': (r: { cards: CardInput[] }) => ({ statuses: r.cards.map(statusOf), settings: { ...DEFAULT_SETTINGS, seenMode: 'never' } }),
      'papers.get': async (r: { keys: string[] }) => {
        const papers = r.keys.map((k) => library.get(k.replace('arxiv:', '')) ?? null);
        await late;
        return { papers };
      },
      'tab.report': () => ({}),
    });
    const { shown } = await startController();
    const restored = change({ keys: [A.key] });
    library.clear();
    const cleared = change({ keys: [], all: true });
    await settle();
    release();
    await Promise.all([restored, cleared]);
    await settle();
    expect(shown.get('2401.00001')).toMatchObject({ status: 'new', paper: undefined });
  });

  it('asks nothing for an event that names none of its papers', async () => {
    const { bg } = await started();
    const before = bg.requests.length;
    await change({ keys: ['arxiv:9999.99999'] });
    expect(bg.requests).toHaveLength(before);
  });
});

describe('PageController, settings changed elsewhere', () => {
  /** Sightings recorded, by arXiv id. */
  let recorded: string[];
  function background(settings: Settings) {
    recorded = [];
    return fakeBackground({
      'cards.lookup': (r: { cards: CardInput[] }) => ({ statuses: r.cards.map(statusOf), settings }),
      'sightings.record': (r: { cards: CardInput[] }) => {
        recorded.push(...r.cards.map((c) => c.arxivId!));
        return { recorded: r.cards.length };
      },
      'tab.report': () => ({}),
      'settings.get': () => ({ settings }),
    });
  }
  async function started(settings: Settings) {
    const bg = background(settings);
    const { ui, shown } = fakeUi();
    const c = newController(ui);
    await c.start();
    await settle();
    return { bg, shown, c };
  }
  /** The reader has card `id` on screen long enough for it to count as seen. */
  async function reads(c: ReturnType<typeof newController>, id: string) {
    (c as unknown as { seen: { visibility(el: Element, on: boolean): void } }).seen.visibility(document.getElementById(id)!, true);
    await new Promise((r) => setTimeout(r, 650));
  }

  it('turning the site off takes the badges off the open page, and nothing more is shown or recorded', async () => {
    const on = { ...DEFAULT_SETTINGS, seenMode: 'load' as const };
    const { bg, shown, c } = await started(on);
    await c.flush();
    expect(shown.size).toBe(2);
    expect(recorded.sort()).toEqual(['2401.00001', '2401.00002']);
    recorded = [];

    await change({ keys: [], settings: { ...on, sites: { ...on.sites, huggingface: false } } });
    expect(shown.size).toBe(0);
    // The popup and the toolbar count no longer list its cards.
    expect(bg.of('tab.report').at(-1)).toMatchObject({ cards: [] });
    // More cards come in (infinite scroll, client-side navigation).
    document.body.insertAdjacentHTML('beforeend', '<article id="2401.00003">Paper C</article>');
    await new Promise((r) => setTimeout(r, 300));
    await c.flush();
    expect(shown.size).toBe(0);
    expect(bg.of('cards.lookup')).toHaveLength(1);
    expect(recorded).toEqual([]);
  });

  it('a site turned off and on again in the settings comes back on the open page, without a reload', async () => {
    const on = { ...DEFAULT_SETTINGS, seenMode: 'load' as const };
    const off = { ...on, sites: { ...on.sites, huggingface: false } };
    let settings: Settings = off;
    const bg = fakeBackground({
      'cards.lookup': (r: { cards: CardInput[] }) => ({ statuses: r.cards.map(statusOf), settings }),
      'sightings.record': (r: { cards: CardInput[] }) => ({ recorded: r.cards.length }),
      'tab.report': () => ({}),
      'settings.get': () => ({ settings }),
    });
    const uis: ReturnType<typeof fakeUi>[] = [];
    const page = runPage(site, () => (uis.push(fakeUi()), uis.at(-1)!.ui), document);
    try {
      // Off when the page loaded: nothing shown.
      await settle();
      expect(uis.at(-1)!.shown.size).toBe(0);
      // Another setting changes, the site stays off: still nothing.
      await change({ keys: [], settings: { ...off, fadeSeen: !off.fadeSeen } });
      expect(uis).toHaveLength(1);
      // Turned on in the library: the open page shows its badges (a new visit: a new lookup).
      settings = on;
      await change({ keys: [], settings: on });
      expect(uis).toHaveLength(2);
      expect([...uis[1]!.shown.keys()].sort()).toEqual(['2401.00001', '2401.00002']);
      // Off and on once more: one page, not two.
      settings = off;
      await change({ keys: [], settings: off });
      expect(uis[1]!.shown.size).toBe(0);
      settings = on;
      await change({ keys: [], settings: on });
      await change({ keys: [], settings: on });
      expect(uis).toHaveLength(3);
      expect(uis[2]!.shown.size).toBe(2);
      expect(bg.of('cards.lookup').length).toBeGreaterThanOrEqual(3);
    } finally {
      page.stop();
    }
  });

  it('switching to "Only when I mark it" stops recording the cards already on the page', async () => {
    const visible = { ...DEFAULT_SETTINGS, seenMode: 'visible' as const };
    const { c } = await started(visible);
    await change({ keys: [], settings: { ...visible, seenMode: 'never' } });
    await reads(c, '2401.00002');
    await c.flush();
    expect(recorded).toEqual([]);
  });

  it('switching to "When the page loads" records the cards on the page not yet recorded, each once', async () => {
    const visible = { ...DEFAULT_SETTINGS, seenMode: 'visible' as const };
    const { c } = await started(visible);
    await reads(c, '2401.00001');
    await change({ keys: [], settings: { ...visible, seenMode: 'load' } });
    await c.flush();
    expect(recorded.sort()).toEqual(['2401.00001', '2401.00002']);
  });
});
