import { expect, test } from './fixtures';
// @ts-expect-error plain JS module shared with the demo
import { fixtureIndex } from '../../scripts/browser.mjs';
// @ts-expect-error plain JS module shared with the demo
import { sendFrom, visit } from '../../scripts/walk.mjs';

type Entry = { url: string; site: string; digestDay: string; cards: { id: string }[] };

test('walking the five seed days in date order shows 0, 3, 4, 3, 15 papers already seen; arXiv shows all 22 seen', async ({
  page,
  context,
  extensionId,
  net,
}) => {
  test.setTimeout(240_000);
  const entries = (fixtureIndex() as Entry[]).sort((a, b) => a.digestDay.localeCompare(b.digestDay));
  const hf = entries.filter((e) => e.site === 'huggingface');
  const arxiv = entries.find((e) => e.site === 'arxiv')!;
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/popup.html`);

  const seenBefore: number[] = [];
  for (const e of hf) {
    const r = await visit(page, ext, e.url, { expectCards: e.cards.length });
    expect(r.cards).toBe(e.cards.length);
    seenBefore.push(r.seen + r.saved);
  }
  expect(seenBefore).toEqual([0, 3, 4, 3, 15]);

  const r = await visit(page, ext, arxiv.url, { expectCards: arxiv.cards.length });
  expect(r.cards).toBe(22);
  expect(r.seen).toBe(22);
  expect(r.new).toBe(0);

  // Every distinct paper of the five days was recorded once per day it appeared.
  const stats = await sendFrom(ext, { type: 'library.stats' });
  const distinct = new Set(hf.flatMap((e) => e.cards.map((c) => c.id)));
  expect(stats.papers).toBe(distinct.size);
  const cardsSeen = hf.reduce((n, e) => n + e.cards.length, 0) + 22;
  expect(stats.sightings).toBe(cardsSeen);
  expect(net.refused).toEqual([]);
});
