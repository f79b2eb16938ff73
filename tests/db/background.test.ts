/**
 * The real background entrypoint (entrypoints/background.ts) on WXT's fake browser: a tab closed
 * while its first lookup is being answered must not leave its report in storage.session.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const URL_ = 'https://huggingface.co/papers/date/2025-11-03';
const page = { url: URL_, site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };

beforeEach(() => fakeBrowser.reset());

/** A message to the worker's listener, with the sendResponse Chrome passes it (the fake's types leave it out). */
function send(message: unknown, sender: object): Promise<{ ok: boolean }> {
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
  return new Promise((resolve) => void trigger(message, sender, resolve));
}

describe('background worker and closed tabs', () => {
  it('a tab closed while its lookup is answered leaves nothing in storage.session', async () => {
    const mod = await import('../../entrypoints/background');
    (mod.default as { main: () => void }).main();
    const sender = { id: fakeBrowser.runtime.id, url: URL_, tab: { id: 7, url: URL_ } };
    const reply = send({ type: 'cards.lookup', cards: [{ title: 'A Paper', arxivId: '2401.00001' }], settings: true, report: page }, sender);
    // The reader closes the tab (ctrl-W) before the worker has answered.
    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    expect((await reply).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    const left = await fakeBrowser.storage.session.get(null);
    expect(Object.keys(left).filter((k) => k.startsWith('tab:'))).toEqual([]);
  });
});
