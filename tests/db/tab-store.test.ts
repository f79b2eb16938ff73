import { describe, expect, it } from 'vitest';
import type { TabState } from '../../lib/messages';
import { sessionTabStore } from '../../lib/tabs';

/** A storage area that counts reads, standing in for `chrome.storage.session`. */
function fakeArea() {
  const data = new Map<string, unknown>();
  const area = {
    reads: 0,
    async get(key: string) {
      area.reads++;
      return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {};
    },
    async set(items: Record<string, unknown>) {
      for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
    },
    async remove(key: string) {
      data.delete(key);
    },
  };
  return area;
}

const state = (label: string): TabState => ({
  page: { url: `https://huggingface.co/papers/date/${label}`, site: 'huggingface', label },
  cards: [{ card: { title: 'A Paper', arxivId: '2401.00001' }, status: 'new' }],
  updatedAt: 1,
});

describe('sessionTabStore', () => {
  it('reads back what it wrote without a storage round trip; a woken worker reads storage', async () => {
    const area = fakeArea();
    const tabs = sessionTabStore(area as unknown as chrome.storage.StorageArea);
    await tabs.set(3, state('2025-11-03'));
    await tabs.set(3, state('2025-11-04'));
    expect((await tabs.get(3))?.page.label).toBe('2025-11-04');
    expect(area.reads).toBe(0);

    // Another worker (the last one went to sleep) finds the tab in storage.
    const woken = sessionTabStore(area as unknown as chrome.storage.StorageArea);
    expect((await woken.get(3))?.page.label).toBe('2025-11-04');
    expect(await woken.get(4)).toBeNull();
    expect(area.reads).toBe(2);
  });

  it('keeps the matching epoch for the next worker', async () => {
    const area = fakeArea();
    const tabs = sessionTabStore(area as unknown as chrome.storage.StorageArea);
    expect(await tabs.epoch()).toBeNull();
    await tabs.setEpoch('mb1x.3');
    expect(await sessionTabStore(area as unknown as chrome.storage.StorageArea).epoch()).toBe('mb1x.3');
  });

  it('forgets a removed tab, in memory and in storage', async () => {
    const area = fakeArea();
    const tabs = sessionTabStore(area as unknown as chrome.storage.StorageArea);
    await tabs.set(3, state('2025-11-03'));
    await tabs.remove(3);
    expect(await tabs.get(3)).toBeNull();
    expect(await sessionTabStore(area as unknown as chrome.storage.StorageArea).get(3)).toBeNull();
  });

  it('drops a report that comes after its tab closed; a tab that navigated takes new ones', async () => {
    const area = fakeArea();
    const tabs = sessionTabStore(area as unknown as chrome.storage.StorageArea);
    await tabs.set(3, state('2025-11-03'));
    await tabs.remove(3);
    await tabs.set(3, state('2025-11-04'));
    expect(await tabs.get(3)).not.toBeNull();
    await tabs.close(3);
    await tabs.set(3, state('2025-11-05'));
    expect(await tabs.get(3)).toBeNull();
    expect(await sessionTabStore(area as unknown as chrome.storage.StorageArea).get(3)).toBeNull();
  });
});
