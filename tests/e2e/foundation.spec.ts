import { expect, sendFromExtension, test } from './fixtures';

test('the content script recognises a seed-made Hugging Face page and reports it to the background', async ({
  page,
  context,
  extensionId,
  net,
}) => {
  await page.goto('https://huggingface.co/papers/date/2025-11-18');
  const articles = await page.locator('article').count();
  expect(articles).toBeGreaterThan(0);

  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html`);
  const [tab] = await ext.evaluate(() => chrome.tabs.query({ url: 'https://huggingface.co/*' }));
  await expect
    .poll(async () => {
      const reply = await sendFromExtension<{ ok: boolean; state: { cards: unknown[] } | null }>(ext, {
        type: 'tab.get',
        tabId: tab!.id,
      });
      return reply.state?.cards.length ?? 0;
    })
    .toBe(articles);

  // Nothing but the served fixture left the browser.
  expect(net.refused).toEqual([]);
});
