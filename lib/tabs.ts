/**
 * Each tab's recognised cards, as its content script last reported them. Kept in
 * `storage.session` because the service worker dies when idle and the popup may ask later.
 */
import type { TabState } from './messages';

export interface TabStore {
  get(tabId: number): Promise<TabState | null>;
  set(tabId: number, state: TabState): Promise<void>;
  remove(tabId: number): Promise<void>;
  /**
   * The tab closed: removed, and a report that comes later is dropped (its page's first lookup
   * is answered first and reported on a timer, which can run after the tab has gone; nothing
   * would remove it again).
   */
  close(tabId: number): Promise<void>;
  /** The background's matching epoch (lib/router.ts), kept with the tabs so a worker that wakes up goes on from it. */
  epoch(): Promise<string | null>;
  setEpoch(epoch: string): Promise<void>;
}

export function sessionTabStore(area: chrome.storage.StorageArea = chrome.storage.session): TabStore {
  const k = (tabId: number) => `tab:${tabId}`;
  // The worker is the only writer, so what it wrote since it woke up is read back from memory: the
  // popup's first request skips a storage round trip. Only a worker that woke up since the tab
  // reported reads storage.
  const written = new Map<number, TabState>();
  // Chrome does not reuse a tab's id within a browser session.
  const closed = new Set<number>();
  const remove = async (tabId: number) => {
    written.delete(tabId);
    await area.remove(k(tabId));
  };
  return {
    async get(tabId) {
      const state = written.get(tabId);
      if (state) return state;
      const got = await area.get(k(tabId));
      return (got[k(tabId)] as TabState | undefined) ?? null;
    },
    async set(tabId, state) {
      if (closed.has(tabId)) return;
      written.set(tabId, state);
      await area.set({ [k(tabId)]: state });
    },
    remove,
    async close(tabId) {
      closed.add(tabId);
      await remove(tabId);
    },
    async epoch() {
      const got = await area.get('epoch');
      return typeof got['epoch'] === 'string' ? got['epoch'] : null;
    },
    async setEpoch(epoch) {
      await area.set({ epoch });
    },
  };
}

export function memoryTabStore(): TabStore {
  const m = new Map<number, TabState>();
  const closed = new Set<number>();
  let epoch: string | null = null;
  return {
    get: async (id) => m.get(id) ?? null,
    set: async (id, s) => void (closed.has(id) || m.set(id, s)),
    remove: async (id) => void m.delete(id),
    close: async (id) => void (closed.add(id), m.delete(id)),
    epoch: async () => epoch,
    setEpoch: async (e) => void (epoch = e),
  };
}
