/**
 * The popup's `tab.get` answers from the matches the tab's own lookups made, re-reading only those
 * papers: it must still show the current status, tags and notes, follow splits and new papers, and
 * fall back to a lookup when it cannot trust what it remembered.
 */
import { describe, expect, it, vi } from 'vitest';
import { DejaLuDB } from '../../lib/db';
import { Library } from '../../lib/library';
import type { CardInput, CardStatus, PageInfo } from '../../lib/messages';
import { createRouter, type Sender } from '../../lib/router';
import { memoryTabStore } from '../../lib/tabs';

const resolveSpy = vi.spyOn(Library.prototype, 'resolve');
const resolveCalls = () => resolveSpy.mock.calls.length;

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const URL_ = 'https://huggingface.co/papers/date/2025-11-03';
const popup = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
const tab = { id: EXT, url: URL_, tab: { id: 7, url: URL_ } };
const page: PageInfo = { url: URL_, site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };
let n = 0;

function setup(shared?: { name: string; tabs: ReturnType<typeof memoryTabStore> }) {
  const name = shared?.name ?? `tab-${++n}`;
  const tabs = shared?.tabs ?? memoryTabStore();
  const lib = new Library(new DejaLuDB(name));
  const handle = createRouter({ library: lib, tabs, extensionId: EXT });
  /** The same library and tabs with a new worker: Chrome stopped the old one when idle. */
  const restart = () => setup({ name, tabs });
  const ask = async <T,>(m: unknown, sender: Sender = popup) => (await handle(m, sender)) as unknown as T & { ok: boolean };
  /** What a content script does: look its cards up, record what is seen, report the tab. */
  const visit = async (cards: CardInput[], seen: CardInput[] = []) => {
    const { statuses } = await ask<{ statuses: CardStatus[] }>({ type: 'cards.lookup', cards }, tab);
    if (seen.length) await ask({ type: 'sightings.record', visitId: `v${++n}`, page, cards: seen }, tab);
    await ask({ type: 'tab.report', page, cards: cards.map((card, i) => ({ card, status: statuses[i]!.status })) }, tab);
    return statuses;
  };
  const tabGet = async () => (await ask<{ statuses: CardStatus[] }>({ type: 'tab.get', tabId: 7 })).statuses;
  return { lib, ask, visit, tabGet, restart };
}

const known: CardInput = { title: 'Scaling Laws for Neural Language Models', arxivId: '2001.08361', authors: ['Jared Kaplan'] };
const near: CardInput = { title: 'Towards Robust Vision Transformer for Dense Prediction Tasks', arxivId: '2501.04040' };
const fresh: CardInput = { title: 'A Paper Nobody Has Seen Before Today', arxivId: '2511.00001' };

