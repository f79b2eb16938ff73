import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
// @ts-expect-error plain JS module shared with the demo and benchmarks
import { fixturePages, launchWithExtension, servePages } from '../../scripts/browser.mjs';

export type NetLog = { served: string[]; refused: string[] };

type Fixtures = {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Requests answered from fixtures, and those refused (any other host). */
  net: NetLog;
  /** Extra pages to serve at real URLs, set by a test before it navigates. */
  pages: Map<string, string | { body: string; contentType?: string; headers?: Record<string, string> }>;
};

export const test = base.extend<Fixtures>({
  pages: async ({}, use) => {
    await use(fixturePages());
  },
  context: async ({ colorScheme }, use) => {
    const launched = await launchWithExtension({ colorScheme: colorScheme === 'dark' ? 'dark' : 'light' });
    (launched.context as BrowserContext & { __dejalu?: unknown }).__dejalu = launched;
    await use(launched.context);
    await launched.context.close();
  },
  worker: async ({ context }, use) => {
    const launched = (context as BrowserContext & { __dejalu?: { worker: Worker } }).__dejalu!;
    await use(launched.worker);
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
  net: async ({ context, pages }, use) => {
    const log: NetLog = await servePages(context, pages);
    await use(log);
  },
  page: async ({ context, net }, use) => {
    void net; // routes must be installed before the first navigation
    const page = context.pages()[0] ?? (await context.newPage());
    await use(page);
  },
});

export { expect };

/** Send one protocol message from an extension page, as the popup and library page do. */
export async function sendFromExtension<T = unknown>(page: Page, message: unknown): Promise<T> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m), message) as Promise<T>;
}

/** The toolbar popup, opened as a page of a popup's size for one tab (`?tab=`: tests cannot click the icon). */
export async function popupFor(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
  return popup;
}

/**
 * The reader's click on the toolbar icon with `page`'s tab in front: Chrome grants the extension
 * `activeTab` on that tab (and opens the popup, which tests then open as a page with `popupFor`).
 * Through the DevTools protocol's Extensions.triggerAction, on the tab's target, found by its address.
 */
export async function clickToolbarIcon(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser to trigger the action from');
  // The icon is clicked on the window's active tab: Chrome grants nothing on another.
  await page.bringToFront();
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: { targetId: string; url: string }[] };
    const tabs = targetInfos.filter((t) => t.url === page.url());
    if (tabs.length !== 1) throw new Error(`${tabs.length} tabs show ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabs[0]!.targetId } as never);
  } finally {
    await cdp.detach();
  }
}
