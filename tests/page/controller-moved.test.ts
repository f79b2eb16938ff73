// @vitest-environment happy-dom
/**
 * PageController when a paper it shows moves to a new key (`dejalu.changed` with `moved`): a visit
 * showed a title-only paper's arXiv id. The card is the same paper, so it keeps its status and
 * follows the paper under its new key (./controller-harness.ts: a stand-in site and page UI).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type CardInput, type PaperView } from '../../lib/messages';
import { fakeBackground, paper } from '../popup/helpers';
import { change, startController, stopControllers } from './controller-harness';

const OLD = 'title:paper a';
const NEW = 'arxiv:2401.00001';

beforeEach(() => {
  fakeBrowser.reset();
  document.body.innerHTML = '<article id="2401.00001">Paper A</article>';
});
afterEach(stopControllers);

it('a card whose paper moved keeps its status and follows the paper under its new key', async () => {
  const before = paper({ key: OLD, title: 'Paper A', seenCount: 1, updatedAt: 10 });
  let stored: PaperView = before;
  const bg = fakeBackground({
    'cards.lookup': (r: { cards: CardInput[] }) => ({
      statuses: r.cards.map(() => ({ status: 'seen', paper: before })),
      settings: { ...DEFAULT_SETTINGS, seenMode: 'never' },
    }),
    'papers.get': (r: { keys: string[] }) => ({ papers: r.keys.map((k) => (k === stored.key ? stored : null)) }),
    'tab.report': () => ({}),
  });
  const { shown } = await startController();
  expect(shown.get('2401.00001')).toMatchObject({ status: 'seen', paper: { key: OLD } });
  const lookups = bg.of('cards.lookup').length;

  // The visit's sighting re-keyed the paper (and counted this visit).
  stored = { ...before, key: NEW, seenCount: 2, updatedAt: 20 };
  await change({ keys: [NEW], moved: { [OLD]: NEW } });
  expect(shown.get('2401.00001')).toMatchObject({ status: 'seen', paper: { key: NEW, seenCount: 2 } });
  // Not looked up again: it is the same paper.
  expect(bg.of('cards.lookup')).toHaveLength(lookups);

  // Later edits made elsewhere reach it under the new key.
  stored = { ...stored, savedAt: 30, tags: ['scaling'], updatedAt: 30 };
  await change({ keys: [NEW] });
  expect(shown.get('2401.00001')).toMatchObject({ status: 'saved', paper: { key: NEW, tags: ['scaling'] } });
});
