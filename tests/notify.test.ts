import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type ChangeEvent } from '../lib/messages';
import { createNotify, forContentScripts } from '../lib/notify';

function harness(tabs: number[] = [11, 12]) {
  const pages: ChangeEvent[] = [];
  const sent: [number, ChangeEvent][] = [];
  let queries = 0;
  const notify = createNotify({
    toPages: async (e) => void pages.push(e),
    digestTabs: async () => {
      queries++;
      return tabs;
    },
    toTab: async (id, e) => void sent.push([id, e]),
  });
  return { notify, pages, sent, queries: () => queries };
}

describe('notify', () => {
  it('tells the extension pages and every digest tab of changed papers', async () => {
    const h = harness();
    await h.notify(['arxiv:2401.00001']);
    expect(h.pages).toEqual([{ type: 'dejalu.changed', keys: ['arxiv:2401.00001'] }]);
    expect(h.sent.map(([id]) => id)).toEqual([11, 12]);
    expect(h.sent[0]![1]).toEqual(h.pages[0]);
  });

  it('tells the tabs of new settings, cards to match again and whole-library changes, even with no paper keys', async () => {
    const h = harness();
    await h.notify([], { settings: DEFAULT_SETTINGS });
    await h.notify(['arxiv:2401.00001', 'title:x'], { rematch: ['arxiv:2401.00001'] });
    await h.notify([], { all: true });
    expect(h.sent.map(([id, e]) => [id, e.settings !== undefined, e.rematch?.length ?? 0, e.all ?? false])).toEqual([
      [11, true, 0, false],
      [12, true, 0, false],
      [11, false, 1, false],
      [12, false, 1, false],
      [11, false, 0, true],
      [12, false, 0, true],
    ]);
  });

  it('does not wake the digest tabs for an event their content scripts ignore (a tab report)', async () => {
    const h = harness();
    await h.notify([]);
    expect(h.pages).toEqual([{ type: 'dejalu.changed', keys: [] }]);
    expect(h.queries()).toBe(0);
    expect(h.sent).toEqual([]);
  });

  it("tells only the extension pages of a visit's sightings", async () => {
    const h = harness();
    await h.notify(['arxiv:2401.00001'], { sightings: true });
    expect(h.pages).toEqual([{ type: 'dejalu.changed', keys: ['arxiv:2401.00001'], sightings: true }]);
    expect(h.queries()).toBe(0);
    expect(h.sent).toEqual([]);
  });

  it('drops failed sends: a closed page or a tab without the script never breaks the caller', async () => {
    const notify = createNotify({
      toPages: () => Promise.reject(new Error('no receiver')),
      digestTabs: async () => [1, 2],
      toTab: (id) => (id === 1 ? Promise.reject(new Error('no content script')) : Promise.resolve()),
    });
    await expect(notify(['k'])).resolves.toBeUndefined();
    const broken = createNotify({
      toPages: async () => {},
      digestTabs: () => Promise.reject(new Error('tabs permission')),
      toTab: async () => {},
    });
    await expect(broken(['k'])).resolves.toBeUndefined();
  });

  it('forContentScripts matches what PageController.onChange acts on', () => {
    expect(forContentScripts({ type: 'dejalu.changed', keys: [] })).toBe(false);
    expect(forContentScripts({ type: 'dejalu.changed', keys: ['k'] })).toBe(true);
    expect(forContentScripts({ type: 'dejalu.changed', keys: [], settings: DEFAULT_SETTINGS })).toBe(true);
    expect(forContentScripts({ type: 'dejalu.changed', keys: [], rematch: ['k'] })).toBe(true);
    expect(forContentScripts({ type: 'dejalu.changed', keys: [], all: true })).toBe(true);
    expect(forContentScripts({ type: 'dejalu.changed', keys: ['k'], sightings: true })).toBe(false);
  });
});
