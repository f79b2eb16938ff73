/**
 * The badge panel is an extension page in an iframe inside the badge's closed shadow root
 * (components/badge/PanelFrame.tsx). Playwright reaches it as a frame of the page.
 */
import type { Frame, Page } from '@playwright/test';
import { expect } from './fixtures';

const isPanel = (f: Frame) => !f.isDetached() && f.url().includes('/panel.html');

/** The open panel, once it shows its paper. */
export async function panelFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect.poll(() => !!(frame = page.frames().find(isPanel)), { timeout: 10_000 }).toBe(true);
  await frame!.locator('[data-panel]').waitFor();
  return frame!;
}

/** Whether a panel is open on the page. */
export const panelOpen = (page: Page): boolean => page.frames().some(isPanel);
