/**
 * The content script's life on a page: a PageController while the reader has the site on. When the
 * site is off (it was when the page loaded, or the reader turned it off in the library's
 * settings), the page waits for it to be turned on again and starts anew — a new visit — without
 * the reader having to reload the tab.
 */
import type { ChangeEvent, Settings } from '../messages';
import type { SiteModule } from '../types';
import { PageController } from './controller';
import type { PageUi } from './ui';

export function runPage(site: SiteModule, makeUi: () => PageUi, doc: Document = document): { stop(): void } {
  let controller: PageController | null = null;
  let waiting: ((msg: unknown) => boolean) | null = null;
  const unwait = () => {
    if (waiting) chrome.runtime.onMessage.removeListener(waiting);
    waiting = null;
  };
  const start = () => {
    controller = new PageController(site, makeUi(), doc);
    controller.onTurnedOff = wait;
    void controller.start();
  };
  function wait() {
    controller = null;
    if (waiting) return;
    waiting = (msg) => {
      const ev = msg as ChangeEvent | null;
      if (ev?.type === 'dejalu.changed' && ev.settings?.sites[site.id as keyof Settings['sites']]) {
        unwait();
        start();
      }
      return false;
    };
    chrome.runtime.onMessage.addListener(waiting);
  }
  start();
  return {
    stop() {
      unwait();
      controller?.stop();
      controller = null;
    },
  };
}
