// A Chromium trace of one page load (CDP Tracing on the page's session), and what the benchmark
// reads from it: the page renderer's main-thread tasks, and which of them ran the content script.

const CATEGORIES = [
  'toplevel',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink',
];

export async function startTrace(cdp) {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: CATEGORIES, excludedCategories: ['*'] },
  });
}

export async function stopTrace(cdp) {
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  const parts = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 8 << 20 });
    parts.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const json = JSON.parse(parts.join(''));
  return Array.isArray(json) ? json : json.traceEvents;
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** Does this event run code of `scriptUrl`? */
function runsScript(e, scriptUrl) {
  const d = e.args?.data ?? e.args?.beginData;
  if (!d) return false;
  if (typeof d.url === 'string' && d.url.startsWith(scriptUrl)) return true;
  if (Array.isArray(d.stackTrace) && d.stackTrace.some((f) => f.url?.startsWith(scriptUrl))) return true;
  return false;
}

/**
 * The main thread of the renderer that loaded `pageUrl`, its top-level tasks, and for each task
 * whether the content script (`scriptUrl`, a URL prefix) ran in it. Times in ms on the trace clock.
 */
export function mainThreadTasks(events, pageUrl, scriptUrl) {
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  // The renderer that parsed the page.
  const parse = events.find(
    (e) => e.name === 'ParseHTML' && mains.has(`${e.pid}:${e.tid}`) && (e.args?.beginData?.url ?? '').startsWith(pageUrl),
  );
  if (!parse) return null;
  const thread = `${parse.pid}:${parse.tid}`;
  const onThread = events.filter((e) => `${e.pid}:${e.tid}` === thread && (e.ph === 'X' || e.ph === 'B' || e.ph === 'E'));
  // Complete events only (Chromium emits these for tasks and script); B/E pairs are folded in.
  const complete = [];
  const open = [];
  for (const e of onThread.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') complete.push(e);
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) complete.push({ ...b, ph: 'X', dur: e.ts - b.ts });
    }
  }
  const tasks = complete.filter((e) => TASK_NAMES.has(e.name) && e.dur !== undefined);
  // Nested RunTask events (toplevel inside devtools.timeline): keep the outermost.
  tasks.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const top = [];
  let end = -Infinity;
  for (const t of tasks) {
    if (t.ts >= end) {
      top.push({ ts: t.ts, dur: t.dur, tdur: t.tdur, script: false, names: new Set() });
      end = t.ts + t.dur;
    }
  }
  // Mark tasks in which the content script ran, by binary search of each script event's start.
  const scriptEvents = complete.filter((e) => runsScript(e, scriptUrl));
  const starts = top.map((t) => t.ts);
  const find = (ts) => {
    let lo = 0;
    let hi = starts.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= ts) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans >= 0 && ts < top[ans].ts + top[ans].dur ? top[ans] : null;
  };
  for (const e of scriptEvents) {
    const t = find(e.ts);
    if (t) {
      t.script = true;
      t.names.add(e.name);
    }
  }
  const navStart = parse.ts; // refined by the caller with the page's own clock when needed
  return {
    thread,
    parseStart: navStart / 1000,
    // `cpuMs`: the thread time Chromium records with the task (tdur), i.e. without the time the
    // thread was descheduled; null when the trace has none.
    tasks: top.map((t) => ({
      start: t.ts / 1000,
      ms: t.dur / 1000,
      cpuMs: typeof t.tdur === 'number' ? t.tdur / 1000 : null,
      script: t.script,
      names: [...t.names],
    })),
    scriptEventCount: scriptEvents.length,
  };
}
