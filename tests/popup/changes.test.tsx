// @vitest-environment happy-dom
/**
 * The popup following changes made while it is open: an import (one event carrying the settings it
 * brought and \`all\`), and a paper the page's own visit moved to its arXiv key (a title-only
 * paper, e.g. from a Zotero import, shown on Hugging Face with its id).
 */
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, type CardStatus, type TabState } from '../../lib/messages';
import { Popup } from '../../components/popup/Popup';
import { card, fakeBackground, HF_PAGE, mount, paper, settle, sighting } from './helpers';

let view: ReturnType<typeof mount> | undefined;
beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  view?.unmount();
  view = undefined;
  vi.restoreAllMocks();
});

async function push(event: object) {
  await act(async () => {
    await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', ...event }, {});
  });
  await settle();
}

const IMPORTED: TabState = { page: HF_PAGE, cards: [{ card: card('Imported Later', { arxivId: '2401.00077' }), status: 'new' }], updatedAt: 0 };

const OLD = paper({ key: 'title:deep residual learning for image recognition', title: 'Deep Residual Learning for Image Recognition', seenCount: 1, first: sighting('Nov 3') });
const MOVED = { ...OLD, key: 'arxiv:1512.03385', arxivId: '1512.03385', seenCount: 2 };
const SAVED = { ...MOVED, savedAt: Date.now() };

const STATE: TabState = {
  page: HF_PAGE,
  cards: [{ card: card('Deep Residual Learning for Image Recognition', { arxivId: '1512.03385' }), status: 'seen' }],
  updatedAt: 0,
};
const STATUSES: CardStatus[] = [{ status: 'seen', paper: OLD, match: { rule: 'title', text: 'same title' } }];


describe('popup and an import', () => {
  it('re-reads the tab when an import (settings + all) finishes', async () => {
    let statuses: CardStatus[] = [{ status: 'new' }];
    const bg = fakeBackground({ 'tab.get': () => ({ state: IMPORTED, statuses }) });
    view = mount(<Popup getTabId={async () => 7} />);
    await settle();
    expect(bg.of('tab.get')).toHaveLength(1);
    // The import saved this paper.
    statuses = [{ status: 'saved', paper: paper({ key: 'arxiv:2401.00077', title: 'Imported Later', savedAt: Date.now() }), match: { rule: 'arxiv-id', text: 'same arXiv id' } }];
    await push({ keys: [], settings: DEFAULT_SETTINGS, all: true });
    expect(bg.of('tab.get')).toHaveLength(2);
    expect(view.$('[data-testid="paper-row"]')!.dataset.current).toBe('saved');
  });
});

describe('popup and moved papers', () => {
  it('shows a save made on the page after the visit moved the paper to its arXiv key', async () => {
    let current = MOVED;
    fakeBackground({
      'tab.get': () => ({ state: STATE, statuses: STATUSES }),
      'papers.get': (req: { keys: string[] }) => ({ papers: req.keys.map((k) => (k === current.key ? current : null)) }),
    });
    view = mount(<Popup getTabId={async () => 7} />);
    await settle();
    const row = () => view!.$('[data-testid="paper-row"]')!;
    expect(row().dataset.key).toBe(OLD.key);
    // The visit's sighting moved the paper (the background's onMoved → notify).
    await push({ keys: [MOVED.key], moved: { [OLD.key]: MOVED.key } });
    expect(row().dataset.key).toBe(MOVED.key);
    // The reader saves it from its badge on the page.
    current = SAVED;
    await push({ keys: [SAVED.key] });
    expect(row().dataset.current).toBe('saved');
  });
});
