/**
 * PageController in a unit test: a stand-in site (one card per <article>, its id the arXiv id) and
 * page UI (the badges as last drawn), messages through WXT's fake browser (tests/popup/helpers).
 * Test files using it run in happy-dom.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ChangeEvent } from '../../lib/messages';
import { PageController } from '../../lib/page/controller';
import type { BadgeModel, PageUi } from '../../lib/page/ui';
import type { Card, SiteModule } from '../../lib/types';

export const site: SiteModule = {
  id: 'huggingface',
  name: 'Hugging Face',
  handles: () => true,
  readCards: (doc) =>
    [...doc.querySelectorAll('article')].map((el) => ({ element: el, anchors: [el], paper: { title: el.textContent!, arxivId: el.id } })),
  pageLabel: () => 'Nov 3',
};

/** The badges as the controller last drew them, by arXiv id. */
export function fakeUi() {
  const shown = new Map<string, BadgeModel>();
  const ui: PageUi = {
    mountBadge(card: Card, model: BadgeModel) {
      shown.set(card.element.id, model);
      return { update: (m) => void shown.set(card.element.id, m), recard() {}, destroy: () => void shown.delete(card.element.id) };
    },
    setSummary() {},
    setFaded() {},
    destroy() {},
  };
  return { ui, shown };
}

/** Let the controller's pending messages, timers of 0 ms and slices run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A dejalu.changed event, as the background sends it. */
export async function change(event: Omit<ChangeEvent, 'type'>): Promise<void> {
  await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', ...event }, {});
  await settle();
}

const running: PageController[] = [];

/** A controller on `document`'s articles, stopped by `stopControllers`. */
export function newController(ui: PageUi): PageController {
  const c = new PageController(site, ui, document);
  running.push(c);
  return c;
}

/** A controller on `document`'s articles, started. */
export async function startController(): Promise<{ c: PageController; shown: Map<string, BadgeModel> }> {
  const { ui, shown } = fakeUi();
  const c = newController(ui);
  await c.start();
  await settle();
  return { c, shown };
}

/** For afterEach: a test's controller would otherwise see the next test's page being written. */
export function stopControllers(): void {
  for (const c of running.splice(0)) c.stop();
}
