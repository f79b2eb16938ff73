// What the benchmark watches inside pages, installed with context.addInitScript so it runs before
// any page script: when the first and the last <dejalu-badge> appear on a Hugging Face page, the
// page's long tasks (a `longtask` PerformanceObserver registered before the page loads), and when
// the popup or the library page first shows rows. All times are performance.now() of the page: milliseconds since its
// navigation started (performance.timeOrigin). When what it watches is there, it calls a CDP binding
// (`whenMarked`), so Node learns it without running anything in the page while it loads.

/** The CDP binding the init script calls with 'badges' or 'rows'. */
const MARK = '__benchMark';

export const INIT_SCRIPT = `(() => {
  if (window.__bench) return;
  const state = { firstBadgeAt: null, badgesAt: null, badges: 0, cards: 0, rowsAt: null, rows: 0, longTasks: [] };
  Object.defineProperty(window, '__bench', { value: state });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const mark = (what) => { if (typeof window.${MARK} === 'function') window.${MARK}(what); };
  const watch = (what, check) => {
    const done = () => { if (!check()) return false; mark(what); return true; };
    const obs = new MutationObserver(() => { if (done()) obs.disconnect(); });
    // Badges and rows can only appear once the document is parsed (content scripts run at
    // document_idle): observing from then on keeps the observer off the parser's path.
    const start = () => { if (!done()) obs.observe(document.documentElement, { childList: true, subtree: true }); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
    else start();
  };
  if (location.hostname === 'huggingface.co') {
    const badges = document.getElementsByTagName('dejalu-badge');
    const cards = document.getElementsByTagName('article');
    watch('badges', () => {
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
    watch('rows', () => {
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

/**
 * Arm before navigating `cdp`'s page; `wait()` resolves when the init script marks `what`
 * ('badges' or 'rows'). Playwright's waitForFunction, used before, put its injected script into the
 * page's main world on its first poll, right after the load event: a task of 17 ms (thread time
 * 21 ms on a slow machine, CDP trace) in the middle of the navigation being timed, which the badges
 * waited behind. A binding is a native function the page calls once.
 */
export async function whenMarked(cdp, what, timeoutMs = 120_000) {
  // bindingCalled reaches only a session with the Runtime domain on (Playwright's own has it on).
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: MARK });
  let heard;
  const marked = new Promise((resolve) => {
    heard = (e) => {
      if (e.name === MARK && e.payload === what) resolve();
    };
    cdp.on('Runtime.bindingCalled', heard);
  });
  return {
    async wait() {
      let timer;
      const late = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no '${what}' mark within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([marked, late]);
      } finally {
        clearTimeout(timer);
        cdp.off('Runtime.bindingCalled', heard);
      }
    },
  };
}

/** The page's probe state, once it has been marked. */
export async function benchState(page) {
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
