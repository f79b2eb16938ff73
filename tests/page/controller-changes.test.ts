// @vitest-environment happy-dom
/**
 * PageController following changes made elsewhere (dejalu.changed): the papers it shows, papers
 * deleted or merged away, the whole library, and replies that come out of order
 * (./controller-harness.ts: a stand-in site and page UI).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type CardInput, type CardStatus, type PaperView } from '../../lib/messages';
import { fakeBackground, paper } from '../popup/helpers';
import { change, startController, stopControllers } from './controller-harness';

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

  it('asks nothing for an event that names none of its papers', async () => {
    const { bg } = await started();
    const before = bg.requests.length;
    await change({ keys: ['arxiv:9999.99999'] });
    expect(bg.requests).toHaveLength(before);
  });
});
