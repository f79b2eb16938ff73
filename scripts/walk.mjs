// Walking digest pages like a reader: open a page, read what the extension says about its cards
// (statuses from before the visit), scroll through it so cards count as seen, and move on.
// Shared by the demo (`npm start`) and the e2e tests.

/** Send one protocol message from an extension page (as the popup does). */
export function sendFrom(extPage, message) {
  return extPage.evaluate((m) => chrome.runtime.sendMessage(m), message);
}

/** The tab id of `page`, found from an extension page. */
export async function tabIdOf(extPage, page) {
  const url = page.url();
  const tabs = await extPage.evaluate(() => chrome.tabs.query({}));
  const tab = tabs.find((t) => t.url === url) ?? tabs.find((t) => t.url && url.startsWith(t.url.split('#')[0]));
  if (!tab) throw new Error(`no tab for ${url}`);
  return tab.id;
}

/** Wait until the content script has reported at least `min` cards for the tab. */
export async function waitForReport(extPage, tabId, min = 1, timeoutMs = 20_000, url) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const reply = await sendFrom(extPage, { type: 'tab.get', tabId });
    const fresh = !url || reply?.state?.page.url === url;
    if (reply?.ok && reply.state && fresh && reply.state.cards.length >= min) return reply;
    if (Date.now() > end) throw new Error(`the content script reported no cards for tab ${tabId}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Scroll to the bottom in viewport-sized steps, pausing like a reader so each card is seen. */
export async function readThrough(page, { pauseMs = 1_000 } = {}) {
  const height = () => page.evaluate(() => document.documentElement.scrollHeight);
  const viewport = page.viewportSize()?.height ?? 900;
  let y = 0;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(pauseMs);
  while (y + viewport < (await height())) {
    y += Math.floor(viewport * 0.8);
    await page.mouse.wheel(0, Math.floor(viewport * 0.8));
    await scrolled(page);
    await page.waitForTimeout(pauseMs);
  }
  // Sightings are sent in batches once a second.
  await page.waitForTimeout(1_300);
}

/**
 * Wait until a wheel's scroll has ended and been painted, so a pause counts from when the cards are
 * on screen: a busy machine animates the scroll late, and a card needs 600 ms in view to be seen.
 */
function scrolled(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const give = setTimeout(resolve, 3_000);
        let last = -1;
        let still = 0;
        const tick = () => {
          still = scrollY === last ? still + 1 : 0;
          last = scrollY;
          if (still >= 2) {
            clearTimeout(give);
            resolve();
          } else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
  );
}

/**
 * Wait until the library stops receiving sightings (the last batch of a page has landed). The quiet
 * spell is longer than a card takes from coming on screen to being sent (600 ms on screen, then a
 * batch a second later: lib/seen.ts, lib/page/sightings.ts), so a page whose cards were only just
 * shown is not taken as settled before its first batch.
 */
export async function settle(extPage, { quietMs = 2_000, maxMs = 12_000 } = {}) {
  const end = Date.now() + maxMs;
  let last = -1;
  let since = Date.now();
  while (Date.now() < end) {
    const stats = await sendFrom(extPage, { type: 'library.stats' });
    if (stats?.sightings !== last) {
      last = stats?.sightings;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Summary of a tab's report: how many papers of each status it showed (before this visit), and
 * the first-seen day. Cards of one paper (dblp lists a CoRR entry beside its conference version)
 * count once, as the page's strip and the popup count them.
 */
export function summarise(reply) {
  const counts = { new: 0, seen: 0, saved: 0 };
  const counted = new Set();
  let firstSeen;
  reply.state.cards.forEach((c, i) => {
    const key = reply.statuses[i]?.paper?.key;
    if (key !== undefined) {
      if (counted.has(`${c.status} ${key}`)) return;
      counted.add(`${c.status} ${key}`);
    }
    counts[c.status]++;
    if (c.status === 'new') return;
    const day = reply.statuses[i]?.paper?.first?.digestDate;
    if (day && (!firstSeen || day < firstSeen)) firstSeen = day;
  });
  const papers = counts.new + counts.seen + counts.saved;
  return { page: reply.state.page, cards: reply.state.cards.length, papers, ...counts, firstSeen };
}

/**
 * Visit one page: open it, wait for the extension's report, scroll through it.
 * Returns what the page showed *before* this visit.
 */
export async function visit(page, extPage, url, { expectCards = 1, pauseMs } = {}) {
  await page.goto(url);
  // A background tab is not being read: Chromium throttles its rendering, and so its sightings.
  await page.bringToFront();
  const tabId = await tabIdOf(extPage, page);
  const reply = await waitForReport(extPage, tabId, expectCards, 20_000, page.url());
  const before = summarise(reply);
  await readThrough(page, { pauseMs });
  await settle(extPage);
  return { tabId, ...before };
}

/**
 * One printed line per page: `2025-11-03  huggingface  74 cards  71 new  3 seen before (first seen
 * 2025-10-29)`; `5 cards (4 papers)` where cards of one paper are counted once.
 */
export function formatLine(r) {
  const day = r.page.digestDate ?? r.page.label;
  const before = r.seen + r.saved;
  const first = before && r.firstSeen ? ` (first seen ${r.firstSeen})` : '';
  const papers = r.papers !== undefined && r.papers !== r.cards ? ` (${r.papers} papers)` : '';
  return `${day}  ${r.page.site.padEnd(11)}  ${String(r.cards).padStart(3)} cards${papers}  ${String(r.new).padStart(3)} new  ${before} seen before${first}`;
}
