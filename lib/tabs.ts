/**
 * Each tab's recognised cards, as its content script last reported them. Kept in
 * `storage.session` because the service worker dies when idle and the popup may ask later.
 */
import type { TabState } from './messages';

export interface TabStore {
  get(tabId: number): Promise<TabState | null>;
  set(tabId: number, state: TabState): Promise<void>;
  remove(tabId: number): Promise<void>;
}

export function sessionTabStore(): TabStore {
  const area = chrome.storage.session;
  const k = (tabId: number) => `tab:${tabId}`;
  return {
    async get(tabId) {
      const got = await area.get(k(tabId));
      return (got[k(tabId)] as TabState | undefined) ?? null;
    },
    async set(tabId, state) {
      await area.set({ [k(tabId)]: state });
    },
    async remove(tabId) {
      await area.remove(k(tabId));
    },
  };
}

export function memoryTabStore(): TabStore {
  const m = new Map<number, TabState>();
  return {
    get: async (id) => m.get(id) ?? null,
    set: async (id, s) => void m.set(id, s),
    remove: async (id) => void m.delete(id),
  };
}
