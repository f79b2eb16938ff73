// What the benchmark watches inside pages, installed with context.addInitScript so it runs before
// any page script: when the first and the last <dejalu-badge> appear on a Hugging Face page, the
// page's long tasks (a `longtask` PerformanceObserver registered before the page loads), and when
// the popup or the library page first shows rows. All times are performance.now() of the page: milliseconds since its
// navigation started (performance.timeOrigin).

export const INIT_SCRIPT = `(() => {
  if (window.__bench) return;
  const state = { firstBadgeAt: null, badgesAt: null, badges: 0, cards: 0, rowsAt: null, rows: 0, longTasks: [] };
  Object.defineProperty(window, '__bench', { value: state });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const watch = (check) => {
    const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
    // Badges and rows can only appear once the document is parsed (content scripts run at
    // document_idle): observing from then on keeps the observer off the parser's path.
    const start = () => { if (!check()) obs.observe(document.documentElement, { childList: true, subtree: true }); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    else start();
  };
  if (location.hostname === 'huggingface.co') {
    const badges = document.getElementsByTagName('dejalu-badge');
    const cards = document.getElementsByTagName('article');
    watch(() => {
      const n = badges.length;
      if (n > 0 && state.firstBadgeAt === null) state.firstBadgeAt = performance.now();
      // Past 400 cards the extension badges the first 400 at once and the rest as they come near
      // the screen (EAGER_BADGES in lib/page/controller.ts): those 400 are "every badge shown".
      if (n > 0 && n >= Math.min(cards.length, 400)) {
        state.badgesAt = performance.now();
        state.badges = n;
        state.cards = cards.length;
        return true;
      }
      return false;
    });
  } else if (location.protocol === 'chrome-extension:' && (location.pathname === '/popup.html' || location.pathname === '/library.html')) {
    watch(() => {
      const rows = document.querySelectorAll('[data-testid="paper-row"]');
      if (rows.length === 0) return false;
      state.rowsAt = performance.now();
      state.rows = rows.length;
      return true;
    });
  }
})();`;

/** Navigation timing of the page, relative to its time origin. */
export async function navTiming(page) {
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      responseEnd: nav?.responseEnd ?? null,
      domInteractive: nav?.domInteractive ?? null,
      domContentLoadedEnd: nav?.domContentLoadedEventEnd ?? null,
      loadEnd: nav?.loadEventEnd ?? null,
    };
  });
}

/** Wait until every card shows its badge; returns the page's timings. */
export async function waitForBadges(page, timeoutMs = 120_000) {
  await page.waitForFunction(() => window.__bench?.badgesAt !== null && window.__bench?.badgesAt !== undefined, null, {
    timeout: timeoutMs,
    polling: 50,
  });
  return page.evaluate(() => ({ ...window.__bench, longTasks: [...window.__bench.longTasks] }));
}

/**
 * Time of a bare querySelectorAll of the cards, in the page: the recognition part of the baseline.
 * The first call is what a script pays once; the median of the rest is reported beside it.
 */
export async function querySelectorAllMs(page, repeat = 21) {
  return page.evaluate((n) => {
    const times = [];
    let count = 0;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      count = document.querySelectorAll('article').length;
      times.push(performance.now() - t0);
    }
    const rest = times.slice(1).sort((a, b) => a - b);
    return { first: times[0], median: rest[Math.floor(rest.length / 2)] ?? times[0], count };
  }, repeat);
}
