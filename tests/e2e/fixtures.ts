import { test as base, expect, type BrowserContext, type Page, type Worker } from '@playwright/test';
// @ts-expect-error plain JS module shared with the demo and benchmarks
import { fixturePages, launchWithExtension, servePages } from '../../scripts/browser.mjs';
// @ts-expect-error plain JS module shared with the demo
export { clickToolbarIcon } from '../../scripts/browser.mjs';

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
