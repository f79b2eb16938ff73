import { describe, expect, it, vi } from 'vitest';
import { DejaLuDB } from '../../lib/db';
import { Library } from '../../lib/library';
import { createRouter, senderAllowed } from '../../lib/router';
import { memoryTabStore } from '../../lib/tabs';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const extPage = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
const hfTab = { id: EXT, url: 'https://huggingface.co/papers/date/2025-11-03', tab: { id: 7, url: 'https://huggingface.co/papers/date/2025-11-03' } };
let n = 0;

function router() {
  const badges: [number, number][] = [];
  const handle = createRouter({
    library: new Library(new DejaLuDB(`router-${++n}`)),
    tabs: memoryTabStore(),
    extensionId: EXT,
    setBadge: (tab, count) => badges.push([tab, count]),
  });
  return { handle, badges };
}

describe('router', () => {
  it('answers malformed messages with an error value, never a throw', async () => {
    const { handle } = router();
    for (const bad of [null, 42, 'x', {}, { type: 'nope' }, { type: 'cards.lookup' }, { type: 'cards.lookup', cards: [{ title: '' }] }]) {
      const reply = await handle(bad, extPage);
      expect(reply.ok).toBe(false);
      if (!reply.ok) expect(reply.error.code).toBe('invalid');
    }
  });

  it('reports a missing paper as not-found', async () => {
    const { handle } = router();
    const reply = await handle({ type: 'paper.save', target: { key: 'arxiv:0000.00000' }, saved: true }, extPage);
    expect(reply).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('checks senders: other extensions, unsupported pages, and page-forbidden requests are refused', async () => {
    expect(senderAllowed({ id: 'other' }, EXT, 'tags.list')).toMatch(/other extensions/);
    expect(senderAllowed({ id: EXT, url: 'https://evil.example/', tab: { id: 1 } }, EXT, 'tags.list')).toMatch(/not a supported/);
    expect(senderAllowed(hfTab, EXT, 'library.export')).toMatch(/may not send/);
    expect(senderAllowed(hfTab, EXT, 'cards.lookup')).toBeNull();
    expect(senderAllowed(extPage, EXT, 'library.clear')).toBeNull();
    const { handle } = router();
    const reply = await handle({ type: 'library.clear', confirm: 'delete everything' }, hfTab);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('keeps tab reports for the popup and sets the toolbar count of new papers', async () => {
    const { handle, badges } = router();
    const page = { url: hfTab.url, site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };
    const cards = [
      { card: { title: 'A', arxivId: '2501.00001' }, status: 'new' },
      { card: { title: 'B', arxivId: '2501.00002' }, status: 'seen' },
    ];
    expect((await handle({ type: 'tab.report', page, cards }, hfTab)).ok).toBe(true);
    expect(badges).toEqual([[7, 1]]);
    const got = await handle({ type: 'tab.get', tabId: 7 }, extPage);
    expect(got.ok && 'state' in got && got.state?.cards.length).toBe(2);
  });

  it('runs a save → lookup round trip through messages', async () => {
    const { handle } = router();
    const card = { title: 'Tiny Paper', arxivId: '2501.00009' };
    await handle({ type: 'paper.save', target: { card }, saved: true }, hfTab);
    const reply = await handle({ type: 'cards.lookup', cards: [card] }, hfTab);
    expect(reply.ok && 'statuses' in reply && reply.statuses[0]?.status).toBe('saved');
  });

  it("answers a page's first lookup with the settings too, when asked", async () => {
    const { handle } = router();
    const card = { title: 'Tiny Paper', arxivId: '2501.00009' };
    await handle({ type: 'settings.set', settings: { fadeSeen: true } }, extPage);
    const plain = await handle({ type: 'cards.lookup', cards: [card] }, hfTab);
    expect(plain.ok && 'settings' in plain).toBe(false);
    const first = await handle({ type: 'cards.lookup', cards: [card], settings: true }, hfTab);
    expect(first).toMatchObject({ ok: true, statuses: [{ status: 'new' }], settings: { fadeSeen: true } });
  });

  it("a page's one lookup can stand for its tab report, unless the reader turned the site off", async () => {
    const { handle, badges } = router();
    const page = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3' };
    const cards = [{ title: 'A', arxivId: '2501.00001' }, { title: 'B', arxivId: '2501.00002' }];
    await handle({ type: 'paper.save', target: { card: cards[1]! }, saved: true }, hfTab);
    const reply = await handle({ type: 'cards.lookup', cards, settings: true, report: page }, hfTab);
    expect(reply).toMatchObject({ ok: true, statuses: [{ status: 'new' }, { status: 'saved' }], settings: { sites: { huggingface: true } } });
    await vi.waitFor(async () => {
      const got = await handle({ type: 'tab.get', tabId: 7 }, extPage);
      expect(got.ok && 'state' in got && got.state).toMatchObject({ page, cards: [{ card: cards[0], status: 'new' }, { card: cards[1], status: 'saved', key: 'arxiv:2501.00002' }] });
    });
    expect(badges).toEqual([[7, 1]]);

    const off = router();
    await off.handle({ type: 'settings.set', settings: { sites: { huggingface: false, arxiv: true } } }, extPage);
    const plain = await off.handle({ type: 'cards.lookup', cards, report: page }, hfTab);
    expect(plain.ok && 'settings' in plain).toBe(false);
    // A lookup reports in a task after its reply: let the tasks queued by then run first.
    for (let i = 0; i < 3; i++) await new Promise((done) => setTimeout(done, 0));
    const none = await off.handle({ type: 'tab.get', tabId: 7 }, extPage);
    expect(none.ok && 'state' in none && none.state).toBe(null);
    expect(off.badges).toEqual([]);
  });

  it('leaves stored abstracts out of lookup replies (pages never show them)', async () => {
    const { handle } = router();
    const card = { title: 'Tiny Paper', arxivId: '2501.00009', abstract: 'A long abstract.' };
    const saved = await handle({ type: 'paper.save', target: { card }, saved: true }, hfTab);
    expect(saved.ok && 'paper' in saved && saved.paper?.abstract).toBe('A long abstract.');
    const reply = await handle({ type: 'cards.lookup', cards: [{ title: card.title, arxivId: card.arxivId }] }, hfTab);
    const paper = reply.ok && 'statuses' in reply ? reply.statuses[0]?.paper : undefined;
    expect(paper).toMatchObject({ key: 'arxiv:2501.00009', title: 'Tiny Paper' });
    expect(paper && 'abstract' in paper).toBe(false);
  });
});

describe('large files travel in parts', () => {
  it('an import uploaded in parts is joined in order; an export larger than a message comes back in parts', async () => {
    const { handle } = router();
    const { CHUNK_CHARS } = await import('../../lib/messages');
    // A CSL-JSON file padded past one part with a long abstract.
    const items = [{ id: 'a', type: 'article', title: 'Chunked Paper', abstract: 'x'.repeat(CHUNK_CHARS + 10), URL: 'https://arxiv.org/abs/2501.00077' }];
    const text = JSON.stringify(items);
    const parts = [text.slice(0, CHUNK_CHARS), text.slice(CHUNK_CHARS)];
    // Parts may arrive out of order.
    expect(await handle({ type: 'library.upload', uploadId: 'u1', seq: 1, chunk: parts[1] }, extPage)).toMatchObject({ ok: true, received: 1 });
    expect(await handle({ type: 'library.upload', uploadId: 'u1', seq: 0, chunk: parts[0] }, extPage)).toMatchObject({ ok: true, received: 2 });
    const imported = await handle({ type: 'library.import', uploadId: 'u1', filename: 'big.json' }, extPage);
    expect(imported).toMatchObject({ ok: true, added: 1, format: 'csl-json' });
    expect(await handle({ type: 'library.import', uploadId: 'u1' }, extPage)).toMatchObject({ ok: false, error: { code: 'not-found' } });

    const first = (await handle({ type: 'library.export', format: 'csv' }, extPage)) as unknown as { ok: true; text: string; parts: number; exportId: string };
    expect(first.parts).toBe(2);
    const second = (await handle({ type: 'library.exportPart', exportId: first.exportId, seq: 1 }, extPage)) as unknown as { text: string };
    const csv = first.text + second.text;
    expect(csv.length).toBeGreaterThan(CHUNK_CHARS);
    expect(csv).toContain('Chunked Paper');
  }, 60_000);
});

describe('settings', () => {
  it('changing one setting keeps the others', async () => {
    const { handle } = router();
    await handle({ type: 'settings.set', settings: { fadeSeen: true, seenMode: 'load' } }, extPage);
    const reply = await handle({ type: 'settings.set', settings: { seenStyle: 'hide' } }, extPage);
    expect(reply).toMatchObject({ ok: true, settings: { fadeSeen: true, seenMode: 'load', seenStyle: 'hide', showSummary: true } });
  });
});
