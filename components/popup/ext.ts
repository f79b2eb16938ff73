/** The few browser APIs the popup uses besides messaging, in one place. */
import { browser } from 'wxt/browser';
import type { ChangeEvent } from '../../lib/messages';
import { onChangeEvents } from '../shared/ext';

/** `?tab=<id>` (tests open the popup as a page for a given tab), else the active tab. */
export async function resolveTabId(search: string = location.search): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null && /^-?\d+$/.test(param)) return Number(param);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Papers changed somewhere (a badge, the library page, this popup); returns the unsubscribe. */
export function onPapersChanged(listener: (event: ChangeEvent) => void): () => void {
  return onChangeEvents(browser.runtime.onMessage, listener);
}
