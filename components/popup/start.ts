/**
 * The popup's first request, sent as soon as its script runs. Effects run only after the first
 * paint (Preact waits for an animation frame), so a `tab.get` sent from one starts a frame or more
 * late; sent from here, its round trip to the background overlaps that first frame.
 */
import type { ChangeEvent, Reply } from '../../lib/messages';
import { send } from '../../lib/rpc';
import { onPapersChanged, resolveTabId } from './ext';

export interface PopupStart {
  tabId: Promise<number | null>;
  /** The tab's cards and statuses; null when there is no tab to show. */
  tab: Promise<Reply<'tab.get'> | null>;
  /**
   * Deliver change events to `listener` from now on; returns those that arrived since the start.
   * The popup listens once it shows the first answer, and an event that came while that answer was
   * on its way may be newer than it.
   */
  listen(listener: (event: ChangeEvent) => void): ChangeEvent[];
  /** Stop listening. */
  close(): void;
}

export function startPopup(
  getTabId: () => Promise<number | null> = resolveTabId,
  subscribe: (listener: (event: ChangeEvent) => void) => () => void = onPapersChanged,
): PopupStart {
  // Subscribed before the request goes out, so no change can fall between the answer and the
  // popup's listening.
  const kept: ChangeEvent[] = [];
  let target: ((event: ChangeEvent) => void) | null = null;
  const off = subscribe((event) => (target ? target(event) : kept.push(event)));
  const tabId = (async () => {
    try {
      return await getTabId();
    } catch {
      return null;
    }
  })();
  const tab = tabId.then((id) => (id === null ? null : send({ type: 'tab.get', tabId: id })));
  return {
    tabId,
    tab,
    listen(listener) {
      target = listener;
      return kept.splice(0);
    },
    close() {
      target = null;
      off();
    },
  };
}
