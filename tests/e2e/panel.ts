/**
 * The badge panel is an extension page in the page's one panel frame, an iframe inside the closed
 * shadow root of `<dejalu-panel>` (components/badge/panel-host.ts). Playwright reaches it as a frame
 * of the page; it is open while it shows a paper.
 */
import type { Frame, Page } from '@playwright/test';
import { expect } from './fixtures';

const panelPage = (page: Page) => page.frames().find((f) => !f.isDetached() && f.url().includes('/panel.html'));

/** The open panel, once it shows its paper. */
export async function panelFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect.poll(() => !!(frame = panelPage(page)), { timeout: 10_000 }).toBe(true);
  await frame!.locator('[data-panel]').waitFor();
  return frame!;
}

/** Whether a panel is open on the page. */
export async function panelOpen(page: Page): Promise<boolean> {
  const frame = panelPage(page);
  return !!frame && (await frame.locator('[data-panel]').count()) > 0;
}