describe('tab.get', () => {

  it('answers from the remembered matches with current status, tags and note, without a lookup', async () => {
    const { lib, ask, visit, tabGet } = setup();
    await lib.recordSightings('old', page, [known, { title: 'Towards Robust Vision Transformers for Dense Prediction Tasks' }]);
    const before = await visit([known, near, fresh]);
    expect(before.map((s) => s.status)).toEqual(['seen', 'seen', 'new']);
    expect(before[1]?.match?.rule).toBe('similar-title');
    // Changed after the page reported: in the popup, on the library page, from another tab.
    await ask({ type: 'paper.save', target: { key: 'arxiv:2001.08361' }, saved: true });
    await ask({ type: 'paper.tags', target: { key: before[1]!.paper!.key }, add: ['vit'], remove: [] });
    await ask({ type: 'paper.note', target: { key: before[1]!.paper!.key }, note: 'read it' });
    const calls = resolveCalls();
    const now = await tabGet();
    expect(resolveCalls()).toBe(calls);
    expect(now.map((s) => s.status)).toEqual(['saved', 'seen', 'new']);
    expect(now[0]?.match?.rule).toBe('arxiv-id');
    expect(now[1]).toMatchObject({ match: { rule: 'similar-title' }, paper: { tags: ['vit'], note: 'read it' } });
    expect(now[0]?.paper?.abstract).toBeUndefined();
  });

  it('shows a card that was new when the page looked it up as seen once its sighting is recorded', async () => {
    const { visit, tabGet } = setup();
    await visit([fresh], [fresh]);
    const [st] = await tabGet();
    expect(st).toMatchObject({ status: 'seen', paper: { key: 'arxiv:2511.00001', seenCount: 1 }, match: { rule: 'arxiv-id' } });
  });

  it('follows a "not the same paper" split made after the report', async () => {
    const { lib, ask, visit, tabGet } = setup();
    await lib.recordSightings('old', page, [{ title: 'Towards Robust Vision Transformers for Dense Prediction Tasks' }]);
    const [st] = await visit([near]);
    expect(st?.match?.rule).toBe('similar-title');
    await ask({ type: 'papers.notSame', a: st!.paper!.key, b: { card: near } });
    const [now] = await tabGet();
    expect(now?.paper?.key).toBe('arxiv:2501.04040');
    expect(now?.status).toBe('new');
  });

  it('finds a remembered paper re-keyed since by the key it had, and says what the page said', async () => {
    const { lib, ask, visit, tabGet } = setup();
    const titleOnly: CardInput = { title: 'Deep Residual Learning for Image Recognition' };
    await lib.recordSightings('old', page, [titleOnly]);
    const [st] = await visit([titleOnly]);
    expect(st?.paper?.key.startsWith('title:')).toBe(true);
    // Another tab shows the same paper with its arXiv id: the paper is re-keyed.
    const abs = 'https://arxiv.org/abs/1512.03385';
    const absPage: PageInfo = { url: abs, site: 'arxiv', label: 'abs' };
    await ask({ type: 'sightings.record', visitId: 'other', page: absPage, cards: [{ ...titleOnly, arxivId: '1512.03385' }] }, { ...tab, tab: { id: 8, url: abs } });
    const calls = resolveCalls();
    const [now] = await tabGet();
    expect(resolveCalls()).toBe(calls);
    expect(now).toMatchObject({ status: 'seen', paper: { key: 'arxiv:1512.03385', seenCount: 2 }, match: { rule: st!.match!.rule } });
  });

  it('repeats how the page matched a card after its own visit taught the paper more', async () => {
    const { lib, visit, tabGet } = setup();
    // v1 seen before; the page shows v2, whose sighting raises the stored version.
    await lib.recordSightings('old', page, [{ title: 'Scaling Laws for Neural Language Models', arxivId: '2001.08361', version: 1 }]);
    const v2Card: CardInput = { title: 'Scaling Laws for Neural Language Models', arxivId: '2001.08361', version: 2 };
    const [v2] = await visit([v2Card], [v2Card]);
    expect(v2?.match?.rule).toBe('arxiv-id-other-version');
    expect((await tabGet())[0]?.match).toEqual(v2!.match);
    // A title-only paper the page showed with its arXiv id: matched by title, then re-keyed.
    await lib.recordSightings('old', page, [{ title: 'Deep Residual Learning for Image Recognition' }]);
    const withId: CardInput = { title: 'Deep Residual Learning for Image Recognition', arxivId: '1512.03385' };
    const [byTitle] = await visit([withId], [withId]);
    expect(byTitle?.match?.rule).toBe('title');
    expect((await tabGet())[0]).toMatchObject({ status: 'seen', paper: { key: 'arxiv:1512.03385' }, match: { rule: 'title' } });
  });

  it('trusts what the tab reported before the worker stopped, unless matches were reshaped since', async () => {
    const first = setup();
    await first.visit([known, fresh], [known]);
    // A new worker: the popup opened after the page had been read for a while.
    const second = first.restart();
    let calls = resolveCalls();
    expect((await second.tabGet()).map((s) => s.status)).toEqual(['seen', 'new']);
    expect(resolveCalls()).toBe(calls);
    // A deletion in that worker's life, then another worker: the tab's matches are not trusted.
    await second.ask({ type: 'papers.bulk', keys: ['arxiv:2001.08361'], op: { kind: 'delete' } });
    const third = second.restart();
    calls = resolveCalls();
    expect((await third.tabGet()).map((s) => s.status)).toEqual(['new', 'new']);
    expect(resolveCalls()).toBe(calls + 1);
  });

  it('looks every card up when the tab was reported before a deletion', async () => {
    const { ask, visit, tabGet } = setup();
    await visit([fresh], [fresh]);
    await ask({ type: 'papers.bulk', keys: ['arxiv:2511.00001'], op: { kind: 'delete' } });
    const calls = resolveCalls();
    const [now] = await tabGet();
    expect(resolveCalls()).toBe(calls + 1);
    expect(now).toEqual({ status: 'new' });
  });
});
